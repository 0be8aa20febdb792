"""On a 360 px phone no page scrolls sideways, and the main menu works by touch and keyboard.

The demo content is loaded as `make run` loads it; every page type is opened by an anonymous
visitor and by a staff member, with the personal registration page of a study day among them.
"""

from io import StringIO

import pytest
from playwright.sync_api import expect

from django.core.management import call_command
from django.urls import reverse

from wagtail.models import Page, Site

from intervision.models import Case
from studydays.links import registration_token
from studydays.models import Registration
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)

DEMO_PASSWORD = "cano-demo-2026"
STAFF = "tom.janssens@dekering.example.be"
PHONE = {"width": 360, "height": 740}


def phone_paths():
    """One live page of every page type, the pages that are not Wagtail pages, and the statements."""
    paths = {}
    for page in Page.objects.live().specific().exclude(depth=1):
        paths.setdefault(type(page).__name__, page.url)
    # A staff member's registration and an external one: their personal pages differ.
    registrations = [
        Registration.objects.filter(user__isnull=with_account).order_by("pk").first()
        for with_account in (False, True)
    ]
    return [
        *sorted(paths.values()),
        "/privacy/",
        "/toegankelijkheid/",
        "/contact/",
        "/zoeken/?q=jongeren",
        "/account/inloggen/",
        "/nieuwsbrief/inschrijven/",
        *(
            reverse("studydays:registration", args=[registration_token(registration)])
            for registration in registrations
            if registration is not None
        ),
        "/account/",
        "/intervisie/",
        Case.objects.order_by("pk").first().get_absolute_url(),
    ]


@pytest.fixture
def demo_base(live_server):
    call_command("seed_demo", stdout=StringIO())
    Site.objects.filter(is_default_site=True).update(hostname="localhost")
    return live_server.url


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="nl-BE", viewport=PHONE, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def overflow(page):
    """How far the page is wider than the screen, and the widest element sticking out."""
    return page.evaluate(
        """() => {
            const width = window.innerWidth;
            const over = document.documentElement.scrollWidth - width;
            let culprit = "";
            for (const el of document.body.querySelectorAll("*")) {
                if (el.getBoundingClientRect().right > width + 0.5) {
                    culprit = el.tagName.toLowerCase() + "." + el.className;
                }
            }
            return {over, culprit};
        }"""
    )


@pytest.mark.parametrize("who", [None, STAFF], ids=["bezoeker", "medewerker"])
def test_no_page_scrolls_sideways_at_360_px(demo_base, phone, who):
    """At 360x740 every page fits the screen's width: nothing to scroll sideways."""
    if who:
        log_in(phone, demo_base, who, DEMO_PASSWORD, "/")
    too_wide = {}
    for path in phone_paths():
        response = phone.goto(demo_base + path)
        assert response.status < 500, path
        result = overflow(phone)
        if result["over"] > 0:
            too_wide[path] = result
    assert not too_wide, "\n".join(
        f"{path}: {r['over']} px too wide ({r['culprit']})" for path, r in too_wide.items()
    )


def test_main_menu_opens_and_closes_by_keyboard_on_a_phone(demo_base, phone):
    """On a phone the menu is one button: Enter opens it, its links take focus, Escape closes it."""
    log_in(phone, demo_base, STAFF, DEMO_PASSWORD, "/")
    toggle = phone.get_by_role("button", name="Menu")
    menu = phone.get_by_role("navigation", name="Hoofdmenu")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(menu.get_by_role("link", name="Werkgroepen")).to_be_hidden()
    toggle.focus()
    phone.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    phone.keyboard.press("Tab")
    first_link = menu.get_by_role("link").first
    expect(first_link).to_be_focused()
    expect(menu.get_by_role("link", name="Intervisie")).to_be_visible()
    phone.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    expect(menu.get_by_role("link", name="Intervisie")).to_be_hidden()


def test_staff_reach_workgroups_from_the_menu_on_a_phone(demo_base, phone):
    """A staff member taps Menu, then Werkgroepen, and lands on the workgroups."""
    log_in(phone, demo_base, STAFF, DEMO_PASSWORD, "/")
    phone.get_by_role("button", name="Menu").tap()
    phone.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Werkgroepen").tap()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Werkgroepen")


def test_a_long_page_title_in_the_menu_and_the_footer_wraps(demo_base, phone):
    """A top-level page whose title is one long word, in the menu or the footer, fits a phone."""
    from cano.home.models import StandardPage

    home = Site.objects.get(is_default_site=True).root_page
    for slug, in_menu in (("lang-menu", True), ("lang-voet", False)):
        page = StandardPage(title="Jeugdhulpverleningsorganisatie" * 8, slug=slug)
        page.show_in_menus = in_menu
        home.add_child(instance=page)
        page.save_revision().publish()
    phone.goto(demo_base + "/")
    expect(phone.locator(".site-footer")).to_contain_text("Jeugdhulpverleningsorganisatie")
    result = overflow(phone)
    assert result["over"] <= 0, result


def test_checkboxes_and_radio_buttons_are_big_enough_to_tap(demo_base, phone):
    """On a phone every checkbox and radio button of a form is at least 20 px square."""
    phone.goto(demo_base + "/nieuwsbrief/inschrijven/")
    boxes = phone.locator('input[type="checkbox"], input[type="radio"]')
    expect(boxes.first).to_be_visible()
    sizes = [boxes.nth(index).bounding_box() for index in range(boxes.count())]
    assert all(box["width"] >= 20 and box["height"] >= 20 for box in sizes), sizes
