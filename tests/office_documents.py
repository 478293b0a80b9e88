"""Office documents made by a real word processor: a Flat ODT written here, converted by
LibreOffice (headless) to PDF, ODT, RTF or DOCX. Used by tests/test_office_formats.py and
benchmarks/office_formats.py.

The document is what a desk receives: a running header and a footer with the page number on
every page, justified text whose long words carry soft hyphens (so LibreOffice hyphenates at
line ends, as a typeset press release does; no hyphenation dictionary is installed here), a
page break where asked, and the writer's comments (office:annotation) anchored on text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

HEADER = "Ministry of Water Resources — Press Office"
FOOTER_PREFIX = "Press release 2026/114 — page"
LONG_WORD = re.compile(r"[A-Za-z]{9,}")


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment anchored on `anchor` (a substring of paragraph `paragraph`)."""

    paragraph: int
    anchor: str
    text: str
    author: str = "Maria Lopez"
    date: str = "2026-07-12T10:30:00"


def soft_hyphenated(text: str) -> str:
    """Long words with a soft hyphen after their fifth letter: where LibreOffice may break."""
    return LONG_WORD.sub(lambda word: word.group()[:5] + "\u00ad" + word.group()[5:], text)


def _paragraph(text: str, comments: Sequence[Comment], style: str, number: int) -> str:
    body = escape(soft_hyphenated(text))
    for index, comment in enumerate(comments):
        anchor = escape(soft_hyphenated(comment.anchor))
        name = f"c{number}_{index}"
        note = (
            f'<office:annotation office:name="{name}"><dc:creator>{escape(comment.author)}'
            f"</dc:creator><dc:date>{comment.date}</dc:date><text:p>{escape(comment.text)}"
            "</text:p></office:annotation>"
        )
        body = body.replace(
            anchor, f'{note}{anchor}<office:annotation-end office:name="{name}"/>', 1
        )
    return f'<text:p text:style-name="{style}">{body}</text:p>'


def flat_odt(
    title: str,
    paragraphs: Sequence[str],
    *,
    comments: Sequence[Comment] = (),
    page_break_before: int | None = None,
) -> str:
    """A Flat ODT (.fodt) of `paragraphs` under heading `title`: header, footer with the page
    number, justified text; paragraph `page_break_before` starts a new page."""
    parts = []
    for number, text in enumerate(paragraphs):
        style = "Break" if number == page_break_before else "Body"
        mine = [comment for comment in comments if comment.paragraph == number]
        parts.append(_paragraph(text, mine, style, number))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
  office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta><dc:title>{escape(title)}</dc:title></office:meta>
 <office:styles>
  <style:style style:name="Body" style:family="paragraph">
   <style:paragraph-properties fo:text-align="justify" fo:margin-bottom="0.2cm"/>
   <style:text-properties fo:font-size="11pt"/>
  </style:style>
  <style:style style:name="Break" style:family="paragraph" style:parent-style-name="Body">
   <style:paragraph-properties fo:break-before="page"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="Layout">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
     fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="Layout">
   <style:header><text:p>{escape(HEADER)}</text:p></style:header>
   <style:footer><text:p>{escape(FOOTER_PREFIX)} <text:page-number text:select-page="current"/>
   </text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body>
  <office:text>
   <text:h text:outline-level="1">{escape(title)}</text:h>
   {"".join(parts)}
  </office:text>
 </office:body>
</office:document>
"""


def convert(sources: Sequence[Path], target: str, outdir: Path) -> None:
    """LibreOffice converts `sources` to `target` (pdf, odt, rtf, docx) into `outdir`."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("soffice (LibreOffice) is not installed")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{outdir}/profile",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
