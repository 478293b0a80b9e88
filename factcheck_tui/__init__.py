"""factcheck: a keyboard-driven terminal app for newsroom fact-checkers.

Kept empty but for the version: importing the package must stay cheap, the CLI
imports Textual only when it opens the TUI.
"""

__version__ = "0.1.0"
