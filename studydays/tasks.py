"""Background work of the study days: mails, reminders, anonymisation.

A task whose worker died is run again (cano.tasks); each mail is claimed as a step first, so a
task run twice mails nobody twice. Reminders and anonymisation record their own progress.
"""

from functools import partial

from django_tasks import TaskContext, task

from cano.tasks.services import task_step_claim

# services imports this module as well; each names the other by module, so either may load first.
from . import emails, services
from .models import Registration, StudyDayPage


@task(takes_context=True)
def registration_mail_send_task(context: TaskContext, registration_id: int, kind: str) -> None:
    registration = (
        Registration.objects.filter(pk=registration_id).select_related("study_day").first()
    )
    if registration is None or registration.personal_data_erased:
        return
    if not task_step_claim(context=context, key="mail"):
        return
    emails.registration_mail_send(registration=registration, kind=kind)


@task(takes_context=True)
def registrants_message_send_task(
    context: TaskContext, study_day_id: int, subject: str, body: str, include_waiting: bool
) -> int:
    study_day = StudyDayPage.objects.get(pk=study_day_id)
    return emails.registrants_message_send(
        study_day=study_day,
        subject=subject,
        body=body,
        include_waiting=include_waiting,
        claim=partial(task_step_claim, context=context),
    )


@task()
def reminders_send_task() -> int:
    return services.reminders_send()


@task()
def registrations_anonymise_due_task() -> int:
    return services.registrations_anonymise_due()
