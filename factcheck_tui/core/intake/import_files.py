"""Import article files one after another: the one job behind `factcheck import FILE...` and
the TUI's import of several files, each file read (core/intake/article_files.py) and handed to
the importer the caller gives (core/intake/importing.py `import_article` on its desk)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factcheck_tui.core.intake.article_files import ParsedArticle, read_article_file
from factcheck_tui.core.records.errors import FactcheckError, InputError, unexpected_failure
from factcheck_tui.core.records.models import counted

if TYPE_CHECKING:
    from factcheck_tui.core.intake.importing import ImportResult

REFUSALS_NAMED = 3  # in `describe()`: the first few failed files, then …


@dataclass(slots=True)
class ArticleFileImports:
    """What importing several article files did: a result for each file imported (or found
    already on the desk), and the one line of each file that failed."""

    results: list[ImportResult] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    cancelled: bool = False

    def describe(self) -> str:
        """`Imported 3 articles, 0 already here, 1 failed: story9.txt: the file is empty`."""
        created = sum(result.created for result in self.results)
        text = (
            f"Imported {counted(created, 'article')}, {len(self.results) - created} already "
            f"here, {len(self.refusals)} failed"
        )
        if self.cancelled:
            text += " (cancelled)"
        if self.refusals:
            named = self.refusals[:REFUSALS_NAMED]
            text += ": " + "; ".join(named) + (" …" if len(self.refusals) > len(named) else "")
        return text


def import_article_files(
    names: Sequence[str],
    import_one: Callable[[ParsedArticle], ImportResult],
    *,
    fmt: str | None = None,
    skip_on: tuple[type[Exception], ...] = (InputError,),
    on_imported: Callable[[ImportResult], None] | None = None,
    on_refused: Callable[[str], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> ArticleFileImports:
    """Read each file (or link; `-` is standard input) as `fmt`, or as its name says, and
    import it with `import_one`. A failure of a kind in `skip_on` is that file's one line
    (`on_refused`) and the others still land; anything else stops the job. `on_imported`
    hears each import as it ends, `on_progress(done, total)` each file done;
    `should_cancel()` is polled before each file."""
    done = ArticleFileImports()
    for count, name in enumerate(names, start=1):
        if should_cancel and should_cancel():
            break
        try:
            result = import_one(read_article_file(name, fmt=fmt))
        except skip_on as error:
            line = (
                str(error) if isinstance(error, FactcheckError) else unexpected_failure(name, error)
            )
            done.refusals.append(line)
            if on_refused:
                on_refused(line)
        else:
            done.results.append(result)
            if on_imported:
                on_imported(result)
        if on_progress:
            on_progress(count, len(names))
    # Asked to stop, even during the last file: the summary says so.
    done.cancelled = bool(should_cancel and should_cancel())
    return done
