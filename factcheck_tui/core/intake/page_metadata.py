"""A web page's metadata, read from the page's own declarations before the extractor's
guesses: the title from og:title / twitter:title / h1 / JSON-LD headline before `<title>`,
with a site-name segment ("| Reuters") cut and a title that is only the site's name
("POLITICO") refused; the date from article:published_time / JSON-LD datePublished (the
publication, not the last update); the outlet from JSON-LD publisher, og:site_name or
application-name, the one that matches the page's host first (og:site_name is a section on
some sites: Reuters says "U.S."); the URL from `<link rel=canonical>`, else og:url, else where
it was fetched.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from factcheck_tui.core.intake.reading import loads_untrusted
from factcheck_tui.core.text.json_ld import script_blocks, typed_objects

if TYPE_CHECKING:
    from lxml.html import HtmlElement

ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "blogposting",
        "socialmediaposting",
        "liveblogposting",
        "webpage",
        "report",
        "scholarlyarticle",
        "techarticle",
    }
)
DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "article.published",
    "published_time",
    "publishdate",
    "publish-date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "date",
    "citation_publication_date",
    "originalpublicationdate",
)
TITLE_SEPARATORS = re.compile(r"\s+[|–—•·:»-]\s+|\s+-{2}\s+")
JSON_LD_LIMIT = 1_000_000  # characters of one script; bigger ones are not metadata
NOT_WORD = re.compile(r"[\W_]+")


def _no_author() -> str:
    return ""


@dataclass(slots=True)
class PageMetadata:
    title: str = ""
    date: str = ""
    outlet: str = ""
    url: str = ""
    # The author is worked out when first asked (only the byline check asks): trafilatura's
    # search of the page for a byline costs as much as the rest of its metadata.
    find_author: Callable[[], str] = _no_author

    @property
    def author(self) -> str:
        return self.find_author()


@dataclass(slots=True)
class Declared:
    """What the page says about itself in <head> and JSON-LD, before any guessing."""

    meta: dict[str, str] = field(default_factory=dict)
    json_ld: list[dict[str, Any]] = field(default_factory=list)
    html_title: str = ""
    h1: str = ""
    canonical: str = ""


def read_declarations(tree: HtmlElement, page: str) -> Declared:
    """What `page` (parsed as `tree`) declares about itself, read before the extractor
    changes the tree."""
    declared = Declared()
    for element in tree.iter("meta"):
        key = (
            element.get("property") or element.get("name") or element.get("itemprop") or ""
        ).lower()
        value = element.get("content") or element.get("datetime") or ""
        if key and value.strip() and key not in declared.meta:
            declared.meta[key] = " ".join(value.split())
    for element in tree.iter("time"):  # <time itemprop="datePublished" datetime="…">
        if (element.get("itemprop") or "").lower() == "datepublished" and element.get("datetime"):
            declared.meta.setdefault("datepublished", element.get("datetime") or "")
    for element in tree.iter("link"):
        if "canonical" in (element.get("rel") or "").lower().split() and element.get("href"):
            declared.canonical = (element.get("href") or "").strip()
            break
    for element in tree.iter("title"):
        declared.html_title = flat(element.text_content())
        break
    for element in tree.iter("h1"):
        heading = flat(element.text_content())
        if heading:
            declared.h1 = heading
            break
    for source in script_blocks(page):
        if len(source) > JSON_LD_LIMIT:
            continue
        try:
            data = loads_untrusted(source)
        except ValueError:
            continue  # many pages ship broken JSON-LD; it is a hint, not the story
        declared.json_ld.extend(typed_objects(data))
    return declared


def _types(item: dict[str, Any]) -> set[str]:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if isinstance(k, str)}


def _name(value: object) -> str:
    """A JSON-LD person or organisation (or a list of them) as a display name."""
    if isinstance(value, str):
        return "" if value.startswith(("http://", "https://")) else flat(value)
    if isinstance(value, dict):
        return _name(value.get("name", ""))
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value[:5]) if n]
        return ", ".join(dict.fromkeys(names))
    return ""


def choose_metadata(
    declared: Declared,
    library: Mapping[str, str],
    fetched_url: str,
    datelines: Callable[[], tuple[str, str]] = lambda: ("", ""),
) -> PageMetadata:
    """The page's metadata: its declarations first, then the extractor's (`library`) guesses.
    `datelines()` reads the page's visible (published, updated) dates: only called when no
    declaration gives a date."""
    articles = [item for item in declared.json_ld if _types(item) & ARTICLE_TYPES]
    # The story's own object before the page's: a NewsArticle beats a WebPage.
    articles.sort(key=lambda item: "webpage" in _types(item))
    url = _url(declared, library, fetched_url)
    host = (urlsplit(url).hostname or library.get("hostname", "")).lower()
    outlets = _outlets(declared, library, articles, host)
    site_names = [*outlets, host.removeprefix("www.").split(".")[0] if host else ""]
    return PageMetadata(
        title=_unescaped(_title(declared, library, articles, site_names)),
        date=_date(declared.meta, library, articles, declared, url, datelines),
        outlet=_unescaped(_outlet(outlets, declared.html_title, host) or host.removeprefix("www.")),
        url=url,
        find_author=functools.cache(lambda: _unescaped(_author(declared.meta, library, articles))),
    )


class LibraryGuesses(Mapping[str, str]):
    """trafilatura's metadata guesses for a page (title, date, author, sitename, url,
    hostname), as `trafilatura.metadata.extract_metadata` makes them, each worked out the
    first time it is asked for. The page's declarations settle most fields, so most guesses
    are never made: the byline search alone cost 1.0 s CPU over the 105 dev pages, and the
    categories, tags and licence it also reads (0.5 s) were never used."""

    KEYS = ("title", "date", "author", "sitename", "url", "hostname")

    def __init__(self, tree: HtmlElement, url: str, date_params: dict[str, Any]) -> None:
        self._tree = tree
        self._default_url = url or None
        self._date_params = date_params
        self._found: dict[str, str] = {}
        self._declared: Any = None

    def __getitem__(self, key: str) -> str:
        if key not in self.KEYS:
            raise KeyError(key)
        if key not in self._found:
            value = getattr(self, "_guess_" + key)()
            self._found[key] = _as_trafilatura_trims(value)
        return self._found[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.KEYS)

    def __len__(self) -> int:
        return len(self.KEYS)

    def _meta(self) -> Any:
        """What the head and JSON-LD say, as trafilatura reads them (its first step)."""
        from trafilatura.metadata import examine_meta, extract_meta_json

        if self._declared is None:
            declared = examine_meta(self._tree)
            if declared.author and " " not in declared.author:
                declared.author = None
            with contextlib.suppress(Exception):  # as trafilatura: its JSON-LD reader's bugs
                declared = extract_meta_json(self._tree, declared)
            self._declared = declared
        return self._declared

    def _guess_title(self) -> str | None:
        from trafilatura.metadata import extract_title

        return self._meta().title or extract_title(self._tree)

    def _guess_author(self) -> str | None:
        from trafilatura.metadata import extract_author

        return self._meta().author or extract_author(self._tree)

    def _raw_url(self) -> str | None:
        from trafilatura.metadata import extract_url

        return self._meta().url or extract_url(self._tree, self._default_url)

    def _guess_url(self) -> str | None:
        return self._raw_url()

    def _guess_hostname(self) -> str | None:
        from courlan import extract_domain

        url = self._raw_url()
        return extract_domain(url, fast=True) if url else None

    def _guess_date(self) -> str | None:
        from htmldate import find_date

        return find_date(self._tree, **{**self._date_params, "url": self._raw_url()})

    def _guess_sitename(self) -> str | None:
        from trafilatura.metadata import META_URL, extract_sitename

        sitename = self._meta().sitename or extract_sitename(self._tree)
        if sitename:
            sitename = sitename.lstrip("@")
            if sitename and "." not in sitename and not sitename[0].isupper():
                sitename = sitename.title()
            return sitename
        url = self._raw_url()
        found = META_URL.match(url) if url else None
        return found[1] if found else None


def _as_trafilatura_trims(value: object) -> str:
    """A guess trimmed as `Document.clean_and_trim` trims it."""
    from html import unescape

    from trafilatura.utils import line_processing

    if not isinstance(value, str):
        return ""
    if len(value) > 10000:
        value = value[:9999] + "…"
    return line_processing(unescape(value)) or ""


def _from_articles(articles: list[dict[str, Any]], key: str) -> list[str]:
    return [item[key] for item in articles if isinstance(item.get(key), str)]


def _url(declared: Declared, library: Mapping[str, str], fetched_url: str) -> str:
    candidates = (declared.canonical, declared.meta.get("og:url", ""), fetched_url)
    found = next(
        (candidate for candidate in candidates if candidate.startswith(("http://", "https://"))),
        None,
    )
    return found if found is not None else fetched_url or library.get("url", "")


def _outlets(
    declared: Declared, library: Mapping[str, str], articles: list[dict[str, Any]], host: str
) -> list[str]:
    """Every name the page gives its outlet, the story's publisher first; application-name
    only when it names the host (MSN puts the headline there), and never a handle
    ("@politifact") or a hosting label ("Hosted")."""
    application_name = declared.meta.get("application-name", "")
    outlets = [
        *(_name(item.get("publisher")) for item in articles),
        declared.meta.get("og:site_name", ""),
        application_name if _matches_host(application_name, host) else "",
        library.get("sitename", ""),
        *(
            _name(item.get("name"))
            for item in declared.json_ld
            if _types(item) & {"organization", "newsmediaorganization", "website"}
        ),
    ]
    return [flat(o) for o in outlets if flat(o) and not _not_an_outlet(flat(o))]


NOT_OUTLETS = frozenset({"hosted", "home", "homepage", "news", "article", "articles", "index"})


def _not_an_outlet(name: str) -> bool:
    return name.startswith("@") or name.lower() in NOT_OUTLETS


def _outlet(outlets: list[str], html_title: str, host: str) -> str:
    outlet = next((o for o in outlets if _matches_host(o, host)), "")
    if not outlet:
        title_outlets = [s for s in _title_segments(html_title)[1:] if len(s) <= 40]
        outlet = next((s for s in title_outlets if _matches_host(s, host)), "")
    outlet = outlet or (outlets[0] if outlets else "")
    if outlet.startswith("the "):
        outlet = "The" + outlet[3:]  # og:site_name "the Guardian" is a logo's styling
    return outlet


def _title(
    declared: Declared,
    library: Mapping[str, str],
    articles: list[dict[str, Any]],
    site_names: list[str],
) -> str:
    titles = (
        lambda: declared.meta.get("og:title", ""),
        lambda: declared.meta.get("twitter:title", ""),
        lambda: declared.h1,
        *(lambda headline=headline: headline for headline in _from_articles(articles, "headline")),
        lambda: library.get("title", ""),  # a guess, worked out only when asked
        lambda: declared.html_title,
        lambda: _headline_in_application_name(declared.meta.get("application-name", "")),
    )
    return next((t for t in (_clean_title(t(), site_names) for t in titles) if t), "")


def _headline_in_application_name(name: str) -> str:
    """MSN's pages put the headline in application-name: a name of four words or more is
    read as a title when nothing else gave one (a site's name is refused as a title)."""
    return name if len(name.split()) >= 4 else ""


def _date(
    meta: dict[str, str],
    library: Mapping[str, str],
    articles: list[dict[str, Any]],
    declared: Declared,
    url: str,
    datelines: Callable[[], tuple[str, str]],
) -> str:
    """The page's own publication date: its declarations, then a ClaimReview's own date
    (a fact-check page's, not the date of the statement it reviews, which the extractor's
    search finds first), then the visible dateline ("Published 3:04 p.m. ET March 5,
    2019"), the extractor's guess, a date in the URL, the dateline's "Updated …",
    `dateModified`. A placeholder or impossible date (year 1, before 1900, more than a day
    ahead) is skipped for the next source."""
    from factcheck_tui.core.text.dates import plausible_date

    reviews = [item for item in declared.json_ld if "claimreview" in _types(item)]
    declarations = [
        *(meta.get(key, "") for key in DATE_META[:2]),
        *_from_articles(articles, "datePublished"),
        *(meta.get(key, "") for key in DATE_META[2:]),
        *_from_articles(articles, "dateCreated"),
        *_from_articles(reviews, "datePublished"),
    ]
    declared_date = next((d for d in (plausible_date(d) for d in declarations if d) if d), "")
    if declared_date:
        return declared_date
    published, updated = datelines()
    guesses = (
        lambda: published,
        lambda: library.get("date", ""),  # a guess, worked out only when asked
        lambda: _url_date(url),
        lambda: updated,
        *(lambda date=date: date for date in _from_articles(articles, "dateModified")),
        lambda: meta.get("article:modified_time", ""),
    )
    return next((d for d in (plausible_date(g) for g in (d() for d in guesses) if g) if d), "")


URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|-|\.|$)")


def _url_date(url: str) -> str:
    """A date in the story's address: `/2023/01/16/`, `/2019-07-03-`; "" when none."""
    found = URL_DATE.search(urlsplit(url).path)
    return "-".join(found.groups()) if found else ""


def _author(
    meta: dict[str, str], library: Mapping[str, str], articles: list[dict[str, Any]]
) -> str:
    authors = itertools.chain(
        (_name(item.get("author")) for item in articles),
        (meta.get("author", ""), meta.get("article:author", "")),
        (library.get("author", "") for _ in (1,)),  # a guess, worked out only when asked
    )
    return next(
        (
            flat(a)
            for a in authors
            if flat(a) and not a.startswith(("http://", "https://")) and len(a) <= 200
        ),
        "",
    )


def flat(text: object) -> str:
    return " ".join(str(text).split()) if text else ""


def _unescaped(text: str) -> str:
    """Metadata some pages escape twice ("O&#039;Donnell"): the character, once more."""
    import html

    return html.unescape(text) if "&" in text else text


def name_key(text: str) -> str:
    return NOT_WORD.sub("", text.lower()).removeprefix("the")


def _matches_host(name: str, host: str) -> bool:
    """`The Guardian` and theguardian.com, `Reuters` and reuters.com; not `U.S.`."""
    compact = name_key(name)
    if len(compact) < 3 or not host:
        return False
    labels = [name_key(label) for label in host.split(".")[:-1] if label != "www"]
    return any(compact in label or (len(label) >= 3 and label in compact) for label in labels)


def _title_segments(title: str) -> list[str]:
    return [segment.strip() for segment in TITLE_SEPARATORS.split(title) if segment.strip()]


def _clean_title(title: str, site_names: list[str]) -> str:
    """The headline without a site-name or date segment; "" when it is only the site."""
    title = flat(title)
    if not title:
        return ""
    sites = {name_key(site) for site in site_names if name_key(site)}

    def is_furniture(segment: str) -> bool:
        from factcheck_tui.core.text.dates import normalise_date

        compact = name_key(segment)
        return (
            not compact
            or compact in sites
            or bool(normalise_date(segment, strict=True))
            or compact == "home"
        )

    segments = _title_segments(title)
    if len(segments) > 1:
        # Cut site-name and date segments from both ends: "Story | Section | The Guardian".
        while len(segments) > 1 and is_furniture(segments[-1]):
            segments.pop()
        while len(segments) > 1 and is_furniture(segments[0]):
            segments.pop(0)
        if len(segments) < len(_title_segments(title)):
            title = _rejoin(title, segments)
    if is_furniture(title):
        return ""
    return title


def _rejoin(title: str, segments: list[str]) -> str:
    """The span of `title` from the first kept segment to the last (separators as typed)."""
    start = title.find(segments[0])
    end = title.rfind(segments[-1]) + len(segments[-1])
    return title[start:end] if 0 <= start < end else " ".join(segments)
