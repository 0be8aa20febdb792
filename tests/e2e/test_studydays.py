import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from django.core import mail
from django.utils import timezone

from studydays.models import Registration
from tests.factories.studydays import (
    StudyDayIndexPageFactory,
    StudyDayPageFactory,
    programme,
    register,
)

pytestmark = pytest.mark.django_db(transaction=True)

SERIOUS = {"serious", "critical"}


def test_external_registers_cancels_and_waiting_person_is_promoted(live_server, page, site_tree):
    """An external registers with a workshop, cancels through the mailed link; the next waits no more."""
    site = site_tree["site"]
    site.hostname = "localhost"
    site.save()
    index = StudyDayIndexPageFactory(parent=site_tree["home"])
    study_day = StudyDayPageFactory(
        parent=index,
        title="Studiedag Samen sterk",
        capacity=2,
        programme=programme(("Workshopronde", [("Netwerkversterking", 10), ("Participatie", 10)])),
    )
    workshop = study_day.workshops.get(title="Netwerkversterking")
    register(study_day, email="eerste@example.be", workshop_ids=[workshop.pk])

    page.goto(live_server.url + study_day.url)
    expect(page.locator("h1")).to_contain_text("Studiedag Samen sterk")
    page.get_by_role("textbox", name="Voornaam").fill("Lies")
    page.get_by_role("textbox", name="Familienaam").fill("Verbeke")
    page.get_by_role("textbox", name="E-mailadres").fill("lies@example.be")
    page.get_by_role("textbox", name="Organisatie").fill("Hogeschool Gent")
    page.get_by_role("radio", name=re.compile("Netwerkversterking")).check()
    page.get_by_label(re.compile("Ik ga akkoord met de privacyverklaring")).check()
    page.get_by_role("button", name="Inschrijven").click()
    expect(page.locator("h1")).to_have_text("Bedankt voor je inschrijving")

    confirmation = next(m for m in mail.outbox if m.to == ["lies@example.be"])
    assert confirmation.attachments[0][0] == "studiedag.ics"
    link = re.search(r"https?://\S+/studiedagen/inschrijving/\S+/", confirmation.body).group(0)

    waiting = register(study_day, email="wachtend@example.be", workshop_ids=[workshop.pk])
    assert waiting.status == Registration.Status.WAITING

    page.goto(live_server.url + "/" + link.split("/", 3)[3])
    expect(page.locator("#registration-status")).to_contain_text("Ingeschreven")
    expect(page.locator("main")).to_contain_text("Netwerkversterking")
    page.get_by_role("link", name="Inschrijving annuleren").click()
    expect(page.locator("h1")).to_have_text("Inschrijving annuleren?")
    assert Registration.objects.get(email="lies@example.be").is_active
    # The confirmation works from the keyboard: tab to the button, press Enter.
    confirm = page.get_by_role("button", name="Ja, annuleer mijn inschrijving")
    for _ in range(40):
        page.keyboard.press("Tab")
        if confirm.evaluate("button => button === document.activeElement"):
            break
    expect(confirm).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Je inschrijving is geannuleerd.")
    expect(page.locator("#registration-status")).to_contain_text("Geannuleerd")

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.REGISTERED
    promotion = [m for m in mail.outbox if m.to == ["wachtend@example.be"]][-1]
    assert promotion.subject.startswith("Er is een plaats vrij")


def test_empty_registration_focuses_the_error_summary(live_base, page, site_tree):
    """Sent empty, the form comes back with a focused summary whose links lead to the fields."""
    index = StudyDayIndexPageFactory(parent=site_tree["home"])
    study_day = StudyDayPageFactory(parent=index, title="Studiedag Samen sterk")

    page.goto(live_base + study_day.url)
    page.get_by_role("button", name="Inschrijven").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Vul je voornaam in.")
    summary.get_by_role("link", name="Vul je voornaam in.").click()
    expect(page.get_by_role("textbox", name="Voornaam")).to_be_focused()

    results = Axe().run(page)
    serious = [v["id"] for v in results.response["violations"] if v["impact"] in SERIOUS]
    assert serious == [], results.generate_report()


def test_workshop_waiting_list_and_closed_registration_in_the_browser(live_base, page, site_tree):
    """A full workshop names its own waiting list; past the deadline the page says so, no form."""
    index = StudyDayIndexPageFactory(parent=site_tree["home"])
    study_day = StudyDayPageFactory(
        parent=index,
        title="Studiedag Netwerken",
        programme=programme(("Workshopronde", [("Participatie", 1), ("Online hulp", 10)])),
    )
    full = study_day.workshops.get(title="Participatie")
    register(study_day, email="eerste@example.be", workshop_ids=[full.pk])
    register(study_day, email="tweede@example.be", workshop_ids=[full.pk])

    page.goto(live_base + study_day.url)
    facts = page.locator(".studyday__facts")
    expect(facts).to_contain_text("9 van 10 plaatsen vrij")
    expect(facts).to_contain_text("Participatie: volzet. Wachtlijst voor deze workshop: 1 persoon")
    expect(page.locator("main")).not_to_contain_text("De studiedag is volzet")
    expect(
        page.get_by_role("radio", name="Participatie (volzet: wachtlijst voor deze workshop)")
    ).to_be_visible()
    results = Axe().run(page)
    serious = [v["id"] for v in results.response["violations"] if v["impact"] in SERIOUS]
    assert serious == [], results.generate_report()

    study_day.registration_closes = timezone.now() - datetime.timedelta(minutes=1)
    study_day.save_revision().publish()
    page.goto(live_base + study_day.url)
    expect(page.locator("#inschrijven")).to_contain_text("inschrijven kon tot")
    expect(page.get_by_role("button", name="Inschrijven")).to_have_count(0)
