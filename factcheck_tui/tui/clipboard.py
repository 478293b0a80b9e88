"""Copy text out of the app both ways a checker might need, and say which one worked.

OSC 52 (Textual's `copy_to_clipboard`) reaches the clipboard of the terminal's machine, also
over SSH, if the terminal allows it; pyperclip reaches this machine's clipboard if there is
one. Neither can confirm success, so the message names what was tried and what failed.

What is copied never holds a control or bidi character (core/display.clipboard_text): a
report or a name from a file cannot smuggle an escape sequence into what the checker pastes.
A URL that is not http(s) (`javascript:`, `data:`, `file:`) is copied with a warning that
names its scheme: pasted into a browser it would not open a web page.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from textual.app import App

from factcheck_tui.core.records.display import clipboard_text, printable

WEB_SCHEMES = ("http", "https")


def copy_text(app: App[object], text: str) -> str:
    """Copy `text` (less any control or bidi character); returns the notification to show."""
    text = clipboard_text(text)
    app.copy_to_clipboard(text)
    try:
        import pyperclip

        pyperclip.copy(text)
    except Exception as error:  # PyperclipException on headless Linux, or OSError
        reason = str(error).split(".")[0][:80] or type(error).__name__
        return f"via the terminal (OSC 52); system clipboard unavailable: {reason}"
    return "to the system clipboard (pyperclip) and via the terminal (OSC 52)"


def copy_url(app: App[object], url: str) -> None:
    """Copy a report's or source's URL and say so; a warning when it is not a web link."""
    url = "".join(clipboard_text(url).split())  # a link has no spaces or line breaks
    how = copy_text(app, url)
    scheme = url_scheme(url)
    if scheme in WEB_SCHEMES:
        app.notify(f"Copied {url} {how}")
        return
    what = f"a {scheme}: link" if scheme else "not a link (no scheme)"
    app.notify(
        f"Copied {url} {how} — careful: {what}, not http(s); it may run code or open a "
        "local file if pasted into a browser",
        severity="warning",
        timeout=10,
    )


def url_scheme(url: str) -> str:
    """The URL's scheme, lower-cased ('' for none); shown, so made printable."""
    try:
        scheme = urlsplit(url.strip()).scheme
    except ValueError:
        scheme = url.partition(":")[0] if ":" in url else ""
    return printable(scheme.lower(), one_line=True)[:20]
