"""How the generated benchmark corpus compares with real Dutch text: how many documents hold a
common word, and how many hold all of three common words (what a three-word AND query must rank).

    .venv/bin/python bench/corpus_realism.py [--source /usr/share/libreoffice/help/nl]

The real text is Debian's Dutch LibreOffice help (`apt-get install libreoffice-help-nl`): some
2,500 pages written and translated by people. It is read twice: page by page, and each folder's pages
one after the other cut into documents as long as the generated ones (about 650 words, the
length `bench/search.py` measures). The generated corpus is `bench/corpus.py`'s, 600-word documents as the search
benchmark makes them. Words are analysed as the Whoosh backend indexes them (Dutch stems, stop
words out); "common" is the commonest stems of each corpus, so each is compared with itself.
See docs/benchmarks.md.
"""

import argparse
import html
import json
import os
import random
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

SEED = 20261207
TOP = 20
TRIPLES = 300
TAG = re.compile(r"<[^>]+>")


def help_pages(source: Path) -> list[tuple[str, str]]:
    """(folder, text) of every help page, in path order: only the page's own content, not the
    navigation around it."""
    pages = []
    for path in sorted(source.rglob("*.html")):
        markup = path.read_text(encoding="utf-8", errors="replace")
        start = markup.find('id="DisplayArea"')
        end = markup.find('<div id="SearchFrame"')
        if start < 0 or end < start:
            continue
        content = markup[markup.find(">", start) + 1 : end]
        text = " ".join(html.unescape(TAG.sub(" ", content)).split())
        if text:
            pages.append((str(path.parent), text))
    return pages


def joined(pages: list[tuple[str, str]], words: int) -> list[str]:
    """The pages of each folder, one after the other, cut into documents of ``words`` words (a
    folder's last, shorter piece is left out)."""
    documents, current, folder = [], [], None
    for page_folder, text in pages:
        if page_folder != folder:
            current, folder = [], page_folder
        current += text.split()
        while len(current) >= words:
            documents.append(" ".join(current[:words]))
            current = current[words:]
    return documents


def generated(count: int) -> list[str]:
    """``count`` documents of the search benchmark's generated corpus, about 600 words each."""
    import django

    django.setup()
    from bench import corpus

    maker = corpus.TextMaker(random.Random(SEED))
    documents = []
    for _ in range(count):
        # Three bodies a page, as bench/search.py and bench/pg_search.py make them.
        blocks = [block for _ in range(3) for block in json.loads(corpus.body_json(maker))]
        texts = [
            block["value"]["text"] if block["type"] == "heading" else TAG.sub(" ", block["value"])
            for block in blocks
        ]
        documents.append(" ".join(texts))
    return documents


def co_occurrence(documents: list[str], analyzer) -> dict:
    stem_sets = [
        {token.text for token in analyzer(document, mode="index")} for document in documents
    ]
    total = len(stem_sets)
    frequency = Counter(stem for stems in stem_sets for stem in stems)
    common = [stem for stem, _ in frequency.most_common(TOP)]
    rng = random.Random(SEED)
    shares = sorted(
        sum(1 for stems in stem_sets if stems.issuperset(triple)) / total
        for triple in (rng.sample(common, 3) for _ in range(TRIPLES))
    )
    return {
        "documents": total,
        "words": statistics.mean(len(document.split()) for document in documents),
        "df": [frequency[common[rank]] / total for rank in (0, 4, 9, TOP - 1)],
        "triple_median": statistics.median(shares),
        "triple_p95": shares[round(0.95 * (len(shares) - 1))],
        "common": common[:8],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path("/usr/share/libreoffice/help/nl"))
    args = parser.parse_args()
    if not args.source.is_dir():
        print(f"{args.source} is missing: apt-get install libreoffice-help-nl", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cano.settings.test")
    from modelsearch_whoosh.analysis import text_analyzer

    analyzer = text_analyzer("nl")
    pages = help_pages(args.source)
    made = generated(2000)
    # The real documents as long as the generated ones, so that length explains no difference.
    length = round(statistics.mean(len(document.split()) for document in made))
    rows = {
        "real: help pages": [text for _, text in pages],
        f"real: pages cut to {length} words": joined(pages, length),
        "generated: bench/corpus.py": made,
    }
    print(
        f"{'corpus':<38} {'docs':>6} {'words':>6}   share of documents holding the commonest "
        f"stem no. 1 / 5 / 10 / {TOP}   all three of {TOP}: median, p95"
    )
    for name, documents in rows.items():
        result = co_occurrence(documents, analyzer)
        df = " / ".join(f"{share:.0%}" for share in result["df"])
        print(
            f"{name:<38} {result['documents']:>6} {result['words']:>6.0f}   {df:<47}"
            f"{result['triple_median']:.0%}, {result['triple_p95']:.0%}"
        )
        print(f"{'':<38} commonest: {', '.join(result['common'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
