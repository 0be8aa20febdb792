from io import StringIO

import pytest

from django.core.management import call_command

from intervision.guard import find_identifying
from intervision.models import Case, Contribution, IntervisionGroup, Lesson

pytestmark = pytest.mark.django_db


def test_demo_has_groups_cases_in_each_status_and_lessons():
    """seed_demo adds two groups, cases in every status and lessons, and is idempotent."""
    call_command("seed_demo", stdout=StringIO())
    counts = (Case.objects.count(), Contribution.objects.count(), Lesson.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Case.objects.count(), Contribution.objects.count(), Lesson.objects.count()) == counts
    assert IntervisionGroup.objects.count() == 2
    assert set(Case.objects.values_list("status", flat=True)) == set(Case.Status.values)
    assert Lesson.objects.count() >= 2


def test_demo_cases_pass_the_guard():
    """The demo cases are written pseudonymised: the guard finds nothing in them."""
    call_command("seed_demo", stdout=StringIO())
    for case in Case.objects.all():
        assert find_identifying(f"{case.title}\n{case.question}\n{case.context}") == []
