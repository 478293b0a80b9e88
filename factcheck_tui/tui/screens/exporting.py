"""Ask for a CSV path and export in a worker thread with a progress bar Escape cancels;
the notification carries the count."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.screen import Screen

from factcheck_tui.core.errors import FactcheckError
from factcheck_tui.core.export import default_export_name, export_csv
from factcheck_tui.core.store import Store
from factcheck_tui.tui.dialogs.progress import ProgressDialog, run_with_progress
from factcheck_tui.tui.dialogs.prompt import PromptDialog


def ask_and_export(screen: Screen[Any], *, article_id: int | None, title: str | None) -> None:
    store: Store = screen.app.store  # type: ignore[attr-defined]
    proposal = str(Path.cwd() / default_export_name(title))
    what = f"'{title}'" if title else "every article"
    app = screen.app

    def export(path: str, progress: ProgressDialog) -> None:
        try:
            with store.another_connection(read_only=True) as reader:
                count = export_csv(
                    reader,
                    Path(path).expanduser(),
                    article_id=article_id,
                    on_progress=lambda done, total: app.call_from_thread(
                        progress.advance, done, total
                    ),
                    should_cancel=progress.cancelled.is_set,
                )
        except FactcheckError as error:
            app.call_from_thread(progress.dismiss)
            app.call_from_thread(screen.notify, str(error), severity="error", markup=False)
            return
        app.call_from_thread(progress.dismiss)
        app.call_from_thread(screen.notify, f"Exported {count} claims to {path}", markup=False)

    def chosen(path: str | None) -> None:
        if path:
            run_with_progress(
                screen,
                f"Exporting the claims of {what} to {path}",
                lambda progress: export(path, progress),
                "export",
            )

    app.push_screen(
        PromptDialog(f"Export the claims of {what} with their checks to CSV", proposal), chosen
    )
