"""Staff reach their sections from the menu, and the addresses people guess lead somewhere."""

import pytest

from wagtail.contrib.redirects.models import Redirect

from cano.home import demo
from tests.factories.workgroups import (
    CanoklasIndexPageFactory,
    ProjectIndexPageFactory,
    WorkgroupIndexPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(site_tree):
    """The staff area's sections as the demo has them, with their short addresses."""
    pages = {
        "workgroups": WorkgroupIndexPageFactory(parent=site_tree["staff_area"], show_in_menus=True),
        "projects": ProjectIndexPageFactory(parent=site_tree["staff_area"], show_in_menus=True),
        "canoklas": CanoklasIndexPageFactory(parent=site_tree["home"], show_in_menus=True),
    }
    demo.redirects_seed(site=site_tree["site"])
    return pages


def main_menu(client):
    html = client.get("/").content.decode()
    return html.split('<nav class="main-nav"')[1].split("</nav>")[0]


def test_staff_menu_reaches_each_section_directly(client, staff_user, sections):
    """Intervisie, Werkgroepen, Projecten and CANOklas are one click from any page."""
    client.force_login(staff_user)
    menu = main_menu(client)
    assert '<a href="/intervisie/">Intervisie</a>' in menu
    assert '<a href="/medewerkers/werkgroepen/">Werkgroepen</a>' in menu
    assert '<a href="/medewerkers/projecten/">Projecten</a>' in menu
    assert '<a href="/canoklas/">CANOklas</a>' in menu


def test_visitors_menu_has_no_staff_sections(client, sections):
    """Anonymous visitors are not shown links to pages they may not open."""
    menu = main_menu(client)
    for text in ("Intervisie", "Werkgroepen", "Projecten", "/medewerkers/"):
        assert text not in menu


def test_staff_menu_marks_the_section_a_member_is_in(client, staff_user, sections):
    """Below a section, its menu link says it is the current one."""
    client.force_login(staff_user)
    html = client.get("/intervisie/").content.decode()
    assert '<a href="/intervisie/" aria-current="page">Intervisie</a>' in html


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/werkgroepen/", "/medewerkers/werkgroepen/"),
        ("/werkgroepen", "/medewerkers/werkgroepen/"),
        ("/projecten/", "/medewerkers/projecten/"),
        ("/medewerker/", "/medewerkers/"),
    ],
)
def test_short_addresses_lead_to_the_sections(client, sections, path, target):
    """What people type from memory leads to the page, not to a 404."""
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == target


def test_short_address_follows_a_section_an_editor_moves(client, sections):
    """The redirect points at the page itself: renamed, it still leads there."""
    page = sections["workgroups"]
    page.slug = "onze-werkgroepen"
    page.save_revision().publish()
    assert client.get("/werkgroepen/")["Location"] == "/medewerkers/onze-werkgroepen/"


@pytest.mark.parametrize("path", ["/login/", "/inloggen/", "/account/login/", "/accounts/login/"])
def test_guessed_login_addresses_lead_to_the_login_page(client, site_tree, path):
    """The login page's usual addresses lead to ours and keep where to go afterwards."""
    response = client.get(f"{path}?next=/intervisie/")
    assert response.status_code == 302
    assert response["Location"] == "/account/inloggen/?next=/intervisie/"


def test_seeding_twice_adds_no_second_redirect(sections, site_tree):
    """The seed is idempotent: one redirect per short address."""
    count = Redirect.objects.count()
    demo.redirects_seed(site=site_tree["site"])
    assert Redirect.objects.count() == count
    assert Redirect.objects.filter(old_path="/werkgroepen").count() == 1
