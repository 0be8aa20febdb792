"""An index update survives a worker killed while it runs: the next worker runs it again and the
page is found."""

import signal
import subprocess
import time

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.db import connection

from wagtail.models import Page

from cano.home.models import StandardPage
from tests.factories.tasks import DB_QUEUE, wait_for, worker_process

INDEX_TASK = "modelsearch.tasks.insert_or_update_object_task"
STALE_AFTER = 2  # seconds; production waits 5 minutes
PAGES = 12


def _worker(settings) -> subprocess.Popen:
    """A worker on this test's search index (the database backend needs no path)."""
    index = settings.WAGTAILSEARCH_BACKENDS["default"]
    paths = {"CANO_TEST_WHOOSH_PATH": index["PATH"]} if "PATH" in index else {}
    return worker_process(DJANGO_TASKS_STALE_AFTER=str(STALE_AFTER), **paths)


def _kill_mid_index_update(worker: subprocess.Popen, *, timeout: float = 60) -> DBTaskResult:
    """SIGKILL the worker while one of its index updates is RUNNING; that task's row.

    The worker is frozen (SIGSTOP) before the row is read, so a row still RUNNING then is one the
    worker never finished.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        worker.send_signal(signal.SIGSTOP)
        running = DBTaskResult.objects.running().filter(task_path=INDEX_TASK).first()
        if running is not None:
            worker.send_signal(signal.SIGKILL)
            worker.wait()
            return running
        worker.send_signal(signal.SIGCONT)
        time.sleep(0.005)
    raise AssertionError("the worker ran no index update within the timeout")


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second process needs a server")
@pytest.mark.django_db(transaction=True)
def test_index_update_of_a_killed_worker_is_run_by_the_next(settings):
    """A worker killed (SIGKILL) mid index update: the next one runs it, every page is found."""
    settings.TASKS = DB_QUEUE
    root = Page.get_first_root_node()
    titles = set()
    for number in range(PAGES):
        page = root.add_child(
            instance=StandardPage(title=f"Kraakproef {number}", slug=f"kraakproef-{number}")
        )
        page.save_revision().publish()
        titles.add(page.title)
    assert not Page.objects.live().search("kraakproef")

    workers = [_worker(settings)]
    try:
        killed = _kill_mid_index_update(workers[0])
        workers.append(_worker(settings))
        wait_for(
            lambda: (
                not DBTaskResult.objects.filter(task_path=INDEX_TASK)
                .exclude(status=TaskResultStatus.SUCCESSFUL)
                .exists()
            )
        )
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=30)

    killed.refresh_from_db()
    assert killed.status == TaskResultStatus.SUCCESSFUL
    assert len(killed.worker_ids) == 2
    assert {page.title for page in Page.objects.live().search("kraakproef")} == titles
