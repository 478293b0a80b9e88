"""The `factcheck` command: bare `factcheck [DB]` opens the TUI, subcommands drive the core.

Each subcommand is one module of `factcheck_tui/commands/`: its `NAME`, its one-line `HELP`,
its docstring (the command's description in `--help`), `arguments(parser)` and `run(args)`.
Heavy modules are imported inside `run`, so `factcheck --help` and the shell commands never
pay for Textual.
"""

from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys
from collections.abc import Sequence
from typing import Any

from factcheck_tui import __version__
from factcheck_tui.commands import streams
from factcheck_tui.core.records.errors import FactcheckError, InputError

# Module names under factcheck_tui.commands, one a subcommand, in `--help`'s order.
COMMAND_MODULES: tuple[str, ...] = (
    "articles",
    "article",
    "export",
    "status",
    "extract",
    "reports",
    "match",
    "search",
    "archive",
    "assign",
    "backup",
)
# Every subcommand name, so `factcheck [DB]` can tell a database from a command without
# importing the command modules (tests/test_docs.py keeps this in step with them).
COMMAND_NAMES: tuple[str, ...] = (
    "archive",
    "article",
    "assign",
    "backup",
    "export",
    "extract",
    "import",
    "match",
    "reports",
    "search",
    "status",
)
EXIT_USAGE = 2
STDOUT_CLOSED = "standard output is closed: nothing was done (redirect it, or use -o FILE)"


class _Parser(argparse.ArgumentParser):
    """argparse, with the arguments it echoes (`invalid choice: '…'`) shown, never run."""

    def _print_message(self, message: str, file: Any = None) -> None:
        from factcheck_tui.core.records.display import printable

        super()._print_message(printable(message), file)


def _command_parser() -> tuple[_Parser, dict[str, _Parser]]:
    parser = _Parser(
        prog="factcheck",
        description="Fact-check articles claim by claim. Run with no command to open the TUI.",
    )
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        command = importlib.import_module(f"factcheck_tui.commands.{name}")
        parser_of_command = subparsers.add_parser(
            command.NAME, help=command.HELP, description=command.__doc__
        )
        command.arguments(parser_of_command)
        parser_of_command.set_defaults(handler=command.run)
    return parser, subparsers.choices


def _tui_parser(command_names: Sequence[str]) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="factcheck",
        description="Open the factcheck TUI on DB. Commands: "
        + ", ".join(command_names)
        + " (see `factcheck COMMAND --help`).",
    )
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    parser.add_argument(
        "db", nargs="?", help="database file (default: $FACTCHECK_DB or ./factcheck.db)"
    )
    parser.add_argument(
        "--checker",
        help="your name in the audit trail (default: $FACTCHECK_CHECKER or the OS user)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="open a working copy of the sample database"
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="with --demo: start over from the unchecked sample (your practice marks go)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (or the TUI); the standard streams are put back as they were."""
    saved = sys.stdin, sys.stdout, sys.stderr
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved


def _main(args_list: list[str]) -> int:
    first = next((arg for arg in args_list if not arg.startswith("-")), None)
    closed = streams.stdout_closed()
    streams.prepare_streams()
    args: argparse.Namespace | None = None
    try:
        if first is not None and first in COMMAND_NAMES:
            parser, _ = _command_parser()
            args = parser.parse_args(args_list)
            if closed and getattr(args, "output", "-") == "-":
                streams.say(STDOUT_CLOSED)
                return EXIT_USAGE
            code = int(args.handler(args) or 0)
            streams.finish_output()
            return code
        # Opening the TUI: no subcommand parsers (and their imports) on the way to the screen.
        args = _tui_parser(COMMAND_NAMES).parse_args(args_list)
        if closed:
            streams.say("standard output is closed: the TUI needs a terminal")
            return EXIT_USAGE
        if args.fresh and not args.demo:
            raise InputError("--fresh starts the demo over: use it with --demo")
        from factcheck_tui.tui.launch import run_tui

        return run_tui(db=args.db, checker=args.checker, demo=args.demo, fresh=args.fresh)
    except streams.OutputError as error:
        streams.silence_stdout()
        streams.say(str(error))
        return EXIT_USAGE
    except FactcheckError as error:
        streams.say(str(error))
        return EXIT_USAGE
    except sqlite3.DatabaseError as error:
        # Damage found only once a page is read: one line, never a traceback.
        from factcheck_tui.core.config import resolve_db_path

        where = resolve_db_path(getattr(args, "db", None))
        detail = " ".join(str(error).split())
        streams.say(f"{where}: cannot read the database ({detail}); it may be damaged")
        return EXIT_USAGE
    except KeyboardInterrupt:
        streams.say("interrupted")
        return 130
    except BrokenPipeError:
        # `factcheck export | head`: the reader left. Nothing to say, but the output is cut
        # short, so not a success either (as a tool killed by SIGPIPE).
        streams.silence_stdout()
        return streams.EXIT_BROKEN_PIPE
