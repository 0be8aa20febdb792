import pytest

from tests.factories.accounts import StaffFactory, facilitator
from tests.factories.intervision import CaseFactory, IntervisionGroupFactory


@pytest.fixture
def poster(db):
    return StaffFactory(first_name="Sara")


@pytest.fixture
def colleague(db):
    return StaffFactory(first_name="Karim")


@pytest.fixture
def group_facilitator(db):
    return facilitator(first_name="Ingrid")


@pytest.fixture
def group(poster, colleague, group_facilitator):
    return IntervisionGroupFactory(
        name="Intervisie Gent", members=[poster, colleague], facilitators=[group_facilitator]
    )


@pytest.fixture
def other_group_member(db):
    """A staff member of another intervision group."""
    member = StaffFactory()
    IntervisionGroupFactory(name="Intervisie Hasselt", members=[member])
    return member


@pytest.fixture
def case(group, poster):
    return CaseFactory(group=group, author=poster, title="Jongere weigert contact met school")
