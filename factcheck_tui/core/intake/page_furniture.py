"""Page furniture a checker never checks: the paragraphs a site repeats around every story
(photo credits, "Supported by", "Advertisement", "Filed Under:", "Read more: …" teasers,
newsletter pitches, share buttons, timestamps, bylines, copyright lines), dropped from a web
page's story by generic rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck_tui.core.intake.page_metadata import PageMetadata, name_key

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
    r"|à lire (?:aussi|également)|voir aussi)"
    # A wire service's footer ("Our Standards: The Thomson Reuters Trust Principles.")
    r"|our standards\s*:"
    # "Header Image: …": a caption (an "Update …:" with news is the story's own, and kept)
    r"|(?:header|featured|top|lead) (?:image|photo)\s*:"
    r"|editors[’']? (?:recommendations|picks)\b"
    r"|(?:beitragsbild|titelbild|bildquelle|image illustrative|illustration)\s*:"
    # A story's metadata strings: its tags and topics, its reading time
    r"|(?:tags?|topics?|categories|themen|schlagwörter|schlagworte|mots[- ]clés)\s*:"
    r"|(?:\d+\s*(?:min(?:ute)?s?\.?|minuten?)\s*(?:read|lesezeit|de lecture)"
    r"|reading time|lesezeit)\b"
    # "Auch auf gofeminin.de", "Also on Example.com": the heading of a list of teasers
    r"|(?:auch (?:auf|bei)|also on|more (?:on|at))\s+[\w.-]+\s*$",
    # A note on the story's own editing ("Update July 3rd: Added a tweet.", "This article
    # was corrected …") is not here: it tells the checker the story changed, and is read.
    re.IGNORECASE,
)
# "12 Comments", "Kommentare insgesamt: 0", "Comments (3)": how many readers wrote below.
COMMENT_COUNT = re.compile(
    r"^(?:\d+\s+(?:comments?|kommentare?|commentaires?|responses?|replies)"
    r"|(?:comments?|kommentare?|commentaires?)(?:\s+insgesamt)?\s*(?::\s*|\(\s*)\d+\s*\)?)$",
    re.IGNORECASE,
)
# The box about the writer set as the story's last paragraph: "The author is a lawyer in
# Berlin …", "AUTOR ist Gründungspartner …", "About the author: …". Only there: a review's
# "The author is a former spy who …" further up is the story's.
AUTHOR_NOTE = re.compile(
    r"^(?:(?:the|der|die|l[’'])\s*)?(?:author|autor(?:in)?|auteur|autrice)\s+(?:is|ist|est)\s"
    r"|^about the author\b|^über (?:den autor|die autorin)\b|^à propos de l[’']auteur",
    re.IGNORECASE,
)
AUTHOR_NOTE_MAX_WORDS = 80
# A post's metadata line: "January 13, 2020 at 08:45 AM | categories: Python | View Comments".
META_LINE = re.compile(
    r"^(?=.*\d)(?=.*\b(?:comments?|categor(?:y|ies)|tags?|filed)\b)[^|]{1,80}(?:\|[^|]{1,80}){2,}$",
    re.IGNORECASE,
)
# An embedded post's signature: "— Dave Schukin (@schukin) July 3, 2019".
EMBED_SIGNATURE = re.compile(r"^[—–-]\s*[^\n]{1,60}\(@\w{1,30}\)[^\n]{0,30}$")
FURNITURE_START_MAX_WORDS = 30
# "Copyright 2021 …", "Copyright © …"; "Copyright holders will get …" is a story's sentence.
COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4}|$))|all rights reserved"
    r"|alle rechte vorbehalten"
    r"|tous droits réservés",
    re.IGNORECASE,
)
BYLINE = re.compile(r"^(?:[Bb][Yy]|[Vv]on|[Pp]ar|Text:)\s+[A-ZÀ-Ý]")
# A wire story's credits: "Reporting by Jill Serjeant in Los Angeles; Editing by Leslie
# Adler": who did what, and names. "Reporting by ProPublica found that …" is a sentence.
CREDIT_LINE = re.compile(
    r"^(?:additional |further )?(?:reporting|writing|editing|compiled|produced|research)"
    r"(?: and \w+)? by\s",
    re.IGNORECASE,
)
CREDIT_WORDS = frozenset(
    "additional further reporting writing editing compiled produced research and by in for "
    "of from with at & de van von".split()
)
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
DATED_BY = re.compile(
    r"\s+(?:by|von|par)\s+(?!(?:der|die|das|dem|den|the|a|an|la|le|les)\b)\S+(?:\s+\S+){0,2}$",
    re.IGNORECASE,
)
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


# A subscription pitch or a sign-up form's consent line: short, and speaking to the reader
# ("Mit unserem Newsletter erhalten Sie …", "PC Gamer Newsletter"). A story's sentence about
# a newsletter names no "you" and is kept.
NEWSLETTER = re.compile(r"\bnewsletters?\b", re.IGNORECASE)
CONSENT = re.compile(
    r"privacy policy|terms of (?:use|service)|datenschutz|nutzungsbedingungen"
    r"|politique de confidentialité|conditions d'utilisation",
    re.IGNORECASE,
)
# German "Sie"/"Ihre" is the reader only inside a sentence ("erhalten Sie"): opening one it is
# "she", "they" or "her" ("Sie verschickte einen Newsletter an 3000 Mitglieder.").
TO_THE_READER = re.compile(
    r"\b(?:you|your|vous|votre|vos|sign(?:ed)? up|subscribe|abonnieren|anmelden|angemeldet"
    r"|inscri\w*)\b|(?<=[\w,;–-] )(?-i:Sie|Ihre?[nmrs]?)\b",
    re.IGNORECASE,
)
# A sign-up form's consent line asks the reader to agree ("By signing up you agree to our
# Privacy Policy", "… akzeptieren Sie unsere Datenschutzbedingungen"); a story's sentence
# about a privacy policy does not.
AGREEING = re.compile(
    r"\b(?:agree|accept|consent|akzeptier\w*|einverstanden|zustimm\w*|willig\w*"
    r"|accept\w*|by (?:signing|subscribing|clicking|registering|submitting))",
    re.IGNORECASE,
)
PITCH_MAX_WORDS = 45
PITCH_HEADING_WORDS = 4


def furniture_reason(paragraph: str, metadata: PageMetadata | None = None) -> str:
    """Why a paragraph is page furniture a checker never checks, or "" when it is not."""
    flat = " ".join(paragraph.split())
    words = flat.split()
    # Cheap tests first (word counts before patterns): this runs on every paragraph.
    if len(words) <= PITCH_MAX_WORDS:
        if NEWSLETTER.search(flat) and (
            len(words) <= PITCH_HEADING_WORDS or TO_THE_READER.search(flat)
        ):
            return "subscription pitch"
        if CONSENT.search(flat) and TO_THE_READER.search(flat) and AGREEING.search(flat):
            return "sign-up form"
    key = flat.lower().rstrip(" .:!…›»>")
    if key in FURNITURE_EXACT or HASHTAGS.match(flat):
        return "furniture"
    opening = flat.lstrip("([„“\"' ")  # "(Credit: Jane Roe / Grist)"
    if len(words) <= FURNITURE_START_MAX_WORDS and FURNITURE_START.match(opening):
        return "teaser or credit"
    if len(words) <= FURNITURE_START_MAX_WORDS and COPYRIGHT.search(flat):
        return "copyright"
    if len(words) <= FURNITURE_START_MAX_WORDS and META_LINE.match(flat):
        return "post metadata"
    if len(words) <= PITCH_HEADING_WORDS and COMMENT_COUNT.match(flat):
        return "comment count"
    if EMBED_SIGNATURE.match(flat):
        return "embedded post's signature"
    if _breadcrumb(flat, words):
        return "breadcrumb"
    if len(flat) <= TIMESTAMP_MAX_CHARS and _timestamp(flat):
        return "timestamp"
    if len(words) <= FURNITURE_START_MAX_WORDS and CREDIT_LINE.match(flat):
        names = [word.strip(",.;:()") for word in words]
        if all(not n or n[0].isupper() or n.lower() in CREDIT_WORDS for n in names):
            return "credit"
    if len(words) <= BYLINE_MAX_WORDS and BYLINE.match(flat):
        names = [word.strip(",.;:()") for word in words[1:]]
        if all(not n or n[0].isupper() or n.lower() in BYLINE_JOINERS for n in names):
            return "byline"
    if len(words) <= 8 and AGENCY_CREDIT.match(flat):
        return "credit"
    if metadata and metadata.author and len(words) <= BYLINE_MAX_WORDS:
        if name_key(flat) == name_key(metadata.author):
            return "byline"
    return ""


def _timestamp(flat: str) -> bool:
    """Nothing but a date or a time and the words around them; "11.09.2011, 16:20 von
    jovelstefan" and "24. März 2004, 19:49 | Genesis" too: a post's time and who posted it.
    A table row ("2019 | 3.5 | 4.1", "Monday | Tuesday") is not one."""
    when = POSTED_BY_BAR.sub("", flat) if any(c.isdigit() for c in flat) else flat
    if not DATE_OR_TIME.search(when) or TABLE_ROW.search(when):
        return False
    return not TIMESTAMP_WORDS.sub("", DATED_BY.sub("", when)).strip()


# "… 19:49 | Genesis": a name (no figures, no more cells) after a bar at a timestamp's end.
POSTED_BY_BAR = re.compile(r"(?<=\d)\s*\|\s*[^\d|;]{1,40}$")


# "Accueil > Actualités et humeurs > Décisions …", "Hauptseite » 2010 » Oktober » Briefe":
# where the page sits on its site, three or more short steps.
BREADCRUMB_STEP = re.compile(r"\s+[>»›]\s+")
BREADCRUMB_STEP_QUOTED = re.compile(r"\s+[>›]\s+")
BREADCRUMB_STEP_WORDS = 12


def _breadcrumb(flat: str, words: list[str]) -> bool:
    if len(words) > FURNITURE_START_MAX_WORDS or flat.endswith("."):
        return False  # a sentence ends with a full stop; the page's place does not
    # "»" closes a French quotation where "«" opens one: then only ">" and "›" are steps.
    steps = (BREADCRUMB_STEP_QUOTED if "«" in flat else BREADCRUMB_STEP).split(flat)
    return len(steps) >= 3 and all(0 < len(step.split()) <= BREADCRUMB_STEP_WORDS for step in steps)


SENTENCE_END = tuple('.!?:;…"”’)»')


def as_blocks(paragraphs: list[str]) -> Iterator[str]:
    """Each paragraph; a block of lines that end without a sentence's punctuation (a list of
    headlines, a spec sheet, an address) as a paragraph a line, so that its lines are not
    read as one long sentence and each line is judged as furniture on its own."""
    for paragraph in paragraphs:
        lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
        if len(lines) > 1 and not any(line.endswith(SENTENCE_END) for line in lines[:-1]):
            yield from lines
        else:
            yield paragraph


# The heading of a list of other stories ("Related", "More from …", "Auch auf …"): the
# headlines under it, short lines not ending in a full stop, are teasers too.
RELATED_HEADING = re.compile(
    r"^(?:related|more\b|also\b|read\b|recommended|top stories|most (?:read|popular)|trending"
    r"|auch\b|mehr\b|lesen sie|das könnte|lire\b|à lire|voir aussi|editors)",
    re.IGNORECASE,
)
RELATED_HEADING_WORDS = 6
# A paragraph that hands the reader on to a list ("… Women's History Month? Read about:"):
# the short lines under it are other pages' headlines or names, and it is furniture itself.
READ_ON = re.compile(
    r"(?:read (?:about|more|on|next)|see also|related(?: stories| articles)?|more from [^:]{1,40}"
    r"|lesen sie (?:auch|mehr|weiter)|lire aussi|à lire aussi|voir aussi)\s*:$",
    re.IGNORECASE,
)
HEADLINE_WORDS = 16


def _headlines(paragraph: str) -> bool:
    """Short lines, none ending in a full stop: a headline or a block of them."""
    lines = paragraph.split("\n")
    return all(len(line.split()) <= HEADLINE_WORDS and not line.endswith(".") for line in lines)


# A long paragraph met a second time is the page repeating its story (a pull quote, the
# mobile copy beside the desktop one): proposed twice, it would be checked twice. A short
# one may repeat on purpose (a refrain), and stays.
REPEAT_MIN_WORDS = 12


def without_furniture(paragraphs: list[str], metadata: PageMetadata) -> list[str]:
    kept: list[str] = []
    title = name_key(metadata.title)
    teasers_follow = False
    seen: set[str] = set()
    for paragraph in as_blocks(paragraphs):
        paragraph = FUSED_CREDIT.sub("", paragraph).strip()
        if teasers_follow and paragraph and _headlines(paragraph):
            continue
        reason = furniture_reason(paragraph, metadata) if paragraph else "empty"
        if not reason and len(paragraph.split()) <= FURNITURE_START_MAX_WORDS:
            reason = "teaser list" if READ_ON.search(paragraph) else ""
        teasers_follow = reason == "teaser list" or (
            bool(reason)
            and len(paragraph.split()) <= RELATED_HEADING_WORDS
            and bool(RELATED_HEADING.match(paragraph))
        )
        if reason:
            continue
        if not kept and title and name_key(paragraph) == title:
            continue  # the headline repeated as the first line of the body
        if len(paragraph.split()) >= REPEAT_MIN_WORDS:
            if paragraph in seen:
                continue
            seen.add(paragraph)
        kept.append(paragraph)
    while kept and len(kept[-1].split()) <= AUTHOR_NOTE_MAX_WORDS and AUTHOR_NOTE.match(kept[-1]):
        kept.pop()
    return kept
