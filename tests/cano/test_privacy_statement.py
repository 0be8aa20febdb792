"""The privacy statement: its retention table comes from the settings the purges read."""

from io import StringIO

import pytest

from django.core.management import call_command

from cano.home.personal_data import duration_text
from tests.factories.pages import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def privacy_page(site_tree):
    return StandardPageFactory(
        parent=site_tree["home"],
        title="Privacyverklaring",
        slug="privacy",
        body=[("personal_data", None)],
    )


@pytest.mark.parametrize(
    ("overrides", "figures"),
    [
        ({}, ("12 maanden", "183 dagen", "3 dagen", "1 dag")),
        (
            {
                "INTERVISION_RETENTION_MONTHS": 7,
                "STUDYDAYS_RETENTION_DAYS": 90,
                "NEWSLETTER_CONFIRM_MAX_AGE": 2 * 24 * 60 * 60,
                "INTERVISION_PENDING_UPLOAD_HOURS": 6,
            },
            ("7 maanden", "90 dagen", "2 dagen", "6 uur"),
        ),
    ],
    ids=["defaults", "changed"],
)
def test_table_shows_each_store_retention_from_the_settings(
    client, privacy_page, settings, overrides, figures
):
    """Closed cases, registrations, unconfirmed sign-ups and kept documents: figures from settings."""
    for name, value in overrides.items():
        setattr(settings, name, value)
    cases, registrations, sign_ups, kept = figures
    content = client.get(privacy_page.url).content.decode()
    assert f"Tot {cases} na het afsluiten van de casus" in content
    assert f"Tot {registrations} na de studiedag" in content
    assert f"wissen we {sign_ups} na de aanvraag" in content
    assert f"hoogstens {kept}" in content


def test_table_lists_failed_logins_with_their_window(client, privacy_page, settings):
    """The login-failure counters (address and IP address) are named with their window."""
    settings.LOGIN_FAILURE_WINDOW = 900
    content = client.get(privacy_page.url).content.decode()
    assert "Mislukte aanmeldpogingen" in content
    assert "15 minuten" in content


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(86400, "1 dag"), (3 * 86400, "3 dagen"), (36 * 3600, "36 uur"), (60, "1 minuut")],
)
def test_periods_read_in_their_largest_whole_unit(seconds, text):
    """A period is written as a reader would say it."""
    assert duration_text(seconds) == text


def test_seeded_statement_names_controller_purposes_retention_and_rights(client):
    """The demo privacy page says who is responsible, why, how long and how to use your rights."""
    call_command("seed_demo", stdout=StringIO())
    response = client.get("/privacy/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "CANO Vlaanderen vzw, het netwerk van de Vlaamse CANO-organisaties, is de " in content
    assert "Waarvoor gebruiken we je gegevens?" in content
    assert "Tot 12 maanden na het afsluiten van de casus" in content
    assert "Je rechten" in content
    assert "Gegevensbeschermingsautoriteit" in content
