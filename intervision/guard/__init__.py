"""The pseudonymisation guard: finds what looks like identifying data in text a member wrote.

It does not decide: it shows the member the fragments, and the member changes them or confirms
that the text is pseudonymised. It errs on the side of asking, but every false alarm costs the
member a round trip, so each kind has rules for what it is not (see the modules beside this one).

`find_identifying(text)` is what forms call; `scan(text, added=..., exempted=...)` is the same
search without the editors' name settings, for benchmarks and callers outside a request.
"""

import bisect
import hashlib
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from cano.richtext import rich_text_plain

from . import dates, links, names, numbers, places
from .numbers import national_number_is_valid
from .settings import editor_names

__all__ = [
    "KIND_LABELS",
    "Finding",
    "find_identifying",
    "findings_fingerprint",
    "findings_unconfirmable",
    "guard_text_of_html",
    "national_number_is_valid",
    "scan",
]

KIND_LABELS = {
    "national_number": _("rijksregisternummer"),
    "email": _("e-mailadres"),
    "web_address": _("webadres met een naam"),
    "phone": _("telefoonnummer"),
    "address": _("adres met huisnummer"),
    "date_of_birth": _("volledige datum (mogelijk een geboortedatum)"),
    "iban": _("rekeningnummer (IBAN)"),
    "licence_plate": _("nummerplaat"),
    "name": _("naam"),
}
# Numbers whose check digits are right are real: an invented number passes them once in 97
# tries, and a case needs none. They cannot be confirmed as pseudonymised; the member removes them.
REAL_WHEN_VALID = frozenset({"national_number", "iban"})
NOTES = {
    "national_number_checksum": _(
        "lijkt op een rijksregisternummer (controlecijfers kloppen niet)"
    ),
    "iban_checksum": _("lijkt op een rekeningnummer (controlecijfers kloppen niet)"),
}


@dataclass(frozen=True)
class Finding:
    """A fragment that may identify someone; equal findings have the same kind and fragment."""

    kind: str
    fragment: str
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)
    note: str = field(default="", compare=False)

    @property
    def label(self):
        if self.note:
            return NOTES[self.note]
        return KIND_LABELS[self.kind]

    @property
    def confirmable(self) -> bool:
        """Whether the member may confirm this fragment as pseudonymised rather than remove it."""
        return self.kind not in REAL_WHEN_VALID or bool(self.note)


def scan(text: str, *, added=(), exempted=()) -> list[Finding]:
    """Every finding in `text`, in order of appearance, with offsets; overlaps keep the first kind."""
    text = text or ""
    book = names.NameBook(added, exempted)
    # Spans taken so far, kept sorted and disjoint, so a long text with many findings stays fast.
    taken: list[tuple[int, int]] = []
    found: list[Finding] = []

    def add(kind, start, end, note=""):
        at = bisect.bisect_left(taken, (start, end))
        if at > 0 and taken[at - 1][1] > start:
            return
        if at < len(taken) and taken[at][0] < end:
            return
        taken.insert(at, (start, end))
        found.append(Finding(kind, text[start:end].strip(), start, end, note))

    for match in numbers.IBAN.finditer(text):
        compact = re.sub(r"\s", "", match.group(0)).upper()
        if numbers.iban_is_valid(compact):
            add("iban", *match.span())
        elif re.fullmatch(r"BE\d{14}", compact):
            add("iban", *match.span(), "iban_checksum")
    for start, end in links.find_emails(text):
        add("email", start, end)
    for start, end in links.find_web_addresses(text, book):
        add("web_address", start, end)
    for match in numbers.NATIONAL_NUMBER.finditer(text):
        digits = "".join(match.groups())
        if national_number_is_valid(digits):
            add("national_number", *match.span())
        elif numbers.national_number_date_is_plausible(digits):
            add("national_number", *match.span(), "national_number_checksum")
    for match in numbers.PHONE_CANDIDATE.finditer(text):
        span = numbers.find_phone(text, match)
        if span:
            add("phone", *span)
    for match in numbers.PLATE.finditer(text):
        add("licence_plate", *match.span())
    for start, end in dates.find_birth_dates(text):
        add("date_of_birth", start, end)
    for start, end in places.find_addresses(text):
        add("address", start, end)
    for start, end in names.find_names(text, book):
        add("name", start, end)
    return sorted(found, key=lambda finding: finding.start)


def find_identifying(text: str) -> list[Finding]:
    """The fragments of `text` that look like identifying data, in order, each fragment once."""
    added, exempted = editor_names()
    unique: dict[Finding, None] = {}
    for finding in scan(text, added=added, exempted=exempted):
        unique.setdefault(finding, None)
    return list(unique)


def guard_text_of_html(markup: str) -> str:
    """The text of sanitised HTML followed by its link targets, which the page does not show but
    which leave the platform with it (a `mailto:` address, a profile link).

    The text is read as a reader sees it: a name split by formatting (`<strong>Em</strong>ma`) is
    one word, and two paragraphs or list items never run together into one.
    """
    return "\n".join([rich_text_plain(markup or ""), *links.link_targets(markup)])


def findings_unconfirmable(findings: list[Finding]) -> list[Finding]:
    """The findings no confirmation lets through: real identifiers the member must remove."""
    return [finding for finding in findings if not finding.confirmable]


def findings_fingerprint(findings: list[Finding]) -> str:
    """Identifies the exact set of fragments a member confirmed; new fragments need a new check."""
    payload = "\n".join(sorted(f"{f.kind}:{f.fragment}" for f in findings))
    return hashlib.sha256(payload.encode()).hexdigest()[:32]
