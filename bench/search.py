"""Search benchmark: the Whoosh backend next to modelsearch's database backend on SQLite.

    .venv/bin/python bench/search.py                    # 10,000 and 50,000 documents
    .venv/bin/python bench/search.py --sizes 10000      # one size
    .venv/bin/python bench/search.py --quick            # smoke run: 1,000 documents, few queries

Each corpus is generated once into a throwaway SQLite database (a fixed seed makes it the same on
every run), copied for each backend, and measured in a fresh process per backend; nothing touches
db.sqlite3 or var/search. See docs/benchmarks.md for the figures and how to read them.
"""

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BACKENDS = ("whoosh", "database")
SEED = 20261128
WRITERS = 4


def django_setup(db_path, backend, index_dir, auto_update=True):
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["CANO_BENCH_DB"] = str(db_path)
    os.environ["CANO_BENCH_BACKEND"] = backend
    os.environ["CANO_BENCH_INDEX"] = str(index_dir)
    if not auto_update:
        os.environ["CANO_BENCH_NO_AUTO_UPDATE"] = "1"
    for path in (str(ROOT), str(ROOT / "site")):
        if path not in sys.path:
            sys.path.insert(0, path)
    import django

    django.setup()


# Measurements


def cpu_seconds():
    """CPU time of this process and its finished children: robust against a busy machine."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def percentile(values, share):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def summary(samples):
    milliseconds = [s * 1000 for s in samples]
    return {
        "p50": percentile(milliseconds, 0.50),
        "p95": percentile(milliseconds, 0.95),
        "n": len(milliseconds),
    }


def timed(fn, items, warmup, budget=0.0):
    """Latency summary over ``items``; with a budget (seconds) a slow row stops early.

    The warm-up stops early too once the budget is spent, so a backend that takes a minute a
    query still gets measured in minutes.
    """
    warmup_end = time.perf_counter() + budget if budget else None
    for item in items[:warmup]:
        fn(item)
        if warmup_end is not None and time.perf_counter() > warmup_end:
            break
    samples = []
    deadline = time.perf_counter() + budget if budget else None
    for item in items:
        start = time.perf_counter()
        fn(item)
        samples.append(time.perf_counter() - start)
        if deadline is not None and start > deadline:
            break
    return summary(samples)


def query_mix(rng, count):
    """Common words, rare words, 2-3 word AND queries and phrases, in fixed proportions."""
    from bench.corpus import FAMILIES, PHRASES, RARE

    common = [word for family in FAMILIES[:15] for word in family]
    middle = [word for family in FAMILIES[15:] for word in family]
    queries = []
    for number in range(count):
        kind = number % 10
        if kind in (0, 1, 2):
            queries.append(rng.choice(common))
        elif kind == 3:
            queries.append(rng.choice(middle))
        elif kind in (4, 5):
            queries.append(rng.choice(RARE))
        elif kind in (6, 7):
            words = rng.sample(common + middle, rng.choice((2, 3)))
            queries.append(" ".join(words))
        elif kind == 8:
            queries.append(f'"{rng.choice(PHRASES)}"')
        else:
            queries.append(f"{rng.choice(middle)} {rng.choice(RARE)}")
    return queries


def prefix_mix(rng, count):
    from bench.corpus import FAMILIES, RARE

    words = [word for family in FAMILIES for word in family] + RARE
    prefixes = []
    for _ in range(count):
        word = rng.choice(words)
        prefixes.append(word[: rng.randint(2, min(6, len(word)))])
    return prefixes


def rebuild(args):
    """The full rebuild, in a process of its own as `manage.py update_index` runs in production.

    Searches are measured in a fresh process afterwards: in the process that has just rebuilt,
    each full garbage collection walks what the rebuild left on the heap.
    """
    django_setup(args.db, args.backend, args.index)
    from django.core.management import call_command

    cpu_start, start = cpu_seconds(), time.perf_counter()
    call_command("update_index", backend_name="default", verbosity=0)
    elapsed = time.perf_counter() - start
    result = {
        "rebuild_s": elapsed,
        "rebuild_cpu_s": cpu_seconds() - cpu_start,
        "indexed_per_s": args.size / elapsed,
    }
    Path(args.out).write_text(json.dumps(result))


def measure(args):
    """Runs in its own process, with Django set up for one backend and one database copy."""
    django_setup(args.db, args.backend, args.index)
    from django.contrib.auth.models import AnonymousUser
    from django.test import Client

    from wagtail.models import Page

    from cano.accounts.models import User
    from cano.home.selectors import pages_visible_to
    from cano.search.selectors import query_build

    result = {"backend": args.backend, "size": args.size}
    result.update(json.loads(Path(args.rebuilt).read_text()))

    rng = random.Random(SEED)
    queries = query_mix(rng, args.queries)
    prefixes = prefix_mix(rng, args.queries)
    warmup = max(5, args.queries // 10)
    budget = float(args.row_seconds or 0)
    staff = User.objects.get(email="bench-staff@example.be")
    anonymous = AnonymousUser()

    def backend_search(queryset):
        return lambda text: list(queryset.search(query_build(text))[:10])

    result["backend_unfiltered"] = timed(
        backend_search(Page.objects.all()), queries, warmup, budget
    )
    result["backend_anonymous"] = timed(
        lambda text: list(pages_visible_to(anonymous).search(query_build(text))[:10]),
        queries,
        warmup,
        budget,
    )
    result["backend_staff"] = timed(
        lambda text: list(pages_visible_to(staff).search(query_build(text))[:10]),
        queries,
        warmup,
        budget,
    )
    result["backend_autocomplete"] = timed(
        lambda text: list(pages_visible_to(staff).autocomplete(text)[:8]),
        prefixes,
        warmup,
        budget,
    )

    anonymous_client = Client()
    staff_client = Client()
    staff_client.force_login(staff)
    addresses = iter(range(1, 10**7))

    def page(client):
        def get(text):
            response = client.get("/zoeken/", {"q": text})
            assert response.status_code == 200, response.status_code

        return get

    def suggestions(text):
        # A fresh client address per request keeps the rate limit out of the measurement.
        number = next(addresses)
        response = staff_client.get(
            "/zoeken/suggesties/",
            {"q": text},
            REMOTE_ADDR=f"127.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}",
        )
        assert response.status_code == 200, response.status_code

    result["page_anonymous"] = timed(page(anonymous_client), queries, warmup, budget)
    result["page_staff"] = timed(page(staff_client), queries, warmup, budget)
    result["page_autocomplete"] = timed(suggestions, prefixes, warmup, budget)

    result["publish"] = publish_run(args)
    Path(args.out).write_text(json.dumps(result))


def publish_run(args):
    """Four writer processes publish pages at once; each polls until its page is found."""
    from django.db import connections

    from wagtail.models import Page

    from cano.home.models import StandardPage

    home = Page.objects.get(slug="cano", depth=2)
    parents = []
    for number in range(WRITERS):
        parent = home.add_child(
            instance=StandardPage(title=f"Schrijver {number}", slug=f"schrijver-{number}")
        )
        parents.append(parent.pk)
    connections.close_all()
    outputs = []
    with tempfile.TemporaryDirectory(prefix="cano-bench-writers-") as folder:
        procs = []
        for number, parent in enumerate(parents):
            out = Path(folder) / f"writer-{number}.json"
            outputs.append(out)
            procs.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        __file__,
                        "_writer",
                        "--db",
                        str(args.db),
                        "--backend",
                        args.backend,
                        "--index",
                        str(args.index),
                        "--parent",
                        str(parent),
                        "--writer",
                        str(number),
                        "--count",
                        str(args.publishes),
                        "--out",
                        str(out),
                    ]
                )
            )
        for proc in procs:
            if proc.wait(timeout=1800) != 0:
                raise SystemExit(f"writer exited with {proc.returncode}")
        reports = [json.loads(out.read_text()) for out in outputs]

    # Every published page must be found afterwards too: anything missing is a lost update.
    from cano.search.selectors import query_build

    tokens = [token for report in reports for token in report["tokens"]]
    missing = [
        token
        for token in tokens
        if not list(Page.objects.live().search(query_build(token), operator="and")[:1])
    ]
    latencies = [s for report in reports for s in report["latencies"]]
    return {
        **summary(latencies),
        "max": max(latencies) * 1000 if latencies else float("nan"),
        "published": len(tokens),
        "lost": len(missing) + sum(report["timeouts"] for report in reports),
        "errors": sum(report["errors"] for report in reports),
    }


def writer(args):
    django_setup(args.db, args.backend, args.index)
    from wagtail.models import Page

    from cano.home.models import StandardPage
    from cano.search.selectors import query_build

    parent = Page.objects.get(pk=args.parent)
    tokens, latencies = [], []
    timeouts = errors = 0
    for number in range(args.count):
        # A made-up word that occurs nowhere else, so a hit is this page and nothing else.
        token = f"bnchw{args.writer}x{number}q{random.Random(number).randrange(10**6)}"
        page = StandardPage(
            title=f"Nieuw bericht {token}",
            slug=f"bericht-{args.writer}-{number}",
            intro=f"Begeleiding van jongeren in het gezin: {token}.",
            live=False,
        )
        start = time.perf_counter()
        try:
            parent.add_child(instance=page)
            page.save_revision().publish()
        except Exception as error:
            print(f"writer {args.writer}: publish failed: {error!r}", file=sys.stderr)
            errors += 1
            continue
        parent.refresh_from_db()
        tokens.append(token)
        deadline = start + 30
        while True:
            if list(Page.objects.live().search(query_build(token))[:1]):
                latencies.append(time.perf_counter() - start)
                break
            if time.perf_counter() > deadline:
                timeouts += 1
                break
            time.sleep(0.005)
    Path(args.out).write_text(
        json.dumps(
            {"tokens": tokens, "latencies": latencies, "timeouts": timeouts, "errors": errors}
        )
    )


def corpus(args):
    django_setup(args.db, "whoosh", args.index, auto_update=False)
    from django.core.management import call_command

    if args.size == 0:
        call_command("migrate", verbosity=0, interactive=False)
        return
    from bench.corpus import corpus_create

    Path(args.out).write_text(json.dumps(corpus_create(args.size, seed=SEED)))


# Orchestration


def run(mode, **options):
    command = [sys.executable, __file__, mode]
    for name, value in options.items():
        command += [f"--{name}", str(value)]
    subprocess.run(command, check=True, cwd=ROOT)


def fmt(value, digits=0):
    if value is None or value != value:
        return "-"
    return f"{value:,.{digits}f}"


ROWS = [
    ("full rebuild (s)", lambda r: fmt(r["rebuild_s"], 1)),
    ("  documents/s", lambda r: fmt(r["indexed_per_s"])),
    ("  CPU seconds, all processes", lambda r: fmt(r.get("rebuild_cpu_s"), 1)),
    ("backend search, no filter p50/p95 (ms)", lambda r: pair(r["backend_unfiltered"])),
    ("backend search, anonymous p50/p95 (ms)", lambda r: pair(r["backend_anonymous"])),
    ("backend search, staff p50/p95 (ms)", lambda r: pair(r["backend_staff"])),
    ("page /zoeken/, anonymous p50/p95 (ms)", lambda r: pair(r["page_anonymous"])),
    ("page /zoeken/, staff p50/p95 (ms)", lambda r: pair(r["page_staff"])),
    ("backend autocomplete p50/p95 (ms)", lambda r: pair(r["backend_autocomplete"])),
    ("page /zoeken/suggesties/ p50/p95 (ms)", lambda r: pair(r["page_autocomplete"])),
    ("publish-to-searchable p50/p95 (ms)", lambda r: pair(r["publish"])),
    ("  published / lost / errors", lambda r: lost(r["publish"])),
    ("fewest samples in a latency row", lambda r: str(fewest(r))),
]


def pair(stats):
    return f"{fmt(stats['p50'], 1)} / {fmt(stats['p95'], 1)}"


def fewest(result):
    return min(value["n"] for key, value in result.items() if isinstance(value, dict))


def lost(stats):
    return f"{stats['published']} / {stats['lost']} / {stats['errors']}"


def table(results, sizes):
    headers = ["", *[f"{name} {size:,}" for size in sizes for name in BACKENDS]]
    lines = []
    for label, cell in ROWS:
        line = [label]
        for size in sizes:
            for name in BACKENDS:
                found = results.get((size, name))
                line.append(cell(found) if found else "-")
        lines.append(line)
    widths = [max(len(row[i]) for row in [headers, *lines]) for i in range(len(headers))]

    def render(row):
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        return "| " + " | ".join(cells) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([render(headers), rule, *[render(row) for row in lines]])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", nargs="?", default="bench", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default="10000,50000", help="corpus sizes, comma-separated")
    parser.add_argument("--quick", action="store_true", help="smoke run: small corpus, few queries")
    parser.add_argument("--queries", type=int, default=None, help="queries per measurement")
    parser.add_argument("--publishes", type=int, default=None, help="pages per writer process")
    parser.add_argument(
        "--row-seconds",
        type=float,
        default=0,
        help="stop a latency row after this many seconds (its sample count is reported)",
    )
    parser.add_argument(
        "--backends", default=",".join(BACKENDS), help="backends to measure, comma-separated"
    )
    parser.add_argument("--json", help="also write the raw figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    for name in ("db", "backend", "index", "out", "parent", "writer", "count", "size", "rebuilt"):
        parser.add_argument(f"--{name}", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.mode == "_measure":
        args.size, args.queries, args.publishes = (
            int(args.size),
            int(args.queries),
            int(args.publishes),
        )
        return measure(args)
    if args.mode == "_rebuild":
        args.size = int(args.size)
        return rebuild(args)
    if args.mode == "_writer":
        args.parent, args.count = int(args.parent), int(args.count)
        return writer(args)
    if args.mode == "_corpus":
        args.size = int(args.size)
        return corpus(args)

    sizes = [1000] if args.quick and args.sizes == parser.get_default("sizes") else None
    sizes = sizes or [int(size) for size in args.sizes.split(",")]
    queries = args.queries or (30 if args.quick else 200)
    backends = [name for name in args.backends.split(",") if name in BACKENDS]
    publishes = args.publishes if args.publishes is not None else (5 if args.quick else 25)
    folder = Path(tempfile.mkdtemp(prefix="cano-bench-"))
    results = {}
    try:
        template = folder / "template.sqlite3"
        print(f"Migrating a throwaway database in {folder} ...", flush=True)
        run("_corpus", db=template, index=folder / "unused-index", size=0)
        for size in sizes:
            corpus_db = folder / f"corpus-{size}.sqlite3"
            shutil.copy(template, corpus_db)
            start = time.perf_counter()
            out = folder / f"corpus-{size}.json"
            run("_corpus", db=corpus_db, index=folder / "unused-index", size=size, out=out)
            info = json.loads(out.read_text())
            print(
                f"Corpus of {size:,} pages ({info['staff_only']:,} staff-only) "
                f"in {time.perf_counter() - start:.0f} s",
                flush=True,
            )
            for name in backends:
                db = folder / f"{name}-{size}.sqlite3"
                shutil.copy(corpus_db, db)
                out = folder / f"{name}-{size}.json"
                print(f"Measuring {name} at {size:,} documents ...", flush=True)
                rebuilt = folder / f"{name}-{size}-rebuild.json"
                index = folder / f"index-{name}-{size}"
                run("_rebuild", db=db, backend=name, index=index, size=size, out=rebuilt)
                run(
                    "_measure",
                    db=db,
                    backend=name,
                    index=index,
                    rebuilt=rebuilt,
                    size=size,
                    queries=queries,
                    publishes=publishes,
                    out=out,
                    **{"row-seconds": args.row_seconds},
                )
                results[(size, name)] = json.loads(out.read_text())
                db.unlink()
                for suffix in ("-wal", "-shm"):
                    Path(f"{db}{suffix}").unlink(missing_ok=True)
                shutil.rmtree(folder / f"index-{name}-{size}", ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print()
    print(
        f"Load average (1, 5, 15 min) at the end: {', '.join(f'{v:.1f}' for v in os.getloadavg())}"
    )
    print(
        f"{queries} queries and {queries} prefixes per row (after warm-up), "
        f"{WRITERS} writers x {publishes} publishes"
    )
    print(table(results, sizes))
    if args.json:
        Path(args.json).write_text(
            json.dumps([value for _key, value in sorted(results.items())], indent=2)
        )
    return None


if __name__ == "__main__":
    sys.exit(main())
