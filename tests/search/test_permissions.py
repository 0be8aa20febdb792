"""The site search applies every visibility rule inside the query: results, counts, facets,
suggestions and autocomplete alike."""

import pytest

from django.core.cache import cache
from django.test import Client

from tests.factories import StaffFactory
from tests.factories.intervision import (
    CaseFactory,
    ContributionFactory,
    IntervisionGroupFactory,
    LessonFactory,
)
from tests.factories.workgroups import (
    WorkgroupIndexPageFactory,
    WorkgroupPageFactory,
    WorkgroupUpdateFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.search]

CASE_WORD = "schoolweigeringsangst"


@pytest.fixture
def case_world(site_tree):
    member = StaffFactory()
    group = IntervisionGroupFactory(members=[member])
    case = CaseFactory(
        group=group,
        author=member,
        title="Jongere met schoolweigeringsangst",
        question=f"Hoe ga ik om met {CASE_WORD} bij een jongere van vijftien?",
    )
    ContributionFactory(case=case, body=f"Misschien speelt {CASE_WORD} al langer mee.")
    lesson = LessonFactory(
        title="Kleine stappen werken", body="Een vast weekmoment hielp het gezin."
    )
    cache.clear()
    return {"member": member, "group": group, "case": case, "lesson": lesson}


def get(client, path, **params):
    cache.clear()  # keep the autocomplete rate limit out of these tests
    return client.get(path, params)


def test_anonymous_search_for_a_case_word_reveals_nothing(case_world):
    """No result, no count, no facet, no suggestion and no autocomplete for a word in a case."""
    client = Client()
    html = get(client, "/zoeken/", q=CASE_WORD).content.decode()
    assert "0 resultaten" in html
    assert "Jongere met schoolweigeringsangst" not in html
    assert "Intervisie" not in html
    misspelt = get(client, "/zoeken/", q="schoolweigeringsangts").content.decode()
    assert "Bedoelde je" not in misspelt
    assert CASE_WORD not in misspelt
    assert get(client, "/zoeken/suggesties/", q="Jongere met school").json()["results"] == []
    assert get(client, "/zoeken/suggesties/", q="schoolweiger").json()["results"] == []


def test_staff_outside_the_group_do_not_find_the_case(case_world):
    """A colleague who is not in the intervision group sees no trace of the case."""
    client = Client()
    client.force_login(StaffFactory())
    html = get(client, "/zoeken/", q=CASE_WORD).content.decode()
    assert "0 resultaten" in html
    assert "Jongere met schoolweigeringsangst" not in html
    suggestions = get(client, "/zoeken/suggesties/", q="Jongere met school").json()["results"]
    assert all("schoolweigeringsangst" not in s["title"] for s in suggestions)


def test_group_members_find_the_case_and_its_replies(case_world):
    """A member finds the case and the reply, labelled as intervision content."""
    client = Client()
    client.force_login(case_world["member"])
    html = get(client, "/zoeken/", q=CASE_WORD).content.decode()
    assert "Jongere met schoolweigeringsangst" in html
    assert "2 resultaten" in html
    assert "<mark>" in html


def test_lessons_learned_are_found_by_all_staff_only(case_world):
    """A published lesson is found by every staff member but not by the public."""
    staff = Client()
    staff.force_login(StaffFactory())
    assert "Kleine stappen werken" in get(staff, "/zoeken/", q="weekmoment").content.decode()
    assert "Kleine stappen werken" not in get(Client(), "/zoeken/", q="weekmoment").content.decode()


def test_workgroup_updates_are_found_by_staff_only(site_tree):
    """An update in a workgroup is searchable for staff, invisible to the public."""
    index = WorkgroupIndexPageFactory(parent=site_tree["staff_area"])
    workgroup = WorkgroupPageFactory(parent=index, title="Werkgroep sport")
    WorkgroupUpdateFactory(workgroup=workgroup, body="De klimzaal in Aalst geeft korting.")
    staff = Client()
    staff.force_login(StaffFactory())
    assert "Werkgroep sport" in get(staff, "/zoeken/", q="klimzaal").content.decode()
    public = get(Client(), "/zoeken/", q="klimzaal").content.decode()
    assert "0 resultaten" in public
    assert "Werkgroep sport" not in public
