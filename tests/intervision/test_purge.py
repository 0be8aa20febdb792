"""The retention purge: closed cases go after the retention period, lessons stay."""

import logging
from datetime import UTC, datetime, timedelta

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from intervision import services
from intervision.models import Case, CaseDocument, Contribution, Lesson

pytestmark = pytest.mark.django_db


def close(case, poster, days_ago, lesson=True):
    services.case_mark_discussed(case=case, user=poster)
    services.case_close(
        case=case,
        user=poster,
        takeaway="Geheime afronding",
        lesson_title="Les" if lesson else "",
        lesson_body="Een les voor iedereen." if lesson else "",
    )
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - timedelta(days=days_ago))


def test_purge_removes_old_closed_cases_and_keeps_the_lesson(case, poster, colleague, caplog):
    """A case closed over 12 months ago is removed with its replies and files; its lesson stays."""
    services.contribution_create(
        case=case, author=colleague, body="Vraag", phase=case.method.phases.first()
    )
    document = services.case_document_add(
        case=case, user=poster, upload=SimpleUploadedFile("a.pdf", b"%PDF", "application/pdf")
    )
    path = document.file.path
    close(case, poster, days_ago=400)
    with caplog.at_level(logging.INFO, logger="intervision.services"):
        call_command("intervision_purge", stdout=None)
    assert not Case.objects.exists()
    assert not Contribution.objects.exists()
    assert not CaseDocument.objects.exists()
    import os

    assert not os.path.exists(path)
    lesson = Lesson.objects.get()
    assert lesson.source_case is None
    assert "1 cases, 1 contributions, 1 documents" in caplog.text
    assert case.title not in caplog.text
    assert "Geheime afronding" not in caplog.text


def test_purge_keeps_recent_and_open_cases(group, case, poster):
    """Cases closed within the period and cases still open are kept."""
    from tests.factories.intervision import CaseFactory

    close(case, poster, days_ago=30)
    CaseFactory(group=group)
    assert services.cases_purge()["cases"] == 0
    assert Case.objects.count() == 2


def test_retention_is_configurable(case, poster, settings):
    """INTERVISION_RETENTION_MONTHS shortens the period."""
    settings.INTERVISION_RETENTION_MONTHS = 1
    close(case, poster, days_ago=40, lesson=False)
    assert services.cases_purge()["cases"] == 1


def closed_on(case, poster, moment):
    close(case, poster, days_ago=0)
    Case.objects.filter(pk=case.pk).update(closed_at=moment)


def test_closed_case_page_says_when_it_is_erased(client, case, poster):
    """Members read on a closed case the date after which the purge erases it."""
    closed_on(case, poster, datetime(2026, 3, 10, 12, tzinfo=UTC))
    client.force_login(poster)
    content = client.get(case.get_absolute_url()).content.decode()
    assert "Na woensdag 10 maart 2027 wissen we deze casus" in content
    assert "De geleerde les blijft." in content


def test_erase_date_follows_the_retention_setting(client, case, poster, settings):
    """A shorter INTERVISION_RETENTION_MONTHS moves the date; a missing day becomes the month's last."""
    settings.INTERVISION_RETENTION_MONTHS = 6
    closed_on(case, poster, datetime(2026, 8, 31, 12, tzinfo=UTC))
    client.force_login(poster)
    assert (
        "Na zondag 28 februari 2027 wissen we"
        in client.get(case.get_absolute_url()).content.decode()
    )


def test_open_case_page_names_no_erase_date(client, case, poster):
    """A case still under discussion is not yet counting down."""
    client.force_login(poster)
    assert "wissen we deze casus" not in client.get(case.get_absolute_url()).content.decode()
