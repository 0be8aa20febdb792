"""The retention purge: closed cases go after the retention period, lessons stay."""

import logging
from datetime import timedelta

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
