"""Which stored report a report read from a file is: its identity.

A report file's own ids (`id` 1, 2, 3…) are only unique within what its publisher issues, so
the identity is namespaced by who published it: the publisher's name (case and spacing
folded), else, for a file that names no publisher, the file it came from. Importing another
publisher's file therefore never replaces a report, whatever ids it uses; the same publisher
re-issuing a report (same id) updates it.

(A report with no id of its own is known by its URL; core.reports numbers the second and later
reports of one file with the same URL — several ClaimReviews on one page — `URL#2`, `URL#3`…,
so all of them are kept.)
"""

from __future__ import annotations

# A printable separator (U+241F, the picture of the unit separator): stored text never holds
# control characters, and no publisher name or id is expected to contain it.
SEPARATOR = "\u241f"


def folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def report_identity(external_id: str, publisher: str, source_file: str) -> str:
    """`publisher:<name>␟<id>`, or `file:<name>␟<id>` for a report without a publisher."""
    namespace = f"publisher:{folded(publisher)}" if publisher.strip() else f"file:{source_file}"
    return f"{namespace}{SEPARATOR}{external_id}"
