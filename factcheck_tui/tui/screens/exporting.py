"""The export dialog's work: ask for a format and a file, ask before replacing a file, then
export in a worker thread with a progress bar Escape cancels; the notification carries the
count. The proposed folder is the desk's own, or the user's documents (core.export_folder).

In an article every format is of that article. In the article list, CSV, the spreadsheet and
ClaimReview are of every article, the Word copy and the HTML report of the highlighted one
(each is one story). ClaimReview's author is the config's `[organisation]`; what it lacks
that Google asks for (a review without a url) is a warning beside the count.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from textual.screen import Screen

from factcheck_tui.core.config import Config
from factcheck_tui.core.output.checked_csv import CHECKED, default_export_name
from factcheck_tui.core.output.export_folder import export_folder
from factcheck_tui.core.output.export_job import export_checks
from factcheck_tui.core.store import Store
from factcheck_tui.tui.dialogs.progress import ProgressDialog, run_with_progress

if TYPE_CHECKING:
    from factcheck_tui.tui.dialogs.export import ExportRequest

SINGLE_ARTICLE_FORMATS = ("docx", "docx-all", "html")


def ask_and_export(
    screen: Screen[Any],
    *,
    article_id: int | None,
    title: str | None,
    highlighted: tuple[int, str] | None = None,
) -> None:
    """`article_id`/`title`: the article exported (None: every article); `highlighted`: in
    the article list, the (id, title) the Word copy and the report would be of."""
    from factcheck_tui.tui.dialogs.export import ExportDialog

    store: Store = screen.app.store  # type: ignore[attr-defined]
    single = (article_id, title) if article_id is not None else highlighted
    formats = (
        ("csv", "xlsx", "docx", "docx-all", "html", "claimreview", "csv-facts")
        if single
        else ("csv", "xlsx", "claimreview", "csv-facts")
    )
    names = {
        fmt: default_export_name(
            single[1] if single and (fmt in SINGLE_ARTICLE_FORMATS or article_id) else None, fmt
        )
        for fmt in formats
    }

    def chosen(request: ExportRequest | None) -> None:
        if request is None:
            return
        target = article_id
        if request.fmt in SINGLE_ARTICLE_FORMATS and single is not None:
            target = single[0]
        _confirm_then_export(screen, store, request, target)

    heading = _heading(article_id, title, highlighted)
    screen.app.push_screen(ExportDialog(heading, export_folder(store.path), names, formats), chosen)


def _heading(article_id: int | None, title: str | None, highlighted: tuple[int, str] | None) -> str:
    if article_id is not None:
        return f"Export '{title}' with its checks"
    if highlighted is not None:
        return (
            "Export the checks: CSV, spreadsheet and ClaimReview of every article; the Word "
            f"copy and the report of '{highlighted[1]}'"
        )
    return "Export the checks of every article"


def _confirm_then_export(
    screen: Screen[Any], store: Store, request: ExportRequest, article_id: int | None
) -> None:
    """Ask before replacing a file; then export."""
    path = Path(request.path).expanduser()
    if not path.is_file():
        _export(screen, store, request, path, article_id)
        return
    from factcheck_tui.tui.dialogs.confirm import ConfirmDialog

    def replace(yes: bool | None) -> None:
        if yes:
            _export(screen, store, request, path, article_id)
        else:
            screen.notify(f"Not exported: {path} is unchanged", markup=False)

    screen.app.push_screen(ConfirmDialog(f"{path} exists. Replace it?"), replace)


def _export(
    screen: Screen[Any], store: Store, request: ExportRequest, path: Path, article_id: int | None
) -> None:
    """The export in a worker, on a connection of its own, with a progress bar Escape
    cancels; a notification says what was written (and what the file lacks), or why
    nothing was."""
    app = screen.app
    config: Config = getattr(app, "config", None) or Config()

    def export(progress: ProgressDialog) -> None:
        with store.another_connection(read_only=True) as reader:
            exported = export_checks(
                reader,
                path,
                request.fmt,
                article_id=article_id,
                status=CHECKED if request.checked_only else None,
                excel=request.bom,
                organisation=config.organisation,
                on_progress=lambda done, total: app.call_from_thread(progress.advance, done, total),
                should_cancel=progress.cancelled.is_set,
            )
        # The App closes the dialog as the worker ends, and names a refusal (full disk, Escape).
        only = " (checked claims only)" if request.checked_only else ""
        message = f"Exported {exported.counted}{only} to {path}"
        severity: Literal["information", "warning"] = "information"
        if exported.warnings:
            message += "\n" + "\n".join(exported.warnings)
            severity = "warning"
        app.call_from_thread(partial(screen.notify, message, severity=severity, markup=False))

    run_with_progress(app, f"Exporting to {path}", export, "export")
