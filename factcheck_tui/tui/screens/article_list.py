"""The article list: every article with its date, title, outlet and checking progress."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Input, Static
from textual.widgets.data_table import ColumnKey

from factcheck_tui.core.desk.overview import SORT_KEYS, STATE_FILTERS, DeskView, first_direction
from factcheck_tui.core.records.errors import FactcheckError
from factcheck_tui.core.records.models import ArticleSummary, counted
from factcheck_tui.tui.screens.desk_changes import DeskChanges
from factcheck_tui.tui.widgets.desk_table import (
    COLUMN_WIDTHS,
    COLUMNS,
    TITLE_WIDTH,
    DeskTable,
    article_cells,
    title_width,
)
from factcheck_tui.tui.widgets.styles import shown

POLL_SECONDS = 1.0
FIRST_ROWS = 100
CHUNK_ROWS = 300
REST_DELAY = 0.4  # seconds before the rows past the first screenful are added


class ArticleListScreen(DeskChanges):
    BINDINGS: ClassVar[list[BindingType]] = [
        # Shown in the footer, in this order: what a checker does here most.
        Binding("enter", "open", "Open", id="articles.open", show=True),
        Binding("slash", "filter_text", "Filter", id="articles.filter", show=True),
        Binding("f", "cycle_state", "State", id="articles.state", show=True),
        Binding("s", "cycle_sort", "Sort", id="articles.sort", show=True),
        Binding("e", "export", "Export", id="articles.export", show=True),
        Binding("i", "import_file", "Import", id="articles.import", show=True),
        Binding("down,j", "cursor_down", "Next article", id="articles.down", show=False),
        Binding("up,k", "cursor_up", "Previous article", id="articles.up", show=False),
        Binding("home,g", "cursor_first", "First article", id="articles.first", show=False),
        Binding("end,G", "cursor_last", "Last article", id="articles.last", show=False),
        Binding("p", "paste_article", "Paste article", id="articles.paste", show=False),
        Binding("c", "cycle_checker", "Filter by checker", id="articles.checker", show=False),
        Binding("S", "reverse_sort", "Reverse sort", id="articles.reverse", show=False),
        Binding("H", "desk_history", "Desk history", id="articles.history", show=False),
        Binding(
            "F",
            "search_desk",
            "Search the whole desk (claims, notes, sources)",
            id="articles.search_desk",
            show=False,
        ),
        Binding("m", "toggle_mine", "Only mine (assigned to me)", id="articles.mine", show=False),
        Binding(
            "M", "edit_metadata", "Edit title, date, outlet, URLs", id="articles.edit", show=False
        ),
        Binding("u", "undo", "Undo the last change to the article", id="articles.undo", show=False),
        Binding(
            "I", "import_reports", "Import prior reports", id="articles.import_reports", show=False
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[ArticleSummary] = []
        self.all_summaries: list[ArticleSummary] = []
        self.view = DeskView()
        self._data_version = 0
        self._generation = 0
        self._resumed = False
        self._title_width = TITLE_WIDTH

    def compose(self) -> ComposeResult:
        yield Static(id="list-title", markup=False)
        # The filter box is mounted on the first `/`: the first screen does not pay for it.
        yield DeskTable(id="articles", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        self.reload()
        table.focus()
        self._data_version = self.store.data_version()
        self.set_interval(POLL_SECONDS, self._poll_other_checkers)

    def on_resize(self) -> None:
        if title_width(self.app.size.width) != self._title_width:
            self.reload()

    def on_screen_resume(self) -> None:
        # Coming back from an article: its marks changed the counts. The first resume comes
        # with the first mount, which has just loaded the list.
        if self._resumed:
            self.reload()
        self._resumed = True

    def reload(self) -> None:
        table = self.query_one(DataTable)
        self._title_width = title_width(self.app.size.width)
        if not table.columns:  # resume can come before mount
            # Fixed widths: measuring every cell of a big desk costs more than drawing it.
            for column in COLUMNS:
                width = self._title_width if column == "title" else COLUMN_WIDTHS[column]
                table.add_column(column.capitalize(), key=column, width=width)
        else:
            table.columns[ColumnKey("title")].width = self._title_width
        row = table.cursor_row
        chosen = self.summaries[row].id if 0 <= row < len(self.summaries) else None
        self.all_summaries = self.store.list_articles()
        self.summaries = self.view.apply(self.all_summaries)
        current = self._row_of(chosen, fallback=row)
        table.clear()
        self._generation += 1
        # The first screenful is filled before the first paint; the rest right after, so a
        # desk of thousands of articles opens as fast as a small one.
        self._add_rows(self.summaries[:FIRST_ROWS])
        if len(self.summaries) > FIRST_ROWS:
            # After the first frame is out (start-up paints within ~0.4 s), in chunks, so
            # keys stay live meanwhile.
            generation = self._generation
            self.set_timer(REST_DELAY, lambda: self._add_rest(generation, FIRST_ROWS, current))
        if self.summaries:
            table.move_cursor(row=min(current, len(self.summaries) - 1))
        if getattr(self.app, "practice", False):
            title = Text("factcheck — PRACTICE COPY of the sample", style="bold yellow")
            title.append(" (factcheck --demo --fresh starts over)", style="yellow")
        else:
            title = Text(f"factcheck — {self.store.path}", style="bold")
        title.append(
            f" — {len(self.summaries)} of {counted(len(self.all_summaries), 'article')} · "
            f"{sum(a.ready for a in self.summaries)} ready · "
            f"checker {self.store.checker}"
        )
        title.append(f"\n{self.view.describe()}", style="dim")
        if self.store.read_only:
            title.append(" · READ-ONLY: changes are not saved", style="bold red")
            if self.store.is_snapshot:
                title.append(" (the desk as it was when opened)", style="red")
        if not self.all_summaries:
            title.append("\nNo articles yet: press i to import a file or p to paste one.")
        self.query_one("#list-title", Static).update(shown(title))

    def _row_of(self, article_id: int | None, fallback: int) -> int:
        """The row of the article the cursor was on (or of the draft that replaced it), so a
        refresh that re-sorts the desk never leaves Enter pointing at another article."""
        ids = [summary.id for summary in self.summaries]
        seen = 0
        while article_id is not None and seen < 100:
            if article_id in ids:
                return ids.index(article_id)
            newer = self.store.newer_revision(article_id)
            article_id = newer[0] if newer else None
            seen += 1
        return fallback

    def _add_rest(self, generation: int, start: int, cursor: int) -> None:
        if generation != self._generation:  # superseded by a newer reload
            return
        end = start + CHUNK_ROWS
        self._add_rows(self.summaries[start:end])
        if end < len(self.summaries):
            self.set_timer(0.01, lambda: self._add_rest(generation, end, cursor))
        elif cursor >= FIRST_ROWS:
            self.query_one(DataTable).move_cursor(row=min(cursor, len(self.summaries) - 1))

    def _add_rows(self, summaries: list[ArticleSummary]) -> None:
        table = self.query_one(DataTable)
        for summary in summaries:
            table.add_row(*article_cells(summary, self._title_width), key=str(summary.id))

    def _poll_other_checkers(self) -> None:
        version = self.store.data_version()
        if version != self._data_version and self.is_current:
            self._data_version = version
            self.reload()

    # ------------------------------------------------------------- desk view
    def _set_view(self, **changes: object) -> None:
        from dataclasses import replace

        self.view = replace(self.view, **changes)  # type: ignore[arg-type]
        self.reload()

    def action_filter_text(self) -> None:
        boxes = self.query("#article-filter")
        if boxes:
            box = boxes.first(Input)
            box.display = True
            box.focus()
            return
        box = Input(
            placeholder="filter by title or outlet (enter or escape returns)", id="article-filter"
        )
        self.mount(box, before=self.query_one(DataTable))
        box.focus()

    @on(Input.Changed, "#article-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._set_view(text=event.value)

    @on(Input.Submitted, "#article-filter")
    def _filter_done(self) -> None:
        self.query_one(DataTable).focus()

    def key_escape(self) -> None:
        """Escape in the filter clears it (the whole desk again); Enter keeps it."""
        boxes = self.query("#article-filter")
        if not boxes:
            return
        box = boxes.first(Input)
        if box.has_focus:
            box.value = ""
            box.display = False
            if self.view.text:
                self._set_view(text="")
            self.query_one(DataTable).focus()

    def action_cycle_state(self) -> None:
        index = STATE_FILTERS.index(self.view.state)
        self._set_view(state=STATE_FILTERS[(index + 1) % len(STATE_FILTERS)])

    def action_cycle_checker(self) -> None:
        checkers = ["", *sorted({c for a in self.all_summaries for c in a.checkers})]
        index = checkers.index(self.view.checker) if self.view.checker in checkers else 0
        self._set_view(checker=checkers[(index + 1) % len(checkers)])

    def action_cycle_sort(self) -> None:
        keys = list(SORT_KEYS)
        key = keys[(keys.index(self.view.sort) + 1) % len(keys)]
        self._set_view(sort=key, descending=first_direction(key))

    def action_reverse_sort(self) -> None:
        self._set_view(descending=not self.view.descending)

    @on(DataTable.HeaderSelected)
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        if key in SORT_KEYS:
            same = key == self.view.sort
            self._set_view(
                sort=key, descending=not self.view.descending if same else first_direction(key)
            )

    def _current_summary(self) -> ArticleSummary | None:
        row = self.query_one(DataTable).cursor_row
        return self.summaries[row] if 0 <= row < len(self.summaries) else None

    def action_edit_metadata(self) -> None:
        """M: the highlighted article's title, date, outlet, URL and published URL, one per
        line, to edit."""
        from factcheck_tui.core.desk.article_changes import (
            EditArticle,
            metadata_lines,
            read_metadata_lines,
        )
        from factcheck_tui.tui.dialogs.text_edit import TextEditDialog

        summary = self._current_summary()
        if summary is None:
            return
        article = self.store.article(summary.id)
        current = {
            "title": article.title,
            "date": article.date,
            "outlet": article.outlet,
            "url": article.url,
            "published_url": article.published_url,
        }

        def edited(text: str | None) -> None:
            if text is None:
                return
            try:
                fields = read_metadata_lines(text)
            except FactcheckError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            # Only the lines the checker changed: a field left as imported (a date a page
            # gave wrong) never blocks saving another.
            fields = tuple((name, value) for name, value in fields if value != current[name])
            if not fields:
                self.notify(f"#{summary.id}: nothing changed", markup=False)
                return
            self._desk_change(
                EditArticle(summary.id, fields), f"#{summary.id}: details saved (u undoes)"
            )

        self.app.push_screen(
            TextEditDialog(
                f"Details of #{summary.id}",
                "One line each: title, date (YYYY-MM-DD), outlet, url, published_url (where "
                "our fact-check of it appears: ClaimReview's url)",
                metadata_lines(current),
            ),
            edited,
        )

    def action_undo(self) -> None:
        """u: undo this checker's latest change to the highlighted article (a details edit,
        or a claim's check made in it)."""
        summary = self._current_summary()
        if summary is None:
            return
        try:
            message = self.store.undo(summary.id)
        except FactcheckError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.notify(message or "nothing to undo in this article", markup=False)
        self.reload()

    def action_toggle_mine(self) -> None:
        self._set_view(owner="" if self.view.owner else self.store.checker)

    def action_search_desk(self) -> None:
        from factcheck_tui.tui.screens.article import ArticleScreen
        from factcheck_tui.tui.screens.desk_search import DeskSearchScreen

        def chosen(hit: Any) -> None:
            if hit is not None:
                self.app.push_screen(ArticleScreen(hit.article_id, focus_claim=hit.claim_id))

        self.app.push_screen(DeskSearchScreen(self.store), chosen)

    def action_desk_history(self) -> None:
        from factcheck_tui.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(claim_id=None))

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    def action_cursor_first(self) -> None:
        self.query_one(DataTable).move_cursor(row=0)

    def action_cursor_last(self) -> None:
        self.query_one(DataTable).move_cursor(row=max(len(self.summaries) - 1, 0))

    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        from factcheck_tui.tui.screens.article import ArticleScreen

        table = self.query_one(DataTable)
        if not self.summaries:
            return
        summary = self.summaries[table.cursor_row]
        self.app.push_screen(ArticleScreen(summary.id))

    # ----------------------------------------------------------------- import
    def action_import_file(self) -> None:
        from factcheck_tui.tui.screens.importing import DeskImports

        DeskImports(self.app, self.reload).ask_for_articles()

    def action_paste_article(self) -> None:
        from factcheck_tui.tui.screens.importing import DeskImports

        DeskImports(self.app, self.reload).ask_for_pasted_text()

    def action_import_reports(self) -> None:
        from factcheck_tui.tui.screens.importing import DeskImports

        DeskImports(self.app, self.reload).ask_for_reports()

    def action_export(self) -> None:
        from factcheck_tui.tui.screens.exporting import ask_and_export

        table = self.query_one(DataTable)
        highlighted = None
        if self.summaries and 0 <= table.cursor_row < len(self.summaries):
            summary = self.summaries[table.cursor_row]
            highlighted = (summary.id, summary.title)
        ask_and_export(self, article_id=None, title=None, highlighted=highlighted)
