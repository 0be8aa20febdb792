import datetime

import pytest

from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from cano.templatetags.cano_format import long_datetime
from studydays.models import Registration, StudyDayPage
from tests.factories.studydays import StudyDayPageFactory, committing, register
from tests.studydays.conftest import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_rate_limit():
    cache.clear()


@pytest.fixture
def editor_client(client, editor_user):
    client.force_login(editor_user)
    return client


def admin_add(editor_client, index_page, **overrides):
    """An editor adds a study day in the admin and presses Publish."""
    day = timezone.localdate() + datetime.timedelta(days=40)
    data = {
        "title": "Studiedag veerkracht",
        "slug": "studiedag-veerkracht",
        "date": day.isoformat(),
        "start_time": "09:00",
        "end_time": "16:00",
        "audience": "externen",
        "venue_name": "Gent",
        "capacity": "50",
        "registration_opens": f"{timezone.localdate():%Y-%m-%d} 00:00",
        "registration_closes": "",
        "price": "",
        "payment_info": "",
        "programme-count": "0",
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return editor_client.post(f"/admin/pages/add/studydays/studydaypage/{index_page.pk}/", data)


def test_page_shows_the_deadline(client, study_day):
    """The page says until when one can register."""
    html = client.get(study_day.url).content.decode()
    assert 'id="registration-deadline"' in html
    assert "Inschrijven tot" in html


def test_after_the_deadline_the_form_is_closed_and_a_post_refused(client, study_day):
    """Past the deadline the page says so with the date, shows no form, and a POST registers nobody."""
    study_day.registration_closes = timezone.now() - datetime.timedelta(minutes=5)
    study_day.save_revision().publish()
    html = client.get(study_day.url).content.decode()
    deadline = timezone.localtime(study_day.registration_closes)
    assert f"inschrijven kon tot {long_datetime(deadline)}" in html
    assert 'name="consent"' not in html
    with committing():
        response = client.post(study_day.url, form_data())
    assert response.status_code == 400
    assert "inschrijven kon tot" in response.content.decode()
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_past_day_shows_no_places_and_no_form(client, index_page):
    """A day gone by shows no free places, no form, and refuses a registration."""
    past = StudyDayPageFactory(
        parent=index_page, date=timezone.localdate() - datetime.timedelta(days=2)
    )
    html = client.get(past.url).content.decode()
    assert "Deze studiedag is voorbij" in html
    assert "plaatsen vrij" not in html
    assert 'name="consent"' not in html
    with committing():
        response = client.post(past.url, form_data())
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_empty_deadline_defaults_to_three_days_before(editor_client, index_page):
    """An editor who leaves the deadline empty gets three days before the day, 23.59."""
    response = admin_add(editor_client, index_page)
    assert response.status_code == 302
    page = StudyDayPage.objects.get(slug="studiedag-veerkracht")
    closes = timezone.localtime(page.registration_closes)
    assert closes.date() == page.date - datetime.timedelta(days=3)
    assert (closes.hour, closes.minute) == (23, 59)


def test_deadline_after_the_day_is_refused(editor_client, index_page):
    """A deadline after the day has started gives a Dutch error and creates nothing."""
    day = timezone.localdate() + datetime.timedelta(days=40)
    response = admin_add(
        editor_client,
        index_page,
        registration_closes=f"{day + datetime.timedelta(days=1):%Y-%m-%d} 12:00",
    )
    assert response.status_code == 200
    assert "De inschrijving moet sluiten voor de studiedag begint." in response.content.decode()
    assert not StudyDayPage.objects.filter(slug="studiedag-veerkracht").exists()


def test_empty_required_fields_are_refused(editor_client, index_page):
    """Without a date and a venue the admin says what is missing, and creates nothing."""
    response = admin_add(editor_client, index_page, date="", venue_name="")
    assert response.status_code == 200
    assert not StudyDayPage.objects.filter(slug="studiedag-veerkracht").exists()


def test_price_without_payment_information_is_refused(editor_client, index_page):
    """A price needs a word on how and when to pay."""
    response = admin_add(editor_client, index_page, price="35.00")
    assert response.status_code == 200
    assert "Zeg hoe en wanneer deelnemers betalen" in response.content.decode()
    assert not StudyDayPage.objects.filter(slug="studiedag-veerkracht").exists()


def test_payment_information_on_the_page_and_in_the_confirmation(editor_client, index_page):
    """The price comes with how and when to pay, on the page (escaped) and in the e-mail."""
    payment = "Betaal op BE12 3456 7890 1234 voor 1 maart. <script>alert(1)</script>"
    response = admin_add(editor_client, index_page, price="35.00", payment_info=payment)
    assert response.status_code == 302
    page = StudyDayPage.objects.get(slug="studiedag-veerkracht")
    editor_client.logout()
    html = editor_client.get(page.url).content.decode()
    assert "€ 35.00" in html or "€ 35,00" in html
    assert "Betaal op BE12 3456 7890 1234 voor 1 maart." in html
    assert "<script>alert(1)</script>" not in html
    with committing():
        register(page, email="betaler@example.be")
    body = mail.outbox[-1].body
    assert "Betaal op BE12 3456 7890 1234 voor 1 maart." in body
