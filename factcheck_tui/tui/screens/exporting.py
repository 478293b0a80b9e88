"""The export dialog's work: ask for a format and a file, ask before replacing a file, then
export in a worker thread with a progress bar Escape cancels; the notification carries the
count. The proposed folder is the desk's own, or the user's documents (core.export_folder).

In an article every format is of that article. In the article list, CSV and ClaimReview are of
every article, the Word copy and the HTML report of the highlighted one (each is one story).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.screen import Screen

from factcheck_tui.core.output.checked_csv import default_export_name, export_csv
from factcheck_tui.core.output.export_folder import export_folder
from factcheck_tui.core.store import Store
from factcheck_tui.tui.dialogs.progress import ProgressDialog, run_with_progress

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
    from factcheck_tui.tui.dialogs.export import ExportDialog, ExportRequest

    store: Store = screen.app.store  # type: ignore[attr-defined]
    app = screen.app
    single = (article_id, title) if article_id is not None else highlighted
    formats = (
        ("csv", "docx", "docx-all", "html", "claimreview") if single else ("csv", "claimreview")
    )
    names = {
        fmt: default_export_name(
            single[1] if single and (fmt in SINGLE_ARTICLE_FORMATS or article_id) else None, fmt
        )
        for fmt in formats
    }
    if article_id is not None:
        heading = f"Export '{title}' with its checks"
    elif highlighted is not None:
        heading = (
            f"Export the checks: CSV and ClaimReview of every article; the Word copy and the "
            f"report of '{highlighted[1]}'"
        )
    else:
        heading = "Export the checks of every article"

    def export(request: ExportRequest, path: Path, progress: ProgressDialog) -> None:
        target = article_id
        if request.fmt in SINGLE_ARTICLE_FORMATS and single is not None:
            target = single[0]
        what = "comments" if request.fmt.startswith("docx") else "claims"
        with store.another_connection(read_only=True) as reader:
            if request.fmt.startswith("docx"):
                from factcheck_tui.core.output.word_copy import export_docx

                count = export_docx(
                    reader,
                    path,
                    article_id=target,
                    include_unchecked=request.fmt == "docx-all",
                )
            elif request.fmt == "html":
                from factcheck_tui.core.output.html_report import export_html

                count = export_html(reader, path, article_id=target)
            elif request.fmt == "claimreview":
                from factcheck_tui.core.output.claimreview import export_claimreview

                count = export_claimreview(reader, path, article_id=target)
            else:
                count = export_csv(
                    reader,
                    path,
                    article_id=target,
                    on_progress=lambda done, total: app.call_from_thread(
                        progress.advance, done, total
                    ),
                    should_cancel=progress.cancelled.is_set,
                )
        # The App closes the dialog as the worker ends, and names a refusal (full disk, Escape).
        app.call_from_thread(screen.notify, f"Exported {count} {what} to {path}", markup=False)

    def start(request: ExportRequest, path: Path) -> None:
        run_with_progress(
            app,
            f"Exporting to {path}",
            lambda progress: export(request, path, progress),
            "export",
        )

    def chosen(request: ExportRequest | None) -> None:
        if request is None:
            return
        path = Path(request.path).expanduser()
        if path.is_file():
            from factcheck_tui.tui.dialogs.confirm import ConfirmDialog

            def replace(yes: bool | None) -> None:
                if yes:
                    start(request, path)
                else:
                    screen.notify(f"Not exported: {path} is unchanged", markup=False)

            app.push_screen(ConfirmDialog(f"{path} exists. Replace it?"), replace)
        else:
            start(request, path)

    app.push_screen(ExportDialog(heading, export_folder(store.path), names, formats), chosen)
