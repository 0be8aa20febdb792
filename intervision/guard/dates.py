"""Dates of birth: a full date is one when the text says so (°, geb., geboren, geboortedatum), or
when nothing says it is a law, a meeting, an event or a period and its year is long enough ago."""

import datetime
import re

MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|febr|mrt|maa|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
DATE = re.compile(
    rf"(?<![\w/.-])(?:"
    rf"(?P<d1>0?[1-9]|[12]\d|3[01])[./-](?P<m1>0?[1-9]|1[0-2])[./-](?P<y1>(?:19|20)\d{{2}}|\d{{2}})"
    rf"|(?P<d2>0?[1-9]|[12]\d|3[01])\s+(?:{MONTHS})\.?\s+(?P<y2>(?:19|20)\d{{2}}|['’]\d{{2}})"
    rf"|(?P<y3>(?:19|20)\d{{2}})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
    rf")(?![\w]|[./-]\d)",
    re.IGNORECASE,
)
BIRTH_BEFORE = re.compile(
    r"(?:°|\bgeb\.?|\bgeboren(?:\s+(?:op|in|te))?|\bgeboortedatum|\bgeb\.\s*datum|\bgeboortejaar"
    r"|\bdob|\bverjaardag(?:\s+op)?|\bgeboorte)(?:\s+[\w.]+){0,4}?\s*[:(]?\s*$",
    re.IGNORECASE,
)
# Words that make a date a law's, a meeting's or an event's, not a person's.
EVENT_BEFORE = re.compile(
    r"\b(?:decreet|wet|kb|k\.b\.|omzendbrief|besluit|bvr|mb|codex|richtlijn|arrest|vonnis|verordening"
    r"|vergadering|mdo|overleg|netwerkoverleg|studiedag|teamdag|evaluatie|huisbezoek|zitting|aanmelding"
    r"|intake|intakegesprek|gesprek|verslag|oudercontact|afspraak|opname|ontslag|melding|sinds|vanaf"
    r"|tot|t\.e\.m\.|tot en met|van|op|periode|datum|gepland|planning|deadline|voor|na|tegen"
    r"|schooljaar|contract|plaats)\W{0,3}(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)
PERIOD_AFTER = re.compile(r"\s*(?:-|–|—|tot|t\.e\.m\.|tot en met|t/m)\s*\d", re.IGNORECASE)
PERIOD_BEFORE = re.compile(r"\d\s*(?:-|–|—|tot|t\.e\.m\.|tot en met|t/m)\s*$", re.IGNORECASE)


def year_of(match: re.Match) -> int:
    raw = (match.group("y1") or match.group("y2") or match.group("y3")).lstrip("'’")
    year = int(raw)
    if year < 100:
        this_year = datetime.date.today().year % 100
        year += 2000 if year <= this_year else 1900
    return year


def find_birth_dates(text: str):
    """(start, end) spans of dates that are, or may be, dates of birth."""
    recent = datetime.date.today().year - 3
    for match in DATE.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        if BIRTH_BEFORE.search(before):
            yield match.span()
            continue
        if PERIOD_AFTER.match(text, match.end()) or PERIOD_BEFORE.search(before):
            continue
        if EVENT_BEFORE.search(before):
            continue
        if year_of(match) <= recent:
            yield match.span()
