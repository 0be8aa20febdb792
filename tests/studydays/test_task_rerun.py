"""Study-day mail tasks run again after a worker died mail nobody twice."""

from datetime import timedelta

import pytest
from django_tasks import TaskResultStatus

from django.core import mail

from cano.tasks.models import TaskStep
from studydays.tasks import registrants_message_send_task, registration_mail_send_task
from tests.factories.studydays import register
from tests.factories.tasks import DB_QUEUE, WORKER_IN_PROCESS, run_worker, task_left_running

pytestmark = pytest.mark.django_db


@WORKER_IN_PROCESS
def test_message_to_registrants_run_again_skips_whom_it_mailed(study_day, settings):
    """A message task resumed after a crash mails only the registrants not yet claimed."""
    first, second, third = (register(study_day) for _ in range(3))
    mail.outbox.clear()
    settings.TASKS = DB_QUEUE
    result = registrants_message_send_task.enqueue(
        study_day.pk, "Praktische info", "Parkeren", False
    )
    # The killed attempt had claimed (and maybe sent) the first registrant's mail.
    TaskStep.objects.create(task_result_id=str(result.id), key=f"registration:{first.pk}")
    task_left_running(result, workers=["killed"], started_ago=timedelta(hours=1))

    run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([second.email, third.email])


@WORKER_IN_PROCESS
def test_registration_mail_run_again_is_not_sent_twice(study_day, settings):
    """A confirmation task resumed after its mail was claimed does not send it again."""
    registration = register(study_day)
    mail.outbox.clear()
    settings.TASKS = DB_QUEUE
    result = registration_mail_send_task.enqueue(registration.pk, "confirmation")
    TaskStep.objects.create(task_result_id=str(result.id), key="mail")
    row = task_left_running(result, workers=["killed"], started_ago=timedelta(hours=1))

    run_worker()
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert mail.outbox == []
