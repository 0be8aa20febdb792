"""Search benchmark: the Whoosh backend, the PostgreSQL backend and modelsearch's own backend.

    .venv/bin/python bench/search.py                    # 10,000 and 50,000 documents
    .venv/bin/python bench/search.py --sizes 10000      # one size
    .venv/bin/python bench/search.py --quick            # smoke run: 1,000 documents, few queries

Each corpus is generated once per size and database kind (a fixed seed makes it the same
documents every time): into a throwaway SQLite database for `whoosh` and `database`, into a
PostgreSQL database (`<prefix>corpus_<size>`) for `postgres` and `postgres-plain`. Each backend
gets a copy (a file copy, or `CREATE DATABASE ... TEMPLATE`) and is measured in fresh processes;
nothing touches db.sqlite3 or var/search, and the bench databases are dropped at the end unless
--keep. See docs/benchmarks.md for the figures and how to read them.
"""

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Measured by default: the embedded default, the package modelsearch_postgres, and modelsearch's
# database backend on PostgreSQL; `database` (modelsearch's backend on SQLite) is selectable.
BACKENDS = ("whoosh", "postgres", "postgres-plain", "database")
DEFAULT_BACKENDS = ("whoosh", "postgres", "postgres-plain")
ON_POSTGRES = ("postgres", "postgres-plain")
SEED = 20261128
WRITERS = 4
SHAPES = ("one common word", "two words", "three words", "phrase", "prefix")
MIB = 1024 * 1024


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
        "p99": percentile(milliseconds, 0.99),
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


def queries_by_shape(rng, count):
    """``count`` queries of each shape the search rows are measured on.

    The common words are the two commonest forms of the ten commonest families, each on most
    pages; the two- and three-word AND queries draw from every form of the fifteen commonest.
    """
    from bench.corpus import FAMILIES, PHRASES

    common = [word for family in FAMILIES[:10] for word in family[:2]]
    frequent = [word for family in FAMILIES[:15] for word in family]
    words = [word for family in FAMILIES for word in family]
    return {
        "one common word": [rng.choice(common) for _ in range(count)],
        "two words": [" ".join(rng.sample(frequent, 2)) for _ in range(count)],
        "three words": [" ".join(rng.sample(frequent, 3)) for _ in range(count)],
        "phrase": [f'"{rng.choice(PHRASES)}"' for _ in range(count)],
        "prefix": [
            (word := rng.choice(words))[: rng.randint(3, min(6, len(word)))] for _ in range(count)
        ],
    }


def query_mix(rng, count):
    """The search page's mix: common words, rare words, 2-3 word AND queries and phrases."""
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
    from django.db import connection

    if args.backend in ON_POSTGRES:
        from modelsearch_postgres import schema

        # The migrations install the package's document column and indexes on modelsearch's
        # index table; modelsearch's own backend is measured on a plain table.
        if args.backend == "postgres":
            schema.install(connection, language="dutch")
        else:
            schema.uninstall(connection, language="dutch")
    cpu_start, start = cpu_seconds(), time.perf_counter()
    call_command("update_index", backend_name="default", verbosity=0)
    elapsed = time.perf_counter() - start
    result = {
        "rebuild_s": elapsed,
        "rebuild_cpu_s": cpu_seconds() - cpu_start,
        "indexed_per_s": args.size / elapsed,
    }
    if args.backend in ON_POSTGRES:
        with connection.cursor() as cursor:
            # Not timed: the searches should not depend on when autovacuum last came by.
            cursor.execute("ANALYZE")
            cursor.execute(
                "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                "WHERE c.relkind = 'r' AND c.relname IN (%s, %s)",
                [schema.INDEX_TABLE, schema.WORD_TABLE],
            )
            result["index_mib"] = float(cursor.fetchone()[0] or 0) / MIB
        if args.backend == "postgres":
            result["rum_index"] = schema.ranks_in_index(connection)
    elif args.backend == "whoosh":
        result["index_mib"] = folder_size(args.index) / MIB
    Path(args.out).write_text(json.dumps(result))


def folder_size(folder):
    return sum(path.stat().st_size for path in Path(folder).rglob("*") if path.is_file())


def plain_whoosh(args):
    """The same pages' title and searchable text written by plain Whoosh: the size baseline.

    A straightforward schema (stored unique pk, title and body with the backend's Dutch base
    chain plus Whoosh's stemmer), one writer, one commit. Only the writing is timed: the texts
    are read from the database first.
    """
    django_setup(args.db, "whoosh", args.index, auto_update=False)
    from whoosh import fields
    from whoosh import index as whoosh_index
    from whoosh.analysis import StemFilter

    from cano.home.models import StandardPage
    from modelsearch_whoosh.analysis import base_chain

    body_field = StandardPage._meta.get_field("body")
    documents = [
        (
            str(page.pk),
            page.title,
            " ".join([page.intro, *body_field.get_searchable_content(page.body)]),
        )
        for page in StandardPage.objects.order_by("pk").iterator(chunk_size=2000)
    ]
    analyzer = base_chain("nl") | StemFilter(lang="nl")
    schema = fields.Schema(
        pk=fields.ID(stored=True, unique=True),
        title=fields.TEXT(analyzer=analyzer),
        body=fields.TEXT(analyzer=analyzer),
    )
    folder = Path(args.index)
    folder.mkdir(parents=True)
    cpu_start, start = cpu_seconds(), time.perf_counter()
    writer = whoosh_index.create_in(str(folder), schema).writer(procs=1)
    for pk, title, body in documents:
        writer.add_document(pk=pk, title=title, body=body)
    writer.commit()
    result = {
        "plain_s": time.perf_counter() - start,
        "plain_cpu_s": cpu_seconds() - cpu_start,
        "plain_mib": folder_size(folder) / MIB,
        "plain_documents": len(documents),
    }
    Path(args.out).write_text(json.dumps(result))


def measure(args):
    """Runs in its own process, with Django set up for one backend and one database copy."""
    django_setup(args.db, args.backend, args.index)
    from django.contrib.auth.models import AnonymousUser
    from django.test import Client

    from cano.accounts.models import User
    from cano.home.selectors import pages_visible_to
    from cano.search.selectors import query_build

    result = {"backend": args.backend, "size": args.size}
    for path in (args.rebuilt, args.plain):
        if path:
            result.update(json.loads(Path(path).read_text()))

    rng = random.Random(SEED)
    queries = query_mix(rng, args.queries)
    prefixes = prefix_mix(rng, args.queries)
    shapes = queries_by_shape(rng, args.queries)
    warmup = max(5, args.queries // 10)
    budget = float(args.row_seconds or 0)
    staff = User.objects.get(email="bench-staff@example.be")

    for who, user in (("anonymous", AnonymousUser()), ("staff", staff)):
        for shape, items in shapes.items():
            if shape == "prefix":

                def run_one(text, user=user):
                    return list(pages_visible_to(user).autocomplete(text)[:8])

            else:

                def run_one(text, user=user):
                    return list(pages_visible_to(user).search(query_build(text))[:10])

            result[f"{who} {shape}"] = timed(run_one, items, warmup, budget)

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
    from django.db import connection

    if args.size == 0:
        call_command("migrate", verbosity=0, interactive=False)
        return
    from bench.corpus import corpus_create

    created = corpus_create(args.size, seed=SEED, words=args.words)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # The rebuild reads the pages: not on empty planner statistics.
            cursor.execute("ANALYZE")
    Path(args.out).write_text(json.dumps(created))


def words_range(text):
    """``"400-800"`` as (400, 800); one number is a fixed length."""
    low, _, high = text.partition("-")
    low, high = int(low), int(high or low)
    if not 0 < low <= high:
        raise argparse.ArgumentTypeError(f"not a word range: {text!r}")
    return low, high


# Orchestration


def run(mode, **options):
    command = [sys.executable, __file__, mode]
    for name, value in options.items():
        command += [f"--{name}", str(value)]
    subprocess.run(command, check=True, cwd=ROOT)


def database_kind(backend):
    return "postgres" if backend in ON_POSTGRES else "sqlite"


class Databases:
    """The run's databases on the PostgreSQL server, all named with one prefix."""

    def __init__(self, server, prefix):
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", prefix):
            raise SystemExit(f"--db-prefix must be a lower-case identifier, not {prefix!r}")
        self.server = server.rstrip("/")
        self.prefix = prefix
        self.created = []

    def create(self, name, template=None):
        """A fresh database (an empty one, or a copy of ``template``); returns its URL."""
        self.drop(name)
        copy = f" TEMPLATE {self.prefix}{template}" if template else ""
        self._execute(f"CREATE DATABASE {self.prefix}{name}{copy}")
        self.created.append(name)
        return f"{self.server}/{self.prefix}{name}"

    def drop(self, name):
        self._execute(f"DROP DATABASE IF EXISTS {self.prefix}{name} WITH (FORCE)")
        if name in self.created:
            self.created.remove(name)

    def drop_all(self):
        for name in reversed(self.created[:]):
            self.drop(name)

    def _execute(self, statement):
        import psycopg

        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as connection:
            connection.execute(statement)


def backend_measure(name, size, db, folder, options):
    """Rebuild, plain Whoosh baseline (for `whoosh`), searches and publishes of one backend."""
    rebuilt = folder / f"{name}-{size}-rebuild.json"
    index = folder / f"index-{name}-{size}"
    run("_rebuild", db=db, backend=name, index=index, size=size, out=rebuilt)
    extra = {}
    if name == "whoosh":
        extra["plain"] = folder / f"plain-{size}.json"
        plain_index = folder / f"index-plain-{size}"
        run("_plain_whoosh", db=db, index=plain_index, out=extra["plain"])
        shutil.rmtree(plain_index, ignore_errors=True)
    out = folder / f"{name}-{size}.json"
    run(
        "_measure",
        db=db,
        backend=name,
        index=index,
        rebuilt=rebuilt,
        size=size,
        out=out,
        **options,
        **extra,
    )
    shutil.rmtree(index, ignore_errors=True)
    return json.loads(out.read_text())


def fmt(value, digits=0):
    if value is None or value != value:
        return "-"
    return f"{value:,.{digits}f}"


def latency(key):
    def cell(result):
        stats = result.get(key)
        if stats is None:
            return "-"
        return " / ".join(fmt(stats[share], 1) for share in ("p50", "p95", "p99"))

    return cell


def figure(key, digits):
    return lambda result: fmt(result.get(key), digits)


def ratio(result, numerator, denominator):
    if denominator not in result:
        return "-"
    return f"{result[numerator] / result[denominator]:.2f}"


ROWS = [
    ("full rebuild (s)", figure("rebuild_s", 1)),
    ("  documents/s", figure("indexed_per_s", 0)),
    ("  CPU seconds, benchmark processes", figure("rebuild_cpu_s", 1)),
    ("index size on disk (MiB)", figure("index_mib", 1)),
    ("plain Whoosh: write (s)", figure("plain_s", 1)),
    ("plain Whoosh: size on disk (MiB)", figure("plain_mib", 1)),
    ("  backend / plain: rebuild time", lambda r: ratio(r, "rebuild_s", "plain_s")),
    ("  backend / plain: size", lambda r: ratio(r, "index_mib", "plain_mib")),
    (
        "ranks from the RUM index",
        lambda r: {True: "yes", False: "no"}.get(r.get("rum_index"), "-"),
    ),
    *[
        (f"{who}, {shape} p50/p95/p99 (ms)", latency(f"{who} {shape}"))
        for who in ("anonymous", "staff")
        for shape in SHAPES
    ],
    ("page /zoeken/, anonymous p50/p95/p99 (ms)", latency("page_anonymous")),
    ("page /zoeken/, staff p50/p95/p99 (ms)", latency("page_staff")),
    ("page /zoeken/suggesties/ p50/p95/p99 (ms)", latency("page_autocomplete")),
    ("publish-to-searchable p50/p95/p99 (ms)", latency("publish")),
    ("  published / lost / errors", lambda r: lost(r["publish"])),
    ("fewest samples in a latency row", lambda r: str(fewest(r))),
]


def fewest(result):
    return min(value["n"] for key, value in result.items() if isinstance(value, dict))


def lost(stats):
    return f"{stats['published']} / {stats['lost']} / {stats['errors']}"


def table(results, sizes, backends):
    headers = ["", *[f"{name} {size:,}" for size in sizes for name in backends]]
    lines = []
    for label, cell in ROWS:
        line = [label]
        for size in sizes:
            for name in backends:
                found = results.get((size, name))
                line.append(cell(found) if found else "-")
        if any(value != "-" for value in line[1:]):
            lines.append(line)
    widths = [max(len(row[i]) for row in [headers, *lines]) for i in range(len(headers))]

    def render(row):
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        return "| " + " | ".join(cells) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([render(headers), rule, *[render(row) for row in lines]])


def targets(results, sizes):
    """The issue's targets, for each size that has the figures (they apply at 50,000)."""
    lines = []
    for size in sizes:
        whoosh = results.get((size, "whoosh"))
        if whoosh is None:
            continue
        parts = [f"Whoosh rebuild {whoosh['rebuild_s']:.0f} s (target: under 120 s)"]
        if whoosh.get("plain_mib"):
            share = whoosh["index_mib"] / whoosh["plain_mib"]
            parts.append(f"index {share:.2f}x plain Whoosh's size (target: at most 2x)")
        postgres = results.get((size, "postgres"))
        if postgres is not None:
            shares = [
                (postgres[key]["p95"] / whoosh[key]["p95"], key)
                for key in (f"{who} {shape}" for who in ("anonymous", "staff") for shape in SHAPES)
                if whoosh[key]["p95"] > 0
            ]
            if shares:
                worst, key = max(shares)
                parts.append(
                    f"postgres p95 at most {worst:.1f}x Whoosh's ({key}; target: at most 3x)"
                )
        lines.append(f"At {size:,} documents: " + "; ".join(parts))
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", nargs="?", default="bench", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default="10000,50000", help="corpus sizes, comma-separated")
    parser.add_argument("--quick", action="store_true", help="smoke run: small corpus, few queries")
    parser.add_argument("--queries", type=int, default=None, help="queries per measurement")
    parser.add_argument("--publishes", type=int, default=None, help="pages per writer process")
    parser.add_argument(
        "--words",
        default="400-800",
        type=words_range,
        help="words of a page's searchable text (introduction and body), drawn uniformly",
    )
    parser.add_argument(
        "--row-seconds",
        type=float,
        default=0,
        help="stop a latency row after this many seconds (its sample count is reported)",
    )
    parser.add_argument(
        "--backends",
        default=",".join(DEFAULT_BACKENDS),
        help=f"backends to measure, comma-separated, of {', '.join(BACKENDS)}",
    )
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432",
        help="the PostgreSQL server for postgres and postgres-plain (no database name)",
    )
    parser.add_argument(
        "--db-prefix", default="cano_bench_", help="name prefix of the PostgreSQL databases"
    )
    parser.add_argument("--json", help="also write the raw figures to this file")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary folder and the bench databases"
    )
    for name in (
        "db",
        "backend",
        "index",
        "out",
        "parent",
        "writer",
        "count",
        "size",
        "rebuilt",
        "plain",
    ):
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
    if args.mode == "_plain_whoosh":
        return plain_whoosh(args)
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
    options = {
        "queries": queries,
        "publishes": publishes,
        "row-seconds": args.row_seconds,
    }
    kinds = {database_kind(name) for name in backends}
    databases = Databases(args.database_url, args.db_prefix) if "postgres" in kinds else None
    folder = Path(tempfile.mkdtemp(prefix="cano-bench-"))
    unused_index = folder / "unused-index"
    results, corpora = {}, {}
    try:
        print(f"Migrating throwaway databases ({folder}) ...", flush=True)
        if "sqlite" in kinds:
            template = folder / "template.sqlite3"
            run("_corpus", db=template, index=unused_index, size=0)
        if databases:
            run("_corpus", db=databases.create("migrated"), index=unused_index, size=0)
        for size in sizes:
            copies = {}
            for kind in sorted(kinds):
                start = time.perf_counter()
                if kind == "sqlite":
                    copies[kind] = folder / f"corpus-{size}.sqlite3"
                    shutil.copy(template, copies[kind])
                else:
                    copies[kind] = databases.create(f"corpus_{size}", template="migrated")
                out = folder / f"corpus-{kind}-{size}.json"
                run(
                    "_corpus",
                    db=copies[kind],
                    index=unused_index,
                    size=size,
                    out=out,
                    words="{}-{}".format(*args.words),
                )
                corpora[(size, kind)] = info = json.loads(out.read_text())
                print(
                    f"Corpus of {size:,} pages in {kind} ({info['staff_only']:,} staff-only, "
                    f"{info['words_per_page']:.0f} words a page) "
                    f"in {time.perf_counter() - start:.0f} s",
                    flush=True,
                )
            for name in backends:
                print(f"Measuring {name} at {size:,} documents ...", flush=True)
                if name in ON_POSTGRES:
                    copy = name.replace("-", "_")
                    db = databases.create(f"{copy}_{size}", template=f"corpus_{size}")
                else:
                    db = folder / f"{name}-{size}.sqlite3"
                    shutil.copy(copies["sqlite"], db)
                results[(size, name)] = backend_measure(name, size, db, folder, options)
                results[(size, name)]["words_per_page"] = corpora[(size, database_kind(name))][
                    "words_per_page"
                ]
                if name in ON_POSTGRES:
                    if not args.keep:
                        databases.drop(f"{copy}_{size}")
                else:
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{db}{suffix}").unlink(missing_ok=True)
            if databases and not args.keep:
                databases.drop(f"corpus_{size}")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
            if databases:
                databases.drop_all()
    print()
    print(
        f"Load average (1, 5, 15 min) at the end: {', '.join(f'{v:.1f}' for v in os.getloadavg())}"
    )
    average = sum(info["words_per_page"] for info in corpora.values()) / len(corpora)
    print(
        f"Pages of {args.words[0]}-{args.words[1]} words (introduction and body), "
        f"{average:.0f} on average; {queries} queries of each shape per user, "
        f"{queries} queries and {queries} prefixes per search page row (after warm-up), "
        f"{WRITERS} writers x {publishes} publishes"
    )
    print(table(results, sizes, backends))
    for line in targets(results, sizes):
        print(line)
    if args.json:
        Path(args.json).write_text(
            json.dumps([value for _key, value in sorted(results.items())], indent=2)
        )
    return None


if __name__ == "__main__":
    sys.exit(main())
