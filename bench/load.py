"""Load figure: requests a second and latency of gunicorn on loopback, with and without Redis.

Creates its own PostgreSQL database (dropped at the end), migrates it, seeds what the reliability
suite seeds (a home page, a study day, a newsletter issue, a few standard pages) and indexes it.
Then, once with the cache in each process's memory and once with Redis (`--redis-url`), it starts
gunicorn as the README's production steps do (production settings, three workers, the task
worker beside it) and measures the home page, the study day's page and the search page with a
realistic query, each at 8 and at 32 concurrent connections.

The client is cheap: one thread per connection, each sending its requests one after the other
with `http.client` (gunicorn's sync workers close the connection after every answer, so the
client reconnects as a browser would). Client and server share the machine's cores: the figures
are those of the whole machine, not of gunicorn alone. Prints one table:

    .venv/bin/python bench/load.py [--database-url postgres://postgres@127.0.0.1:5432]
        [--database cano_load] [--redis-url redis://127.0.0.1:6379/9] [--port 18250]
        [--seconds 10]

Without --redis-url only the in-memory runs are made. The Redis database is emptied first.
"""

import argparse
import http.client
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

from bench.reliability import (  # noqa: E402
    Processes,
    database_create,
    database_drop,
    production_env,
    seed,
    wait_for,
)

# The README's production steps on a two-core machine.
GUNICORN_WORKERS = 3
CONNECTIONS = (8, 32)
WARM_UP = 2.0  # seconds of requests before each measurement, not counted
SEARCH_QUERY = "studiedag betrouwbaarheid"
# What the TLS-terminating proxy would add; gunicorn trusts it from loopback.
HEADERS = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}


@dataclass
class Measurement:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def connection_loop(port: int, path: str, until: float, counted_from: float, result: Measurement):
    """One connection's requests, one after the other, until `until`."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    latencies, errors = [], 0
    while (started := time.perf_counter()) < until:
        try:
            connection.request("GET", path, headers=HEADERS)
            response = connection.getresponse()
            response.read()
            ok = response.status == 200
            if response.will_close:
                connection.close()
        except OSError:
            ok = False
            connection.close()
        if started >= counted_from:
            if ok:
                latencies.append(time.perf_counter() - started)
            else:
                errors += 1
    connection.close()
    with result.lock:
        result.latencies.extend(latencies)
        result.errors += errors


def measure(port: int, path: str, connections: int, seconds: float) -> dict:
    result = Measurement()
    counted_from = time.perf_counter() + WARM_UP
    until = counted_from + seconds
    threads = [
        threading.Thread(target=connection_loop, args=(port, path, until, counted_from, result))
        for _ in range(connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies = sorted(result.latencies)
    count = len(latencies)
    return {
        "rps": count / seconds,
        "p50": statistics.median(latencies) * 1000 if count else float("nan"),
        "p99": latencies[min(count - 1, int(count * 0.99))] * 1000 if count else float("nan"),
        "errors": result.errors,
    }


def run(
    *, env: dict, port: int, folder: Path, pages: dict[str, str], seconds: float
) -> list[tuple]:
    processes = Processes(env, port, folder, gunicorn_workers=GUNICORN_WORKERS)
    rows = []
    try:
        processes.start()
        probe = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

        def healthy() -> bool:
            try:
                probe.request("GET", "/health/", headers=HEADERS)
                response = probe.getresponse()
                response.read()
                probe.close()
                return response.status == 200
            except OSError:
                probe.close()
                return False

        wait_for(healthy, timeout=60, what="gunicorn")
        for name, path in pages.items():
            for connections in CONNECTIONS:
                figures = measure(port, path, connections, seconds)
                rows.append((name, connections, figures))
                print(
                    f"  {name}, {connections} verbindingen: {figures['rps']:.1f} req/s",
                    flush=True,
                )
    finally:
        processes.stop()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument(
        "--database", default="cano_load", help="created, and dropped at the end: not one in use"
    )
    parser.add_argument("--redis-url", default="", help="a Redis database the run may empty")
    parser.add_argument("--port", type=int, default=18250)
    parser.add_argument("--seconds", type=float, default=10.0, help="per page and concurrency")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="cano-load-"))
    database_url = database_create(args.database_url, args.database)
    env = production_env(database_url=database_url, port=args.port, folder=folder, redis_url="")
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    try:
        call_command("migrate", verbosity=0, interactive=False)
        call_command("collectstatic", verbosity=0, interactive=False)
        seeded = seed()
        call_command("update_index", verbosity=0)
        pages = {
            "startpagina": "/",
            "studiedag": seeded["study_day"].url,
            "zoeken": f"/zoeken/?q={SEARCH_QUERY.replace(' ', '+')}",
        }
        from django.db import connections

        connections.close_all()
        caches = {"geheugen per proces": env}
        if args.redis_url:
            import redis

            redis.Redis.from_url(args.redis_url).flushdb()
            caches["Redis"] = {**env, "REDIS_URL": args.redis_url}
        table = []
        for cache_name, cache_env in caches.items():
            print(f"cache: {cache_name}", flush=True)
            for page, connections_count, figures in run(
                env=cache_env, port=args.port, folder=folder, pages=pages, seconds=args.seconds
            ):
                table.append((cache_name, page, connections_count, figures))
    finally:
        database_drop(args.database_url, args.database)
        shutil.rmtree(folder, ignore_errors=True)

    load = os.getloadavg()
    print(
        f"\ngunicorn {GUNICORN_WORKERS} sync workers, {os.cpu_count()} cores shared by client and "
        f"server; {args.seconds:.0f} s per row after {WARM_UP:.0f} s warm-up; "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    print(
        f"{'cache':20} {'pagina':12} {'verb.':>5} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'fout':>5}"
    )
    for cache_name, page, connections_count, figures in table:
        print(
            f"{cache_name:20} {page:12} {connections_count:>5} {figures['rps']:>8.1f} "
            f"{figures['p50']:>8.1f} {figures['p99']:>8.1f} {figures['errors']:>5}"
        )
    return 0 if all(row[3]["errors"] == 0 for row in table) else 1


if __name__ == "__main__":
    sys.exit(main())
