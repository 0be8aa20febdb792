import pytest
from whoosh_test_settings import whoosh_backends_setting

from django.test import override_settings


@pytest.fixture
def index_path(tmp_path):
    return tmp_path / "index"


@pytest.fixture
def whoosh_settings(index_path):
    with override_settings(**whoosh_backends_setting(index_path)):
        yield index_path
