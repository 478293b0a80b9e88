"""The Textual layer: screens, dialogs and widgets over factcheck_tui.core."""
