"""The pages people trust: privacy and accessibility statements, contact details, their links."""

import re
from io import StringIO

import pytest

from django.core.management import call_command

from cano.home import demo
from cano.home.models import ContactSettings, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(site_tree):
    """The statements, contact page and contact details as the demo seeds them."""
    demo.seed(home=site_tree["home"], staff_area=site_tree["staff_area"], users={}, stdout=None)
    return site_tree["site"]


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def footer(html):
    return re.search(r"<footer.*</footer>", html, re.S).group(0)


def test_privacy_statement_names_the_controller_from_the_contact_settings(client, seeded):
    """The data controller is CANO Vlaanderen vzw, with the address and e-mail editors set."""
    contact = ContactSettings.for_site(seeded)
    contact.address = "Dorpsstraat 7\n2000 Antwerpen"
    contact.email = "privacy@cano.example"
    contact.save()
    content = page_text(client, "/privacy/")
    main = content.split("<footer")[0]
    assert "verwerkingsverantwoordelijke" in main
    assert "CANO Vlaanderen vzw" in main
    assert "Dorpsstraat 7<br>2000 Antwerpen" in main
    assert 'href="mailto:privacy@cano.example"' in main


def test_privacy_statement_lists_every_right_and_the_complaint_route(client, seeded):
    """Each GDPR right is named, with how to use it and the Belgian supervisory authority."""
    content = page_text(client, "/privacy/")
    for right in (
        "Inzage",
        "Verbetering",
        "Wissing",
        "Beperking",
        "Bezwaar",
        "Overdraagbaarheid",
        "Toestemming intrekken",
    ):
        assert f"<b>{right}</b>" in content
    assert "Zo gebruik je je rechten" in content
    assert "Gegevensbeschermingsautoriteit, Drukpersstraat 35, 1000 Brussel" in content


def test_privacy_statement_keeps_closed_cases_as_the_purge_does(client, seeded, settings):
    """Closed cases are kept for the purge's period, not erased at closing."""
    settings.INTERVISION_RETENTION_MONTHS = 9
    content = page_text(client, "/privacy/")
    assert "Tot 9 maanden na het afsluiten van de casus" in content
    assert "gewist bij het afsluiten" not in content


def test_accessibility_statement_follows_the_flemish_model(client, seeded):
    """Commitment, conformity, known gaps, how it was prepared, feedback and enforcement."""
    content = page_text(client, "/toegankelijkheid/")
    for text in (
        "WCAG) 2.1 op niveau AA",
        "Nalevingsstatus",
        "gedeeltelijk conform",
        "Niet-toegankelijke inhoud",
        "Opstelling van deze verklaring",
        "6 december 2026",
        "zelfbeoordeling",
        "axe-core",
        "toetsenbord",
        "Feedback en contactgegevens",
        "Handhavingsprocedure",
        "Vlaamse Ombudsdienst",
    ):
        assert text in content
    assert 'href="mailto:info@cano.example"' in content.split("<footer")[0]


def test_contact_page_and_footer_link_mail_and_phone_from_the_settings(client, seeded):
    """A new number saved in Contactgegevens shows at once on the contact page and in the footer."""
    contact = ContactSettings.for_site(seeded)
    contact.phone = "+32 (0)3 987 65 43"
    contact.email = "secretariaat@cano.example"
    contact.save()
    content = page_text(client, "/contact/")
    main, page_footer = content.split("<footer")[0], footer(content)
    for part in (main, page_footer):
        assert '<a href="tel:+3239876543">+32 (0)3 987 65 43</a>' in part
        assert '<a href="mailto:secretariaat@cano.example">secretariaat@cano.example</a>' in part
    assert 'href="tel:+3239876543"' in footer(page_text(client, "/"))


def test_without_a_phone_number_no_phone_link_is_shown(client, seeded):
    """No number lives in the templates: without one in the settings, there is no tel: link."""
    contact = ContactSettings.for_site(seeded)
    contact.phone = ""
    contact.save()
    assert "tel:" not in page_text(client, "/contact/")


@pytest.mark.parametrize(
    ("phone", "href"),
    [
        ("09 123 45 67", "tel:+3291234567"),
        ("0470/12.34.56", "tel:+32470123456"),
        ("+32 (0)9 123 45 67", "tel:+3291234567"),
        ("0031 20 123 4567", "tel:+31201234567"),
        ("", ""),
    ],
)
def test_phone_numbers_are_dialled_in_international_form(phone, href):
    """A Belgian number as people write it becomes a `tel:` link a phone can dial."""
    assert ContactSettings(phone=phone).phone_href == href


def test_invalid_phone_number_gets_a_dutch_message(seeded):
    """An editor typing letters in the phone number is told what to write."""
    contact = ContactSettings.for_site(seeded)
    contact.phone = "bel ons"
    with pytest.raises(Exception, match="Vul een telefoonnummer in"):
        contact.full_clean()


@pytest.mark.parametrize("logged_in", [False, True], ids=["visitor", "staff"])
def test_footer_links_the_three_pages_on_every_page(client, seeded, staff_user, logged_in):
    """Contact, privacy and accessibility statement are one click away from any page."""
    if logged_in:
        client.force_login(staff_user)
    for url in ("/", "/nieuwsbrief/inschrijven/", "/zoeken/", "/contact/"):
        links = footer(page_text(client, url))
        assert '<a href="/contact/">Contact</a>' in links
        assert '<a href="/privacy/">Privacyverklaring</a>' in links
        assert '<a href="/toegankelijkheid/">Toegankelijkheidsverklaring</a>' in links


def test_footer_follows_a_statement_an_editor_renames(client, seeded):
    """The footer and consent texts link the chosen page, wherever an editor puts it."""
    page = StandardPage.objects.get(slug="privacy")
    page.slug = "privacybeleid"
    page.save_revision().publish()
    links = footer(page_text(client, "/"))
    assert '<a href="/privacybeleid/">Privacyverklaring</a>' in links
    assert '<a href="/privacybeleid/">Lees de privacyverklaring</a>' in page_text(
        client, "/nieuwsbrief/inschrijven/"
    )


def test_consent_texts_link_to_the_privacy_statement(client):
    """The newsletter and study-day registration forms link their consent to the statement."""
    call_command("seed_demo", stdout=StringIO())
    link = '<a href="/privacy/">Lees de privacyverklaring</a>'
    assert link in page_text(client, "/nieuwsbrief/inschrijven/")
    assert link in page_text(client, "/studiedagen/studiedag-samen-sterk-rond-jongeren/")
