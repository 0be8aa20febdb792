"""Registrations per second under concurrent load, and proof that nobody is let in beyond capacity.

Starts the site on loopback (runserver, threaded) against the configured database, creates a
throw-away study day, fires REQUESTS registrations from CONCURRENCY parallel clients (each one
fetches the form for its CSRF token and posts it, as a browser would), then checks in the database
that exactly CAPACITY people are registered and the rest wait. Use PostgreSQL:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cano make seed
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cano .venv/bin/python bench/studydays_register.py

Options: --requests 200 --concurrency 20 --capacity 50 --port 8765. Exit code 1 when the counts
are wrong.
"""

import argparse
import datetime
import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cano.settings.dev")
# runserver starts a thread per request: persistent connections would pile up past the server's limit.
os.environ["DJANGO_DB_CONN_MAX_AGE"] = "0"


def configure():
    import django
    from django.conf import settings

    django.setup()
    # One loopback address sends every request: lift the per-address limit, keep mail in memory.
    settings.STUDYDAYS_RATE_LIMIT = 10**9
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def serve(port: int) -> None:
    configure()
    from django.core.management import call_command

    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, verbosity=0)


def create_study_day(capacity: int):
    from django.utils import timezone

    from studydays.models import StudyDayIndexPage, StudyDayPage

    index = StudyDayIndexPage.objects.first()
    if index is None:
        sys.exit("Geen overzicht studiedagen gevonden: draai eerst `make seed`.")
    now = timezone.now()
    return index.add_child(
        instance=StudyDayPage(
            title=f"Benchmark {now:%Y%m%d%H%M%S}",
            slug=f"benchmark-{now:%Y%m%d%H%M%S%f}",
            date=timezone.localdate() + datetime.timedelta(days=30),
            venue_name="Loopback",
            capacity=capacity,
            registration_opens=now - datetime.timedelta(hours=1),
            registration_closes=now + datetime.timedelta(days=1),
        )
    )


def register_once(base: str, path: str, number: int) -> tuple[float, int]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    started = time.perf_counter()
    html = opener.open(base + path, timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "first_name": f"Bench{number}",
            "last_name": "Test",
            "email": f"bench{number}@example.be",
            "organisation": "Benchmark",
            "waiting_list_ok": "on",
            "consent": "on",
        }
    ).encode()
    request = urllib.request.Request(base + path, data=data, headers={"Referer": base + path})  # noqa: S310 - always http://127.0.0.1
    try:
        status = opener.open(request, timeout=60).status
    except urllib.error.HTTPError as error:
        status = error.code
    return time.perf_counter() - started, status


def wait_for(base: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/health/", timeout=2)  # noqa: S310 - always http://127.0.0.1
            return
        except OSError:
            time.sleep(0.2)
    sys.exit("De server startte niet.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--capacity", type=int, default=50)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.port)
        return 0

    configure()
    from studydays.models import Registration

    study_day = create_study_day(args.capacity)
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", "--port", str(args.port)], cwd=ROOT
    )
    try:
        wait_for(base)
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            results = list(
                pool.map(lambda n: register_once(base, study_day.url, n), range(args.requests))
            )
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)

    latencies = sorted(seconds for seconds, _status in results)
    statuses = [status for _seconds, status in results]
    registrations = Registration.objects.filter(study_day=study_day)
    registered = registrations.registered().count()
    waiting = registrations.waiting().count()
    expected_registered = min(args.capacity, args.requests)
    print(
        f"{args.requests} inschrijvingen, {args.concurrency} tegelijk, capaciteit {args.capacity}"
    )
    print(f"  doorvoer: {args.requests / elapsed:.1f} inschrijvingen/s ({elapsed:.2f} s)")
    print(
        f"  latentie (formulier + verzenden): mediaan {statistics.median(latencies) * 1000:.0f} ms,"
        f" p95 {latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms"
    )
    print(f"  HTTP-statussen: { {s: statuses.count(s) for s in sorted(set(statuses))} }")
    print(f"  ingeschreven: {registered} (verwacht {expected_registered}), wachtlijst: {waiting}")
    ok = registered == expected_registered and registered + waiting == args.requests
    print("  OK: niemand boven de capaciteit" if ok else "  FOUT: aantallen kloppen niet")
    study_day.delete()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
