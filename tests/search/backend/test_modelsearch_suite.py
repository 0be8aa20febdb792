"""modelsearch's own backend test-suite, run against the Whoosh backend."""

import shutil
import tempfile
from pathlib import Path

from whoosh_test_settings import BACKEND_PATH, PLAIN_WHOOSH, whoosh_backends_setting

from django.test import TestCase
from django.test.utils import override_settings

from modelsearch.test.testapp import models
from modelsearch.tests.test_backends import BackendTests

_INDEX_PATH = tempfile.mkdtemp(prefix="whoosh-suite-")


@override_settings(**whoosh_backends_setting(_INDEX_PATH))
class TestWhooshBackend(BackendTests, TestCase):
    backend_path = BACKEND_PATH
    # The wheel does not ship the suite's "search" fixture; this one is rebuilt from its assertions.
    fixtures = [str(Path(__file__).parent / "fixtures" / "search.json")]

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(_INDEX_PATH, ignore_errors=True)

    def clear_index_entries(self):
        self.backend.reset_indexes()

    def test_reset_indexes(self):
        """After reset_indexes() the index is empty, so nothing is found."""
        self.backend.reset_indexes()
        results = self.backend.search("JavaScript", models.Book)
        self.assertEqual(results.count(), 0)


_PLAIN_INDEX_PATH = tempfile.mkdtemp(prefix="whoosh-suite-plain-")


@override_settings(**whoosh_backends_setting(_PLAIN_INDEX_PATH, **PLAIN_WHOOSH))
class TestPlainWhooshBackend(TestWhooshBackend):
    """The same suite on Whoosh's own codec and matchers (``PACKED_CODEC`` and ``BLOCK_SCORER``
    off): both paths give modelsearch's expected results."""

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(_PLAIN_INDEX_PATH, ignore_errors=True)
