"""The headless core: ingest, extraction, storage, matching and export.

Nothing under this package may import Textual (tests/test_import_hygiene.py proves it),
so the CLI, scripts and benchmarks can drive it without a terminal.
"""
