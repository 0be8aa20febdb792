import pytest

from django.core.cache import cache

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
