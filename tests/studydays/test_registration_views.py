import datetime
import re

import pytest

from django.core import mail
from django.core.cache import cache
from django.utils import timezone
from django.utils.html import escape

from studydays.models import Audience, Registration, RegistrationQuestion
from tests.factories.studydays import (
    RegistrationQuestionFactory,
    StudyDayPageFactory,
    committing,
    programme,
    register,
)
from tests.studydays.conftest import form_data, workshops_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_rate_limit():
    cache.clear()


def post(client, study_day, data):
    with committing():
        return client.post(study_day.url, data)


def test_page_shows_programme_and_form(client, workshop_day):
    """The study day page shows the programme, places left and the registration form."""
    response = client.get(workshop_day.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trauma-sensitief werken" in html
    assert "10 van 10 plaatsen vrij" in html
    assert 'name="consent"' in html and "csrfmiddlewaretoken" in html


def test_one_place_left_is_said_in_the_singular(client, index_page):
    """A day and a workshop with one place left say `1 plaats vrij`, not `1 plaatsen vrij`."""
    day = StudyDayPageFactory(
        parent=index_page,
        capacity=1,
        programme=programme(("Workshopronde 1", [("Klein atelier", 1), ("Grote zaal", 8)])),
    )
    html = client.get(day.url).content.decode()
    assert "1 van 1 plaats vrij" in html
    assert "Klein atelier (1 plaats vrij)" in html
    assert "Grote zaal (8 plaatsen vrij)" in html
    assert "plaatsen vrij)" not in html.replace("(8 plaatsen vrij)", "")


def test_time_slots_are_written_the_flemish_way(client, workshop_day):
    """The programme and the workshop question give times as 10.00-11.30 uur."""
    html = client.get(workshop_day.url).content.decode()
    assert "10.00-11.30 uur" in html
    assert "Workshop: 10.00 uur Workshopronde 1" in html
    assert "10:00" not in html


def test_valid_registration_redirects_and_mails(client, study_day):
    """A valid registration is stored, the visitor sees a thank-you page and gets a mail."""
    response = post(client, study_day, form_data())
    assert response.status_code == 302
    assert response["Location"].endswith("/ingeschreven/")
    assert Registration.objects.get().email == "lies.verbeke@example.be"
    assert mail.outbox[-1].to == ["lies.verbeke@example.be"]
    thanks = client.get(response["Location"])
    assert "Bedankt voor je inschrijving" in thanks.content.decode()


def test_empty_form_shows_dutch_errors(client, study_day):
    """An empty form is re-shown with Dutch errors and nothing is stored."""
    response = post(client, study_day, {})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Vul je voornaam in." in html and "Vul je e-mailadres in." in html
    assert "Ga akkoord met de privacyverklaring" in html
    assert not Registration.objects.exists()


def test_malformed_email_keeps_what_was_typed(client, study_day):
    """A malformed e-mail gives a Dutch error and keeps the other answers."""
    response = post(client, study_day, form_data(email="geen-adres"))
    html = response.content.decode()
    assert "Vul een e-mailadres in zoals naam@voorbeeld.be." in html
    assert 'value="Verbeke"' in html


def test_huge_values_are_refused(client, study_day):
    """Values longer than allowed are refused with a message, never a 500."""
    response = post(client, study_day, form_data(first_name="x" * 5000))
    assert response.status_code == 400
    assert "150 tekens" in response.content.decode()
    assert not Registration.objects.exists()


def test_hostile_html_is_stored_as_text_and_escaped(client, study_day, editor_user):
    """Hostile markup is kept as plain text and shown escaped, also to organisers."""
    post(client, study_day, form_data(organisation="<script>alert(1)</script>"))
    client.force_login(editor_user)
    response = client.get(f"/admin/studiedagen/{study_day.pk}/")
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html


def test_closed_registration_shows_message_and_refuses_post(client, study_day):
    """After closing, the page says so and a posted form is refused."""
    study_day.registration_closes = timezone.now() - datetime.timedelta(hours=1)
    study_day.save()
    assert "afgesloten" in client.get(study_day.url).content.decode()
    response = post(client, study_day, form_data())
    assert response.status_code == 400
    assert "afgesloten" in response.content.decode()
    assert not Registration.objects.exists()


def test_duplicate_email_does_not_reveal_the_registrant(client, study_day):
    """A second registration with a known e-mail tells nothing about who registered."""
    register(study_day, email="bekend@example.be", first_name="Geheime", last_name="Naam")
    response = post(client, study_day, form_data(email="bekend@example.be"))
    html = response.content.decode()
    assert "al ingeschreven" in html
    assert "Geheime" not in html and "Naam</" not in html


def test_full_day_registration_lands_on_waiting_list(client, study_day):
    """On a full day the form puts the visitor on the waiting list and says so."""
    study_day.capacity = 1
    study_day.save()
    register(study_day)
    response = post(client, study_day, form_data())
    assert response["Location"].endswith("?wachtlijst=1")
    assert "Je staat op de wachtlijst" in client.get(response["Location"]).content.decode()


def test_full_workshop_without_waiting_list_is_refused(client, workshop_day):
    """Choosing a full workshop without the waiting list re-shows the form with a message."""
    w = workshops_of(workshop_day)
    ids = [w["Trauma-sensitief werken"].pk, w["Online hulp"].pk]
    for n in range(2):
        register(workshop_day, n=n, workshop_ids=ids)
    slot_fields = {f"workshop_{w['Trauma-sensitief werken'].slot_id}": ids[0]}
    slot_fields[f"workshop_{w['Online hulp'].slot_id}"] = ids[1]
    response = post(client, workshop_day, form_data(waiting_list_ok=None, **slot_fields))
    assert "Deze workshop is volzet: Trauma-sensitief werken" in response.content.decode()


def test_unknown_workshop_id_is_refused(client, workshop_day):
    """A made-up workshop id gives a field error, never a 500."""
    w = workshops_of(workshop_day)
    data = form_data(**{f"workshop_{w['Online hulp'].slot_id}": "999999"})
    response = post(client, workshop_day, data)
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_custom_questions_are_asked_and_stored(client, study_day):
    """Editors' questions appear on the form; answers are stored with the registration."""
    diet = RegistrationQuestionFactory(study_day=study_day, label="Dieetwensen")
    lunch = RegistrationQuestionFactory(
        study_day=study_day,
        label="Blijf je lunchen?",
        kind=RegistrationQuestion.Kind.YES_NO,
        required=True,
    )
    room = RegistrationQuestionFactory(
        study_day=study_day,
        label="Voorkeur",
        kind=RegistrationQuestion.Kind.CHOICE,
        choices="Voormiddag\nNamiddag",
    )
    assert "Blijf je lunchen?" in client.get(study_day.url).content.decode()
    post(
        client,
        study_day,
        form_data(
            **{f"q_{diet.pk}": "vegetarisch", f"q_{lunch.pk}": "ja", f"q_{room.pk}": "Namiddag"}
        ),
    )
    answers = Registration.objects.get().answers
    assert answers[str(diet.pk)] == {"label": "Dieetwensen", "answer": "vegetarisch"}
    assert answers[str(room.pk)]["answer"] == "Namiddag"


def test_required_question_and_invalid_choice_are_refused(client, study_day):
    """A required question left open, or a choice not on the list, is refused."""
    lunch = RegistrationQuestionFactory(
        study_day=study_day, kind=RegistrationQuestion.Kind.YES_NO, required=True
    )
    room = RegistrationQuestionFactory(
        study_day=study_day, kind=RegistrationQuestion.Kind.CHOICE, choices="A\nB"
    )
    response = post(client, study_day, form_data(**{f"q_{room.pk}": "Z"}))
    html = response.content.decode()
    assert response.status_code == 400
    assert f"Beantwoord de vraag ‘{lunch.label}’." in html
    assert "Selecteer een geldige keuze." in html
    assert f"q_{lunch.pk}" in html
    assert not Registration.objects.exists()


def test_honeypot_stores_nothing(client, study_day):
    """A bot that fills the hidden field is thanked but nothing is stored or mailed."""
    response = post(client, study_day, form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not Registration.objects.exists()
    assert not mail.outbox


def test_public_form_is_rate_limited_per_address(client, study_day, settings):
    """Past the limit, further attempts from one address are refused in Dutch."""
    settings.STUDYDAYS_RATE_LIMIT = 2
    for n in range(2):
        post(client, study_day, form_data(email=f"r{n}@example.be"))
    response = post(client, study_day, form_data(email="r3@example.be"))
    assert response.status_code == 429
    assert "Te veel inschrijvingen" in response.content.decode()
    assert Registration.objects.count() == 2


def test_forms_with_errors_do_not_count_towards_the_limit(client, study_day, settings):
    """An empty form, a bad e-mail address or missing consent costs nothing: the limit counts
    only registrations that send mail."""
    settings.STUDYDAYS_RATE_LIMIT = 2
    mistakes = [{}, form_data(email="lies@example"), form_data(consent=None)]
    for data in mistakes * 2:
        assert post(client, study_day, data).status_code == 400
    for n in range(2):
        assert post(client, study_day, form_data(email=f"r{n}@example.be")).status_code == 302
    assert post(client, study_day, form_data(email="r3@example.be")).status_code == 429


def test_a_refusal_that_mails_nobody_does_not_count(client, study_day, settings):
    """Registering for a full day without the waiting list is refused without a mail, and free."""
    settings.STUDYDAYS_RATE_LIMIT = 1
    study_day.capacity = 1
    study_day.save_revision().publish()
    register(study_day, n=1)
    mail.outbox.clear()
    for _attempt in range(2):
        response = post(client, study_day, form_data(waiting_list_ok=None))
        assert response.status_code == 400
        assert "Deze studiedag is volzet." in response.content.decode()
    assert not mail.outbox
    assert post(client, study_day, form_data()).status_code == 302


def test_a_link_sent_again_counts_towards_the_limit(client, study_day, settings):
    """Registering an address again mails its link again, and that counts like a registration."""
    settings.STUDYDAYS_RATE_LIMIT = 2
    assert post(client, study_day, form_data(email="lies@example.be")).status_code == 302
    again = post(client, study_day, form_data(email="lies@example.be"))
    assert again.status_code == 400
    assert mail.outbox[-1].subject.startswith("Je persoonlijke link")
    assert post(client, study_day, form_data(email="karim@example.be")).status_code == 429


def test_an_office_registers_a_team_of_thirty_from_one_address(client, index_page, settings):
    """By default thirty colleagues behind one office address get in within the hour; more is
    refused."""
    if hasattr(settings, "STUDYDAYS_RATE_LIMIT"):
        del settings.STUDYDAYS_RATE_LIMIT
    study_day = StudyDayPageFactory(parent=index_page, capacity=100)
    for n in range(30):
        response = post(client, study_day, form_data(email=f"collega{n}@example.be"))
        assert response.status_code == 302
    assert post(client, study_day, form_data(email="nog-een@example.be")).status_code == 429
    assert Registration.objects.count() == 30


def test_staff_day_is_hidden_from_anonymous_visitors(client, index_page):
    """Anonymous visitors of a staff study day are sent to the login page."""
    staff_day = StudyDayPageFactory(parent=index_page, audience=Audience.STAFF)
    response = client.get(staff_day.url)
    assert response.status_code == 302
    assert "/account/inloggen/" in response["Location"]


def test_staff_day_form_is_prefilled_and_uses_account(staff_client, staff_user, index_page):
    """Staff see their own details filled in and cannot register someone else."""
    staff_day = StudyDayPageFactory(parent=index_page, audience=Audience.STAFF)
    html = staff_client.get(staff_day.url).content.decode()
    assert f'value="{staff_user.email}"' in html and "disabled" in html
    with committing():
        staff_client.post(staff_day.url, form_data(email="ander@example.be"))
    registration = Registration.objects.get()
    assert (registration.email, registration.user) == (staff_user.email, staff_user)


def test_public_day_form_is_prefilled_for_staff_and_stays_editable(client, staff_user, study_day):
    """Logged-in staff find their name, e-mail and organisation filled in on a public day's form."""
    client.force_login(staff_user)
    html = client.get(study_day.url).content.decode()
    email_input = re.search(r'<input type="email" name="email"[^>]*>', html).group()
    assert f'value="{staff_user.email}"' in email_input
    assert "disabled" not in email_input
    for value in (staff_user.first_name, staff_user.last_name, str(staff_user.organisation)):
        assert f'value="{escape(value)}"' in html


def test_public_day_form_is_empty_for_anonymous_visitors(client, study_day):
    """Someone who is not logged in starts from an empty form."""
    html = client.get(study_day.url).content.decode()
    assert "value=" not in re.search(r'<input type="email" name="email"[^>]*>', html).group()


def test_editor_sees_alternation_warning_on_page(client, editor_user, index_page):
    """An editor sees on the page that it deviates from CANO's rhythm; visitors don't."""
    last_staff = StudyDayPageFactory(
        parent=index_page, audience=Audience.STAFF, date=datetime.date(2025, 3, 1)
    )
    deviating = StudyDayPageFactory(
        parent=index_page, audience=Audience.STAFF, date=datetime.date(2026, 12, 1)
    )
    assert last_staff.pk
    assert "wijkt af" not in client.get(deviating.url).content.decode()
    client.force_login(editor_user)
    html = client.get(deviating.url).content.decode()
    assert "2026 een jaar voor: Externen" in html and "wijkt af" in html


def test_visitors_behind_one_trusted_proxy_keep_separate_limits(client, study_day, settings):
    """One visitor using up the limit behind the proxy does not block the next visitor."""
    settings.STUDYDAYS_RATE_LIMIT = 2
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    first = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    second = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.6"}
    with committing():
        for n in range(3):
            last = client.post(study_day.url, form_data(email=f"a{n}@example.be"), **first)
        other = client.post(study_day.url, form_data(email="b@example.be"), **second)
    assert last.status_code == 429
    assert other.status_code == 302
    assert Registration.objects.filter(email="b@example.be").exists()


def test_spoofed_forwarded_for_does_not_reset_the_limit(client, study_day, settings):
    """A visitor who is not the proxy stays one visitor whatever X-Forwarded-For he sends."""
    settings.STUDYDAYS_RATE_LIMIT = 2
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    with committing():
        for n in range(3):
            response = client.post(
                study_day.url,
                form_data(email=f"s{n}@example.be"),
                REMOTE_ADDR="198.51.100.7",
                HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
            )
    assert response.status_code == 429
    assert Registration.objects.count() == 2
