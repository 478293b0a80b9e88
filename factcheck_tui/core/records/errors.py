"""Errors that carry one line a user can act on.

The CLI prints `str(error)` to stderr and exits 2; the TUI shows it as a notification.
Anything else escaping is a bug.
"""


class FactcheckError(Exception):
    """A failure caused by the user's input or environment, with a one-line message."""


class ChangeRefused(FactcheckError, ValueError):
    """A change the claim's state or the desk's rules refuse (nothing was changed): a split
    outside the text, a merge of the last claim, a mark on a superseded draft. Also a
    ValueError, which such refusals were before they were typed."""


class InputError(FactcheckError):
    """An article, report or config file that cannot be read as asked."""


class DatabaseError(FactcheckError):
    """A database path that is not a usable factcheck database."""


class DeskBusy(DatabaseError):
    """Another program held the desk's write lock for the whole busy timeout: nothing is
    wrong with the file, and the change (`change`, when a change was refused) can be tried
    again."""

    change: object = None


class ReadOnlyError(DatabaseError):
    """A change was asked of a database opened read-only."""


def unexpected_failure(what: str, error: BaseException) -> str:
    """One line for an error no check foresaw (a bug): what failed and the error's own words,
    for the TUI to show rather than leave a worker failing silently."""
    from factcheck_tui.core.records.display import printable

    detail = printable(" ".join(str(error).split())[:200])
    return f"{printable(what)}: failed ({type(error).__name__}{': ' + detail if detail else ''})"
