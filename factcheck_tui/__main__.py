"""`python -m factcheck_tui` runs the same entry point as the `factcheck` command."""

from factcheck_tui.cli import main

raise SystemExit(main())
