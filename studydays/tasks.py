"""Background work of the study days: mails, reminders, anonymisation."""

from django_tasks import task

from .models import Registration, StudyDayPage


@task()
def send_registration_mail(registration_id: int, kind: str) -> None:
    from .emails import registration_mail_send

    registration = (
        Registration.objects.filter(pk=registration_id).select_related("study_day").first()
    )
    if registration is None or registration.personal_data_erased:
        return
    registration_mail_send(registration=registration, kind=kind)


@task()
def send_message_to_registrants(
    study_day_id: int, subject: str, body: str, include_waiting: bool
) -> int:
    from .emails import registrants_message_send

    study_day = StudyDayPage.objects.get(pk=study_day_id)
    return registrants_message_send(
        study_day=study_day, subject=subject, body=body, include_waiting=include_waiting
    )


@task()
def send_reminders() -> int:
    from .services import reminders_send

    return reminders_send()


@task()
def anonymise_past_registrations() -> int:
    from .services import registrations_anonymise_due

    return registrations_anonymise_due()
