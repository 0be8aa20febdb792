"""Reliability suite: the production set-up under concurrent visitors and killed task workers.

Creates its own PostgreSQL database (dropped at the end), migrates and seeds it, then starts, on
loopback, what the README's production steps start: gunicorn with four workers on the production
settings and `manage.py db_worker`, behind a small proxy that sets X-Forwarded-For (one address
per visitor: each visitor connects from its own 127.x.y.z address) and X-Forwarded-Proto, with an
SMTP sink that records every mail. Scenarios:

  a. 60 visitors register at once (form, CSRF token, post) for a workshop of 10 places, then three
     registrants cancel through the link in their confirmation mail and its confirmation page;
  b. a newsletter sending whose worker is killed (SIGKILL) mid-send; a second worker takes over;
  c. pages published while the workers write the search index; the worker running an index
     update is killed mid-update, and another one takes over;
  d. hostile query parameters against the public pages.

Prints one table and exits with 1 when a target is missed. About two to three minutes:

    .venv/bin/python bench/reliability.py [--database-url postgres://postgres@127.0.0.1:5432]
        [--redis-url redis://127.0.0.1:6379/5] [--port 18100]

Ports: gunicorn on --port, the proxy on --port + 1, the SMTP sink on --port + 2.
"""

import argparse
import contextlib
import datetime
import email
import email.header
import html
import http.client
import os
import re
import shutil
import signal
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

DATABASE = "cano_reliability"
STALE_AFTER = 5  # seconds; production waits 5 minutes
CAPACITY = 10
VISITORS = 60
SUBSCRIBERS = 60
CANCELLATIONS = 3
INDEXED_PAGES = 16
CHANGED_PAGES = 4
MAIL_DELAY = 0.05  # seconds the SMTP sink takes per message during the newsletter sending
SEARCH_WORDS = [f"kraakproef{a}{b}" for a in "bdfgklmnprstvz" for b in ("ijn", "oen", "aar", "eus")]


def visitor_address(number: int) -> str:
    """A loopback address of its own per visitor: the proxy sees it as the client's address."""
    return f"127.0.{1 + number // 250}.{1 + number % 250}"


# SMTP sink -----------------------------------------------------------------------------------


@dataclass
class Mail:
    recipients: list[str]
    subject: str
    text: str
    received: float


class MailSink(socketserver.ThreadingTCPServer):
    """A minimal SMTP server that keeps every message it accepted, in order."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int):
        super().__init__(("127.0.0.1", port), SmtpHandler)
        self.mails: list[Mail] = []
        self.lock = threading.Lock()
        self.delay = 0.0

    def to(self, subject_part: str) -> Counter:
        with self.lock:
            return Counter(
                recipient
                for mail in self.mails
                if subject_part in mail.subject
                for recipient in mail.recipients
            )


class SmtpHandler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        with contextlib.suppress(ConnectionError):  # a killed worker's connection
            self.converse()

    def converse(self):
        recipients: list[str] = []
        self.reply("220 sink ESMTP")
        while line := self.rfile.readline():
            command = line.decode("ascii", "replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 sink")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip().strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                self.receive(recipients)
                # A slow server: the message is kept before the answer, so a client killed
                # meanwhile has sent a message it cannot know about (the one "in doubt").
                time.sleep(self.server.delay)
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("250 OK")

    def receive(self, recipients: list[str]) -> None:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        message = email.message_from_bytes(b"".join(lines))
        text = "".join(
            part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8", "replace")
            for part in message.walk()
            if part.get_content_type() == "text/plain"
        )
        subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
        with self.server.lock:
            self.server.mails.append(Mail(list(recipients), subject, text, time.monotonic()))


# The proxy -----------------------------------------------------------------------------------

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade"}


class Proxy(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def __init__(self, port: int, upstream: int):
        super().__init__(("127.0.0.1", port), ProxyHandler)
        self.upstream = upstream


class ProxyHandler(BaseHTTPRequestHandler):
    """What a TLS-terminating reverse proxy adds: the client's address and the scheme."""

    def forward(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        forwarded = self.headers.get("X-Forwarded-For")
        client = self.client_address[0]
        headers["X-Forwarded-For"] = f"{forwarded}, {client}" if forwarded else client
        headers["X-Forwarded-Proto"] = "https"
        upstream = http.client.HTTPConnection("127.0.0.1", self.server.upstream, timeout=120)
        try:
            upstream.request(self.command, self.path, body=body or None, headers=headers)
            response = upstream.getresponse()
            content = response.read()
        except OSError:
            self.send_error(502)
            return
        finally:
            upstream.close()
        self.send_response(response.status)
        for name, value in response.getheaders():
            if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    do_GET = do_POST = do_HEAD = forward

    def log_message(self, format, *args):
        pass


# The visitors' HTTP client -------------------------------------------------------------------

# The status recorded for a request that got no answer at all; counted with the 5xx.
NO_ANSWER = 599
# The visitors' threads share their status counters.
COUNTING = threading.Lock()


@dataclass
class Visitor:
    """One browser: its own client address and cookies, talking plain HTTP to the proxy."""

    number: int
    port: int
    statuses: Counter
    cookies: dict = field(default_factory=dict)

    @property
    def origin(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, str]:
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        connection = http.client.HTTPConnection(
            "127.0.0.1",
            self.port,
            timeout=120,
            source_address=(visitor_address(self.number), 0),
        )
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode("utf-8", "replace")
            status = response.status
        except OSError:
            content, status = "", NO_ANSWER
        finally:
            connection.close()
        with COUNTING:
            self.statuses[status] += 1
        if status != NO_ANSWER:
            # Secure cookies: the proxy's visitors speak HTTPS, this client plain HTTP to it.
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
        return status, content

    def form(self, path: str) -> dict:
        """The form on the page at ``path`` as its inputs' names and first values."""
        _status, content = self.request("GET", path)
        fields = {}
        for tag in re.findall(r"<input\b[^>]*>", content):
            name = re.search(r'\bname="([^"]+)"', tag)
            value = re.search(r'\bvalue="([^"]*)"', tag)
            if name and name.group(1) not in fields:
                fields[name.group(1)] = html.unescape(value.group(1)) if value else ""
        return fields


# Processes -----------------------------------------------------------------------------------


class Processes:
    """gunicorn and the task worker, started as the README's production steps start them."""

    def __init__(self, env: dict, port: int, folder: Path, *, gunicorn_workers: int = 4):
        self.env, self.port, self.folder = env, port, folder
        self.gunicorn_workers = gunicorn_workers
        self.gunicorn = None
        self.workers: dict[str, subprocess.Popen] = {}

    def start(self) -> None:
        self.gunicorn = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "cano.wsgi"),
                *("--workers", str(self.gunicorn_workers), "--bind", f"127.0.0.1:{self.port}"),
                "--forwarded-allow-ips=127.0.0.1",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=(self.folder / "gunicorn.log").open("ab"),
        )
        self.worker_start()

    def worker_start(self) -> str:
        """A new worker, once it beats (as a supervisor or a second machine keeps one ready): so
        what is measured after a kill is the staleness, not a process start. Its id."""
        from cano.tasks.models import WorkerHeartbeat

        worker_id = f"reliability-{len(self.workers) + 1}"
        self.workers[worker_id] = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--worker-id", worker_id],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=(self.folder / "worker.log").open("ab"),
        )
        wait_for(
            lambda: WorkerHeartbeat.objects.filter(worker_id=worker_id).exists(),
            timeout=120,
            what="worker start",
        )
        return worker_id

    def worker_kill(self, worker_id: str) -> None:
        worker = self.workers[worker_id]
        worker.send_signal(signal.SIGKILL)
        worker.wait()

    def workers_signal(self, signum: int) -> None:
        for worker in self.workers.values():
            if worker.poll() is None:
                worker.send_signal(signum)

    def manage(self, *args: str) -> str:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def stop(self) -> None:
        for process in [self.gunicorn, *self.workers.values()]:
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGCONT)
                process.terminate()
                process.wait(timeout=30)


def wait_for(condition, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        time.sleep(0.05)


def database_create(base_url: str, name: str = DATABASE) -> str:
    import psycopg

    with psycopg.connect(f"{base_url}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    return f"{base_url}/{name}"


def database_drop(base_url: str, name: str = DATABASE) -> None:
    import psycopg

    from django.db import connections

    connections.close_all()
    with psycopg.connect(f"{base_url}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def production_env(*, database_url: str, port: int, folder: Path, redis_url: str) -> dict:
    env = {name: value for name, value in os.environ.items() if name != "REDIS_URL"}
    if redis_url:
        env["REDIS_URL"] = redis_url
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "cano.settings.production",
        "DJANGO_SECRET_KEY": "reliability-suite-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "DJANGO_BASE_URL": f"https://127.0.0.1:{port + 1}",
        "DJANGO_EMAIL_HOST": "127.0.0.1",
        "DJANGO_EMAIL_PORT": str(port + 2),
        "DJANGO_TRUSTED_PROXIES": "127.0.0.1/32",
        "DJANGO_TASKS_STALE_AFTER": str(STALE_AFTER),
        "CANO_SEARCH_INDEX_DIR": str(folder / "search"),
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "DJANGO_PRIVATE_MEDIA_ROOT": str(folder / "private"),
        "DJANGO_STATIC_ROOT": str(folder / "static"),
        "DJANGO_LOG_LEVEL": "WARNING",
    }


# Seed ----------------------------------------------------------------------------------------


def seed():
    """A home page, a study day with one workshop of CAPACITY places, a newsletter issue with
    SUBSCRIBERS subscribers, an editor and a section of standard pages."""
    from django.utils import timezone

    from wagtail.models import Page, Site

    from bench.newsletter_send import editor_and_subscribers_create
    from cano.home.models import HomePage, StandardPage
    from newsletter.models import NewsletterIndexPage, NewsletterIssuePage
    from studydays.models import StudyDayIndexPage, StudyDayPage

    def publish(parent, page):
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    home = publish(Page.get_first_root_node(), HomePage(title="CANO Vlaanderen", slug="cano"))
    Site.objects.update(root_page=home)
    now = timezone.now()
    study_days = publish(home, StudyDayIndexPage(title="Studiedagen", slug="studiedagen"))
    workshop = {
        "title": "Veerkracht",
        "speaker": "",
        "room": "",
        "description": "",
        "capacity": CAPACITY,
    }
    study_day = publish(
        study_days,
        StudyDayPage(
            title="Studiedag betrouwbaarheid",
            slug="betrouwbaarheid",
            date=timezone.localdate() + datetime.timedelta(days=30),
            start_time=datetime.time(9),
            end_time=datetime.time(16),
            venue_name="Loopback",
            capacity=CAPACITY,
            registration_opens=now - datetime.timedelta(hours=1),
            registration_closes=now + datetime.timedelta(days=10),
            programme=[
                {
                    "type": "slot",
                    "value": {
                        "start": "10:00",
                        "end": "11:30",
                        "title": "Workshops",
                        "sessions": [],
                        "workshops": [{"type": "item", "id": str(uuid.uuid4()), "value": workshop}],
                    },
                }
            ],
        ),
    )
    archive = publish(home, NewsletterIndexPage(title="Nieuwsbrief", slug="nieuwsbrief"))
    issue = publish(
        archive,
        NewsletterIssuePage(
            title="CANOnieuwsbrief betrouwbaarheid",
            slug="betrouwbaarheid",
            number=1,
            publication_date=timezone.localdate(),
            intro="<p>Welkom.</p>",
        ),
    )
    # Below a section, not the home page: the footer lists the home page's children everywhere,
    # search results included.
    section = publish(home, StandardPage(title="Achtergrond", slug="achtergrond"))
    pages = [
        publish(section, StandardPage(title=f"Achtergrond {n}", slug=f"achtergrond-{n}"))
        for n in range(CHANGED_PAGES)
    ]
    editor = editor_and_subscribers_create(SUBSCRIBERS)
    return {
        "section": section,
        "study_day": study_day,
        "issue": issue,
        "pages": pages,
        "editor": editor,
    }


# Scenarios -----------------------------------------------------------------------------------


@dataclass
class Report:
    rows: list = field(default_factory=list)

    def add(self, scenario: str, what: str, value, target=None, ok: bool = True) -> None:
        self.rows.append((scenario, what, value, "" if target is None else target, ok))

    @property
    def ok(self) -> bool:
        return all(row[4] for row in self.rows)

    def print(self) -> None:
        print(f"{'':3}{'meting':52} {'waarde':>10}  {'doel':>8}")
        for scenario, what, value, target, ok in self.rows:
            mark = "" if ok else "  <-- MIST"
            print(f"{scenario:3}{what:52} {value!s:>10}  {target!s:>8}{mark}")


def registrations(report: Report, *, study_day, sink: MailSink, proxy_port: int, statuses):
    from studydays.models import Registration

    def register(number: int) -> int:
        visitor = Visitor(number, proxy_port, statuses)
        fields = visitor.form(study_day.url)
        workshop = next(name for name in fields if name.startswith("workshop_"))
        status, _content = visitor.request(
            "POST",
            study_day.url,
            {
                "csrfmiddlewaretoken": fields["csrfmiddlewaretoken"],
                "first_name": f"Bezoeker{number}",
                "last_name": "Test",
                "email": f"bezoeker{number:02d}@voorbeeld.be",
                "organisation": "Betrouwbaarheid",
                workshop: fields[workshop],
                "waiting_list_ok": "on",
                "consent": "on",
            },
        )
        return status

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=VISITORS) as pool:
        answers = Counter(pool.map(register, range(VISITORS)))
    elapsed = time.monotonic() - started
    wait_for(lambda: len(sink.mails) >= VISITORS, timeout=60, what="registration mails")
    day = Registration.objects.filter(study_day=study_day)
    registered = day.registered().count()
    report.add("a", f"{VISITORS} inschrijvingen tegelijk (s)", f"{elapsed:.1f}")
    report.add("a", "antwoorden 302 na verzenden", answers[302], VISITORS, answers[302] == VISITORS)
    report.add("a", "ingeschreven / wachtlijst", f"{registered}/{day.waiting().count()}")
    report.add("a", "overboekt", max(0, registered - CAPACITY), 0, registered <= CAPACITY)

    confirmed = [mail for mail in sink.mails if mail.subject.startswith("Bevestiging")]
    promotions = []
    for mail in confirmed[:CANCELLATIONS]:
        before = day.exclude(promoted_at=None).count()
        mails_before = len(sink.mails)
        number = int(re.search(r"bezoeker(\d+)@", mail.recipients[0]).group(1))
        visitor = Visitor(number, proxy_port, statuses)
        link = re.search(r"https://\S+/studiedagen/inschrijving/\S+/", mail.text).group(0)
        # The personal page links to a confirmation page; only its form's POST cancels.
        path = urllib.parse.urlsplit(link).path + "annuleren/"
        token = visitor.form(path)["csrfmiddlewaretoken"]
        visitor.request("POST", path, {"csrfmiddlewaretoken": token, "confirm": "yes"})
        # The cancellation's own mail and the promoted registrant's.
        wait_for(lambda n=mails_before: len(sink.mails) >= n + 2, timeout=30, what="promotion")
        promotions.append(day.exclude(promoted_at=None).count() - before)
    registered = day.registered().count()
    report.add(
        "a",
        f"van wachtlijst na {CANCELLATIONS} annuleringen",
        "/".join(map(str, promotions)),
        "1/1/1",
        promotions == [1] * CANCELLATIONS,
    )
    report.add(
        "a", "overboekt na annuleringen", max(0, registered - CAPACITY), 0, registered <= CAPACITY
    )
    per_mail = Counter((r, m.subject) for m in sink.mails for r in m.recipients)
    duplicates = sum(count - 1 for count in per_mail.values())
    report.add("a", "dubbele mails", duplicates, 0, duplicates == 0)


def newsletter(report: Report, *, processes: Processes, issue, editor, sink: MailSink):
    from django_tasks_db.models import DBTaskResult

    from newsletter import services
    from newsletter.models import Delivery, Subscriber

    processes.worker_start()  # the one that takes over
    sink.delay = MAIL_DELAY
    sending = services.issue_send_start(issue=issue, user=editor)
    wait_for(
        lambda: sum(sink.to(issue.title).values()) >= SUBSCRIBERS // 3,
        timeout=60,
        what="newsletter start",
    )
    task = DBTaskResult.objects.get(task_path="newsletter.tasks.issue_send_task")
    processes.worker_kill(task.worker_ids[-1])
    killed_at = time.monotonic()
    sent_at_kill = services.sending_progress(sending=sending).sent
    wait_for(
        lambda: services.sending_progress(sending=sending).sent > sent_at_kill,
        timeout=10 * STALE_AFTER,
        what="newsletter resume",
    )
    resumed = time.monotonic() - killed_at
    wait_for(
        lambda: type(sending).objects.get(pk=sending.pk).finished_at is not None,
        timeout=60,
        what="newsletter end",
    )
    sink.delay = 0
    progress = services.sending_progress(sending=sending)
    received = sink.to(issue.title)
    doubtful = set(
        sending.deliveries.filter(status=Delivery.Status.DOUBT).values_list(
            "subscriber__email", flat=True
        )
    )
    everyone = set(Subscriber.objects.confirmed().values_list("email", flat=True))
    lost = everyone - set(received) - doubtful
    duplicates = sum(count - 1 for count in received.values())
    report.add(
        "b",
        "verzonden / onzeker / mislukt / wachtend",
        f"{progress.sent}/{progress.doubtful}/{progress.failed}/{progress.waiting}",
    )
    report.add("b", "onzeker (1 worker gedood)", progress.doubtful, "<= 1", progress.doubtful <= 1)
    report.add("b", "dubbel ontvangen", duplicates, 0, duplicates == 0)
    report.add("b", "verloren (niet ontvangen, niet onzeker)", len(lost), 0, not lost)
    report.add(
        "b",
        f"hervat vanzelf na (s; staleness {STALE_AFTER} s)",
        f"{resumed:.1f}",
        f"<= {2 * STALE_AFTER}",
        resumed <= 2 * STALE_AFTER,
    )


def index_updates(
    report: Report, *, processes: Processes, section, pages, proxy_port: int, statuses
):
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from django.db import connection

    from cano.home.models import StandardPage
    from cano.search.models import PendingIndexUpdate

    index_task = "modelsearch.tasks.insert_or_update_object_task"
    words = iter(SEARCH_WORDS)
    expected = {}

    def publish_all():
        try:
            for _ in range(INDEXED_PAGES):
                word = next(words)
                page = StandardPage(title=f"Nieuw {word}", slug=word)
                section.add_child(instance=page)
                page.save_revision().publish()
                expected[word] = page.title
                time.sleep(0.05)
            for page in pages:
                word = next(words)
                page.title = f"Gewijzigd {word}"
                page.save_revision().publish()
                expected[word] = page.title
        finally:
            connection.close()

    publisher = threading.Thread(target=publish_all)
    processes.worker_start()  # the one that takes over
    publisher.start()
    # Freeze the workers to look at their task rows: a row still RUNNING then is one its worker
    # never finished, and SIGKILL lands mid-update.
    deadline = time.monotonic() + 60
    killed = None
    while killed is None and time.monotonic() < deadline:
        processes.workers_signal(signal.SIGSTOP)
        killed = DBTaskResult.objects.running().filter(task_path=index_task).first()
        if killed is not None:
            processes.worker_kill(killed.worker_ids[-1])
            killed_at = time.time()
        processes.workers_signal(signal.SIGCONT)
        if killed is None:
            time.sleep(0.005)
    publisher.join()
    report.add(
        "c", "worker gedood tijdens indexupdate", killed is not None, True, killed is not None
    )
    wait_for(
        lambda: (
            not DBTaskResult.objects.filter(task_path=index_task)
            .exclude(status=TaskResultStatus.SUCCESSFUL)
            .exists()
        ),
        timeout=10 * STALE_AFTER,
        what="index tasks",
    )
    if killed is not None:
        killed.refresh_from_db()
        # started_at is set at every claim: here the next worker's.
        resumed = killed.started_at.timestamp() - killed_at
        report.add(
            "c",
            f"onderbroken update hervat na (s; staleness {STALE_AFTER} s)",
            f"{resumed:.1f}",
            f"<= {2 * STALE_AFTER}",
            resumed <= 2 * STALE_AFTER,
        )
    report.add("c", "wachtende indexwijzigingen na de taken", PendingIndexUpdate.objects.count())
    processes.manage("update_index", "--pending")
    visitor = Visitor(VISITORS, proxy_port, statuses)
    answers = {word: visitor.request("GET", f"/zoeken/?q={word}")[1] for word in expected}
    lost = [word for word, title in expected.items() if html.escape(title) not in answers[word]]
    # A title shown on every page (a menu, say) would be "found" for any word.
    first, second = list(expected)[:2]
    control = html.escape(expected[first]) not in answers[second]
    report.add("c", "controle: titel niet bij een ander zoekwoord", control, True, control)
    report.add(
        "c",
        "gewijzigde pagina's vindbaar via /zoeken/",
        f"{len(expected) - len(lost)}/{len(expected)}",
    )
    report.add("c", "verloren indexupdates", len(lost), 0, not lost)


HOSTILE_VALUES = [
    "",
    "'",
    '"><script>alert(1)</script>',
    "%00",
    "a%00b",
    "9" * 40,
    "-1",
    "0",
    "1e309",
    "NaN",
    "../../../etc/passwd",
    "A" * 5000,
    "%ff%fe%fd",
    "%ED%A0%80",
    "%",
    "' OR 1=1 --",
    "{{7*7}}",
    "²",
]
HOSTILE_KEYS = ["q", "page", "pagina", "type", "wachtlijst"]


def fuzz(report: Report, *, paths: list[str], proxy_port: int):
    statuses: Counter = Counter()
    requests = [
        f"{path}?{key}={value}&{key}[]={value}&page={value}"
        if "%" in value
        else f"{path}?{urllib.parse.urlencode({key: value, 'page': value})}"
        for path in paths
        for key in HOSTILE_KEYS
        for value in HOSTILE_VALUES
    ]

    def get(item):
        number, path = item
        Visitor(100 + number % 150, proxy_port, statuses).request("GET", path)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(get, enumerate(requests)))
    errors = sum(count for status, count in statuses.items() if status >= 500)
    report.add("d", f"{len(requests)} vijandige queryparameters: 5xx", errors, 0, errors == 0)
    return statuses


# Main ----------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432",
        help="PostgreSQL server (without database name); the suite creates and drops its own",
    )
    parser.add_argument("--port", type=int, default=18100)
    parser.add_argument(
        "--redis-url",
        default="",
        help="a Redis database the suite may empty, for the cache and the rate limits; without "
        "it each process caches in memory and the rate limits count in the database",
    )
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="cano-reliability-"))
    database_url = database_create(args.database_url)
    env = production_env(
        database_url=database_url, port=args.port, folder=folder, redis_url=args.redis_url
    )
    os.environ.update(env)
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command

    started = time.monotonic()
    # Rate-limit counters and cached fragments of an earlier run would count here.
    cache.clear()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    seeded = seed()
    call_command("update_index", verbosity=0)

    report = Report()
    statuses: Counter = Counter()
    sink = MailSink(args.port + 2)
    proxy = Proxy(args.port + 1, args.port)
    for server in (sink, proxy):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    processes = Processes(env, args.port, folder)
    try:
        processes.start()
        probe = Visitor(0, args.port + 1, Counter())
        wait_for(lambda: probe.request("GET", "/health/")[0] == 200, timeout=60, what="gunicorn")
        prepared = time.monotonic() - started
        print("a. inschrijvingen en annuleringen", flush=True)
        registrations(
            report,
            study_day=seeded["study_day"],
            sink=sink,
            proxy_port=args.port + 1,
            statuses=statuses,
        )
        print("b. nieuwsbrief, worker gedood tijdens het verzenden", flush=True)
        newsletter(
            report, processes=processes, issue=seeded["issue"], editor=seeded["editor"], sink=sink
        )
        print("c. publiceren, worker gedood tijdens een indexupdate", flush=True)
        index_updates(
            report,
            processes=processes,
            section=seeded["section"],
            pages=seeded["pages"],
            proxy_port=args.port + 1,
            statuses=statuses,
        )
        paths = ["/", "/zoeken/", "/zoeken/suggesties/", "/studiedagen/agenda.ics"]
        paths += [seeded[name].url for name in ("study_day", "issue")]
        paths += [seeded["study_day"].get_parent().url, seeded["issue"].get_parent().url]
        print("d. vijandige queryparameters", flush=True)
        fuzz_statuses = fuzz(report, paths=paths, proxy_port=args.port + 1)
    finally:
        processes.stop()
        proxy.shutdown()
        sink.shutdown()
        database_drop(args.database_url)
    errors = sum(count for status, count in statuses.items() if status >= 500)
    report.add("", "5xx in a-c", errors, 0, errors == 0)
    print(f"voorbereiding (migrate, collectstatic, seed, index, start): {prepared:.0f} s")
    print(
        f"HTTP-statussen a-c: {dict(sorted(statuses.items()))}; d: {dict(sorted(fuzz_statuses.items()))}"
    )
    report.print()
    print(f"totaal {time.monotonic() - started:.0f} s; {'OK' if report.ok else 'DOEL GEMIST'}")
    if report.ok:
        shutil.rmtree(folder, ignore_errors=True)
    else:
        print(f"logboeken van gunicorn en de workers: {folder}")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
