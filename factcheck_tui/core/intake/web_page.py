"""A saved or fetched web page to an article: the story's text and its metadata.

The main text comes from trafilatura (`bare_extraction`), the field's reference extractor
(F1 0.92 on our 105 dev pages against 0.69 for all visible text: `benchmarks/html_eval.py`).
Around it, what a checker needs and the library does not give:

- Its output tree is rendered here, one paragraph a block: headings are paragraphs of their
  own, each list item is one, and a table becomes one readable row a paragraph
  ("Year: 2019; Rate: 3.5%" under a header row, "a | b | c" without one).
- Page furniture it keeps is dropped by generic rules (`furniture_reason`): photo credits
  (also when fused to a caption: "…California.Credit...Rich Pedroncelli/AP"), "Supported
  by", "Advertisement", "Filed Under:", "Read more: …" teasers, newsletter and subscription
  pitches, share buttons, lines that are only a date or time, bylines, and copyright lines.
- Readers' comments are left out (`include_comments=False`): they are not the story.
- Metadata is read from the page's own declarations before the library's guesses: the title
  from og:title / twitter:title / h1 / JSON-LD headline before `<title>`, with a site-name
  segment ("| Reuters") cut and a title that is only the site's name ("POLITICO") refused;
  the date from article:published_time / JSON-LD datePublished (the publication, not the
  last update); the outlet from JSON-LD publisher, og:site_name or application-name, the
  one that matches the page's host first (og:site_name is a section on some sites: Reuters
  says "U.S."); the URL from `<link rel=canonical>`, else og:url, else where it was fetched.

A page trafilatura finds nothing in (a fragment, a page of links) falls back to its visible
text, so a small hand-written HTML file still imports.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# The JSON-LD types that describe the story itself (not the site, a breadcrumb or a video).
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
JSON_LD_LIMIT = 1_000_000
HIDDEN_TAGS = frozenset(
    {"script", "style", "noscript", "template", "head", "svg", "iframe", "title", "button"}
)
BLOCK_TAGS = frozenset(
    "p div br li h1 h2 h3 h4 h5 h6 blockquote article section header footer tr td th "
    "figcaption pre ul ol table main aside nav hr dd dt body".split()
)  # characters of one script; bigger ones are not metadata

# --- furniture -----------------------------------------------------------------------------
# Whole paragraphs a page repeats around every story, in the languages of the pages we see.
FURNITURE_EXACT = frozenset(
    {
        "supported by",
        "advertisement",
        "advertising",
        "sponsored",
        "sponsored content",
        "anzeige",
        "werbung",
        "publicité",
        "share",
        "share this",
        "share this article",
        "share this story",
        "share on facebook",
        "share on twitter",
        "teilen",
        "partager",
        "reply",
        "comments",
        "comment",
        "view comments",
        "leave a comment",
        "leave a reply",
        "kommentar schreiben",
        "kommentare",
        "related",
        "related articles",
        "related stories",
        "related content",
        "more stories",
        "recommended",
        "most popular",
        "most read",
        "read more",
        "continue reading",
        "weiterlesen",
        "mehr zum thema",
        "auch interessant",
        "lire aussi",
        "lire la suite",
        "à lire aussi",
        "top stories",
        "trending",
        "listen",
        "print",
        "email",
        "close",
        "skip advertisement",
        "image",
        "photo",
        "video",
        "beitragsbild",
        "image illustrative",
    }
)
# Paragraphs that start like this and are short are teasers, pitches or credits.
# Kept narrow: "Related research found…" and "Subscribers paid…" are sentences of a story.
FURNITURE_START = re.compile(
    r"^(?:filed under|read more\b|read next|more from\b|related\s*:"
    r"|related (?:articles|stories|coverage|content|links|reading|topics|news)\b"
    r"|see also\b|also read\b|recommended\s*:|recommended for you|subscribe (?:now|today|to)\b"
    r"|sign up\b|newsletter\s*(?::|$|abonnieren|anmelden)|get our (?:newsletter|app)|join our"
    r"|follow us\b|follow (?:him|her|them) on|click here|download (?:the|our) app|watch\s*:"
    r"|listen\s*:|photo(?:graph)?s?\s*:|credit\s*(?::|\.{2,}|…)|image\s*:|picture\s*:"
    r"|foto\s*:|bild\s*:|lesen sie (?:auch|mehr)|mehr zum thema|auch interessant"
    r"|das könnte (?:dich|sie) auch interessieren|das thema könnte|lire (?:aussi|la suite)"
    r"|à lire (?:aussi|également)|voir aussi|(?:additional )?reporting by|writing by"
    r"|editing by|compiled by|this (?:article|story|post) (?:was|has been) (?:updated|amended"
    r"|corrected))",
    re.IGNORECASE,
)
FURNITURE_START_MAX_WORDS = 30
COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s*\d{4}|copyright\b)|all rights reserved|alle rechte vorbehalten"
    r"|tous droits réservés",
    re.IGNORECASE,
)
BYLINE = re.compile(r"^(?:[Bb][Yy]|[Vv]on|[Pp]ar|Text:)\s+[A-ZÀ-Ý]")
# Words a byline may hold besides names: "By Jane Doe and John Roe, Reuters".
BYLINE_JOINERS = frozenset({"and", "und", "et", "&", "in", "for", "of", "de", "von", "van", "du"})
BYLINE_MAX_WORDS = 12
HASHTAGS = re.compile(r"^(?:#\w+\s*)+$")  # "#GameTechie": a topic tag, not the story
# A credit fused to the end of a caption: "…80 percent of California.Credit...Rich P/AP".
# The credit is short and is not a sentence: a caption's own text after "Image:" stays.
FUSED_CREDIT = re.compile(
    r"(?<=[.!?”\"')\]])\s*(?:Credit|Photo(?:graph)?|Image|Picture|Foto|Bild)\s*(?:\.{2,}|…|:)"
    r"\s*[^\s.!?][^!?]{0,70}$"
)
# "Rich Pedroncelli/Associated Press", "Getty Images", "AFP via Getty Images".
# Every word capitalised, as names are: "install/setup process" is not a credit.
AGENCY_CREDIT = re.compile(
    r"^(?:[A-ZÀ-Ý][\w.'’-]*\s+){0,5}[A-ZÀ-Ý][\w.'’-]*\s*/\s*(?:[A-ZÀ-Ý][\w.&'’-]*\s*){1,5}$"
    r"|^(?:[A-ZÀ-Ý][\w.'’-]*\s+){0,4}(?:via\s+)?(?i:getty images|shutterstock|reuters"
    r"|ap photo|afp|associated press|dpa|epa|imago|picture alliance)\.?$"
)
# A paragraph of nothing but dates, times and the words around them is a timestamp.
TIMESTAMP_WORDS = re.compile(
    r"[ap]\.m\.|\b(?:updated|update|published|posted|last|modified|on|at|am|pm|et|edt|est"
    r"|pt|pdt|pst|gmt|utc|bst|cet|cest|uhr|stand|aktualisiert|veröffentlicht|erstellt|am|um"
    r"|publié|le|mis à jour|à|h|min|mins|minutes|hours|hour|ago|read|lesezeit|"
    r"jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|apr(?:il)?|may|mai|june?|juni"
    r"|july?|juli|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?"
    r"|dec(?:ember)?|dez(?:ember)?|janvier|février|mars|avril|juin|juillet|août|septembre"
    r"|octobre|novembre|décembre|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?"
    r"|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|montag|dienstag"
    r"|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi"
    r"|samedi|dimanche|today|yesterday|heute|gestern)\b|\d+(?:st|nd|rd|th)?|[\s,.:;/|()–—-]+",
    re.IGNORECASE,
)
TIMESTAMP_MAX_CHARS = 80
# A timestamp has a clock time, a numeric date or a month or weekday name; a bare figure
# ("2019", "1,200") may be a table cell or a list item and is kept.
DATE_OR_TIME = re.compile(
    r"\d{1,2}[:.h]\d{2}\b|\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\b(?:jan|feb|mar|apr|may|mai|jun|jul"
    r"|aug|ao[uû]|sep|oct|okt|nov|dec|dez|d[ée]c|janv|f[ée]v|avr|juil|märz|mon|tue|wed|thu|fri"
    r"|sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi"
    r"|mercredi|jeudi|vendredi|samedi|dimanche|today|yesterday|heute|gestern|ago)",
    re.IGNORECASE,
)
TABLE_ROW = re.compile(r"[|;]")
NOT_WORD = re.compile(r"[\W_]+")
# Soft hyphens and zero-width spaces: invisible on the page, but they split words for the
# article search, the claim extraction and a checker's copy-paste ("Ma\xadcron").
INVISIBLE = str.maketrans({"\xad": None, "\u200b": None, "\u2060": None, "\ufeff": None})


@dataclass(slots=True)
class PageMetadata:
    title: str = ""
    date: str = ""
    author: str = ""
    outlet: str = ""
    url: str = ""


@dataclass(slots=True)
class _Declared:
    """What the page says about itself in <head> and JSON-LD, before any guessing."""

    meta: dict[str, str] = field(default_factory=dict)
    json_ld: list[dict[str, Any]] = field(default_factory=list)
    html_title: str = ""
    h1: str = ""
    canonical: str = ""


def parse_web_page(text: str, name: str, url: str = "") -> tuple[PageMetadata, list[str]]:
    """The page's metadata and its story as paragraphs; ([], ...) when it has none.

    `url` is where the page was fetched from, if it was. Raises nothing on odd HTML:
    lxml repairs what it can and an unparseable page comes back empty."""
    import trafilatura
    from trafilatura.settings import Document
    from trafilatura.utils import load_html

    tree = load_html(text)
    if tree is None:
        # A fragment ("<p>…</p>" alone), which the library refuses: its visible text.
        return PageMetadata(url=url), _fragment_text(text)
    declared = _declared(tree)
    document = trafilatura.bare_extraction(
        tree,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        # The page's own date declarations are read first (below); htmldate's extensive
        # search of the whole text is the slowest step of a big page and is not needed.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    library: dict[str, str] = {}
    paragraphs: list[str] = []
    if isinstance(document, Document):
        library = {
            key: str(getattr(document, key, "") or "")
            for key in ("title", "date", "author", "sitename", "url", "hostname")
        }
        if document.body is not None:
            paragraphs = list(_paragraphs(document.body))
    metadata = _metadata(declared, library, url)
    if not paragraphs:
        # Nothing the library calls a story (a fragment, a page of links): its visible text.
        paragraphs = visible_text(tree)
    return metadata, _without_furniture(paragraphs, metadata)


def _fragment_text(text: str) -> list[str]:
    from lxml import etree
    from lxml.html import document_fromstring

    try:
        return visible_text(document_fromstring(text))
    except (etree.ParserError, ValueError):
        return []


def visible_text(tree: HtmlElement) -> list[str]:
    """Every visible block of text of the page, a paragraph each (no main-text choice)."""
    from lxml import etree

    parts: list[str] = []
    hidden_depth = 0
    for event, node in etree.iterwalk(tree, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            if tag in HIDDEN_TAGS:
                hidden_depth += 1
            elif not hidden_depth:
                if tag in BLOCK_TAGS:
                    parts.append("\n\n")
                if node.text and tag:
                    parts.append(node.text)
            continue
        if tag in HIDDEN_TAGS:
            hidden_depth -= 1
        elif not hidden_depth and tag in BLOCK_TAGS:
            parts.append("\n\n")
        if not hidden_depth and node.tail:
            parts.append(node.tail)
    paragraphs = (" ".join(block.split()) for block in re.split(r"\n\s*\n", "".join(parts)))
    return [paragraph for paragraph in paragraphs if paragraph]


# --- metadata ------------------------------------------------------------------------------


def _declared(tree: HtmlElement) -> _Declared:
    declared = _Declared()
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
        declared.html_title = _flat(element.text_content())
        break
    for element in tree.iter("h1"):
        heading = _flat(element.text_content())
        if heading:
            declared.h1 = heading
            break
    for element in tree.iter("script"):
        if (element.get("type") or "").lower().strip() != "application/ld+json":
            continue
        source = element.text or ""
        if len(source) > JSON_LD_LIMIT:
            continue
        try:
            data = json.loads(source)
        except (ValueError, RecursionError):
            continue  # many pages ship broken JSON-LD; it is a hint, not the story
        declared.json_ld.extend(_json_ld_objects(data))
    return declared


def _json_ld_objects(data: object, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every object of a JSON-LD document that has a type (lists and @graph walked)."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _json_ld_objects(item, depth + 1)
    elif isinstance(data, dict):
        if "@type" in data:
            yield data
        if "@graph" in data:
            yield from _json_ld_objects(data["@graph"], depth + 1)


def _types(item: dict[str, Any]) -> set[str]:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if isinstance(k, str)}


def _name(value: object) -> str:
    """A JSON-LD person or organisation (or a list of them) as a display name."""
    if isinstance(value, str):
        return "" if value.startswith(("http://", "https://")) else _flat(value)
    if isinstance(value, dict):
        return _name(value.get("name", ""))
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value[:5]) if n]
        return ", ".join(dict.fromkeys(names))
    return ""


def _metadata(declared: _Declared, library: dict[str, str], fetched_url: str) -> PageMetadata:
    from factcheck_tui.core.text.dates import normalise_date

    meta = declared.meta
    articles = [item for item in declared.json_ld if _types(item) & ARTICLE_TYPES]
    # The story's own object before the page's: a NewsArticle beats a WebPage.
    articles.sort(key=lambda item: "webpage" in _types(item))

    def from_articles(key: str) -> list[str]:
        return [item[key] for item in articles if isinstance(item.get(key), str)]

    url = next(
        (
            candidate
            for candidate in (declared.canonical, meta.get("og:url", ""), fetched_url)
            if candidate.startswith(("http://", "https://"))
        ),
        fetched_url or library.get("url", ""),
    )
    host = (urlsplit(url).hostname or library.get("hostname", "")).lower()

    outlets = [
        *(_name(item.get("publisher")) for item in articles),
        meta.get("og:site_name", ""),
        meta.get("application-name", ""),
        library.get("sitename", ""),
        *(
            _name(item.get("name"))
            for item in declared.json_ld
            if _types(item) & {"organization", "newsmediaorganization", "website"}
        ),
    ]
    outlets = [_flat(o) for o in outlets if _flat(o)]
    outlet = next((o for o in outlets if _matches_host(o, host)), "")
    if not outlet:
        title_outlets = [s for s in _title_segments(declared.html_title)[1:] if len(s) <= 40]
        outlet = next((s for s in title_outlets if _matches_host(s, host)), "")
    outlet = outlet or (outlets[0] if outlets else "")
    if outlet.startswith("the "):
        outlet = "The" + outlet[3:]  # og:site_name "the Guardian" is a logo's styling
    site_names = [*outlets, host.removeprefix("www.").split(".")[0] if host else ""]

    titles = [
        meta.get("og:title", ""),
        meta.get("twitter:title", ""),
        declared.h1,
        *from_articles("headline"),
        library.get("title", ""),
        declared.html_title,
    ]
    title = next((t for t in (_clean_title(t, site_names) for t in titles) if t), "")

    dates = [
        *(meta.get(key, "") for key in DATE_META[:2]),
        *from_articles("datePublished"),
        *(meta.get(key, "") for key in DATE_META[2:]),
        *from_articles("dateCreated"),
        library.get("date", ""),
    ]
    date = next((d for d in (normalise_date(d, strict=True) for d in dates if d) if d), "")

    authors = [
        *(_name(item.get("author")) for item in articles),
        meta.get("author", ""),
        meta.get("article:author", ""),
        library.get("author", ""),
    ]
    author = next(
        (
            _flat(a)
            for a in authors
            if _flat(a) and not a.startswith(("http://", "https://")) and len(a) <= 200
        ),
        "",
    )
    return PageMetadata(
        title=_unescaped(title),
        date=date,
        author=_unescaped(author),
        outlet=_unescaped(outlet),
        url=url,
    )


def _flat(text: object) -> str:
    return " ".join(str(text).split()) if text else ""


def _unescaped(text: str) -> str:
    """Metadata some pages escape twice ("O&#039;Donnell"): the character, once more."""
    import html

    return html.unescape(text) if "&" in text else text


def _compact(text: str) -> str:
    return NOT_WORD.sub("", text.lower()).removeprefix("the")


def _matches_host(name: str, host: str) -> bool:
    """`The Guardian` and theguardian.com, `Reuters` and reuters.com; not `U.S.`."""
    compact = _compact(name)
    if len(compact) < 3 or not host:
        return False
    labels = [_compact(label) for label in host.split(".")[:-1] if label != "www"]
    return any(compact in label or (len(label) >= 3 and label in compact) for label in labels)


def _title_segments(title: str) -> list[str]:
    return [segment.strip() for segment in TITLE_SEPARATORS.split(title) if segment.strip()]


def _clean_title(title: str, site_names: list[str]) -> str:
    """The headline without a site-name or date segment; "" when it is only the site."""
    title = _flat(title)
    if not title:
        return ""
    sites = {_compact(site) for site in site_names if _compact(site)}

    def is_furniture(segment: str) -> bool:
        from factcheck_tui.core.text.dates import normalise_date

        compact = _compact(segment)
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


# --- body ----------------------------------------------------------------------------------


def _paragraphs(body: HtmlElement) -> Iterator[str]:
    """trafilatura's output tree as paragraphs: a block each, a table row each."""
    if len(body) == 1 and body[0].tag == "p" and len(body[0]) == 0 and "\n" in (body[0].text or ""):
        # The library's baseline for short pages: the page's text blocks, one a line.
        for line in (body[0].text or "").translate(INVISIBLE).split("\n"):
            if line.strip():
                yield " ".join(line.split())
        return
    for element in body:
        yield from _block(element)


def _block(element: HtmlElement) -> Iterator[str]:
    tag = element.tag
    if tag == "table":
        yield from _table_rows(element)
    elif tag == "list":
        for item in element:
            if item.tag == "item":
                nested = [child for child in item if child.tag in ("list", "table")]
                for child in nested:
                    item.remove(child)  # rendered after the item's own text
                text = _text(item)
                if text:
                    yield text
                for child in nested:
                    yield from _block(child)
            else:
                yield from _block(item)
    elif tag in ("div", "quote", "article", "section") and any(
        child.tag in ("p", "list", "table", "head", "quote") for child in element
    ):
        text = _flat(element.text)
        if text:
            yield text
        for child in element:
            yield from _block(child)
            tail = _flat(child.tail)
            if tail:
                yield tail
    elif tag == "graphic":
        return
    else:
        text = _text(element)
        if text:
            yield text


def _text(element: HtmlElement) -> str:
    """An element's text; its line breaks kept as single newlines."""
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        if node.tag == "lb":
            parts.append("\n")
        elif node.text:
            parts.append(node.text.replace("\n", " "))
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail.replace("\n", " "))

    walk(element)
    text = "".join(parts).translate(INVISIBLE)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _table_rows(table: HtmlElement) -> Iterator[str]:
    """One paragraph per row: "Header: value; Header: value" under a header row."""
    header: list[str] = []
    for row in table.iter("row"):
        cells = [_flat(_text(cell).replace("\n", " ")) for cell in row if cell.tag == "cell"]
        is_header = bool(cells) and all(cell.get("role") == "head" for cell in row)
        if not any(cells):
            continue
        if is_header and not header:
            header = cells
            continue
        filled = [cell for cell in cells if cell]
        if len(filled) == 1:
            yield filled[0]  # a row that is a sub-heading ("Up to 4 years")
        elif header and len(header) == len(cells):
            pairs = zip(header, cells, strict=True)
            yield "; ".join(f"{h}: {c}" if h else c for h, c in pairs if c)
        else:
            yield " | ".join(cell for cell in cells if cell)
    if header and not any(True for _ in table.iter("row")):
        yield " | ".join(header)


def furniture_reason(paragraph: str, metadata: PageMetadata | None = None) -> str:
    """Why a paragraph is page furniture a checker never checks, or "" when it is not."""
    flat = " ".join(paragraph.split())
    words = flat.split()
    key = flat.lower().rstrip(" .:!…›»>")
    if key in FURNITURE_EXACT or HASHTAGS.match(flat):
        return "furniture"
    if FURNITURE_START.match(flat) and len(words) <= FURNITURE_START_MAX_WORDS:
        return "teaser or credit"
    if COPYRIGHT.search(flat) and len(words) <= FURNITURE_START_MAX_WORDS:
        return "copyright"
    short = len(flat) <= TIMESTAMP_MAX_CHARS
    if short and DATE_OR_TIME.search(flat) and not TABLE_ROW.search(flat):
        if not TIMESTAMP_WORDS.sub("", flat).strip():
            return "timestamp"
    if len(words) <= BYLINE_MAX_WORDS and BYLINE.match(flat):
        names = [word.strip(",.;:()") for word in words[1:]]
        if all(not n or n[0].isupper() or n.lower() in BYLINE_JOINERS for n in names):
            return "byline"
    if len(words) <= 8 and AGENCY_CREDIT.match(flat):
        return "credit"
    if metadata and metadata.author and len(words) <= BYLINE_MAX_WORDS:
        if _compact(flat) == _compact(metadata.author):
            return "byline"
    return ""


def _without_furniture(paragraphs: list[str], metadata: PageMetadata) -> list[str]:
    kept: list[str] = []
    title = _compact(metadata.title)
    for paragraph in paragraphs:
        paragraph = FUSED_CREDIT.sub("", paragraph).strip()
        if not paragraph or furniture_reason(paragraph, metadata):
            continue
        if not kept and title and _compact(paragraph) == title:
            continue  # the headline repeated as the first line of the body
        kept.append(paragraph)
    return kept
