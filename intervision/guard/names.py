"""Names of people: Belgian first names and surnames in any case, with a possessive s or as a
diminutive, unless the text shows the word is an ordinary word, a place or part of the name of an
organisation, school or square."""

import re
from collections.abc import Iterable

from . import lexicon
from .places import IMPERATIVES, STREET_TYPES

TOKEN = re.compile(r"[^\W\d_](?:[\w'’]*[^\W\d_])?(?:-[^\W\d_][\w'’]*)*", re.UNICODE)
INTERFIXES = {"van", "de", "der", "den", "het", "ter", "ten", "'t", "vanden", "vander", "le", "la",
              "el", "al", "du", "des", "d'", "di", "da", "op", "in", "von"}  # fmt: skip
# A capitalised run right after these words names an organisation, a saint or a place.
ORG_BEFORE = {
    "sint", "st", "heilig", "heilige", "koning", "koningin", "prins", "prinses", "don", "az", "uz",
    "vzw", "college", "instituut", "atheneum", "scouts", "chiro", "campus", "huis", "stichting",
    "pater", "pastoor", "kardinaal", "onze", "lieve", "vrouw", "basisschool", "school", "lyceum",
    "ziekenhuis", "kliniek", "centrum", "dienst", "zorgcentrum", "woonzorgcentrum",
    "residentie", "internaat", "ksa", "kla", "fc", "kv", "sk", "ks", "vv", "project", "café",
}  # fmt: skip
ORG_AFTER = {
    "ziekenhuis", "college", "instituut", "school", "huis", "stichting", "park", "plein", "centrum",
    "kliniek", "fonds", "prijs", "academie", "zaal", "hal", "lyceum", "atheneum", "museum",
}  # fmt: skip
PLACE_BEFORE = {"in", "naar", "te", "uit", "regio", "rond", "richting", "nabij", "bij"}
SENTENCE_END = re.compile(r"(?:^|[.!?:;\n•*>\"“(\[]|\s-)\s*$")
AGE_AFTER = re.compile(r"\s*(?:\(\s*\d|,\s*\d{1,2}\s*(?:jaar|j\b))")
ARTICLES = {"het", "de", "een", "'t", "der", "des"}
# After a name at the start of a sentence: what a person does, or whose relative or thing it is.
PERSON_AFTER = re.compile(
    r"\s+(?:heeft|had|zegt|zei|woont|woonde|vertelt|vertelde|belt|belde|huilt|huilde|lacht|lachte"
    r"|spijbelt|weigert|weigerde|vraagt|vroeg|wil|wilde|kreeg|krijgt|zit|zat|slaapt|sliep|gaat|ging"
    r"|komt|kwam|werkt|speelt|voelt|loopt|liep|schreef|stuurde|mailt|kan|kon|moet|moest|mag|mocht"
    r"|en\s+(?:haar|zijn)|verblijft|logeert|durft|praat|sprak|reageert|reageerde)\b"
)
RELATIVE_AFTER = re.compile(
    r"\s+(?:mama|papa|moeder|vader|broer|broertje|zus|zusje|oma|opa|tante|nonkel|oom|vriend|vriendin"
    r"|lief|leerkracht|juf|meester|voogd|pleegouders|pleegmoeder|pleegvader|ouders|kamer|gedrag"
    r"|dossier|verjaardag|opname|school|klas|gsm|telefoon|fiets|hond)\b"
)
DETERMINER_AFTER = re.compile(
    r"\s+(?:de|het|een|deze|dit|die|dat|mijn|ons|onze|uw|jouw|https?|www|ook|maar|eens|even)\b"
)
ORG_SUFFIX = re.compile(
    rf"(?:{STREET_TYPES}|college|instituut|ziekenhuis|school|huis|centrum)$", re.I
)
DIMINUTIVES = ("etje", "tje", "je", "eke", "ske", "ke", "ie", "ieke", "kske")
POSSESSIVES = ("'s", "’s", "s")


def capitalised(word: str) -> bool:
    return word[:1].isupper()


class NameBook:
    """The name lists with the editors' additions and exemptions (all lower case)."""

    def __init__(self, added: Iterable[str] = (), exempted: Iterable[str] = ()):
        self.added = frozenset(name.strip().lower() for name in added if name.strip())
        self.exempted = frozenset(name.strip().lower() for name in exempted if name.strip())
        self.first = lexicon.first_names()
        self.last = lexicon.surnames()
        self.common = lexicon.common_words()
        self.places = lexicon.places()
        self.never = lexicon.never_names()

    def known(self, lower: str) -> bool:
        if lower in self.exempted or (lower in self.never and lower not in self.added):
            return False
        return lower in self.added or lower in self.first or lower in self.last

    def base(self, word: str) -> str | None:
        """The listed name behind a word, its possessive or its diminutive."""
        lower = word.lower()
        if self.known(lower):
            return lower
        if lower in self.common or lower in self.exempted or len(lower) < 4:
            return None
        for suffix in POSSESSIVES:
            stem = lower.removesuffix(suffix)
            if stem != lower and len(stem) >= 3 and self.known(stem):
                return stem
        for suffix in DIMINUTIVES:
            stem = lower.removesuffix(suffix)
            if stem == lower or len(stem) < 2:
                continue
            candidates = [stem, stem + "e", stem + "a", stem + "ie"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                candidates.append(stem[:-1])
            for candidate in candidates:
                if len(candidate) >= 2 and (candidate in self.first or candidate in self.added):
                    return candidate
        return None


def is_common(book: NameBook, word: str) -> bool:
    lower = word.lower()
    return lower in book.common and lower not in book.added


def find_names(text: str, book: NameBook):
    """(start, end) spans of names; a first name and surname side by side form one span."""
    tokens = list(TOKEN.finditer(text))
    flagged: list[tuple[int, int]] = []
    for index, match in enumerate(tokens):
        word = match.group(0)
        if len(word) < 2 or (word.isupper() and len(word) <= 4):
            continue
        base = book.base(word)
        if base is None or word.lower() in ORG_AFTER or word.lower() in ORG_BEFORE:
            continue
        previous = tokens[index - 1].group(0).lower() if index else ""
        starts_sentence = bool(SENTENCE_END.search(text[max(0, match.start() - 3) : match.start()]))
        if not in_name_use(book, text, tokens, index, word, base, starts_sentence):
            continue
        if organisation_context(tokens, index, text):
            continue
        in_place_use = previous in PLACE_BEFORE or base not in book.first
        if (
            base in book.places
            and base not in book.added
            and previous not in INTERFIXES
            and in_place_use
        ):
            continue
        if organisation_follows(tokens, index, text):
            continue
        flagged.append(match.span())
    return merge_adjacent(text, flagged)


def in_name_use(book, text, tokens, index, word, base, starts_sentence) -> bool:
    """Whether a listed word is used as a name here, as opposed to an ordinary word."""
    if base in book.added:
        return True
    common = is_common(book, word) or is_common(book, base)
    if not capitalised(word):
        # Surnames are often ordinary words ("bakker", "verwees"); typed in lower case only a
        # first name is taken for a name.
        return not common and len(word) >= 3 and (base in book.first or base in book.added)
    end = tokens[index].end()
    if starts_sentence and (word.lower() in IMPERATIVES or DETERMINER_AFTER.match(text, end)):
        return False  # "Zie de omzendbrief", "Bel het nummer": a verb, not a name
    if not common:
        return True
    if RELATIVE_AFTER.match(text, end) and base != word.lower():
        return True
    if not starts_sentence:
        # "het Huis van het Kind" but "het gezin De Smet": an article in lower case.
        previous = tokens[index - 1].group(0) if index else ""
        return previous not in ARTICLES
    if PERSON_AFTER.match(text, end):
        return True
    # "Roos zegt ..." or "Hoop doet leven": only a surname or an age after it tells them apart.
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if following is not None and capitalised(following.group(0)):
        gap = text[tokens[index].end() : following.start()]
        if gap.strip() == "" and book.base(following.group(0)):
            return True
    return bool(AGE_AFTER.match(text, tokens[index].end()))


def organisation_context(tokens, index, text) -> bool:
    """Whether the capitalised run holding this token follows an organisation or saint word."""
    position = index
    while position > 0:
        before = tokens[position - 1]
        gap = text[before.end() : tokens[position].start()]
        word = before.group(0)
        if gap not in (" ", "-"):
            break
        if word.lower().rstrip(".") in ORG_BEFORE or word.lower().startswith("sint-"):
            return True
        if not (capitalised(word) or word.lower() in INTERFIXES):
            break
        position -= 1
    return False


def organisation_follows(tokens, index, text) -> bool:
    """Whether the capitalised run holding this token ends in an organisation word:
    "Jan Palfijn ziekenhuis", "Maria Middelares"."""
    position = index
    while position + 1 < len(tokens):
        after = tokens[position + 1]
        word = after.group(0)
        if text[tokens[position].end() : after.start()] not in (" ", "-"):
            return False
        if word.lower() in ORG_AFTER or (capitalised(word) and ORG_SUFFIX.search(word)):
            return True
        if not capitalised(word):
            return False
        position += 1
    return False


def merge_adjacent(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join "Emma" and "Peeters", or "Van den" and "Broeck", into one finding."""
    merged: list[list[int]] = []
    for start, end in spans:
        if merged:
            gap = text[merged[-1][1] : start]
            words = gap.split()
            if gap.strip() == "" or (
                len(words) <= 2 and all(w.lower() in INTERFIXES for w in words) and gap[-1] == " "
            ):
                merged[-1][1] = end
                continue
        # A surname's own interfix before it belongs to the name: "meneer Van Damme".
        lead = re.search(
            r"(?:\b(?:[Vv]an|[Dd]e|[Dd]en|[Dd]er|[Vv]ander|[Vv]anden|[Ee]l|[Tt]er)\s+){1,2}$",
            text[max(0, start - 12) : start],
        )
        if lead:
            start -= len(lead.group(0))
        merged.append([start, end])
    return [(start, end) for start, end in merged]
