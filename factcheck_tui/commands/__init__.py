"""Subcommands of the `factcheck` CLI, one module each, registered in `factcheck_tui.cli`."""
