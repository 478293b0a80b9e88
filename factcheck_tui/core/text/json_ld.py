"""A page's JSON-LD: the text of its `<script type="application/ld+json">` blocks, and the
typed objects of a parsed block. The one reader of both the web-page import (metadata) and
the reports import (ClaimReview in an HTML page).

The blocks are found as an HTML parser finds scripts, in one pass over the page: a script's
text runs to the first `</script` (followed by a space, `/` or `>`), so a `<script` inside a
script's text or an HTML comment is not a tag; the type attribute is read whole (quoted or
not, its character references decoded, spaces and case ignored), so `data-type=` does not
count. A page of 40,000 unclosed `<script` tags costs one pass, not one pass per tag.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

JSON_LD_TYPE = "application/ld+json"
# A typed object nested deeper than this in lists and @graph is not the page's own.
MAX_DEPTH = 4

_TAG_OR_COMMENT = re.compile(r"<!--|<script(?=[\s/>])", re.IGNORECASE)
_SCRIPT_END = re.compile(r"</script[\s/>]", re.IGNORECASE)
_TYPE_ATTRIBUTE = re.compile(
    r"""[\s/"']type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE
)


def script_blocks(page: str) -> Iterator[str]:
    """The text of each JSON-LD script of `page`, in page order, as written (no entity is
    decoded: a script's text is raw in HTML)."""
    position = 0
    while found := _TAG_OR_COMMENT.search(page, position):
        if found.group() == "<!--":
            end = page.find("-->", found.end())
            if end < 0:
                return
            position = end + 3
            continue
        tag_end = page.find(">", found.end())
        if tag_end < 0:
            return  # no later tag is closed either
        closing = _SCRIPT_END.search(page, tag_end + 1)
        if closing is None:
            return  # the rest of the page is this script's text
        if _is_json_ld(page[found.end() : tag_end]):
            yield page[tag_end + 1 : closing.start()]
        position = closing.end()


def _is_json_ld(attributes: str) -> bool:
    kind = _TYPE_ATTRIBUTE.search(attributes)
    if kind is None:
        return False
    value = next(group for group in kind.groups() if group is not None)
    # An attribute's character references are decoded, as a parser does: some pages write
    # `type="application&#x2F;ld&#x2B;json"`.
    return html.unescape(value).strip().lower() == JSON_LD_TYPE


def typed_objects(data: object, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every object of a parsed JSON-LD block that has an `@type`, lists and `@graph`
    walked, down to MAX_DEPTH."""
    if depth > MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            yield from typed_objects(item, depth + 1)
    elif isinstance(data, dict):
        if "@type" in data:
            yield data
        if "@graph" in data:
            yield from typed_objects(data["@graph"], depth + 1)
