"""Index changes survive the process that made them: committed changes wait in the database
until the index holds them, whoever writes it next."""

import datetime
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from unittest import mock

import pytest
from books import found, make_book

from django.core import management
from django.db import connection, transaction

from modelsearch.test.testapp import models

from cano.search.models import PendingIndexUpdate
from modelsearch_whoosh import SearchIndexUnavailable
from modelsearch_whoosh.storage import IndexStore

pytestmark = pytest.mark.django_db(transaction=True)

REPO = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent

# A page published in a transaction whose first commit callback kills the process: the callback
# is registered before the page's own, so the commit is done and the index never written.
KILLED_PUBLISH = textwrap.dedent(
    """
    import os, signal, sys
    import django
    django.setup()
    from django.db import transaction
    from wagtail.models import Page
    from cano.home.models import StandardPage
    title, slug = sys.argv[1], sys.argv[2]
    with transaction.atomic():
        transaction.on_commit(lambda: os.kill(os.getpid(), signal.SIGKILL))
        page = Page.get_first_root_node().add_child(instance=StandardPage(title=title, slug=slug))
        page.save_revision().publish()
    sys.exit("still alive after the commit")
    """
)

PUBLISH = textwrap.dedent(
    """
    import sys
    import django
    django.setup()
    from wagtail.models import Page
    from cano.home.models import StandardPage
    page = Page.get_first_root_node().add_child(
        instance=StandardPage(title=sys.argv[1], slug=sys.argv[2])
    )
    page.save_revision().publish()
    """
)

SEARCH = textwrap.dedent(
    """
    import sys
    import django
    django.setup()
    from cano.home.models import StandardPage
    print("|".join(page.title for page in StandardPage.objects.search(sys.argv[1])))
    """
)


class Processes:
    """Django processes on one database and one index, each started afresh."""

    def __init__(self, database_url, index_path):
        self.env = dict(
            os.environ,
            DATABASE_URL=database_url,
            CANO_TEST_WHOOSH_PATH=str(index_path),
            DJANGO_SETTINGS_MODULE="outbox_process_settings",
            PYTHONPATH=os.pathsep.join([str(HERE), str(REPO), str(REPO / "site")]),
        )
        self.index_path = index_path

    def run(self, script, *args, check=True):
        proc = subprocess.run(
            [sys.executable, "-c", script, *args],
            env=self.env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check:
            assert proc.returncode == 0, proc.stderr
        return proc

    def manage(self, *args):
        proc = subprocess.run(
            [sys.executable, "manage.py", *args],
            env=self.env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    def publish_and_die(self, title, slug):
        proc = self.run(KILLED_PUBLISH, title, slug, check=False)
        assert proc.returncode == -signal.SIGKILL, proc.stderr

    def search(self, word):
        return [t for t in self.run(SEARCH, word).stdout.strip().split("|") if t]

    def indexed_pks_on_disk(self):
        """Stored primary keys of the index, read from disk without applying anything."""
        if not (self.index_path / "CURRENT").exists():
            return set()
        store = IndexStore(str(self.index_path), "nl", None, {"lock_timeout": 5})
        try:
            return {doc["pk"] for doc in store.searcher().documents()}
        finally:
            store.forget_searcher()


@pytest.fixture(scope="module")
def migrated_sqlite(tmp_path_factory):
    """A migrated SQLite database file, made once and copied for each test."""
    path = tmp_path_factory.mktemp("outbox-db") / "template.sqlite3"
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{path}")
    env["DJANGO_SETTINGS_MODULE"] = "cano.settings.test"
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], env=env, cwd=REPO, check=True)
    return path


@pytest.fixture
def sqlite_processes(migrated_sqlite, tmp_path):
    database = tmp_path / "db.sqlite3"
    shutil.copy(migrated_sqlite, database)
    processes = Processes(f"sqlite:///{database}", tmp_path / "index")
    processes.database = database
    return processes


def sqlite_rows(processes):
    with sqlite3.connect(processes.database) as db:
        return db.execute("SELECT count(*) FROM cano_search_pendingindexupdate").fetchone()[0]


def sqlite_page_pk(processes, slug):
    with sqlite3.connect(processes.database) as db:
        return str(
            db.execute("SELECT id FROM wagtailcore_page WHERE slug = ?", [slug]).fetchone()[0]
        )


def test_killed_process_change_is_written_by_update_index_pending_on_sqlite(sqlite_processes):
    """A page committed by a process killed before its index write is found after `--pending`."""
    sqlite_processes.publish_and_die("Kwetsbaarheidsdrempels in de jeugdhulp", "drempels")
    pk = sqlite_page_pk(sqlite_processes, "drempels")
    assert pk not in sqlite_processes.indexed_pks_on_disk()
    assert sqlite_rows(sqlite_processes) > 0
    output = sqlite_processes.manage("update_index", "--pending")
    assert "verwerkt" in output
    assert pk in sqlite_processes.indexed_pks_on_disk()
    assert sqlite_rows(sqlite_processes) == 0


def test_killed_process_change_is_found_by_the_next_process_that_searches(sqlite_processes):
    """A new process that only searches finds the page a killed process committed."""
    sqlite_processes.publish_and_die("Participatie van jongeren in de leefgroep", "participatie")
    assert sqlite_processes.search("leefgroep") == ["Participatie van jongeren in de leefgroep"]
    assert sqlite_rows(sqlite_processes) == 0


def test_killed_process_change_is_written_with_the_next_process_write(sqlite_processes):
    """The next publish of another process writes what a killed process left as well."""
    sqlite_processes.publish_and_die("Verslag van de studiedag", "verslag")
    sqlite_processes.run(PUBLISH, "Agenda van de werkgroep", "agenda")
    indexed = sqlite_processes.indexed_pks_on_disk()
    assert sqlite_page_pk(sqlite_processes, "verslag") in indexed
    assert sqlite_page_pk(sqlite_processes, "agenda") in indexed
    assert sqlite_rows(sqlite_processes) == 0


def postgres_url():
    conf = connection.settings_dict
    host = conf["HOST"] or "127.0.0.1"
    port = conf["PORT"] or "5432"
    password = f":{conf['PASSWORD']}" if conf["PASSWORD"] else ""
    return f"postgres://{conf['USER']}{password}@{host}:{port}/{conf['NAME']}"


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_killed_process_change_is_written_by_update_index_pending_on_postgres(tmp_path):
    """On PostgreSQL too, a change whose process died after the commit is found after `--pending`."""
    from wagtail.models import Page

    processes = Processes(postgres_url(), tmp_path / "index")
    processes.publish_and_die("Kwetsbaarheidsdrempels in de jeugdhulp", "drempels-pg")
    pk = str(Page.objects.get(slug="drempels-pg").pk)
    assert pk not in processes.indexed_pks_on_disk()
    assert PendingIndexUpdate.objects.exists()
    processes.manage("update_index", "--pending")
    assert pk in processes.indexed_pks_on_disk()
    assert not PendingIndexUpdate.objects.exists()


def left_by_a_dead_process(backend, *titles):
    """Books committed with their outbox rows and never written to the index, as a process
    killed after its commit leaves them."""
    with transaction.atomic():
        books = models.Book.objects.bulk_create(
            models.Book(title=title, number_of_pages=1, publication_date=datetime.date(2020, 1, 1))
            for title in titles
        )
        backend.outbox.record(
            "default", [(models.Book._meta.label, str(book.pk)) for book in books]
        )
    return books


def test_committed_change_leaves_no_pending_row(backend):
    """Once the index has taken a committed change, nothing is left waiting."""
    with transaction.atomic():
        make_book("Geschreven verslag")
        assert PendingIndexUpdate.objects.count() == 1
    assert found(backend, "verslag") == ["Geschreven verslag"]
    assert not PendingIndexUpdate.objects.exists()


def test_rolled_back_deletion_leaves_no_pending_row(backend):
    """A deletion rolled back leaves nothing waiting, and the book stays findable."""
    book = make_book("Bewaarde notitie")
    with pytest.raises(RuntimeError), transaction.atomic():
        book.delete()
        assert PendingIndexUpdate.objects.count() == 1
        raise RuntimeError("rollback")
    assert not PendingIndexUpdate.objects.exists()
    assert found(backend, "notitie") == ["Bewaarde notitie"]


def test_change_the_index_refused_waits_for_update_index_pending(backend):
    """A committed change the index could not take is written by `update_index --pending`."""
    with (
        mock.patch.object(
            IndexStore, "write", side_effect=SearchIndexUnavailable("locked"), autospec=True
        ),
        transaction.atomic(),
    ):
        make_book("Uitgesteld rapport")
    assert backend.store.searcher().doc_count() == 0
    assert PendingIndexUpdate.objects.count() == 1
    management.call_command("update_index", pending=True, verbosity=0)
    assert backend.store.searcher().doc_count() == 1
    assert found(backend, "rapport") == ["Uitgesteld rapport"]
    assert not PendingIndexUpdate.objects.exists()


def test_deletion_left_by_a_dead_process_is_applied(backend):
    """A deletion committed without its index write is taken out of the index by the next look."""
    book = make_book("Verwijderde notitie")
    assert found(backend, "notitie") == ["Verwijderde notitie"]
    with transaction.atomic():
        models.Book.objects.filter(pk=book.pk).delete()
        backend.outbox.record("default", [(models.Book._meta.label, str(book.pk))])
    management.call_command("update_index", pending=True, verbosity=0)
    assert backend.store.searcher().doc_count() == 0


def test_search_applies_what_a_dead_process_left(backend):
    """The first search of a process writes changes left waiting, and finds them."""
    left_by_a_dead_process(backend, "Achtergelaten verslag")
    assert found(backend, "achtergelaten") == ["Achtergelaten verslag"]
    assert not PendingIndexUpdate.objects.exists()


def test_rebuild_clears_rows_committed_before_it_started(backend):
    """A full rebuild indexes the waiting changes and removes their rows."""
    left_by_a_dead_process(backend, "Herbouwd verslag")
    management.call_command("update_index", verbosity=0)
    assert not PendingIndexUpdate.objects.exists()
    assert found(backend, "herbouwd") == ["Herbouwd verslag"]


def test_health_reports_an_old_backlog_as_behind_with_200(client, backend):
    """An index change waiting longer than the threshold shows as "behind", the server stays in."""
    left_by_a_dead_process(backend, "Oud verslag")
    PendingIndexUpdate.objects.update(created=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "search": "behind",
        "search_backlog": 1,
    }


def test_health_ignores_a_fresh_backlog(client, backend):
    """A change that waits less than the threshold is not reported."""
    left_by_a_dead_process(backend, "Vers verslag")
    assert client.get("/health/").json()["search"] == "ok"


APPLIER = textwrap.dedent(
    """
    import django
    django.setup()
    from modelsearch.backends import get_search_backend
    backend = get_search_backend("default")
    for _ in range(15):
        backend.apply_pending()
    """
)


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_two_processes_applying_at_once_lose_no_change(backend, whoosh_settings):
    """Two processes apply the backlog while changes keep arriving: every latest title is indexed."""
    books = left_by_a_dead_process(backend, *(f"Boek b{i}v0z" for i in range(150)))
    processes = Processes(postgres_url(), whoosh_settings)
    stop = threading.Event()
    versions = {}

    def change():
        # Changes committed with their rows and never written, as killed processes leave them,
        # while the two appliers read and remove rows.
        try:
            version = 0
            while not stop.is_set():
                version += 1
                for book in books[::7]:
                    title = f"Boek b{book.pk}v{version}z"
                    with transaction.atomic():
                        models.Book.objects.filter(pk=book.pk).update(title=title)
                        backend.outbox.record("default", [(models.Book._meta.label, str(book.pk))])
                    versions[book.pk] = title
                time.sleep(0.01)
        finally:
            connection.close()

    changer = threading.Thread(target=change)
    changer.start()
    appliers = [
        subprocess.Popen(
            [sys.executable, "-c", APPLIER],
            env=processes.env,
            cwd=REPO,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    errors = [proc.communicate(timeout=300)[1] for proc in appliers]
    stop.set()
    changer.join()
    assert [proc.returncode for proc in appliers] == [0, 0], errors
    # What the appliers did not get to is still waiting: one more pass writes it.
    management.call_command("update_index", pending=True, verbosity=0)
    indexed = {doc["pk"]: doc for doc in backend.store.searcher().documents()}
    assert set(indexed) == {str(book.pk) for book in books}
    for pk, title in versions.items():
        assert found(backend, title.split()[-1]) == [title], pk
