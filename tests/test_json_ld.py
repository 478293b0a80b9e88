"""The one JSON-LD reader (core/text/json_ld.py), shared by the web-page import and the
reports import."""

from __future__ import annotations

import pytest

from factcheck_tui.core.text.json_ld import script_blocks, typed_objects


@pytest.mark.parametrize(
    ("page", "blocks"),
    [
        ('<script type="application/ld+json">{"a": 1}</script>', ['{"a": 1}']),
        ("<SCRIPT TYPE='Application/LD+JSON '>[]</Script >", ["[]"]),
        ("<script type=application/ld+json>{}</script>", ["{}"]),
        ('<script type="application&#x2F;ld&#x2B;json">{}</script>', ["{}"]),
        ('<script data-type="application/ld+json">{}</script>', []),
        ('<script type="text/javascript">{}</script>', []),
        ('<!-- <script type="application/ld+json">{}</script> -->', []),
        ('<script>var s = "<script type=application/ld+json>";</script>', []),
        ('<scripts type="application/ld+json">{}</scripts>', []),
        ('<script type="application/ld+json">{"a": "&amp;"}', []),
        (
            '<script type="application/ld+json">1</script><p>x</p>'
            '<script type="application/ld+json">2</script>',
            ["1", "2"],
        ),
    ],
)
def test_json_ld_blocks_are_found_as_a_parser_finds_scripts(page: str, blocks: list[str]) -> None:
    assert list(script_blocks(page)) == blocks


def test_forty_thousand_unclosed_script_tags_are_one_pass() -> None:
    # Issue #22: the old pattern took ~40 s here (a scan to the end from every tag).
    assert list(script_blocks("<script " * 40_000)) == []
    assert list(script_blocks("<script type=application/ld+json>" * 40_000)) == []
    assert list(script_blocks("<!--" * 40_000)) == []


def test_typed_objects_walk_lists_and_graphs() -> None:
    data = [{"@type": "WebSite"}, {"@graph": [{"@type": "NewsArticle"}, {"name": "untyped"}]}]
    assert [item["@type"] for item in typed_objects(data)] == ["WebSite", "NewsArticle"]
    deep: object = {"@type": "Deep"}
    for _ in range(6):
        deep = [deep]
    assert list(typed_objects(deep)) == []
