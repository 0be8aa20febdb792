import copy

import pytest

from wagtail.models import Page, Site

from tests.factories import HomePageFactory, StaffAreaPageFactory, StaffFactory, UserFactory
from tests.factories.accounts import PASSWORD, editor, facilitator


@pytest.fixture(autouse=True)
def fresh_search_index(settings, tmp_path_factory):
    """Every test gets an empty Whoosh index of its own: the database rolls back, the index would not."""
    backends = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
    if backends["default"]["BACKEND"] == "modelsearch_whoosh":
        backends["default"]["PATH"] = str(tmp_path_factory.mktemp("index"))
        settings.WAGTAILSEARCH_BACKENDS = settings.MODELSEARCH_BACKENDS = backends


def migration_data_restore():
    """Refill what data migrations made: a transactional test's flush removes it for later tests."""
    from importlib import import_module

    from django.apps import apps
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.utils.translation import get_supported_language_variant

    from wagtail.models import Collection, Locale

    # The flush gave the content types new ids; the cached ones are stale.
    ContentType.objects.clear_cache()
    if not Locale.objects.exists():
        Locale.objects.create(language_code=get_supported_language_variant(settings.LANGUAGE_CODE))
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if not Page.objects.exists():
        root = Page.add_root(title="Root", slug="root")
        Site.objects.create(hostname="localhost", root_page=root, is_default_site=True)
    import_module("cano.accounts.migrations.0002_groups").create_groups(apps, None)


@pytest.fixture(autouse=True)
def _migration_data_for_transactional_tests(request):
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        migration_data_restore()


@pytest.fixture
def site_tree(db):
    """A home page as the default site's root, with the staff area below it."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="cano")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.hostname = "testserver"
    site.save()
    staff_area = StaffAreaPageFactory(parent=home)
    return {"home": home, "staff_area": staff_area, "site": site}


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def staff_user(db):
    return StaffFactory()


@pytest.fixture
def editor_user(db):
    return editor()


@pytest.fixture
def facilitator_user(db):
    return facilitator()


@pytest.fixture
def outsider_user(db):
    """Logged in, but in no staff group."""
    return UserFactory()


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client
