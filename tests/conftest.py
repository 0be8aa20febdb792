import copy

import pytest

from django.core.cache import cache
from django.db import transaction

from wagtail.models import Page, Site

from tests.factories import HomePageFactory, StaffAreaPageFactory, StaffFactory, UserFactory
from tests.factories.accounts import PASSWORD, editor, facilitator


@pytest.fixture(autouse=True)
def fresh_cache():
    """Every test starts with an empty cache: the database rolls back, the cached menus would not."""
    cache.clear()


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


def site_tree_build():
    """A home page as the default site's root, with the staff area below it."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="cano")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.hostname = "testserver"
    site.save()
    staff_area = StaffAreaPageFactory(parent=home)
    return {"home": home, "staff_area": staff_area, "site": site}


def is_transactional(item):
    """Whether pytest-django runs this test as a TransactionTestCase (the same rule it applies)."""
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(item.fixturenames)
    )


MODULES_WITH_TRANSACTIONAL_TREE = pytest.StashKey[set]()


def pytest_collection_modifyitems(config, items):
    config.stash[MODULES_WITH_TRANSACTIONAL_TREE] = {
        item.path for item in items if "site_tree" in item.fixturenames and is_transactional(item)
    }


@pytest.fixture(scope="module")
def site_tree_of_module(request, django_db_setup, django_db_blocker):
    """The page tree, built once for a module inside a transaction rolled back after its last test.

    Each test runs in a savepoint inside it (pytest-django's own atomic block nests), so a test
    that changes the tree or adds pages below it leaves nothing for the next one. A test that
    commits for real cannot run inside it: a module with such a test that uses the tree gets None,
    and each of its tests builds its own tree as before.
    """
    if request.node.path in request.config.stash[MODULES_WITH_TRANSACTIONAL_TREE]:
        yield None
        return
    atomic = transaction.atomic()
    # Unblocked only to build and to roll back: tests without database access stay refused.
    with django_db_blocker.unblock():
        atomic.__enter__()
        try:
            tree = {name: (type(obj), obj.pk) for name, obj in site_tree_build().items()}
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield tree
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def site_tree(site_tree_of_module, db):
    """A home page as the default site's root, with the staff area below it.

    Fresh instances of the module's tree, so a change made in memory stays in its test.
    """
    if site_tree_of_module is None:
        return site_tree_build()
    # Building the tree saved the site, which emptied Wagtail's cache of site root paths; an
    # earlier test's rolled-back change may have filled it since.
    Site.clear_site_root_paths_cache()
    return {name: model.objects.get(pk=pk) for name, (model, pk) in site_tree_of_module.items()}


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
