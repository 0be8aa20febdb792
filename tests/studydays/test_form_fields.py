import re

import pytest

from tests.factories.studydays import committing, register
from tests.form_markup import assert_descriptions_resolve
from tests.studydays.conftest import workshops_of
from tests.studydays.test_personal_link import path_of

pytestmark = pytest.mark.django_db


def test_registration_form_with_errors_names_existing_descriptions(client, workshop_day):
    """The registration form sent empty points each field and workshop group at its one error list."""
    with committing():
        response = client.post(workshop_day.url, {})
    assert 'aria-describedby="id_workshop_' in response.content.decode()
    assert_descriptions_resolve(response)


def test_workshop_change_with_errors_names_existing_descriptions(client, workshop_day):
    """The workshop change form sent without choices points each group at its one error list."""
    w = workshops_of(workshop_day)
    registration = register(
        workshop_day, workshop_ids=[w["Netwerkversterking"].pk, w["Online hulp"].pk]
    )
    response = client.post(path_of(registration), {"action": "workshops"})
    assert_descriptions_resolve(response)


def test_error_summary_links_to_each_field_in_error(client, workshop_day):
    """An empty registration starts with a summary whose links lead to the fields to fix."""
    with committing():
        response = client.post(workshop_day.url, {})
    html = response.content.decode()
    start = html.index('class="form-errors error-summary"')
    summary = html[start : html.index("</ul>", start)]
    assert 'role="alert" tabindex="-1"' in summary
    assert '<a href="#id_first_name">Vul je voornaam in.</a>' in summary
    assert (
        '<a href="#id_consent">Ga akkoord met de privacyverklaring om in te schrijven.</a>'
        in summary
    )
    workshop = workshop_day.workshops.first()
    assert (
        f'href="#id_workshop_{workshop.slot_id}_0">Kies een workshop voor {workshop.slot_label}.</a>'
        in summary
    )
    assert 'href="#id_website"' not in summary
    assert "Velden met een * zijn verplicht." in html


def test_honeypot_is_out_of_reach_of_keyboard_and_assistive_technology(client, workshop_day):
    """The anti-spam field cannot be tabbed to and sits in a wrapper hidden from screen readers."""
    html = client.get(workshop_day.url).content.decode()
    wrapper = re.search(r'<div class="studyday-hp" aria-hidden="true">(.*?)</div>', html, re.S)
    field = re.search(r'<input[^>]*name="website"[^>]*>', wrapper.group(1)).group(0)
    assert 'tabindex="-1"' in field and 'autocomplete="off"' in field
