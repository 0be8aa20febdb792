"""The Whoosh backend's speed options side by side: packed codec and block scorer on and off.

The tests check that every combination gives the same hits, scores and counts; this measures
what each one costs. A generated corpus of books (modelsearch's test model, a fixed seed) is
indexed once per codec into a throwaway folder, then searched with the block scorer on and off.

    .venv/bin/python bench/search_paths.py                  # 20,000 documents
    .venv/bin/python bench/search_paths.py --docs 2000      # smoke run
"""

import argparse
import datetime
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

SEED = 20261206
# Texts are drawn from the common words; one document in a hundred also has the rare one.
COMMON_WORDS = [
    *("jongeren", "begeleiding", "ouders", "school", "team", "pleegzorg", "intervisie", "gezin"),
    *("hulpverlening", "veiligheid", "leefgroep", "context", "netwerk", "traject", "overleg"),
    *("casus", "verslag", "vorming", "studiedag", "werking", "jeugdhulp", "participatie", "van"),
]
RARE_WORD = "kwetsbaarheid"
QUERIES = [
    "jongeren",
    "begeleiding ouders",
    "pleegzorg jongeren school",
    "kwetsbaarheid",
    '"begeleiding van jongeren"',
]


def django_setup(folder):
    import django
    from django.conf import settings

    settings.configure(
        SECRET_KEY="bench-only",  # noqa: S106 (a throwaway database, no sessions)
        INSTALLED_APPS=[
            "modelsearch.test.testapp",
            "modelsearch",
            "taggit",
            "django.contrib.auth",
            "django.contrib.contenttypes",
        ],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(folder / "db")}},
        USE_TZ=True,
        MODELSEARCH_BACKENDS={
            "default": {"BACKEND": "modelsearch_whoosh", "PATH": str(folder / "index")}
        },
    )
    django.setup()


def corpus(count):
    from modelsearch.test.testapp import models

    rng = random.Random(SEED)

    def text(words):
        return " ".join(rng.choice(COMMON_WORDS) for _ in range(words))

    books = [
        models.Book(
            title=text(rng.randint(2, 6)),
            summary=text(rng.randint(20, 200)) + (f" {RARE_WORD}" if rng.random() < 0.01 else ""),
            number_of_pages=rng.randint(1, 999),
            publication_date=datetime.date(2020, 1, 1),
        )
        for _ in range(count)
    ]
    return models.Book.objects.bulk_create(books, batch_size=500)


def timed(search, rounds, store):
    """Median and slowest milliseconds of ``search`` over the queries.

    Scores are kept with the searcher for the next searches of the same query (a search page
    asks for hits, counts and facets of one query): a fresh searcher, opened by another query,
    makes each sample a first search.
    """
    samples = []
    for _ in range(rounds):
        for text in QUERIES:
            store.forget_searcher()
            search("werking")
            start = time.perf_counter()
            search(text)
            samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000, max(samples) * 1000


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=20000, help="documents in the corpus")
    parser.add_argument("--rounds", type=int, default=5, help="times each query is searched")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-search-paths-") as folder:
        folder = Path(folder)
        django_setup(folder)
        from django.core.management import call_command

        from modelsearch.backends import get_search_backend
        from modelsearch.test.testapp import models
        from modelsearch.utils import parse_query_string

        call_command("migrate", verbosity=0)
        books = corpus(args.docs)
        print(f"{args.docs} documents; p50 / slowest ms over {args.rounds} rounds of {QUERIES}")
        print(f"{'codec':<8} {'scorer':<8} {'index s':>8} {'top 10':>16} {'count':>16}")
        for packed in (True, False):
            path = folder / f"index-{'packed' if packed else 'whoosh'}"
            writer = get_search_backend("default", PATH=str(path), PACKED_CODEC=packed)
            start = time.perf_counter()
            writer.add_bulk(models.Book, books)
            indexing = time.perf_counter() - start
            for block in (True, False):
                backend = get_search_backend(
                    "default", PATH=str(path), PACKED_CODEC=packed, BLOCK_SCORER=block
                )

                def query(text):
                    return parse_query_string(text)[1]

                def top(text, backend=backend):
                    results = backend.search(query(text), models.Book).annotate_score("_score")
                    return list(results[:10])

                def count(text, backend=backend):
                    return backend.search(query(text), models.Book).count()

                top_ms = "{:.1f} / {:.1f}".format(*timed(top, args.rounds, backend.store))
                count_ms = "{:.1f} / {:.1f}".format(*timed(count, args.rounds, backend.store))
                print(
                    f"{'packed' if packed else 'whoosh':<8} {'block' if block else 'whoosh':<8} "
                    f"{indexing:>8.1f} {top_ms:>16} {count_ms:>16}"
                )
            backend.store.forget_searcher()


if __name__ == "__main__":
    main()
