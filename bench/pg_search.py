"""PostgreSQL search benchmark: the package's backend with its RUM index, with the GIN fallback,
and modelsearch's own PostgreSQL backend, on one generated corpus.

    .venv/bin/python bench/pg_search.py --url postgres://postgres@127.0.0.1:5432/bench_pg
    .venv/bin/python bench/pg_search.py --url ... --size 1000 --queries 40   # smoke run

The database named by --url is dropped and created again. Each step runs in a process of its
own (`manage.py update_index` does in production): the corpus (`--reuse` keeps the last one), a
rebuild with the RUM index, the searches on it, the switch to the GIN index (same rows, another
index), the searches on the GIN path and on modelsearch's backend. Figures are wall-clock milliseconds; see docs/benchmarks.md.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261128
SHAPES = ("common word", "two words", "phrase", "prefix")


def django_setup(url, backend):
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.pg_settings"
    os.environ["CANO_BENCH_PG_URL"] = url
    os.environ["CANO_BENCH_PG_BACKEND"] = backend
    for path in (str(ROOT), str(ROOT / "site")):
        if path not in sys.path:
            sys.path.insert(0, path)
    import django

    django.setup()


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def queries_by_shape(count):
    from bench.corpus import FAMILIES, PHRASES

    rng = random.Random(SEED)
    common = [family[0] for family in FAMILIES[:10]] + [family[1] for family in FAMILIES[:10]]
    words = [word for family in FAMILIES for word in family]
    return {
        "common word": [rng.choice(common) for _ in range(count)],
        "two words": [" ".join(rng.sample(words, 2)) for _ in range(count)],
        "phrase": [f'"{rng.choice(PHRASES)}"' for _ in range(count)],
        "prefix": [
            (w := rng.choice(words))[: rng.randint(3, min(6, len(w)))] for _ in range(count)
        ],
    }


def step_corpus(args):
    subprocess.run(
        # PostgreSQL's own client programs, from PATH as in .ci/run.
        ["dropdb", "--if-exists", "--force", *_pg(args.url), _name(args.url)],  # noqa: S607
        check=True,
    )
    subprocess.run(["createdb", *_pg(args.url), _name(args.url)], check=True)  # noqa: S607
    django_setup(args.url, "rum")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from bench import corpus

    # The corpus's pages are about 230 words; three bodies a page make the 600-word documents
    # this benchmark is about.
    one_body = corpus.body_json
    corpus.body_json = lambda maker: json.dumps(
        [block for _ in range(3) for block in json.loads(one_body(maker))]
    )
    created = corpus.corpus_create(args.size)
    from django.db import connection

    with connection.cursor() as cursor:
        # Autovacuum would in time; the searches should not run on empty statistics.
        cursor.execute("ANALYZE")
    return created


def step_rebuild(args):
    django_setup(args.url, args.backend)
    from django.core.management import call_command
    from django.db import connection

    from modelsearch_postgres import schema

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    start = time.perf_counter()
    if args.backend in ("rum", "gin"):
        schema.install(connection, language="dutch", rum=args.backend == "rum")
    indexes = time.perf_counter() - start
    start = time.perf_counter()
    call_command("update_index", backend_name="default", verbosity=0)
    result = {"index_switch_s": indexes, "rebuild_s": time.perf_counter() - start}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT avg(array_length(regexp_split_to_array(title_text || ' ' || body_text, "
            "'\\s+'), 1)) FROM modelsearch_indexentry"
        )
        result["words_per_document"] = round(float(cursor.fetchone()[0] or 0))
    return result


def step_switch(args):
    django_setup(args.url, args.backend)
    from django.db import connection

    from modelsearch_postgres import schema

    start = time.perf_counter()
    schema.install(connection, language="dutch", rum=args.backend == "rum")
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {schema.INDEX_TABLE}")
    return {"index_switch_s": time.perf_counter() - start}


def step_search(args):
    django_setup(args.url, args.backend)
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from cano.accounts.models import User
    from cano.home.selectors import pages_visible_to
    from cano.search.selectors import query_build
    from modelsearch_postgres import schema

    staff = User.objects.get(email="bench-staff@example.be")
    result = {"rum_index": schema.ranks_in_index(connection), "load": os.getloadavg()[0]}
    for who, user in (("anonymous", AnonymousUser()), ("staff", staff)):
        pages = pages_visible_to(user)
        for shape, items in queries_by_shape(args.queries).items():
            if shape == "prefix":
                run = lambda text, pages=pages: list(pages.autocomplete(text)[:8])  # noqa: E731
            else:
                run = lambda text, pages=pages: list(pages.search(query_build(text))[:10])  # noqa: E731
            for text in items[:5]:
                run(text)
            samples = []
            for text in items:
                start = time.perf_counter()
                run(text)
                samples.append((time.perf_counter() - start) * 1000)
            result[f"{who} {shape}"] = {
                "p50": percentile(samples, 0.5),
                "p95": percentile(samples, 0.95),
            }
    return result


def _name(url):
    return url.rsplit("/", 1)[1]


def _pg(url):
    host_port = url.split("@", 1)[1].rsplit("/", 1)[0]
    host, _, port = host_port.partition(":")
    return ["-h", host, "-p", port or "5432", "-U", "postgres"]


STEPS = {
    "corpus": step_corpus,
    "rebuild": step_rebuild,
    "switch": step_switch,
    "search": step_search,
}


def child(step, url, backend, size, queries):
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--step",
            step,
            "--url",
            url,
            "--backend",
            backend,
            "--size",
            str(size),
            "--queries",
            str(queries),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="a PostgreSQL database this run may drop")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=100, help="queries per shape")
    parser.add_argument("--step", choices=sorted(STEPS))
    parser.add_argument("--reuse", action="store_true", help="keep the corpus of the last run")
    parser.add_argument("--backend", default="rum", choices=("rum", "gin", "plain"))
    args = parser.parse_args(argv)
    if args.step:
        print(json.dumps(STEPS[args.step](args)))
        return
    report = {}
    if not args.reuse:
        report["corpus"] = child("corpus", args.url, "rum", args.size, args.queries)
    report["rum rebuild"] = child("rebuild", args.url, "rum", args.size, 0)
    for backend in ("rum", "gin", "plain"):
        if backend == "gin":
            # The same index rows; only the document index changes (RUM dropped, GIN built).
            report["gin index"] = child("switch", args.url, "gin", args.size, 0)
        report[backend] = child("search", args.url, backend, args.size, args.queries)
        print(json.dumps({backend: report[backend]}), flush=True)
    print(json.dumps(report, indent=1))
    names = ("rum", "gin", "plain")
    print(f"\n{args.size} documents, {report['rum rebuild']['words_per_document']} words a page")
    print(f"rebuild with RUM: {report['rum rebuild']['rebuild_s']:.0f} s")
    print(f"GIN index instead: {report['gin index']['index_switch_s']:.0f} s")
    for who in ("anonymous", "staff"):
        for shape in SHAPES:
            cells = " | ".join(
                "{p50:.1f} / {p95:.1f}".format(**report[name][f"{who} {shape}"]) for name in names
            )
            print(f"| {who} {shape} | {cells} |")


if __name__ == "__main__":
    main()
