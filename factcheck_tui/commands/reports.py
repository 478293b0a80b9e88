"""Prior fact-check reports: the reports `factcheck match` and the TUI suggest for each claim."""

from __future__ import annotations

import argparse
import sys

from factcheck_tui.commands.common import add_store_arguments, open_store, shown
from factcheck_tui.commands.streams import say

NAME = "reports"
HELP = "import prior fact-check reports (CSV, TSV, JSON Lines, ClaimReview JSON-LD, ...)"

EXIT_FAILED = 2
# Every readable file imported, but some rows were skipped (each named by line on stderr).
EXIT_ROWS_SKIPPED = 1
# Problem lines printed per file (the summary always gives the exact count).
PROBLEMS_SHOWN = 20


def arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="reports_command", metavar="ACTION", required=True)
    importing = actions.add_parser(
        "import",
        help="import report files; importing a file again updates its reports",
        description="Import CSV or TSV (header: claim/claim_reviewed/text, rating/verdict/label, "
        "publisher/author/site, url, date, title, language, id), JSON Lines, schema.org "
        "ClaimReview JSON-LD (an object, a list or a page's @graph; also .html pages) or a "
        "Google Fact Check Tools claims:search response. Reports are matched by id, else URL, "
        "else claim text + publisher, so importing again updates instead of duplicating. "
        "Every row is imported, updated, unchanged or skipped: a malformed row (even one with "
        "a stray quote) is skipped alone and named by line, and the exit status is 1; files "
        "that cannot be read are named and the exit status is 2.",
    )
    importing.add_argument("files", nargs="+", metavar="FILE", help="report files to import")
    add_store_arguments(importing)


def run(args: argparse.Namespace) -> int:
    from factcheck_tui.core.records.models import counted
    from factcheck_tui.core.report_files.importing import ImportSummary, import_report_files

    def imported(summary: ImportSummary) -> None:
        print(shown(summary.describe()))
        name = shown(summary.path.name)
        for problem in summary.problems[:PROBLEMS_SHOWN]:
            print(f"  {name}: {shown(problem)}", file=sys.stderr)
        hidden = summary.skipped - min(len(summary.problems), PROBLEMS_SHOWN)
        if hidden > 0:
            print(f"  {name}: … and {hidden} more skipped", file=sys.stderr)

    with open_store(args) as store:
        done = import_report_files(store, args.files, on_imported=imported, on_refused=say)
    if done.skipped:
        say(f"{counted(done.skipped, 'row')} skipped (named above by line)")
    if done.refusals:
        if len(args.files) > 1:  # one file's refusal is already its one line
            say(f"{len(done.refusals)} of {len(args.files)} files could not be imported")
        return EXIT_FAILED
    return EXIT_ROWS_SKIPPED if done.skipped else 0
