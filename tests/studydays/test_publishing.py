"""What publishing a study day puts into effect, and what a draft leaves alone."""

import pytest

from django.core import mail

from cano.home.privacy import page_is_staff_only
from studydays.models import Audience, Registration
from tests.factories.studydays import StudyDayPageFactory, committing, programme, register
from tests.studydays.conftest import workshops_of

pytestmark = pytest.mark.django_db

PROGRAMME = programme(("Workshopronde 1", [("Trauma-sensitief werken", 2)]))


@pytest.fixture
def draft_day(index_page):
    """A staff day with one workshop, created as a draft and never published."""
    return StudyDayPageFactory(
        parent=index_page, audience=Audience.STAFF, programme=PROGRAMME, live=False, published=False
    )


@pytest.fixture
def full_day(study_day):
    """A day whose 10 places are taken, with one person on the waiting list."""
    for n in range(1, 11):
        register(study_day, n=n)
    waiting = register(study_day, n=11)
    mail.outbox.clear()
    return study_day, waiting


def test_a_new_draft_has_no_workshops_and_no_restriction(draft_day):
    """A study day saved as a new draft offers no workshops and writes no restriction yet."""
    assert workshops_of(draft_day) == {}
    assert not page_is_staff_only(draft_day)


def test_first_publish_syncs_workshops_and_restricts_a_staff_day(draft_day):
    """Publishing the draft creates its workshops and makes the staff day staff-only."""
    draft_day.save_revision().publish()
    assert set(workshops_of(draft_day)) == {"Trauma-sensitief werken"}
    assert page_is_staff_only(draft_day)


def test_raised_capacity_in_a_draft_promotes_nobody(full_day):
    """Raising the capacity in a draft leaves the waiting list as it is, and mails nobody."""
    study_day, waiting = full_day
    study_day.capacity = 11
    with committing():
        study_day.save_revision()
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.WAITING
    assert mail.outbox == []


def test_publishing_a_raised_capacity_promotes_and_mails(full_day):
    """Publishing the raised capacity gives the waiting person the place and mails them."""
    study_day, waiting = full_day
    study_day.capacity = 11
    with committing():
        study_day.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.REGISTERED
    assert [message.to for message in mail.outbox] == [[waiting.email]]


def test_audience_changed_in_a_draft_applies_at_publish(study_day):
    """A day switched to staff in a draft stays public until the draft is published."""
    study_day.audience = Audience.STAFF
    study_day.save_revision()
    assert not page_is_staff_only(study_day)
    study_day.save_revision().publish()
    assert page_is_staff_only(study_day)
