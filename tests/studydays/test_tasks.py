import datetime

import pytest

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from studydays.models import Registration, StudyDayStatistics
from studydays.services import registrations_anonymise_due, reminders_send
from tests.factories.studydays import committing, register, study_day_move
from tests.studydays.conftest import workshops_of

pytestmark = pytest.mark.django_db


def move_day(study_day, days_from_today):
    study_day_move(study_day, timezone.localdate() + datetime.timedelta(days=days_from_today))


def test_reminder_goes_to_registered_only_once(study_day):
    """A few days before, registered people get one reminder with the .ics; waiting people none."""
    study_day.capacity = 1
    study_day.save()
    register(study_day, email="komt@example.be")
    register(study_day, email="wacht@example.be")
    move_day(study_day, 2)
    mail.outbox.clear()
    with committing():
        reminders_send()
        reminders_send()
    assert [m.to for m in mail.outbox] == [["komt@example.be"]]
    assert mail.outbox[0].subject.startswith("Herinnering")
    assert mail.outbox[0].attachments


def test_no_reminder_for_a_day_far_away(study_day):
    """A day weeks away gets no reminder yet."""
    register(study_day)
    mail.outbox.clear()
    with committing():
        assert reminders_send() == 0
    assert not mail.outbox


def test_reminder_command_enqueues_the_task(study_day):
    """The management command runs the reminder task (immediately in tests)."""
    register(study_day, email="komt@example.be")
    move_day(study_day, 1)
    mail.outbox.clear()
    with committing():
        call_command("studydays_send_reminders")
    assert [m.to for m in mail.outbox] == [["komt@example.be"]]


def test_anonymisation_keeps_only_counts(workshop_day, settings):
    """Six months after the day, registrations are replaced by counts."""
    w = workshops_of(workshop_day)
    ids = [w["Participatie"].pk, w["Netwerkversterking"].pk]
    for n in range(3):
        register(workshop_day, n=n, workshop_ids=ids)
    move_day(workshop_day, -200)
    assert registrations_anonymise_due() == 1
    assert not Registration.objects.filter(study_day=workshop_day).exists()
    statistics = StudyDayStatistics.objects.get(study_day=workshop_day)
    assert (statistics.registered, statistics.waiting) == (2, 1)
    assert statistics.per_workshop == {"Participatie": 2, "Netwerkversterking": 2}


def test_recent_day_is_not_anonymised(study_day):
    """A day that passed recently keeps its registrations."""
    register(study_day)
    move_day(study_day, -30)
    call_command("studydays_anonymise")
    assert Registration.objects.filter(study_day=study_day).exists()


def test_retention_is_configurable(study_day, settings):
    """The retention period comes from STUDYDAYS_RETENTION_DAYS."""
    register(study_day)
    move_day(study_day, -30)
    settings.STUDYDAYS_RETENTION_DAYS = 10
    call_command("studydays_anonymise")
    assert not Registration.objects.filter(study_day=study_day).exists()
