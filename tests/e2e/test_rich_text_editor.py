"""Writing with the editor's toolbar by keyboard, and the plain-text form without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from django.urls import reverse

from tests.e2e.helpers import log_in
from tests.e2e.test_accessibility import blocking_violations
from tests.factories.accounts import StaffFactory
from tests.factories.intervision import IntervisionGroupFactory
from tests.factories.workgroups import (
    WorkgroupIndexPageFactory,
    WorkgroupMembershipFactory,
    WorkgroupPageFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def csp_errors(page):
    """Console messages of anything the Content-Security-Policy refused."""
    errors = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return errors


def expect_editor_focused(page, editor):
    """Wait until the editor has the focus and has settled in it. ProseMirror checks the page's
    selection 20 ms after it gains the focus and puts its own back when they differ: a key that
    moves the caret within those 20 ms (End, sent by a test right after the focus) is undone. A
    person takes longer between keys; a test waits for it."""
    expect(editor).to_be_focused()
    page.wait_for_timeout(100)


def type_text(page, text):
    """Type as a person would, then wait until the editor has read the keys into the form's
    value: ProseMirror takes typing from the page a moment later, and a key sent before that
    (a selection with Shift+Home) would be undone by it."""
    page.keyboard.type(text)
    expect(page.locator(".rich-text-editor textarea")).to_have_value(re.compile(re.escape(text)))


def write_with_toolbar(page):
    """From the toolbar's first button: write a bold word, a bulleted list and a link, reaching
    every button by keyboard alone (one Tab stop for the toolbar, arrow keys within it)."""
    expect(page.get_by_role("button", name="Vet")).to_be_focused()
    editor = page.locator(".rich-text-editor__content")
    page.keyboard.press("Tab")
    expect_editor_focused(page, editor)
    type_text(page, "Belangrijk")
    page.keyboard.press("Shift+Home")
    link = page.get_by_role("button", name="Link")
    expect(link).to_be_enabled()  # a selection: the link button can be used now
    page.keyboard.press("Shift+Tab")
    bold = page.get_by_role("button", name="Vet")
    expect(bold).to_be_focused()
    # Along the toolbar and back, as the link below is reached with End.
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    expect(bold).to_be_focused()
    page.keyboard.press("Enter")
    expect(bold).to_have_attribute("aria-pressed", "true")
    expect(editor.locator("strong")).to_have_text("Belangrijk")
    expect_editor_focused(page, editor)  # each button hands the focus back to the text

    page.keyboard.press("End")
    # The editor has taken the caret to the end once nothing is selected.
    expect(link).to_have_attribute("aria-disabled", "true")
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    bullets = page.get_by_role("button", name="Lijst met opsommingstekens")
    expect(bullets).to_be_focused()
    page.keyboard.press("Enter")
    expect_editor_focused(page, editor)
    type_text(page, "Eerste punt")
    page.keyboard.press("Enter")
    type_text(page, "Tweede punt")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # an empty item ends the list

    type_text(page, "website")
    page.keyboard.press("Shift+Home")
    expect(link).to_be_enabled()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("End")
    expect(page.get_by_role("button", name="Link")).to_be_focused()
    page.keyboard.press("Enter")
    address = page.get_by_label("Adres (https://…)")
    expect(address).to_be_focused()
    address.fill("https://example.org/sportdag")
    page.keyboard.press("Enter")
    expect(address).to_have_count(0)
    expect(editor).to_be_focused()


def expect_formatting(body):
    expect(body.locator("strong")).to_have_text("Belangrijk")
    expect(body.locator("ul li")).to_have_text(["Eerste punt", "Tweede punt"])
    link = body.locator('a[href="https://example.org/sportdag"]')
    expect(link).to_have_text("website")


@pytest.fixture
def workgroup(site_tree):
    index = WorkgroupIndexPageFactory(parent=site_tree["staff_area"])
    workgroup = WorkgroupPageFactory(parent=index, title="Werkgroep sport", slug="sport")
    member = StaffFactory(first_name="Sofie")
    WorkgroupMembershipFactory(workgroup=workgroup, user=member)
    return workgroup, member


def test_case_context_written_with_the_toolbar_by_keyboard(live_base, page, password):
    """A case context gets bold, a list and a link by keyboard; the case page shows them."""
    refused = csp_errors(page)
    poster = StaffFactory(first_name="Sara")
    group = IntervisionGroupFactory(name="Intervisie Gent", members=[poster])
    create = reverse("intervision:case_create", kwargs={"slug": group.slug})
    log_in(page, live_base, poster.email, password, create)
    page.get_by_label("Titel").fill("Jongere haakt af op school")
    question = page.get_by_label("Intervisievraag")
    question.fill("Hoe bouw ik opnieuw vertrouwen op?")
    expect(page.get_by_role("toolbar", name="Opmaak")).to_be_visible()
    question.focus()
    page.keyboard.press("Tab")
    write_with_toolbar(page)
    page.get_by_role("button", name="Casus plaatsen").click()
    expect(page.locator("h1")).to_have_text("Jongere haakt af op school")
    expect_formatting(page.locator(".case .rich-text"))
    assert not refused


def test_workgroup_update_written_with_the_toolbar_by_keyboard(
    live_base, page, password, workgroup
):
    """An update gets bold, a list and a link by keyboard, and shows them once posted."""
    refused = csp_errors(page)
    workgroup, member = workgroup
    log_in(page, live_base, member.email, password, workgroup.url)
    editor = page.get_by_role("textbox", name="Je update")
    # Until the toolbar is there, the textbox is still the plain textarea.
    expect(page.get_by_role("toolbar", name="Opmaak")).to_be_visible()
    # The editor is the form's first field: its label leads into it, Shift+Tab to its toolbar.
    page.locator("label", has_text="Je update").click()
    expect(editor).to_be_focused()
    page.keyboard.press("Shift+Tab")
    write_with_toolbar(page)
    page.get_by_role("button", name="Update plaatsen").click()
    expect(page.get_by_role("status")).to_contain_text("Je update is geplaatst.")
    expect_formatting(page.locator(".update__body").first)
    assert not refused


def test_without_javascript_the_update_is_plain_text_in_paragraphs(
    live_base, browser, password, workgroup
):
    """Without JavaScript the field is a textarea: blank lines make paragraphs, markup is text."""
    workgroup, member = workgroup
    context = browser.new_context(
        java_script_enabled=False, locale="nl-BE", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    try:
        log_in(page, live_base, member.email, password, workgroup.url)
        page.get_by_label("Je update").fill(
            "Eerste regel\nTweede regel\n\nNieuwe alinea met <b>geen opmaak</b>"
        )
        page.get_by_role("button", name="Update plaatsen").click()
        body = page.locator(".update__body").first
        expect(body.locator("p")).to_have_count(2)
        expect(body.locator("p").first).to_have_text("Eerste regelTweede regel")
        expect(body.locator("p br")).to_have_count(1)
        expect(body.locator("b")).to_have_count(0)
        expect(body.locator("p").nth(1)).to_have_text("Nieuwe alinea met <b>geen opmaak</b>")
    finally:
        context.close()


def test_edit_pages_with_the_editor_pass_axe_on_a_phone(live_base, page, password, workgroup):
    """The update form and the case form with the editor running: no serious or critical axe
    violation, and nothing scrolls sideways at 390 px."""
    workgroup, member = workgroup
    group = IntervisionGroupFactory(name="Intervisie Gent", members=[member])
    log_in(page, live_base, member.email, password, workgroup.url)
    for path in (workgroup.url, reverse("intervision:case_create", kwargs={"slug": group.slug})):
        page.goto(live_base + path)
        expect(page.get_by_role("toolbar", name="Opmaak")).to_be_visible()
        assert blocking_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
