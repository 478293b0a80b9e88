"""Untrusted text in the TUI under Pilot: the hostile report through the suggestions, their
notification and `y`; what the clipboard receives; notifications that quote a file name; a
config whose `[keys]` cannot work."""

from __future__ import annotations

import html
import re
from pathlib import Path

from textual.widgets import Input

from factcheck_tui.core.config import Config
from factcheck_tui.core.desk.claim_checks import AddSource, Mark, SetNote
from factcheck_tui.core.report_files.importing import upsert_reports
from factcheck_tui.core.report_files.rows import ReportRecord
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.widgets.suggestions import SuggestionsPanel
from tests.hostile import FORBIDDEN, JAVASCRIPT_URL, assert_clean, hostile

SIZE = (140, 40)
FIRST_CLAIM = (
    "A massive airstrike struck an ISIS-held area of eastern Syria, killing 54 people "
    "including 28 civilians as well as 26 terror fanatics, a war monitor said"
)
CLIPBOARD_UNSAFE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def with_hostile_report(store: Store, url: str) -> None:
    """A report that matches the sample's first claim, its fields raw in the database (as
    another tool may have written them: our imports drop control characters)."""
    upsert_reports(store, [ReportRecord("hostile-1", FIRST_CLAIM, rating="False", url="x")])
    store.conn.execute(
        "UPDATE reports SET rating = ?, publisher = ?, url = ? WHERE external_id = 'hostile-1'",
        (hostile("rating"), hostile("publisher"), url),
    )
    store.conn.commit()


def messages(app: FactcheckApp) -> list[tuple[str, str]]:
    return [(str(n.message), n.severity) for n in app._notifications]


def screen_text(app: FactcheckApp) -> str:
    svg = app.export_screenshot()
    for char in FORBIDDEN:
        assert char not in svg, f"{char!r} drawn"
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def open_suggestions(app: FactcheckApp, pilot: object) -> SuggestionsPanel:
    await pilot.press("enter")  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    panel = app.screen.query_one(SuggestionsPanel)
    index = next(
        i
        for i, item in enumerate(panel.items)
        if item.url and "rating" in str(getattr(item.report, "rating", ""))
    )
    panel.focus()
    panel.highlighted = index
    await pilot.pause()  # type: ignore[attr-defined]
    return panel


async def test_y_on_a_javascript_report_copies_it_clean_with_a_warning(
    sample_store: Store,
) -> None:
    with_hostile_report(sample_store, JAVASCRIPT_URL)
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_suggestions(app, pilot)
        shown = screen_text(app)
        assert "␛]52;c;SEFDS0VE" in shown and "[b]bold[/b]" in shown  # shown, not run
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == "javascript:alert(1)//]52;c;SEFDS0VE"
        assert not CLIPBOARD_UNSAFE.search(app.clipboard)
        (message, severity), *_ = reversed(messages(app))
        assert severity == "warning"
        assert "a javascript: link, not http(s)" in message
        assert_clean(message, "the notification")
        screen_text(app)  # the toast is drawn clean


async def test_y_on_a_web_report_is_a_plain_notification(sample_store: Store) -> None:
    with_hostile_report(sample_store, "https://factcheck.example/report\u202e1")
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_suggestions(app, pilot)
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == "https://factcheck.example/report1"  # bidi control dropped
        (message, severity), *_ = reversed(messages(app))
        assert severity == "information" and "careful" not in message


async def test_y_on_a_claim_copies_no_control_character(sample_store: Store) -> None:
    claim = sample_store.claims(1)[0]
    sample_store.apply(Mark([claim.id], "verified"))
    sample_store.apply(SetNote(claim.id, hostile("note")))
    sample_store.apply(
        AddSource(
            claim.id,
            kind="url",
            reference=JAVASCRIPT_URL,
            tier="primary",
            consulted_on="2024-01-02",
        )
    )
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "Note: note" in app.clipboard and "javascript:alert(1)" in app.clipboard
        assert not CLIPBOARD_UNSAFE.search(app.clipboard.replace("\n", " ")), app.clipboard
        (message, severity), *_ = reversed(messages(app))
        assert severity == "warning" and "(javascript:)" in message, message


async def test_a_notification_quoting_a_hostile_file_name_is_plain_text(
    store: Store, tmp_path: Path
) -> None:
    name = tmp_path / "rep\x1b]2;PWNED\x07orts[b].csv"
    name.write_text("not a reports file at all\n", encoding="utf-8")
    app = FactcheckApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("I")
        app.screen.query_one(Input).value = str(name)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        (message, severity), *_ = reversed(messages(app))
        assert severity == "error"
        assert "rep␛]2;PWNED␇orts[b].csv" in message  # markup and escapes shown as text
        assert all(n.markup is False for n in app._notifications)  # never parsed as markup


async def test_keys_that_cannot_work_are_named_and_the_rest_applied(
    sample_store: Store, tmp_path: Path
) -> None:
    config = Config(
        keys={
            "claims.verify": "V",
            "claims.verfy": "x",  # a typo of a binding id
            "claims.unverify": "ctrl+shift+nope",  # no such key
        },
        path=tmp_path / "config.toml",
    )
    app = FactcheckApp(sample_store, config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        warnings = [m for m, severity in messages(app) if severity == "warning"]
        assert any("'claims.verfy' is not a binding id" in m for m in warnings), warnings
        assert any("'ctrl+shift+nope' is not a key name" in m for m in warnings), warnings
        assert all(str(tmp_path / "config.toml") in m for m in warnings)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("V")  # the good entry is applied
        await pilot.pause()
    assert sample_store.claims(1)[0].status == "verified"


async def test_a_terminal_paste_reaches_the_inputs_without_control_characters(
    store: Store,
) -> None:
    from textual import events
    from textual.widgets import TextArea

    app = FactcheckApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")  # paste an article
        await pilot.pause()
        app.post_message(events.Paste(hostile("Pasted title") + "\n\nThe council spent 4 million."))
        await pilot.pause()
        pasted = app.screen.query_one(TextArea).text
        assert "Pasted title ]52;c;SEFDS0VE" in pasted and "The council spent" in pasted
        assert not CLIPBOARD_UNSAFE.search(
            pasted.replace("\n", " ").replace("\u202e", "").replace("\u202c", "")
        )
        screen_text(app)  # and nothing raw is drawn
