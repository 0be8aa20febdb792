"""The study days on the member's account page, and the form filled in from the account."""

import datetime

import pytest

from django.urls import reverse
from django.utils import timezone

from studydays.links import registration_token
from studydays.models import Registration
from tests.factories.studydays import StudyDayPageFactory, register

pytestmark = pytest.mark.django_db

ACCOUNT_URL = reverse("accounts:account")


def test_account_lists_upcoming_registration_with_its_manage_link(client, staff_user, study_day):
    """An upcoming registration links to its personal page, where it is changed or cancelled."""
    registration = register(study_day, email=staff_user.email, user=staff_user)
    client.force_login(staff_user)
    html = client.get(ACCOUNT_URL).content.decode()
    assert study_day.title in html
    assert "Inschrijving wijzigen of annuleren" in html
    # The token carries the second it was signed: compare the signed registration, not the time.
    payload = registration_token(registration).split(":")[0]
    assert f"/studiedagen/inschrijving/{payload}:" in html


def test_account_lists_past_study_days_without_manage_link(client, staff_user, index_page):
    """A study day gone by is listed as past, with nothing left to change."""
    past_day = StudyDayPageFactory(
        parent=index_page,
        title="Studiedag vorig jaar",
        date=timezone.localdate() - datetime.timedelta(days=40),
        registration_opens=timezone.now() - datetime.timedelta(days=90),
        registration_closes=timezone.now() - datetime.timedelta(days=50),
    )
    Registration.objects.create(
        study_day=past_day,
        user=staff_user,
        first_name=staff_user.first_name,
        last_name=staff_user.last_name,
        email=staff_user.email,
        organisation="Org",
        status=Registration.Status.REGISTERED,
        consent_at=timezone.now() - datetime.timedelta(days=60),
    )
    client.force_login(staff_user)
    html = client.get(ACCOUNT_URL).content.decode()
    assert "Voorbije studiedagen" in html and "Studiedag vorig jaar" in html
    assert "Inschrijving wijzigen of annuleren" not in html


def test_cancelled_registration_is_not_listed(client, staff_user, study_day):
    """A registration the member cancelled is gone from the account page."""
    registration = register(study_day, email=staff_user.email, user=staff_user)
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.CANCELLED)
    client.force_login(staff_user)
    html = client.get(ACCOUNT_URL).content.decode()
    assert study_day.title not in html
