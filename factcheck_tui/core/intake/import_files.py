"""Import article files one after another: the one job behind `factcheck import FILE...` and
the TUI's import of several files, each file read (core/intake/article_files.py) and handed to
the importer the caller gives (core/intake/importing.py `import_article` on its desk).

A batch from the command line is read in worker processes, one per CPU core: reading a page
and scoring its sentences is most of an import, and needs no desk. The desk is written by this
process alone, in the order the files were named, so the result is the same as one by one.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import itertools
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factcheck_tui.core.intake.article_files import ParsedArticle, read_article_file
from factcheck_tui.core.records.errors import FactcheckError, InputError, unexpected_failure
from factcheck_tui.core.records.models import counted

if TYPE_CHECKING:
    from factcheck_tui.core.intake.importing import ImportResult

REFUSALS_NAMED = 3  # in `describe()`: the first few failed files, then …
# A batch this big is read in worker processes; a smaller one would wait for them to start.
PARALLEL_MIN_FILES = 4
MAX_WORKERS = 8
AHEAD_PER_WORKER = 4  # files read ahead of the desk, so a big batch is not all in memory


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
    one_at_a_time: bool = False,
    articles: Iterator[Callable[[], ParsedArticle]] | None = None,
) -> ArticleFileImports:
    """Read each file (or link; `-` is standard input) as `fmt`, or as its name says, and
    import it with `import_one`. A failure of a kind in `skip_on` is that file's one line
    (`on_refused`) and the others still land; anything else stops the job. `on_imported`
    hears each import as it ends, `on_progress(done, total)` each file done;
    `should_cancel()` is polled before each file. `one_at_a_time` reads no file in a worker
    process (a profile of this process sees all the work). `articles`: the files already
    being read (`articles_read`), where the caller started that before opening its desk."""
    done = ArticleFileImports()
    with contextlib.ExitStack() as stack:
        if articles is None:
            articles = stack.enter_context(articles_read(names, fmt, one_at_a_time=one_at_a_time))
        for count, (name, read) in enumerate(zip(names, articles, strict=True), start=1):
            if should_cancel and should_cancel():
                break
            try:
                result = import_one(read())
            except skip_on as error:
                line = (
                    str(error)
                    if isinstance(error, FactcheckError)
                    else unexpected_failure(name, error)
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


@contextlib.contextmanager
def articles_read(
    names: Sequence[str], fmt: str | None = None, *, one_at_a_time: bool = False
) -> Iterator[Iterator[Callable[[], ParsedArticle]]]:
    """For each name in order, a call giving its article (or raising its refusal). A batch
    is read ahead in worker processes, which start here: a caller opens its desk after this,
    while they read. On leaving, the workers stop and files not begun are not read."""
    articles = _read_in_order(names, fmt, 0 if one_at_a_time else _worker_count(names))
    try:
        first = next(articles, None)  # starts the workers
        yield itertools.chain(() if first is None else (first,), articles)
    finally:
        articles.close()


def _read_in_order(
    names: Sequence[str], fmt: str | None, workers: int
) -> Generator[Callable[[], ParsedArticle], None, None]:
    """For each name in order, a call giving its article (or raising its refusal). In
    `workers` processes, where each article comes with its sentences scored; here, one file
    at a time, when fewer than two."""
    if workers < 2:
        for name in names:
            yield functools.partial(read_article_file, name, fmt=fmt)
        return
    # The first file is read here: that loads the page libraries and the scoring model once,
    # and the workers, forked after it, share them. Forked, they start at once; and
    # `_worker_count` allows it only in a process with no other thread (the command line's).
    first = _settled(names[0], fmt)
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        pending: collections.deque[Callable[[], ParsedArticle]] = collections.deque([first])
        queued = iter(names[1:])
        try:
            for name in queued:
                pending.append(_submitted(pool, name, fmt))
                if len(pending) >= workers * AHEAD_PER_WORKER:
                    yield pending.popleft()
            while pending:
                yield pending.popleft()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _settled(name: str, fmt: str | None) -> Callable[[], ParsedArticle]:
    """A call giving the file's article, read now (its refusal raised when called)."""
    try:
        article = read_and_score(name, fmt)
    except Exception as error:  # raised where the article is asked for, as a worker's is
        failure = error

        def refused() -> ParsedArticle:
            raise failure

        return refused
    return lambda: article


def _submitted(
    pool: ProcessPoolExecutor, name: str, fmt: str | None
) -> Callable[[], ParsedArticle]:
    """A call giving the file's article from a worker; read here instead once a worker was
    killed (out of memory, a signal), which leaves the pool unusable."""
    try:
        future = pool.submit(read_and_score, name, fmt)
    except BrokenProcessPool:
        return functools.partial(read_and_score, name, fmt)

    def result() -> ParsedArticle:
        try:
            return future.result()
        except BrokenProcessPool:
            return read_and_score(name, fmt)

    return result


def _worker_count(names: Sequence[str]) -> int:
    """Worker processes for a batch: one per core, none for a few files, for standard input
    (only this process can read it) or where forking is not safe (another thread runs: the
    TUI's import job; or not Linux)."""
    if len(names) < PARALLEL_MIN_FILES or "-" in names or not sys.platform.startswith("linux"):
        return 0
    if threading.active_count() > 1:
        return 0
    return min(len(os.sched_getaffinity(0)), MAX_WORKERS, len(names))


def read_and_score(name: str, fmt: str | None) -> ParsedArticle:
    """A file read, with its sentences scored as `import_article` would score them."""
    from factcheck_tui.core.intake.importing import with_scored_sentences

    return with_scored_sentences(read_article_file(name, fmt=fmt))
