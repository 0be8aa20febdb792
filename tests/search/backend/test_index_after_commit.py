"""Index changes made inside a transaction are written once, after it commits."""

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from unittest import mock

import pytest
from books import found, make_book
from whoosh import index as whoosh_index

from django.db import connection, transaction

from modelsearch.test.testapp import models

from modelsearch_whoosh import SearchIndexUnavailable
from modelsearch_whoosh.storage import IndexStore

pytestmark = pytest.mark.django_db(transaction=True)


def index_commits(backend):
    return whoosh_index.open_dir(backend.store.current_dir()).latest_generation()


def test_saves_in_a_transaction_are_found_after_commit_in_one_index_commit(backend):
    """Two saves in one transaction: invisible until the commit, then one commit of the latest state."""
    before = index_commits(backend)
    with transaction.atomic():
        book = make_book("Eerste versie")
        book.title = "Tweede versie herzien"
        book.save()
        assert found(backend, "herzien") == []
    assert found(backend, "herzien") == ["Tweede versie herzien"]
    assert found(backend, "eerste") == []
    assert index_commits(backend) == before + 1


def test_rolled_back_transaction_leaves_nothing_in_the_index(backend):
    """A rolled-back save is never found, not even after a later commit."""
    with pytest.raises(RuntimeError), transaction.atomic():
        make_book("Teruggedraaid verslag")
        raise RuntimeError("rollback")
    assert found(backend, "teruggedraaid") == []
    with transaction.atomic():
        make_book("Later verslag")
    assert found(backend, "verslag") == ["Later verslag"]


def test_savepoint_rolled_back_inside_a_committed_transaction(backend):
    """What a rolled-back savepoint saved stays out; the rest of the transaction is found."""
    with transaction.atomic():
        make_book("Bewaard hoofdstuk")
        with pytest.raises(RuntimeError), transaction.atomic():
            make_book("Vervallen hoofdstuk")
            raise RuntimeError("savepoint rollback")
    assert found(backend, "hoofdstuk") == ["Bewaard hoofdstuk"]


def test_delete_in_a_transaction_removes_the_document_after_commit(backend):
    """A deletion inside a transaction takes the document out of the index once it commits."""
    book = make_book("Weg te halen notitie")
    assert found(backend, "notitie") == ["Weg te halen notitie"]
    with transaction.atomic():
        book.delete()
    assert found(backend, "notitie") == []


def test_index_failure_after_commit_keeps_the_save_and_catches_up(backend, caplog):
    """The saved object stays saved; the index takes it with the next commit."""
    with (
        mock.patch.object(
            IndexStore, "write", side_effect=SearchIndexUnavailable("locked"), autospec=True
        ),
        caplog.at_level(logging.ERROR, logger="modelsearch_whoosh"),
        transaction.atomic(),
    ):
        make_book("Uitgesteld rapport")
    assert models.Book.objects.filter(title="Uitgesteld rapport").exists()
    # Read without searching: a search would already apply the waiting change (see outbox).
    assert backend.store.searcher().doc_count() == 0
    assert "retrying after the next commit" in caplog.text
    assert "Uitgesteld" not in caplog.text
    with transaction.atomic():
        make_book("Volgend rapport")
    assert found(backend, "rapport") == ["Uitgesteld rapport", "Volgend rapport"]


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="parallel transactions on one row need PostgreSQL; SQLite serialises writers",
)
def test_parallel_transactions_leave_every_latest_state_in_the_index(backend):
    """Four connections update one book at once: each round ends with its committed title indexed."""
    shared = make_book("Gedeeld verslag begin")
    barrier = threading.Barrier(4)
    titles_after_round = []

    def worker(number):
        try:
            for step in range(8):
                barrier.wait()
                with transaction.atomic():
                    book = models.Book.objects.select_for_update().get(pk=shared.pk)
                    book.title = f"Gedeeld verslag w{number}x{step}z"
                    book.save()
                with transaction.atomic():
                    make_book(f"Eigen notitie w{number}n{step}q")
                barrier.wait()
                if number == 0:
                    # Found by the word only the committed title has: the index holds that version.
                    committed = models.Book.objects.get(pk=shared.pk).title
                    token = committed.split()[-1]
                    titles_after_round.append((found(backend, token), [committed]))
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(worker, range(4)))

    assert len(titles_after_round) == 8
    assert all(indexed == committed for indexed, committed in titles_after_round)
    assert backend.search("notitie", models.Book).count() == 32
