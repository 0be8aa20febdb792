"""Addresses: a street with a house number, in Dutch or French, with the postcode and town after it."""

import re

from . import lexicon

STREET_TYPES = (
    "straat|str|laan|lei|steenweg|stwg|plein|weg|wegel|dreef|kaai|kade|vest|markt|baan|singel"
    "|dijk|pad|gracht|ring|kouter|berg|hof|park|rei|dries|poort|brug|hoek|werf|meers|heide|veld"
    "|velden|akker|bos|beek|broek|hoeve|dam|burcht|plaats|pleintje|steeg|gang|kant|lo|wijk"
)
FRENCH_TYPES = (
    r"Rue|Avenue|Av\.|Chaussée|Chée|Place|Boulevard|Bd\.?|Square|Quai|Impasse|Allée|Drève"
    r"|Chemin|Clos|Sentier|Galerie|Rond-Point|Parvis|Cours|Promenade|Passage"
)
HOUSE_NUMBER = r"\d{1,4}(?:\s?[a-zA-Z](?![\w]))?(?:\s*(?:bus|bte|b\.|/)\s*\d{1,4}[a-zA-Z]?)?"
TOWN = r"(?:,\s*|\s+(?:te|in)\s+|\s+)\d{4}\s+[A-ZÀ-Ý][\w'’-]*(?:\s+\((?:stad|[A-Z][\w-]*)\))?"
WORD = r"[A-ZÀ-Ý][\w'’.-]*"
LINK = r"(?:van|de|der|den|het|ter|ten|op|'t|d'|aan|in|bij)"

# Each street form is matched backwards from a house number, in a short window before it: far
# cheaper than trying every position of the text.
DUTCH = re.compile(
    rf"(?P<street>(?:(?:{WORD}|{LINK})\s+){{0,3}}[\w'’-]*(?i:{STREET_TYPES}))\.?\s+$", re.UNICODE
)
SPELLED = re.compile(
    rf"(?P<street>(?:{FRENCH_TYPES})"
    rf"(?:\s+(?:de|du|des|la|le|les|aux|au|et|sur|l'|d')|\s+[dlDL]['’]{WORD}|\s+{WORD}){{1,6}}"
    rf"|(?:Steenweg|Baan|Weg|Dreef|Heirbaan)\s+(?:op|naar|van)\s+{WORD})\s+$",
    re.UNICODE,
)
# "Meir 12", "Ten Bosse 3": streets without a street type, known from the Belgian address file.
LISTED = re.compile(rf"(?P<street>(?:(?:{WORD}|{LINK})\s+){{0,3}}{WORD})\s+$", re.UNICODE)
NUMBER = re.compile(
    rf"(?<=\s)(?P<number>{HOUSE_NUMBER})(?![\d,.:]\d)(?P<town>{TOWN})?(?![\w])", re.UNICODE
)
WINDOW = 90
WORD_START = re.compile(r"(?<![\w'’-])[\w'’]")
# A number of something is not a house number: "vergadering 2 weken later", "ring 12 keer".
UNIT_AFTER = re.compile(
    r"\s*(?:%|°|km|m\b|kg|cm|u\b|uur|min|euro|€|x\b|op\s+\d|/\d|"
    r"(?:seconden?|minuten|minuut|uren|dagen|dag|nachten|nacht|weken|week|maanden|maand|jaren|jaar"
    r"|keer|maal|jongeren|kinderen|leerlingen|personen|mensen|deelnemers|meter|kilometer|appels"
    r"|medailles|punten|stuks|plaatsen|bedden|lessen|sessies|euro|procent|leerkrachten)\b)",
    re.I,
)
# "Bel 100", "Zie 3.2": a sentence that starts with a verb.
IMPERATIVES = {
    "bel", "zie", "mail", "stuur", "neem", "vraag", "geef", "kijk", "lees", "noteer", "let", "doe",
    "ga", "kom", "schrijf", "check", "sms", "contacteer", "bekijk", "volg", "surf", "klik",
}  # fmt: skip
NOT_STREETS = {
    "kamer", "bus", "tram", "lijn", "klas", "groep", "fase", "artikel", "versie", "score",
    "hoofdstuk", "pagina", "blz", "week", "dag", "jaar", "graad", "leerjaar", "richting", "niveau",
    "stap", "punt", "module", "les", "sessie", "ronde", "tafel", "bed", "zaal", "lokaal", "blok",
    "nummer", "nr", "code", "leefgroep", "afdeling", "team", "unit", "paviljoen", "vraag",
}  # fmt: skip


def trim_leading(street: str) -> int:
    """How many characters of leading sentence words to drop: "Het gezin woont in de Kerkstraat"
    keeps "Kerkstraat"; "Oude Gentweg" and "De Keyserlei" stay whole."""
    words = street.split()
    keep = len(words) - 1
    while keep > 0:
        word = words[keep - 1]
        if word[0].isupper() and word.lower() not in {"het", "in", "op", "aan", "bij", "te"}:
            keep -= 1
            continue
        if word in {"van", "der", "den", "ter", "ten", "'t", "d'"} and keep > 1:
            keep -= 1
            continue
        break
    # A lowercase article or preposition never starts a street name.
    while keep < len(words) - 1 and not words[keep][0].isupper():
        keep += 1
    return len(" ".join(words[:keep])) + (1 if keep else 0)


def is_dutch_street(street: str) -> bool:
    last = street.split()[-1]
    if last.lower().rstrip(".") in NOT_STREETS:
        return False
    if last[0].isupper():
        return True
    # Typed in lower case: only a street the address file knows, never "vergadering" or "speelplein".
    return last.lower() in lexicon.streets() or street.lower() in lexicon.streets()


def listed_street_offset(street: str) -> int | None:
    """Where the longest run of final words that the address file knows as a street begins."""
    words = street.split()
    if words[-1].lower() in NOT_STREETS or (len(words) == 1 and words[0].lower() in IMPERATIVES):
        return None
    for first in range(len(words)):
        candidate = " ".join(words[first:])
        if candidate.lower() in lexicon.streets():
            return len(" ".join(words[:first])) + (1 if first else 0)
    return None


def find_addresses(text: str):
    """(start, end) spans of addresses, street name through house number and postcode + town."""
    for number in NUMBER.finditer(text):
        if UNIT_AFTER.match(text, number.end("number")):
            continue
        window_start = max(0, number.start() - WINDOW)
        window = text[window_start : number.start()]
        # A street name starts at one of the last few words: try only there, longest first.
        starts = [word.start() for word in WORD_START.finditer(window)][-8:]
        for pattern in (SPELLED, DUTCH, LISTED):
            match = next(filter(None, (pattern.match(window, pos) for pos in starts)), None)
            if match is None:
                continue
            street = match.group("street")
            start = window_start + match.start("street")
            if pattern is not SPELLED:
                offset = trim_leading(street)
                street, start = street[offset:], start + offset
                if pattern is DUTCH and not is_dutch_street(street):
                    continue
                if pattern is LISTED:
                    offset = listed_street_offset(street)
                    if offset is None:
                        continue
                    start += offset
            end = number.end("town") if number.group("town") else number.end("number")
            yield start, end
            break
