import pytest

from studydays.models import Registration, Workshop
from tests.factories.studydays import register
from tests.studydays.conftest import workshops_of

pytestmark = pytest.mark.django_db


def test_places_taken_count_registered_people_only(workshop_day):
    """A workshop's places taken leave out the waiting list and cancelled registrations."""
    w = workshops_of(workshop_day)
    choice = [w["Trauma-sensitief werken"].pk, w["Participatie"].pk]
    first = register(workshop_day, workshop_ids=choice)
    register(workshop_day, workshop_ids=choice)
    waiting = register(workshop_day, workshop_ids=choice)
    assert waiting.status == Registration.Status.WAITING
    Registration.objects.filter(pk=first.pk).update(status=Registration.Status.CANCELLED)

    taken = dict(
        Workshop.objects.filter(study_day=workshop_day)
        .with_places_taken()
        .values_list("title", "places_taken")
    )
    assert taken == {
        "Trauma-sensitief werken": 1,
        "Netwerkversterking": 0,
        "Participatie": 1,
        "Online hulp": 0,
    }
