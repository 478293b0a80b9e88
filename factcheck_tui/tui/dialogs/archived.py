"""The archived articles (`R` in the article list), the last archived first: `r` or enter
restores the highlighted one to the desk, ctrl+z takes back the desk's last archive, restore
or assignment, escape goes back to the list."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from factcheck_tui.core.db.desk_meta import ArchivedArticle
from factcheck_tui.core.store import Store
from factcheck_tui.tui.desk_wait import refusals_shown
from factcheck_tui.tui.dialogs.dialog import Dialog
from factcheck_tui.tui.widgets.styles import shown


def archived_prompt(article: ArchivedArticle) -> Text:
    prompt = Text()
    prompt.append(f"#{article.id} ", style="bold")
    prompt.append(article.title, style="bold")
    details = " · ".join(part for part in (article.date, article.outlet) if part)
    if details:
        prompt.append(f" · {details}")
    when = article.archived_at[:16].replace("T", " ")
    prompt.append(f"\n   archived {when} UTC by {article.archived_by or '?'}", style="dim")
    return shown(prompt)


class ArchivedDialog(Dialog[None]):
    """Dismissed with None; the list reloads after it whatever was restored."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "restore", "Restore to the desk", id="archived.restore", show=True),
        Binding("ctrl+z", "undo", "Undo the last archive or restore", id="archived.undo"),
        Binding("escape", "close", "Back to the articles", id="archived.close", show=True),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__(
            "Archived articles",
            "r or enter restore to the desk · ctrl+z undo · escape back to the articles",
        )
        self.store = store
        self.articles: list[ArchivedArticle] = []

    def body(self) -> ComposeResult:
        yield OptionList(id="archived")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self) -> None:
        if not self.is_attached:  # a restore saved after the dialog closed
            return
        options = self.query_one(OptionList)
        index = options.highlighted or 0
        self.articles = self.store.archived_articles()
        options.set_options(Option(archived_prompt(article)) for article in self.articles)
        if not self.articles:
            options.add_option(
                Option(Text("No archived articles: A in the list archives one."), disabled=True)
            )
        else:
            options.highlighted = min(index, len(self.articles) - 1)

    def _change(self, run: Callable[[], str | None]) -> None:
        """Run a store call (a restore or an undo) and say what it did, or why not."""
        with refusals_shown(self, self._fill):
            message = run()
            if message:
                self.notify(message, markup=False)
            self._fill()

    def action_restore(self) -> None:
        from factcheck_tui.core.desk.article_changes import ArchiveArticle

        index = self.query_one(OptionList).highlighted
        if index is None or index >= len(self.articles):
            return
        article = self.articles[index]

        def restore() -> str:
            self.store.apply(ArchiveArticle(article.id, restore=True))
            return f"Restored #{article.id} {article.title} to the desk (ctrl+z archives it again)"

        self._change(restore)

    @on(OptionList.OptionSelected, "#archived")
    def _chosen(self) -> None:  # enter on the list
        self.action_restore()

    def action_undo(self) -> None:
        self._change(lambda: self.store.undo(desk=True) or "Nothing to undo on the desk")

    def action_close(self) -> None:
        self.dismiss(None)
