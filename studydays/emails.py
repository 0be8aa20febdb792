"""The e-mails to registrants: Dutch plain text, a personal link, and an .ics for the calendar."""

from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from cano.ical import calendar_ics
from cano.templatetags.cano_format import short_date

from .links import registration_url
from .models import Registration, StudyDayPage
from .selectors import registration_waiting_for, study_day_calendar_event

SUBJECTS = {
    "confirmation": "Bevestiging van je inschrijving: {title}",
    "waiting": "Je staat op de wachtlijst: {title}",
    "promoted": "Er is een plaats vrij: je bent ingeschreven voor {title}",
    "cancelled": "Je inschrijving is geannuleerd: {title}",
    "reminder": "Herinnering: {title} op {date}",
    "link": "Je persoonlijke link voor {title}",
}
WITH_CALENDAR = {"confirmation", "promoted", "reminder"}


def base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def study_day_ics(study_day: StudyDayPage) -> bytes:
    return calendar_ics(
        [study_day_calendar_event(study_day)], name=study_day.title, base_url=base_url()
    )


def registration_mail_send(*, registration: Registration, kind: str) -> None:
    study_day = registration.study_day
    context = {
        "registration": registration,
        "study_day": study_day,
        "kind": kind,
        "personal_url": registration_url(registration),
        "page_url": base_url() + (study_day.url or "/"),
        "workshops": [
            c.workshop
            for c in registration.workshop_choices.select_related("workshop").order_by(
                "workshop__sort_order"
            )
        ],
    }
    if kind == "waiting":
        context["waiting_for"] = registration_waiting_for(registration=registration)
    subject = SUBJECTS[kind].format(title=study_day.title, date=short_date(study_day.date))
    body = render_to_string(f"studydays/email/{kind}.txt", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )
    if kind in WITH_CALENDAR:
        message.attach("studiedag.ics", study_day_ics(study_day), "text/calendar")
    message.send()


def registrants_message_send(
    *,
    study_day: StudyDayPage,
    subject: str,
    body: str,
    include_waiting: bool,
    claim: Callable[..., bool] | None = None,
) -> int:
    """Mail the message to each registrant; `claim(key=...)` is asked before each mail and a
    False skips it (a task run again after a crash skips whom it already mailed)."""
    statuses = [Registration.Status.REGISTERED]
    if include_waiting:
        statuses.append(Registration.Status.WAITING)
    sent = 0
    for registration in Registration.objects.filter(study_day=study_day, status__in=statuses):
        if claim is not None and not claim(key=f"registration:{registration.pk}"):
            continue
        text = render_to_string(
            "studydays/email/message.txt",
            {
                "registration": registration,
                "study_day": study_day,
                "body": body,
                "personal_url": registration_url(registration),
            },
        )
        EmailMultiAlternatives(
            subject=subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[registration.email],
        ).send()
        sent += 1
    return sent
