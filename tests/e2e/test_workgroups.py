import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import rich_text
from tests.factories.workgroups import (
    CanoklasIndexPageFactory,
    ModulePageFactory,
    WorkgroupIndexPageFactory,
    WorkgroupPageFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tree(site_tree):
    site = site_tree["site"]
    site.hostname = "localhost"
    site.save()
    index = WorkgroupIndexPageFactory(parent=site_tree["staff_area"])
    workgroup = WorkgroupPageFactory(parent=index, title="Werkgroep sport", slug="sport")
    canoklas = CanoklasIndexPageFactory(parent=site_tree["home"])
    staff_module = ModulePageFactory(
        parent=canoklas,
        title="Motiverende gespreksvoering",
        slug="motiverende-gespreksvoering",
        intro="Omgaan met ambivalentie bij jongeren.",
        tag_names=["gespreksvoering"],
    )
    public_module = ModulePageFactory(
        parent=canoklas,
        title="Sport als hefboom",
        slug="sport-als-hefboom",
        is_public=True,
        tag_names=["sport"],
    )
    return {
        "workgroup": workgroup,
        "canoklas": canoklas,
        "staff_module": staff_module,
        "public_module": public_module,
    }


def test_staff_member_joins_posts_and_finds_a_module_by_tag(
    live_server, page, tree, staff_user, password
):
    """Log in, join a workgroup, post an update, then find a CANOklas module by its tag and open it."""
    base = live_server.url
    workgroup = tree["workgroup"]

    page.goto(base + workgroup.url)
    expect(page).to_have_url(f"{base}/account/inloggen/?next={workgroup.url}")
    page.get_by_label("E-mailadres").fill(staff_user.email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(base + workgroup.url)

    page.get_by_role("button", name="Lid worden").click()
    expect(page.get_by_role("status")).to_contain_text("Je bent nu lid van Werkgroep sport")
    expect(page.locator(".members")).to_contain_text(staff_user.full_name)

    rich_text(page, "Je update").fill("Wie gaat er mee naar de sportdag in Lokeren?")
    page.get_by_role("button", name="Update plaatsen").click()
    expect(page.get_by_role("status")).to_contain_text("Je update is geplaatst.")
    expect(page.locator(".update").first).to_contain_text("sportdag in Lokeren")

    page.goto(base + tree["canoklas"].url)
    page.get_by_role("link", name="gespreksvoering", exact=True).click()
    expect(page.locator("h1")).to_contain_text("“gespreksvoering”")
    expect(page.get_by_role("link", name="Sport als hefboom")).to_have_count(0)
    page.get_by_role("link", name="Motiverende gespreksvoering").click()
    expect(page).to_have_url(base + tree["staff_module"].url)
    expect(page.locator("h1")).to_have_text("Motiverende gespreksvoering")


def test_anonymous_visitor_is_sent_to_login_for_staff_module_and_reads_public_one(
    live_server, page, tree
):
    """The staff-only module asks for a login; the public module opens for anyone."""
    base = live_server.url
    staff_module = tree["staff_module"]

    page.goto(base + staff_module.url)
    expect(page).to_have_url(f"{base}/account/inloggen/?next={staff_module.url}")

    page.goto(base + tree["canoklas"].url)
    expect(page.get_by_role("link", name="Motiverende gespreksvoering")).to_have_count(0)
    page.get_by_role("link", name="Sport als hefboom").click()
    expect(page).to_have_url(base + tree["public_module"].url)
    expect(page.locator("h1")).to_have_text("Sport als hefboom")
