import pytest
from whoosh_test_settings import whoosh_backends_setting

from django.test import override_settings

from modelsearch.backends import get_search_backend


@pytest.fixture
def index_path(tmp_path):
    return tmp_path / "index"


@pytest.fixture
def whoosh_settings(index_path):
    with override_settings(**whoosh_backends_setting(index_path)):
        yield index_path


@pytest.fixture
def backend(whoosh_settings):
    """The backend on an index that exists before the test's writers race to create it."""
    backend = get_search_backend("default")
    backend.store.current_dir()
    return backend
