"""Rebuilds the guard's list of Dutch words that are also names, from OpenTaal's word list.

    python manage.py guard_common_words path/to/basiswoorden-gekeurd.txt

OpenTaal's list (https://github.com/OpenTaal/opentaal-wordlist, BSD / CC BY 3.0) writes proper
names with a capital and ordinary words in lower case; only the lower-case words that the name
rules would flag are kept, so the file stays small. Run it after upgrading belgian-deduce.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from intervision.guard import lexicon
from intervision.guard.names import NameBook

HEADER = (
    "# Dutch words that are also Belgian first names or surnames (or look like their possessive\n"
    "# or diminutive). Selected from OpenTaal's word list; see NOTICE. Rebuild with\n"
    "# `manage.py guard_common_words`.\n"
)


class Command(BaseCommand):
    help = "Rebuild intervision/guard/data/common_words.txt from an OpenTaal word list."

    def add_arguments(self, parser):
        parser.add_argument("wordlist", type=Path)

    def handle(self, *args, wordlist, **options):
        book = NameBook()
        book.common = frozenset()
        words = sorted(
            {
                word
                for word in lexicon.read_lines(wordlist)
                if word[:1].islower() and " " not in word and book.base(word)
            }
        )
        target = lexicon.DATA / "common_words.txt"
        target.write_text(HEADER + "\n".join(words) + "\n", encoding="utf-8")
        self.stdout.write(f"{len(words)} woorden geschreven naar {target}")
