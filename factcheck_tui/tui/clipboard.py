"""Copy text out of the app both ways a checker might need, and say which one worked.

OSC 52 (Textual's `copy_to_clipboard`) reaches the clipboard of the terminal's machine, also
over SSH, if the terminal allows it; pyperclip reaches this machine's clipboard if there is
one. Neither can confirm success, so the message names what was tried and what failed.
"""

from __future__ import annotations

from textual.app import App


def copy_text(app: App[object], text: str) -> str:
    """Copy `text`; returns the notification to show."""
    app.copy_to_clipboard(text)
    try:
        import pyperclip

        pyperclip.copy(text)
    except Exception as error:  # PyperclipException on headless Linux, or OSError
        reason = str(error).split(".")[0][:80] or type(error).__name__
        return f"via the terminal (OSC 52); system clipboard unavailable: {reason}"
    return "to the system clipboard (pyperclip) and via the terminal (OSC 52)"
