import pytest
from whoosh_test_settings import whoosh_backends_setting

from django.test import override_settings

from modelsearch.backends import get_search_backend


@pytest.fixture
def index_path(tmp_path):
    return tmp_path / "index"


@pytest.fixture
def whoosh_options(request):
    """Backend options of the test: transactional tests, whose transactions commit, see index
    changes written after the commit as a site does."""
    marker = request.node.get_closest_marker("django_db")
    return {"WRITE_AFTER_COMMIT": bool(marker and marker.kwargs.get("transaction"))}


@pytest.fixture
def whoosh_settings(index_path, whoosh_options):
    with override_settings(**whoosh_backends_setting(index_path, **whoosh_options)):
        yield index_path


@pytest.fixture
def backend(whoosh_settings):
    """The backend on an index that exists before the test's writers race to create it."""
    backend = get_search_backend("default")
    backend.store.current_dir()
    return backend
