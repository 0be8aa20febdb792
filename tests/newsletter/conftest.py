import pytest

from django.core.cache import cache

from wagtail.models import Page

from tests.factories import HomePageFactory
from tests.factories.newsletter import NewsletterIndexPageFactory, NewsletterIssuePageFactory


@pytest.fixture(autouse=True)
def clear_throttle():
    """Rate limits live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def archive(site_tree):
    return NewsletterIndexPageFactory(parent=site_tree["home"])


@pytest.fixture
def issue(archive):
    return NewsletterIssuePageFactory(parent=archive)


@pytest.fixture
def fresh_archive(transactional_db):
    """An archive in a database that an earlier transactional test may have flushed."""
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="cano-workers")
    return NewsletterIndexPageFactory(parent=home)
