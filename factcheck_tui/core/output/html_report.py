"""The report to read: one self-contained HTML file of a checked article.

The article with each claim's span tinted by its verdict (the TUI's colours: amber
unchecked, green positive, red negative, blue other verdicts) and a numbered note marker after
it; the claims' checks as numbered notes; a summary (counts by verdict, who checked, when,
what is still open); every source consulted. No scripts, no external assets, no request
leaves the file: a Content-Security-Policy meta (`default-src 'none'`) says so to the browser
too. Every piece of stored text goes through `html.escape`, so an article containing
`<script>` or `</style>` is shown as text. Links are only written for http(s) URLs (sources,
linked fact-checks, the article) and are plain links a reader follows, never loaded.

It prints on A4 and Letter alike: the page size is left to the printer, margins are set, a
note is never split across pages, and the tints are kept in print.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from html import escape
from pathlib import Path
from typing import TextIO

from factcheck_tui.core.output.checked_copy import (
    CheckedArticle,
    check_lines,
    fact_check_text,
    has_own_comment,
    load_checked_article,
    paragraphs,
    readable_time,
)
from factcheck_tui.core.output.checked_csv import write_atomically
from factcheck_tui.core.output.exported_desk import ExportedDesk
from factcheck_tui.core.records.display import printable
from factcheck_tui.core.records.models import Claim

CONTENT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

STYLE = """
:root { color-scheme: light; }
body { font: 16px/1.55 Georgia, "Times New Roman", serif; color: #1b1b1b; margin: 0;
  background: #fff; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .3rem; }
h2 { font: 600 1.05rem/1.3 system-ui, sans-serif; margin: 2.2rem 0 .6rem;
  border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
.about, .summary, .notes, .sources, .legend { font-family: system-ui, sans-serif; }
.about { color: #555; font-size: .9rem; margin-bottom: 1.2rem; overflow-wrap: anywhere; }
.claim { border-radius: 2px; padding: 0 1px; -webkit-box-decoration-break: clone;
  box-decoration-break: clone; }
.k-open { background: #fbe9b7; } .k-positive { background: #cdeccf; }
.k-negative { background: #f6c9c9; } .k-neutral { background: #d3dcf5; }
.marker { font: 600 .7rem system-ui, sans-serif; vertical-align: super; margin-left: 1px; }
.marker a { color: #333; text-decoration: none; }
.summary table { border-collapse: collapse; font-size: .9rem; }
.summary td, .summary th { padding: .15rem .8rem .15rem 0; text-align: left; }
.notes ol { padding-left: 1.6rem; font-size: .9rem; }
.notes li { margin-bottom: .9rem; break-inside: avoid; }
.quote { font-style: italic; }
.verdict { font-weight: 600; }
.field { color: #555; }
.sources ul { font-size: .85rem; padding-left: 1.2rem; overflow-wrap: anywhere; }
.legend { font-size: .8rem; color: #555; }
.legend span { padding: 0 .3rem; margin-right: .4rem; }
.fact { text-decoration-thickness: 2px; }
u.fact { text-decoration-color: #8a6d00; }
s.f-verified { text-decoration-color: #1f7a32; } s.f-unverified { text-decoration-color: #b3261e; }
s.f-disputed { text-decoration-color: #7b2fa8; }
@page { margin: 16mm 14mm; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; }
}
"""


def _link(url: str) -> str:
    """An http(s) URL as a link; anything else (a document, a person, javascript:) as text."""
    if url.lower().startswith(("https://", "http://")):
        return f'<a href="{escape(url, quote=True)}">{escape(url)}</a>'
    return escape(url)


def _article_html(checked: CheckedArticle, numbers: dict[int, int]) -> str:
    body = checked.article.body
    claims = checked.claims
    out: list[str] = []
    cuts = [offset for claim in claims for f in claim.facts for offset in (f.start, f.end)]
    for paragraph in paragraphs(body, claims, cuts):
        pieces: list[str] = []
        # Segments cut only at a fact's edge stay in one mark (one id per claim's run).
        for covering, run in itertools.groupby(paragraph.segments, key=lambda s: s.claims):
            segments = list(run)
            text = "".join(
                _galley_mark(
                    escape(body[s.start : s.end]).replace("\n", "<br>"),
                    s.start,
                    s.end,
                    [claims[i] for i in covering],
                )
                for s in segments
            )
            if covering:
                index = covering[-1]  # the innermost (latest-starting) claim tints it
                kind = checked.scale.verdict(claims[index].status).kind
                number = numbers[index]
                text = f'<mark class="claim k-{kind}" id="c{number}">{text}</mark>'
            pieces.append(text)
            for index in covering:
                if claims[index].end == segments[-1].end:
                    number = numbers[index]
                    pieces.append(  # a word joiner keeps the marker on its claim's line
                        f'\u2060<span class="marker"><a href="#n{number}">[{number}]</a></span>'
                    )
        out.append(f"<p>{''.join(pieces)}</p>")
    return "\n".join(out)


def _galley_mark(text: str, start: int, end: int, claims: list[Claim]) -> str:
    """The galley's marks: a checked fact struck through, an unchecked one underlined."""
    for claim in claims:
        for fact in claim.facts:
            if fact.start <= start and end <= fact.end:
                status = escape(fact.status)
                if fact.checked:
                    return f'<s class="fact f-{status}" title="{status}">{text}</s>'
                return f'<u class="fact" title="unchecked">{text}</u>'
    return text


def _note_html(claim: Claim, number: int, checked: CheckedArticle) -> str:
    kind = checked.scale.verdict(claim.status).kind
    words = escape(checked.article.body[claim.start : claim.end])
    lines = [
        f'<li id="n{number}"><a href="#c{number}">↑</a> '
        f'<span class="quote claim k-{kind}">{words}</span><br>'
    ]
    for label, text in check_lines(claim, checked.scale):
        shown = escape(text)  # URLs are links in the source list below
        if label == "Verdict":
            lines.append(f'<span class="verdict">{shown}</span><br>')
        elif label:
            lines.append(f'<span class="field">{escape(label)}:</span> {shown}<br>')
        else:
            lines.append(f"&nbsp;&nbsp;{shown}<br>")
    for fact in claim.facts:
        if has_own_comment(claim, fact):
            lines.append(
                f"&nbsp;&nbsp;{escape(fact_check_text(claim, fact))}<br>".replace("\n", "; ")
            )
    lines.append("</li>")
    return "".join(lines)


def _summary_html(checked: CheckedArticle, numbers: dict[int, int]) -> str:
    scale = checked.scale
    counts = Counter(claim.status for claim in checked.claims)
    rows = [
        f"<tr><td>{escape(verdict.label)}</td><td>{counts[verdict.id]}</td></tr>"
        for verdict in scale.verdicts
        if counts[verdict.id]
    ]
    others = sum(n for status, n in counts.items() if status not in scale.by_id)
    if others:
        rows.append(f"<tr><td>other verdicts</td><td>{others}</td></tr>")
    checked_claims = [claim for claim in checked.claims if checked.is_checked(claim)]
    checkers = sorted({printable(claim.checker) for claim in checked_claims if claim.checker})
    times = sorted(claim.checked_at for claim in checked_claims if claim.checked_at)
    still_open = [
        numbers[i] for i, claim in enumerate(checked.claims) if not checked.is_checked(claim)
    ]
    facts = [fact for claim in checked.claims for fact in claim.facts]
    facts_line = (
        f"<p>{sum(f.checked for f in facts)} of {len(facts)} facts checked; "
        f"{sum(not f.checked for f in facts)} facts left.</p>"
        if facts
        else ""
    )
    parts = [
        '<section class="summary"><h2>Summary</h2>',
        f"<p>{len(checked_claims)} of {len(checked.claims)} claims checked.</p>{facts_line}",
        f"<table><tr><th>Verdict</th><th>Claims</th></tr>{''.join(rows)}</table>",
        f"<p>Checked by: {escape(', '.join(checkers)) or 'nobody yet'}.</p>",
    ]
    if times:
        first, last = readable_time(times[0]), readable_time(times[-1])
        when = first if first == last else f"{first} to {last}"
        parts.append(f"<p>Checked {escape(when)}.</p>")
    if still_open:
        listed = ", ".join(f'<a href="#n{n}">{n}</a>' for n in still_open)
        parts.append(f"<p>Still open ({len(still_open)}): claims {listed}.</p>")
    else:
        parts.append("<p>Nothing is still open.</p>")
    parts.append("</section>")
    return "".join(parts)


def _sources_html(checked: CheckedArticle, numbers: dict[int, int]) -> str:
    used: dict[tuple[str, str, str], list[tuple[int, str]]] = {}
    for index, claim in enumerate(checked.claims):
        for source in claim.sources:
            key = (source.kind, source.reference, source.tier)
            used.setdefault(key, []).append((numbers[index], source.consulted_on))
    items = []
    for (kind, reference, tier), uses in used.items():
        claims = ", ".join(f'<a href="#n{n}">{n}</a>' for n, _ in uses)
        dates = ", ".join(sorted({day for _, day in uses if day}))
        items.append(
            f"<li>{escape(tier)} {escape(kind)}: {_link(reference)} — consulted "
            f"{escape(dates) or 'date not recorded'}; claims {claims}</li>"
        )
    reports: dict[str, list[int]] = {}
    for index, claim in enumerate(checked.claims):
        for report in claim.linked_reports:
            label = f"{report.rating or 'unrated'} — {report.publisher}".rstrip(" —")
            reports.setdefault(f"{label}\x00{report.url}", []).append(numbers[index])
    linked = []
    for report_key, numbered in reports.items():
        label, url = report_key.split("\x00")
        listed = ", ".join(f'<a href="#n{n}">{n}</a>' for n in numbered)
        linked.append(f"<li>{escape(label)} {_link(url)}; claims {listed}</li>")
    section = ['<section class="sources"><h2>Sources consulted</h2>']
    section.append(f"<ul>{''.join(items)}</ul>" if items else "<p>No sources recorded.</p>")
    if linked:
        section.append(f"<h2>Prior fact-checks linked</h2><ul>{''.join(linked)}</ul>")
    section.append("</section>")
    return "".join(section)


def render_html(checked: CheckedArticle, *, generated_at: str | None = None) -> str:
    """The whole report as one HTML string."""
    article = checked.article
    numbers = {index: index + 1 for index in range(len(checked.claims))}
    about = " · ".join(escape(part) for part in (article.outlet, article.date) if part)
    if article.url:
        about += (" · " if about else "") + _link(article.url)
    stamp = generated_at or dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    revision = f" · revision {article.revision}" if article.revision > 1 else ""
    legend = "".join(
        f'<span class="claim k-{kind}">{escape(" / ".join(v.label for v in verdicts))}</span>'
        for kind in ("open", "positive", "negative", "neutral")
        if (verdicts := [v for v in checked.scale.verdicts if v.kind == kind])
    )
    notes = "".join(
        _note_html(claim, numbers[index], checked) for index, claim in enumerate(checked.claims)
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>Checked: {escape(article.title)}</title>\n<style>{STYLE}</style></head>\n"
        f"<body><main>\n<h1>{escape(article.title)}</h1>\n"
        f'<div class="about">{about}{revision}<br>Fact-check report made by factcheck, '
        f"{escape(stamp)}</div>\n"
        f'<p class="legend">{legend}</p>\n'
        f'<article class="text">{_article_html(checked, numbers)}</article>\n'
        f"{_summary_html(checked, numbers)}\n"
        f'<section class="notes"><h2>The claims</h2><ol>{notes}</ol></section>\n'
        f"{_sources_html(checked, numbers)}\n</main></body></html>\n"
    )


def export_html(
    desk: ExportedDesk, destination: Path | TextIO, *, article_id: int | None = None
) -> int:
    """Write the report to a path (atomically) or a stream; returns how many claims it has."""
    checked = load_checked_article(desk, article_id)
    page = render_html(checked)

    def write(out: TextIO) -> int:
        out.write(page)
        return len(checked.claims)

    if isinstance(destination, Path):
        return write_atomically(destination, write)
    count = write(destination)
    destination.flush()
    return count
