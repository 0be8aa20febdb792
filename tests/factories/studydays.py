import datetime
import uuid

import factory
import wagtail_factories

from django.utils import timezone

from studydays.models import (
    Audience,
    Registration,
    RegistrationQuestion,
    StudyDayIndexPage,
    StudyDayPage,
)

from .pages import PublishedPageFactory


def programme(*slots):
    """Raw programme data: each slot is (title, [(workshop title, capacity), ...])."""
    data = []
    for index, (title, workshops) in enumerate(slots):
        data.append(
            {
                "type": "slot",
                "value": {
                    "start": f"{10 + index * 2:02d}:00",
                    "end": f"{11 + index * 2:02d}:30",
                    "title": title,
                    "sessions": [],
                    "workshops": [
                        {
                            "type": "item",
                            "id": str(uuid.uuid4()),
                            "value": {
                                "title": name,
                                "speaker": "",
                                "room": "",
                                "description": "",
                                "capacity": capacity,
                            },
                        }
                        for name, capacity in workshops
                    ],
                },
            }
        )
    return data


class StudyDayIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StudyDayIndexPage

    title = "Studiedagen"
    slug = "studiedagen"


class StudyDayPageFactory(PublishedPageFactory):
    class Meta:
        model = StudyDayPage

    title = factory.Sequence(lambda n: f"Studiedag {n}")
    date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    start_time = datetime.time(9, 0)
    end_time = datetime.time(16, 30)
    audience = Audience.EXTERNAL
    venue_name = "Provinciehuis Leuven"
    venue_address = "Provincieplein 1, 3010 Leuven"
    capacity = 10
    # Open now and until the day starts (at most twenty days from now), whatever the date.
    registration_closes = factory.LazyAttribute(
        lambda day: min(
            timezone.now() + datetime.timedelta(days=20),
            timezone.make_aware(datetime.datetime.combine(day.date, day.start_time)),
        )
    )
    registration_opens = factory.LazyAttribute(
        lambda day: min(
            timezone.now() - datetime.timedelta(days=1),
            day.registration_closes - datetime.timedelta(days=1),
        )
    )


class RegistrationQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationQuestion

    label = "Dieetwensen"
    kind = RegistrationQuestion.Kind.TEXT


def register(study_day, n=None, **kwargs):
    """Register someone through the service (so the rules apply), with defaults."""
    from studydays.services import registration_create

    n = n if n is not None else Registration.objects.count() + 1
    values = {
        "first_name": f"Deelnemer{n}",
        "last_name": "Test",
        "email": f"deelnemer{n}@example.be",
        "organisation": "Hogeschool Gent",
        "consent": True,
    }
    values.update(kwargs)
    with committing():
        return registration_create(study_day=study_day, **values)


def committing():
    """Run on-commit work (the mails) when the block ends, as a real commit would."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def study_day_move(study_day, date: datetime.date) -> None:
    """Move a day that people registered for to another date; registration closes as it starts."""
    study_day.date = date
    study_day.registration_closes = study_day.starts_at
    study_day.registration_opens = min(
        study_day.registration_opens, study_day.registration_closes - datetime.timedelta(days=1)
    )
    study_day.save()
