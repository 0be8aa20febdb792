"""Background work of the study days: mails, reminders, anonymisation.

A task whose worker died is run again (cano.tasks); each mail is claimed as a step first, so a
task run twice mails nobody twice. Reminders and anonymisation record their own progress.
"""

from functools import partial

from django_tasks import TaskContext, task

from cano.tasks.services import task_step_claim

from .models import Registration, StudyDayPage


@task(takes_context=True)
def send_registration_mail(context: TaskContext, registration_id: int, kind: str) -> None:
    from .emails import registration_mail_send

    registration = (
        Registration.objects.filter(pk=registration_id).select_related("study_day").first()
    )
    if registration is None or registration.personal_data_erased:
        return
    if not task_step_claim(context=context, key="mail"):
        return
    registration_mail_send(registration=registration, kind=kind)


@task(takes_context=True)
def send_message_to_registrants(
    context: TaskContext, study_day_id: int, subject: str, body: str, include_waiting: bool
) -> int:
    from .emails import registrants_message_send

    study_day = StudyDayPage.objects.get(pk=study_day_id)
    return registrants_message_send(
        study_day=study_day,
        subject=subject,
        body=body,
        include_waiting=include_waiting,
        claim=partial(task_step_claim, context=context),
    )


@task()
def send_reminders() -> int:
    from .services import reminders_send

    return reminders_send()


@task()
def anonymise_past_registrations() -> int:
    from .services import registrations_anonymise_due

    return registrations_anonymise_due()
