"""Three-word searches on the PostgreSQL backend, by how many pages hold all three words.

    .venv/bin/python bench/search.py --sizes 50000 --backends postgres --keep --db-prefix cano_keep_
    .venv/bin/python bench/three_words.py --url postgres://postgres@127.0.0.1:5432/cano_keep_postgres_50000

The RUM index ranks every entry that holds all the words of an AND query, so a search's cost
follows how many pages hold them all. `bench/search.py`'s generated corpus puts its common words
on nearly every page (`bench/corpus_realism.py`); this measures the same searches by that share.
It draws triples from every form of the corpus's word families, counts for each how many of the
pages an anonymous visitor may see hold all three, keeps `--per-band` triples in each band of
that share, and times them as the site searches (`pages_visible_to(user).search(...)[:10]`),
for anonymous visitors and staff, in a fresh process, after warm-up queries. The database must be
one `bench/search.py --keep` left indexed for the `postgres` backend; it is only read.
"""

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

SEED = 20261207
BANDS = ((0.0, 0.25), (0.25, 0.5), (0.5, 0.75), (0.75, 1.01))
WARM_UP = 5


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="an indexed bench/search.py database")
    parser.add_argument("--per-band", type=int, default=40, help="triples timed per band")
    parser.add_argument("--draws", type=int, default=1500, help="at most this many triples counted")
    args = parser.parse_args()

    from bench.pg_search import django_setup

    django_setup(args.url, "rum")
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from bench.corpus import FAMILIES
    from cano.accounts.models import User
    from cano.home.selectors import pages_visible_to
    from cano.search.selectors import query_build
    from modelsearch_postgres import schema

    staff = User.objects.get(email="bench-staff@example.be")
    public = pages_visible_to(AnonymousUser())
    total = public.count()
    words = [word for family in FAMILIES for word in family]
    rng = random.Random(SEED)
    bands: dict[tuple, list[str]] = {band: [] for band in BANDS}
    counted = 0
    started = time.perf_counter()
    while counted < args.draws and any(len(kept) < args.per_band for kept in bands.values()):
        text = " ".join(rng.sample(words, 3))
        counted += 1
        share = public.search(query_build(text)).count() / total
        band = next(band for band in BANDS if band[0] <= share < band[1])
        if len(bands[band]) < args.per_band:
            bands[band].append(text)
    print(
        f"{total} public pages; {counted} triples counted in {time.perf_counter() - started:.0f} s;"
        f" RUM index: {'yes' if schema.ranks_in_index(connection) else 'no'}"
    )
    print("| pages holding all three | triples | anonymous p50 / p95 ms | staff p50 / p95 ms |")
    print("|---|---|---|---|")
    for (low, high), texts in bands.items():
        if not texts:
            continue
        cells = []
        for user in (AnonymousUser(), staff):
            pages = pages_visible_to(user)
            for text in texts[:WARM_UP]:
                list(pages.search(query_build(text))[:10])
            samples = []
            for text in texts:
                start = time.perf_counter()
                list(pages.search(query_build(text))[:10])
                samples.append((time.perf_counter() - start) * 1000)
            cells.append(f"{percentile(samples, 0.5):.0f} / {percentile(samples, 0.95):.0f}")
        label = f"{low:.0%}-{min(high, 1):.0%}"
        print(f"| {label} | {len(texts)} | {cells[0]} | {cells[1]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
