"""The import keys' work (i, p, I in the article list): ask for a file, a glob, a link, pasted
text or a reports file; import in a worker of the App with the core's jobs
(core/intake/import_files.py, core/report_files/importing.py); ask whether a same-title article
is a new draft; say what landed. A failure is one notification from the App, which also closes
the progress dialog (FactcheckApp.on_job_ended)."""

from __future__ import annotations

import glob
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App

from factcheck_tui.core.records.models import counted
from factcheck_tui.core.store import Store
from factcheck_tui.tui.jobs import run_job

if TYPE_CHECKING:
    from factcheck_tui.core.intake.article_files import ParsedArticle
    from factcheck_tui.core.intake.importing import ImportResult
    from factcheck_tui.core.intake.revisions import RevisionMatch
    from factcheck_tui.tui.dialogs.progress import ProgressDialog

PROBLEMS_SHOWN = 3  # skipped report rows named in the import notification


class DeskImports:
    """Imports into the App's desk; `refresh` shows the article list again with what landed.
    Every import runs on a connection of its own, in a thread worker named for what it
    imports (the name a failure is reported under)."""

    def __init__(self, app: App[Any], refresh: Callable[[], None]) -> None:
        self.app = app
        self.store: Store = app.store  # type: ignore[attr-defined]
        self.refresh = refresh

    def _run(self, work: Callable[[], None], name: str) -> None:
        run_job(self.app, work, name=name, group="import")

    # ------------------------------------------------------------------ articles
    def ask_for_articles(self) -> None:
        from factcheck_tui.tui.dialogs.progress import run_with_progress
        from factcheck_tui.tui.dialogs.prompt import PromptDialog

        def chosen(path: str | None) -> None:
            if not path:
                return
            if path.lower().startswith(("http://", "https://")):
                from factcheck_tui.core.intake.fetch import shown_url  # urllib: not at start

                # A link: fetched in the worker thread, never on the UI thread, under a
                # progress dialog Escape cancels; however it ends, a notification says so.
                run_with_progress(
                    self.app, f"Fetching {shown_url(path)}", self._fetch(path), "import"
                )
                return
            paths = sorted(glob.glob(str(Path(path).expanduser()))) or [path]
            if len(paths) == 1:
                self._import_file(paths[0])
                return
            run_with_progress(
                self.app,
                f"Importing {counted(len(paths), 'article')}",
                lambda progress: self._import_many(paths, progress),
                "import",
            )

        self.app.push_screen(
            PromptDialog(
                "Import article file(s): .txt, .md, .html, .json, .docx, .odt, .rtf, .pdf "
                "(globs work), or a link",
                placeholder="~/articles/story.docx or https://…",
            ),
            chosen,
        )

    def ask_for_pasted_text(self) -> None:
        from factcheck_tui.core.intake.article_files import parse_article_text
        from factcheck_tui.tui.dialogs.paste_article import (
            PasteArticleDialog,
            read_system_clipboard,
        )

        def chosen(text: str | None) -> None:
            if text:
                name = "pasted text"
                self._run(lambda: self._import(parse_article_text(text, name=name)), name)

        self.app.push_screen(PasteArticleDialog(*read_system_clipboard()), chosen)

    def _fetch(self, url: str) -> Callable[[ProgressDialog], None]:
        def work(progress: ProgressDialog) -> None:
            from textual.worker import get_current_worker

            from factcheck_tui.core.intake.article_files import read_article_file

            worker = get_current_worker()  # cancelled when the app quits: the fetch stops

            def should_cancel() -> bool:
                return progress.cancelled.is_set() or worker.is_cancelled

            self._import(read_article_file(url, should_cancel=should_cancel))

        return work

    def _import_file(self, path: str) -> None:
        from factcheck_tui.core.intake.article_files import read_article_file

        self._run(lambda: self._import(read_article_file(path)), path)

    def _import_many(self, paths: list[str], progress: ProgressDialog) -> None:
        """Several files, with a progress bar Escape stops between files; one summary."""
        from factcheck_tui.core.intake.import_files import import_article_files
        from factcheck_tui.core.intake.importing import import_article

        with self.store.another_connection() as writer:
            done = import_article_files(
                paths,
                lambda article: import_article(writer, article),
                skip_on=(Exception,),  # a bug in one file, but the others still land
                on_progress=lambda count, total: self.app.call_from_thread(
                    progress.advance, count, total
                ),
                should_cancel=progress.cancelled.is_set,
            )
        severity = "warning" if done.refusals else "information"
        self.app.call_from_thread(self.app.notify, done.describe(), severity=severity)
        self.app.call_from_thread(self.refresh)

    def _import(self, article: ParsedArticle) -> None:
        """From the worker: import, unless a same-title article that is not clearly the same
        story is there, which is asked about first."""
        from factcheck_tui.core.db.articles import content_hash
        from factcheck_tui.core.intake.importing import import_article
        from factcheck_tui.core.intake.revisions import match_previous_revision

        with self.store.another_connection() as writer:
            known = writer.find_article_by_hash(content_hash(article.title, article.body))
            match = None if known else match_previous_revision(writer.conn, article)
            if match is not None and not match.decided:
                self.app.call_from_thread(self._ask_revision, article, match)
                return
            result = import_article(writer, article)
        self._report(result)

    def _ask_revision(self, article: ParsedArticle, match: RevisionMatch) -> None:
        """Is this import a new draft of the same-title article `match` names?"""
        from factcheck_tui.tui.dialogs.yes_no import YesNoDialog

        outlet = f" ({match.previous_outlet})" if match.previous_outlet else ""

        def answered(revision: bool | None) -> None:
            if revision is None:
                self.app.notify("Import cancelled: nothing was added")
                return
            revision_of = match.previous_id if revision else None
            self._run(lambda: self._import_decided(article, revision_of), article.title)

        self.app.push_screen(
            YesNoDialog(
                f"Is “{article.title}” a new draft of #{match.previous_id}{outlet}?",
                f"{match.reason[0].upper()}{match.reason[1:]}. As a revision, the checks of "
                f"#{match.previous_id} still valid are carried over; as a new article, both "
                "stay on the desk.",
                yes=f"revision {match.revision} of #{match.previous_id}",
                no="a new article",
            ),
            answered,
        )

    def _import_decided(self, article: ParsedArticle, revision_of: int | None) -> None:
        from factcheck_tui.core.intake.importing import import_article

        with self.store.another_connection() as writer:
            result = import_article(
                writer, article, revision_of=revision_of, new=revision_of is None
            )
        self._report(result)

    def _report(self, result: ImportResult) -> None:
        """From the worker: say what the import did, and show the list with it."""
        line = result.describe()
        # Upper-case the first letter only: str.capitalize() would lower-case the title.
        self.app.call_from_thread(self.app.notify, line[:1].upper() + line[1:])
        self.app.call_from_thread(self.refresh)

    # ------------------------------------------------------------------- reports
    def ask_for_reports(self) -> None:
        from factcheck_tui.tui.dialogs.progress import run_with_progress
        from factcheck_tui.tui.dialogs.prompt import PromptDialog

        def chosen(path: str | None) -> None:
            if path:
                run_with_progress(
                    self.app,
                    f"Importing prior reports from {path}",
                    lambda progress: self._import_reports(path, progress),
                    "import-reports",
                )

        self.app.push_screen(
            PromptDialog(
                "Import prior fact-check reports: CSV/TSV, JSON Lines, ClaimReview "
                "JSON-LD, or a Fact Check Tools API response",
                placeholder="~/reports/claimreview.jsonl",
            ),
            chosen,
        )

    def _import_reports(self, path: str, progress: ProgressDialog) -> None:
        """Worker: Escape in the dialog stops between batches."""
        from factcheck_tui.core.report_files.importing import import_report_files

        with self.store.another_connection() as writer:
            done = import_report_files(
                writer,
                [Path(path).expanduser()],
                on_progress=lambda count, total: self.app.call_from_thread(
                    progress.advance, count, total
                ),
                should_cancel=progress.cancelled.is_set,
            )
        for line in done.refusals:
            self.app.call_from_thread(self.app.notify, line, severity="error")
        for summary in done.summaries:
            self.app.call_from_thread(
                self.app.notify,
                summary.describe_with_problems(PROBLEMS_SHOWN),
                severity="warning" if summary.skipped else "information",
                timeout=20 if summary.skipped else 5,
            )
