"""Search applies the membership rule inside the index, with the configured backend."""

import pytest

from cano.hooks import search_sources
from intervision import services
from intervision.models import Case, Contribution, Lesson
from tests.factories.accounts import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def source_for(model):
    return next(source for source in search_sources() if source.model is model)


def found(model, user, query):
    return list(source_for(model).visible_to(user).search(query))


@pytest.fixture
def indexed_case(group, poster):
    return services.case_create(
        group=group,
        author=poster,
        title="Schoolweigering bij een tiener",
        question="Hoe motiveer ik de tiener?",
        context="<p>Zeldzaamwoord spijbelgedrag</p>",
        method=None,
    )


def test_member_finds_the_case(indexed_case, colleague):
    """A member of the group finds the case by a word of its context."""
    assert found(Case, colleague, "spijbelgedrag") == [indexed_case]


def test_non_members_do_not_find_the_case(indexed_case, other_group_member):
    """Staff outside the group, members of other groups and non-staff find nothing."""
    for user in (StaffFactory(), other_group_member, UserFactory()):
        assert found(Case, user, "spijbelgedrag") == []
        assert source_for(Case).visible_to(user).search("spijbelgedrag").count() == 0


def test_autocomplete_respects_membership(indexed_case, colleague):
    """Autocomplete on the title suggests the case to members only."""
    visible = source_for(Case).visible_to
    assert list(visible(colleague).autocomplete("Schoolweig")) == [indexed_case]
    assert list(visible(StaffFactory()).autocomplete("Schoolweig")) == []


def test_contributions_found_by_members_only(indexed_case, colleague, poster):
    """A reply is found by group members, not by other staff; hidden replies by nobody."""
    phase = indexed_case.method.phases.first() if indexed_case.method else None
    contribution = services.contribution_create(
        case=indexed_case, author=colleague, body="Hypothese: faalangst", phase=phase
    )
    assert found(Contribution, poster, "faalangst") == [contribution]
    assert found(Contribution, StaffFactory(), "faalangst") == []


def test_lessons_found_by_all_staff_only(indexed_case, poster):
    """A published lesson is found by any staff member, not by non-staff accounts."""
    services.case_mark_discussed(case=indexed_case, user=poster)
    services.case_close(
        case=indexed_case,
        user=poster,
        takeaway="Rust",
        lesson_title="Kleine stappen",
        lesson_body="Voorspelbaarheid werkt bij schoolangst.",
    )
    lesson = Lesson.objects.get()
    assert found(Lesson, StaffFactory(), "voorspelbaarheid") == [lesson]
    assert found(Lesson, UserFactory(), "voorspelbaarheid") == []
    assert found(Case, StaffFactory(), "spijbelgedrag") == []


def test_edited_case_is_reindexed(indexed_case, poster, colleague):
    """After an edit, the new words are found and the old ones are not."""
    services.case_update(
        case=indexed_case,
        user=poster,
        expected_version=indexed_case.version,
        title=indexed_case.title,
        question=indexed_case.question,
        context="<p>Nieuwe omschrijving over pestgedrag</p>",
        method=indexed_case.method,
    )
    assert found(Case, colleague, "pestgedrag") == [indexed_case]
    assert found(Case, colleague, "spijbelgedrag") == []
