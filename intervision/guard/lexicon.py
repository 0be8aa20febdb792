"""Word lists the guard needs: Belgian first names, surnames, places and streets, and Dutch words.

Names, places and streets come from the lookup lists that the `belgian-deduce` package ships
(Statbel's 2025 first-name and family-name tables and its 2024 address file, CC BY 4.0, selected
and cleaned by Belgian DEDUCE; see its `data/lookup/SOURCES.md`). They are read from the
installed package as data; none of its code is imported, which also keeps its 13-second start-up
out of every web process. Each list is read once per process.

`data/common_words.txt` holds the Dutch words from OpenTaal's word list (BSD / CC BY 3.0, see
`data/NOTICE`) that the name rules would otherwise flag: a first name such as "Roos" or "Storm"
that is also an ordinary word is only taken as a name where the text says so.
"""

import importlib.util
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


class LexiconMissing(RuntimeError):
    """The name lists are not installed: the guard cannot promise anything about names."""


@cache
def lookup_root() -> Path:
    spec = importlib.util.find_spec("belgian_deduce")
    if spec is None or not spec.submodule_search_locations:
        raise LexiconMissing("belgian-deduce is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "lookup" / "src"


def read_lines(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip() and not line.startswith("#")]


def lowered(relative: str, minus: str | None = None) -> frozenset[str]:
    root = lookup_root()
    items = {item.lower() for item in read_lines(root / relative)}
    if minus:
        items -= {item.lower() for item in read_lines(root / minus)}
    return frozenset(items)


@cache
def first_names() -> frozenset[str]:
    return lowered("names/lst_first_name/items.txt", "names/lst_first_name/exceptions.txt")


@cache
def surnames() -> frozenset[str]:
    return lowered("names/lst_surname/items.txt", "names/lst_surname/exceptions.txt") | lowered(
        "names/lst_interfix_surname/items.txt", "names/lst_interfix_surname/exceptions.txt"
    )


@cache
def places() -> frozenset[str]:
    return (
        lowered("locations/lst_placename/lst_municipality/items.txt")
        | lowered("locations/lst_placename/lst_postal_locality/items.txt")
        | lowered("locations/lst_placename/lst_province/items.txt")
        | lowered("locations/lst_placename/lst_residence/items.txt")
    )


@cache
def streets() -> frozenset[str]:
    return lowered("locations/lst_street/items.txt")


@cache
def common_words() -> frozenset[str]:
    words = {word.lower() for word in read_lines(DATA / "common_words.txt")}
    words |= lowered("whitelist/lst_common_word/items.txt")
    words |= lowered("whitelist/lst_stop_word/items.txt")
    return frozenset(words)


# Words that are never a name, whatever the lists say: pronouns, family roles, titles.
NEVER_NAMES = {
    "ze", "zij", "hij", "hem", "haar", "hun", "ik", "jij", "je", "wij", "we", "jullie", "u", "men",
    "papa", "mama", "moeder", "vader", "oma", "opa", "broer", "zus", "tante", "nonkel", "oom",
    "neef", "nicht", "juf", "meester", "meneer", "mevrouw", "dokter", "zuster", "pater", "baby",
    "jongen", "meisje", "kind", "kinderen", "jongere", "ouders", "school", "klas",
}  # fmt: skip


@cache
def never_names() -> frozenset[str]:
    return frozenset(NEVER_NAMES) | lowered("whitelist/lst_stop_word/items.txt")


def warm_up() -> None:
    """Read every list now, so the first member's save does not pay for it."""
    first_names(), surnames(), places(), streets(), common_words(), never_names()
