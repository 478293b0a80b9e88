"""A desk file as text, timestamps left out, so two imports of the same files can be compared:
a change meant to make importing cheaper must leave this dump byte-identical.

    .venv/bin/python benchmarks/desk_dump.py DESK.db [--out FILE]
    .venv/bin/python benchmarks/desk_dump.py --import-dev [--out FILE]

Every table's rows in rowid (or key) order, the moments things happened blanked (`at`,
`imported_at`, `created_at`, `updated_at`), and each full-text index read back term by term
(fts5vocab, so the index's content is compared, not how its pages happened to be written).
`--import-dev` first imports the 105 dev web pages (`../shared/data/html-pages-dev/pages/`)
into a new desk with `factcheck import`, the command a checker types. The md5 of the dump is
printed last.
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from _common import isolated_env, shared_data

PAGES = shared_data("html-pages-dev/pages")
WHEN_COLUMNS = {"at", "imported_at", "created_at", "updated_at"}


def dump_lines(path: Path) -> Iterator[str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).fetchall()
        fts = {name for name, sql in tables if "VIRTUAL TABLE" in (sql or "").upper()}
        for name, _sql in tables:
            if name in fts or any(name.startswith(f"{table}_") for table in fts):
                continue
            yield from _table_lines(connection, name)
        for name in sorted(fts):
            connection.execute(
                f"CREATE VIRTUAL TABLE temp.vocab_{name} USING fts5vocab(main, {name}, instance)"
            )
            yield f"## fts {name}"
            for row in connection.execute(f"SELECT * FROM temp.vocab_{name} ORDER BY 1, 2, 3, 4"):
                yield repr(row)
    finally:
        connection.close()


def _table_lines(connection: sqlite3.Connection, name: str) -> Iterator[str]:
    columns = [row[1] for row in connection.execute(f"PRAGMA table_info('{name}')")]
    shown = ", ".join("''" if column in WHEN_COLUMNS else f'"{column}"' for column in columns)
    yield f"## {name} ({', '.join(columns)})"
    for row in connection.execute(f'SELECT {shown} FROM "{name}" ORDER BY {_order(columns)}'):
        yield repr(row)


def _order(columns: list[str]) -> str:
    return ", ".join(f'"{column}"' for column in columns)


def imported_dev_desk(folder: Path) -> Path:
    db = folder / "dev.db"
    factcheck = Path(sys.executable).with_name("factcheck")
    names = sorted(str(page) for page in PAGES.glob("*.html"))
    done = subprocess.run(
        [str(factcheck), "import", "--db", str(db), *names],
        capture_output=True,
        check=False,
        env=isolated_env(folder),
    )
    if done.returncode not in (0, 2):
        raise SystemExit(done.stderr.decode(errors="replace")[-2000:])
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", nargs="?", type=Path)
    parser.add_argument("--import-dev", action="store_true")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.import_dev:
            db = imported_dev_desk(Path(folder))
        elif args.db:
            db = args.db
        else:
            raise SystemExit("name a desk file, or --import-dev")
        text = "\n".join(dump_lines(db)) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print(hashlib.md5(text.encode()).hexdigest())


if __name__ == "__main__":
    main()
