"""The pseudonymisation guard: finds what looks like identifying data in text a member wrote.

It does not decide: it shows the member the fragments, and the member changes them or confirms
that the text is pseudonymised. It errs on the side of asking.
"""

import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

KIND_LABELS = {
    "national_number": _("rijksregisternummer"),
    "email": _("e-mailadres"),
    "phone": _("telefoonnummer"),
    "address": _("adres met huisnummer"),
    "date_of_birth": _("volledige datum (mogelijk een geboortedatum)"),
    "name": _("naam"),
}

# Common first and family names in Flanders; INTERVISION_GUARD_NAMES replaces this list.
DEFAULT_NAMES = [
    "Noah", "Liam", "Louis", "Arthur", "Jules", "Lucas", "Adam", "Finn", "Victor", "Mohamed",
    "Gabriel", "Vic", "Leon", "Matteo", "Milan", "Lars", "Wout", "Senne", "Rayan", "Ayoub",
    "Emma", "Olivia", "Louise", "Mila", "Elena", "Nora", "Lina", "Marie", "Ella", "Julia",
    "Fleur", "Lotte", "Jana", "Yasmine", "Amira", "Noor", "Lena", "Hanne", "Febe", "Aya",
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
    "Wouters", "Dubois", "Lambert", "Dupont", "Vermeulen", "Van den Broeck", "De Smet",
]  # fmt: skip

MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
STREET_SUFFIXES = (
    "straat|str|laan|lei|steenweg|plein|weg|dreef|kaai|vest|markt|baan|singel|dijk|pad|gracht"
    "|ring|kouter|berg|hof|park|rei|boulevard|avenue|rue|chaussée"
)

NATIONAL_NUMBER = re.compile(r"(?<![\d])\d{2}[.\s]?\d{2}[.\s]?\d{2}[-\s.]?\d{3}[.\s]?\d{2}(?![\d])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
PHONE = re.compile(
    r"(?<![\w+./-])(?:(?:\+|00)32[\s.]?(?:\(0\)\s?)?|0)[1-9](?:[\s./-]?\d){7,8}(?![\d])"
)
ADDRESS = re.compile(
    rf"\b[\w'’-]*(?:{STREET_SUFFIXES})\.?\s+\d{{1,4}}(?:\s?[a-zA-Z](?![\w]))?(?:\s*(?:bus|bs)\s*\d+)?",
    re.IGNORECASE | re.UNICODE,
)
DATE = re.compile(
    rf"\b(?:0?[1-9]|[12]\d|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:19|20)\d{{2}}\b"
    rf"|\b(?:0?[1-9]|[12]\d|3[01])\s+(?:{MONTHS})\.?\s+(?:19|20)\d{{2}}\b"
    rf"|\b(?:19|20)\d{{2}}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    kind: str
    fragment: str

    @property
    def label(self):
        return KIND_LABELS[self.kind]


def national_number_is_valid(digits: str) -> bool:
    """The Belgian rijksregisternummer checksum, for people born before and after 2000."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    base, check = int(digits[:9]), int(digits[9:])
    return check in (97 - base % 97, 97 - (2_000_000_000 + base) % 97)


def guard_names() -> list[str]:
    names = getattr(settings, "INTERVISION_GUARD_NAMES", None)
    return list(DEFAULT_NAMES if names is None else names)


def _name_pattern(names):
    names = sorted({name.strip() for name in names if name and name.strip()}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


def find_identifying(text: str) -> list[Finding]:
    """The fragments of `text` that look like identifying data, in order of appearance."""
    text = text or ""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, Finding]] = []

    def add(kind, match):
        start, end = match.span()
        if any(start < t_end and end > t_start for t_start, t_end in taken):
            return
        taken.append((start, end))
        found.append((start, Finding(kind, match.group(0).strip())))

    for match in NATIONAL_NUMBER.finditer(text):
        if national_number_is_valid(re.sub(r"\D", "", match.group(0))):
            add("national_number", match)
    for match in EMAIL.finditer(text):
        add("email", match)
    for match in PHONE.finditer(text):
        add("phone", match)
    for match in DATE.finditer(text):
        add("date_of_birth", match)
    for match in ADDRESS.finditer(text):
        add("address", match)
    names = _name_pattern(guard_names())
    if names is not None:
        for match in names.finditer(text):
            add("name", match)

    unique: list[Finding] = []
    for _start, finding in sorted(found, key=lambda item: item[0]):
        if finding not in unique:
            unique.append(finding)
    return unique


def findings_fingerprint(findings: list[Finding]) -> str:
    """Identifies the exact set of fragments a member confirmed; new fragments need a new check."""
    payload = "\n".join(sorted(f"{f.kind}:{f.fragment}" for f in findings))
    return hashlib.sha256(payload.encode()).hexdigest()[:32]
