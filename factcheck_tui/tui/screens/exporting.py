"""Ask for a CSV path and export in a worker thread; the notification carries the count."""

from __future__ import annotations

from pathlib import Path

from textual.screen import Screen
from textual.worker import get_current_worker

from factcheck_tui.core.errors import FactcheckError
from factcheck_tui.core.export import default_export_name, export_csv
from factcheck_tui.core.store import Store
from factcheck_tui.tui.dialogs.prompt import PromptDialog


def ask_and_export(screen: Screen[object], *, article_id: int | None, title: str | None) -> None:
    store: Store = screen.app.store  # type: ignore[attr-defined]
    proposal = str(Path.cwd() / default_export_name(title))
    what = f"'{title}'" if title else "every article"

    def export(path: str) -> None:
        worker = get_current_worker()
        try:
            with store.another_connection(read_only=True) as reader:
                count = export_csv(reader, Path(path).expanduser(), article_id=article_id)
        except FactcheckError as error:
            if not worker.is_cancelled:
                screen.app.call_from_thread(
                    screen.notify, str(error), severity="error", markup=False
                )
            return
        screen.app.call_from_thread(
            screen.notify, f"Exported {count} claims to {path}", markup=False
        )

    def chosen(path: str | None) -> None:
        if path:
            screen.run_worker(
                lambda: export(path), thread=True, group="export", exit_on_error=False
            )

    screen.app.push_screen(
        PromptDialog(f"Export the checked claims of {what} to CSV", proposal), chosen
    )
