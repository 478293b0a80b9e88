"""Where an export is proposed: somewhere an editor's file belongs, never the code checkout.

The desk's own folder (beside the database file) is the natural place, unless that folder is
inside factcheck's source checkout (`sample_db/`, a database made in the repository) or a
hidden application folder (the `--demo` copy in ~/.local/share/factcheck): then the user's
Documents folder (`$XDG_DOCUMENTS_DIR`, else ~/Documents), else the home folder.
"""

from __future__ import annotations

import os
from pathlib import Path


def code_checkout() -> Path | None:
    """The source checkout factcheck runs from, if it runs from one (an editable install)."""
    root = Path(__file__).resolve().parents[3]
    return root if (root / "pyproject.toml").is_file() else None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def documents_folder() -> Path:
    home = Path.home()
    named = os.environ.get("XDG_DOCUMENTS_DIR", "")
    for candidate in (Path(named).expanduser() if named else None, home / "Documents"):
        if candidate is not None and candidate.is_dir():
            return candidate
    return home


def export_folder(database: Path | None) -> Path:
    """The folder to propose for an export of the desk at `database`."""
    if database is not None:
        folder = Path(database).expanduser().resolve().parent
        checkout = code_checkout()
        hidden = any(part.startswith(".") for part in folder.relative_to(folder.anchor).parts)
        if folder.is_dir() and not hidden and not (checkout and _inside(folder, checkout)):
            return folder
    return documents_folder()
