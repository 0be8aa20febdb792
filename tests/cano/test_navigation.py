"""Menus, the footer and the staff area's list follow the one visibility rule."""

import pytest

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

from cano.accounts.models import EDITORS_GROUP
from cano.home.privacy import page_restrict_to_staff
from tests.factories import StandardPageFactory
from tests.factories.newsletter import NewsletterIndexPageFactory

pytestmark = pytest.mark.django_db


def restrict_to_group(page, group_name):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name=group_name))


def restrict_with_password(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )


def menu_page(site_tree, title, **kwargs):
    return StandardPageFactory(parent=site_tree["home"], title=title, show_in_menus=True, **kwargs)


def home_html(client, site_tree):
    return client.get(site_tree["home"].url).content.decode()


@pytest.fixture
def staff_only_menu_page(site_tree):
    page = menu_page(site_tree, "Interne kalender")
    page_restrict_to_staff(page)
    return page


def test_staff_only_page_is_in_the_menu_for_staff(
    client, staff_user, staff_only_menu_page, site_tree
):
    """Staff find a staff-only page in the main menu."""
    client.force_login(staff_user)
    assert "Interne kalender" in home_html(client, site_tree)


def test_staff_only_page_is_not_in_the_menu_for_anonymous_visitors(
    client, staff_only_menu_page, site_tree
):
    """Anonymous visitors do not see a staff-only page in the main menu."""
    assert "Interne kalender" not in home_html(client, site_tree)


def test_group_restricted_page_is_in_the_menu_for_that_group_only(
    client, staff_user, editor_user, site_tree
):
    """A page for editors is in the menu of editors, not of other staff."""
    restrict_to_group(menu_page(site_tree, "Redactieplanning"), EDITORS_GROUP)
    client.force_login(staff_user)
    assert "Redactieplanning" not in home_html(client, site_tree)
    client.force_login(editor_user)
    assert "Redactieplanning" in home_html(client, site_tree)


def test_password_protected_page_is_in_no_menu(client, staff_user, site_tree):
    """A page behind a password is not offered in the menu, not even to staff."""
    restrict_with_password(menu_page(site_tree, "Wachtwoordpagina"))
    assert "Wachtwoordpagina" not in home_html(client, site_tree)
    client.force_login(staff_user)
    assert "Wachtwoordpagina" not in home_html(client, site_tree)


def test_footer_offers_staff_only_pages_to_staff_only(client, staff_user, site_tree):
    """A staff-only page outside the menu is in the footer for staff, not for the public."""
    page_restrict_to_staff(StandardPageFactory(parent=site_tree["home"], title="Huisregels"))
    assert "Huisregels" not in home_html(client, site_tree)
    client.force_login(staff_user)
    assert "Huisregels" in home_html(client, site_tree)


def test_staff_area_lists_only_pages_the_member_may_open(client, staff_user, site_tree):
    """The staff area's list leaves out a page restricted to editors."""
    staff_area = site_tree["staff_area"]
    StandardPageFactory(parent=staff_area, title="Teamkalender", show_in_menus=True)
    restrict_to_group(
        StandardPageFactory(parent=staff_area, title="Redactieplanning", show_in_menus=True),
        EDITORS_GROUP,
    )
    client.force_login(staff_user)
    html = client.get(staff_area.url).content.decode()
    assert "Teamkalender" in html
    assert "Redactieplanning" not in html


def test_footer_links_to_the_newsletter_archive_where_it_is_served(client, site_tree):
    """The footer's newsletter link is the archive page's own address."""
    archive = NewsletterIndexPageFactory(parent=site_tree["home"])
    html = client.get("/").content.decode()
    assert f'<a href="{archive.url}">Nieuwsbrief</a>' in html


def test_footer_leaves_out_links_to_pages_that_do_not_exist(client, site_tree):
    """Without a study days overview the footer offers no link that would end on a 404."""
    html = client.get("/").content.decode()
    assert ">Studiedagen</a>" not in html


def test_staff_see_the_staff_area_in_the_menu(staff_client, site_tree):
    """Staff members find the staff area in the main menu."""
    html = staff_client.get("/").content.decode()
    assert f'<a href="{site_tree["staff_area"].url}">Medewerkers</a>' in html


def test_menu_shows_a_page_once_it_is_published(client, site_tree):
    """A page published after the menu was last shown is in the menu on the next visit."""
    page = menu_page(site_tree, "Nieuwe werking", live=False)
    assert "Nieuwe werking" not in home_html(client, site_tree)
    page.save_revision().publish()
    assert "Nieuwe werking" in home_html(client, site_tree)


def test_menu_drops_a_page_once_it_is_unpublished(client, site_tree):
    """An unpublished page leaves the menu at once."""
    page = menu_page(site_tree, "Oude werking")
    assert "Oude werking" in home_html(client, site_tree)
    page.unpublish()
    assert "Oude werking" not in home_html(client, site_tree)


def test_menu_drops_a_page_moved_into_the_staff_area(client, site_tree):
    """A page moved below the staff area leaves the public menu."""
    page = menu_page(site_tree, "Verhuisde pagina")
    assert "Verhuisde pagina" in home_html(client, site_tree)
    page.move(site_tree["staff_area"], pos="last-child")
    assert "Verhuisde pagina" not in home_html(client, site_tree)


def test_menu_drops_a_deleted_page(client, site_tree):
    """A deleted page leaves the menu."""
    page = menu_page(site_tree, "Verwijderde pagina")
    assert "Verwijderde pagina" in home_html(client, site_tree)
    page.delete()
    assert "Verwijderde pagina" not in home_html(client, site_tree)


def test_menu_follows_a_restriction_added_after_it_was_shown(client, staff_user, site_tree):
    """A page restricted to editors leaves the menu of other staff members."""
    page = menu_page(site_tree, "Redactieplanning")
    client.force_login(staff_user)
    assert "Redactieplanning" in home_html(client, site_tree)
    restrict_to_group(page, EDITORS_GROUP)
    assert "Redactieplanning" not in home_html(client, site_tree)


def test_footer_follows_a_restriction_added_after_it_was_shown(client, site_tree):
    """A page restricted to staff leaves the public footer."""
    page = StandardPageFactory(parent=site_tree["home"], title="Huisregels")
    assert "Huisregels" in home_html(client, site_tree)
    page_restrict_to_staff(page)
    assert "Huisregels" not in home_html(client, site_tree)
