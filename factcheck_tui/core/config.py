"""Where things live and who is checking: the database path, the checker name, the config file.

Resolution order, as documented in the README:
- database: the command-line argument, else `FACTCHECK_DB`, else `./factcheck.db`;
- checker: `--checker`, else `FACTCHECK_CHECKER`, else the OS user name;
- config: `FACTCHECK_CONFIG`, else `$XDG_CONFIG_HOME/factcheck/config.toml`
  (`~/.config/factcheck/config.toml`).
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from pathlib import Path

from factcheck_tui.core.records.display import without_controls
from factcheck_tui.core.records.errors import InputError
from factcheck_tui.core.records.models import Organisation
from factcheck_tui.core.records.verdicts import DEFAULT_SCALE, Scale, scale_from_config

DEFAULT_DB_NAME = "factcheck.db"


def resolve_db_path(argument: str | None) -> Path:
    chosen = argument or os.environ.get("FACTCHECK_DB") or DEFAULT_DB_NAME
    return Path(chosen).expanduser()


def resolve_checker(argument: str | None) -> str:
    """The checker's name for the audit trail, on one line and without control characters
    (it is shown to every colleague on a shared desk)."""
    for given in (argument, os.environ.get("FACTCHECK_CHECKER")):
        name = " ".join(without_controls(given or "").split())
        if name:
            return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, e.g. in some containers
        return "checker"


def config_path() -> Path:
    if os.environ.get("FACTCHECK_CONFIG"):
        return Path(os.environ["FACTCHECK_CONFIG"]).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or str(_home("FACTCHECK_CONFIG") / ".config")
    return Path(base) / "factcheck" / "config.toml"


def data_dir() -> Path:
    """Where `factcheck --demo` keeps its working copy of the sample database."""
    base = os.environ.get("XDG_DATA_HOME") or str(_home("XDG_DATA_HOME") / ".local" / "share")
    return Path(base) / "factcheck"


def _home(instead: str) -> Path:
    try:
        return Path.home()
    except (RuntimeError, KeyError, OSError):  # no HOME and no passwd entry
        raise InputError(f"no home folder (HOME is not set): set HOME, or {instead}") from None


@dataclass(frozen=True)
class Config:
    """The user's config file.

    ```toml
    theme = "gruvbox"
    [keys]            # binding id = key(s), as Textual's App.set_keymap takes them
    "claims.verify" = "V"
    "claims.down" = "down,j,ctrl+n"
    [organisation]    # who publishes the desk's fact-checks: ClaimReview's author
    name = "Example Fact Check"
    url = "https://factcheck.example.org/"
    logo = "https://factcheck.example.org/logo.png"
    ```
    """

    keys: dict[str, str] = field(default_factory=dict)
    theme: str | None = None
    path: Path | None = None
    # The desk's rating scale and rules (see core/records/verdicts.py for the config keys).
    scale: Scale = DEFAULT_SCALE
    organisation: Organisation = field(default_factory=Organisation)


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file is an empty config, a broken one an InputError.
    The file comes through the one door for files (a FIFO or /dev/zero is refused, the
    size bounded); whatever TOML tomllib cannot take (deep nesting, a 5,000-digit number)
    is one line."""
    from factcheck_tui.core.intake.reading import MAX_SMALL_TEXT_BYTES, read_text_file

    path = path or config_path()
    try:
        os.stat(path)  # an unreadable folder on the way is said below, not taken as no file
    except (FileNotFoundError, NotADirectoryError):
        return Config(path=path)
    except OSError as error:
        raise InputError(
            f"config {path} cannot be read ({error.strerror or error}): fix its permissions, "
            "or set FACTCHECK_CONFIG (or XDG_CONFIG_HOME) to a readable place"
        ) from None
    except ValueError:  # a NUL in the name
        raise InputError(f"config {path}: not a possible file name") from None
    try:
        text = read_text_file(path, MAX_SMALL_TEXT_BYTES, "a config file (TOML)")
    except InputError as error:
        hint = (
            ": fix its permissions, or set FACTCHECK_CONFIG (or XDG_CONFIG_HOME) to a "
            "readable place"
            if "cannot read" in str(error)
            else ""
        )
        raise InputError(f"config {error}{hint}") from None
    import tomllib  # only when there is a config file to read

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"config {path} is not valid TOML: {error}") from None
    except RecursionError:
        raise InputError(f"config {path}: nested too deeply to be a config") from None
    except ValueError:  # an integer past Python's digit limit (4,300 digits)
        raise InputError(f"config {path}: holds a number too long to be a setting") from None
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in keys.items()
    ):
        raise InputError(f"config {path}: [keys] must map binding ids to key strings")
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise InputError(f"config {path}: theme must be a string")
    try:
        scale = scale_from_config(data)
    except InputError as error:
        raise InputError(f"{str(error).replace('config:', f'config {path}:', 1)}") from None
    organisation = _organisation(data.get("organisation", {}), path)
    return Config(keys=dict(keys), theme=theme, path=path, scale=scale, organisation=organisation)


ORGANISATION_KEYS = ("name", "url", "logo")


def _organisation(table: object, path: Path) -> Organisation:
    """The `[organisation]` table: name, url and logo, each a string on one line; url and
    logo http(s) addresses (they are published in ClaimReview)."""
    where = f"config {path}: [organisation]"
    if not isinstance(table, dict):
        raise InputError(f"{where} must be a table (name, url, logo)")
    unknown = sorted(set(table) - set(ORGANISATION_KEYS))
    if unknown:
        raise InputError(f"{where} has {unknown[0]!r}: only name, url and logo are read")
    values: dict[str, str] = {}
    for key in ORGANISATION_KEYS:
        value = table.get(key, "")
        if not isinstance(value, str):
            raise InputError(f"{where} {key} must be a string")
        value = " ".join(without_controls(value).split())
        if key != "name" and value and not value.lower().startswith(("http://", "https://")):
            raise InputError(f"{where} {key} {value!r}: an address starting with https://")
        values[key] = value
    if any(values.values()) and not values["name"]:
        raise InputError(f"{where} needs a name (ClaimReview's author is named by it)")
    return Organisation(**values)


def save_theme(theme: str, path: Path | None = None) -> None:
    """Remember the theme chosen in the palette, keeping the rest of the file as it is."""
    path = path or config_path()
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    lines = [line for line in lines if not line.strip().startswith("theme")]
    # theme must precede any [table] to stay a top-level key.
    lines.insert(0, f'theme = "{theme}"')
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
