import pytest

from tests.factories.newsletter import NewsletterIndexPageFactory

pytestmark = pytest.mark.django_db


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
