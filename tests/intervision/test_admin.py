"""Editors and facilitators manage groups and methods in the Wagtail admin; cases are not there."""

import pytest

from intervision.models import IntervisionGroup, Lesson, Method

pytestmark = pytest.mark.django_db


def test_common_methods_are_seeded_with_ordered_phases():
    """The incident method and the other common methods exist with their phases in order."""
    names = set(Method.objects.values_list("name", flat=True))
    assert {"Incidentmethode", "Roddelmethode", "Balintmethode"} <= names
    phases = list(Method.objects.get(name="Incidentmethode").phases.values_list("name", flat=True))
    assert phases[0] == "De casusinbrenger vertelt"
    assert phases[-1] == "Wat neem ik mee"


@pytest.mark.parametrize("who", ["editor_user", "facilitator_user"])
def test_editors_and_facilitators_open_group_admin(client, request, who):
    """Both roles reach the group and method listings in the admin."""
    client.force_login(request.getfixturevalue(who))
    assert client.get("/admin/snippets/intervision/intervisiongroup/").status_code == 200
    assert client.get("/admin/snippets/intervision/method/").status_code == 200


def test_facilitator_creates_a_group_with_members(client, facilitator_user, staff_user):
    """A facilitator adds a group with members through the admin form."""
    client.force_login(facilitator_user)
    response = client.post(
        "/admin/snippets/intervision/intervisiongroup/add/",
        {
            "name": "Intervisie Brugge",
            "slug": "",
            "description": "",
            "default_method": Method.objects.get(name="Incidentmethode").pk,
            "facilitators": [facilitator_user.pk],
            "members": [staff_user.pk],
            "meetings-TOTAL_FORMS": "0",
            "meetings-INITIAL_FORMS": "0",
            "meetings-MIN_NUM_FORMS": "0",
            "meetings-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    group = IntervisionGroup.objects.get(name="Intervisie Brugge")
    assert list(group.members.all()) == [staff_user]


def test_staff_member_cannot_manage_groups(client, staff_user):
    """A plain staff member has no admin access to groups."""
    client.force_login(staff_user)
    response = client.get("/admin/snippets/intervision/intervisiongroup/")
    assert response.status_code in (302, 403)


def lesson_edit(client, lesson, **extra):
    return client.post(
        f"/admin/snippets/intervision/lesson/edit/{lesson.pk}/",
        {"title": lesson.title, "body": lesson.body, "is_published": "on", **extra},
    )


def test_lesson_edited_in_the_admin_meets_the_guard(client, editor_user):
    """An editor who adds a phone number to a lesson is stopped and shown the fragment."""
    lesson = Lesson.objects.create(title="Betrek de school", body="Een gesprek werkt.")
    client.force_login(editor_user)
    response = lesson_edit(client, lesson, body="Bel de school op 0470 12 34 56.")
    lesson.refresh_from_db()
    assert lesson.body == "Een gesprek werkt."
    assert "“0470 12 34 56” (telefoonnummer)" in response.content.decode()


def test_lesson_edit_saves_once_confirmed(client, editor_user):
    """Ticking the confirmation saves the flagged lesson."""
    lesson = Lesson.objects.create(title="Betrek de school", body="Een gesprek werkt.")
    client.force_login(editor_user)
    lesson_edit(client, lesson, body="Emma is een verzonnen naam.", confirm_pseudonymised="on")
    lesson.refresh_from_db()
    assert lesson.body == "Emma is een verzonnen naam."


def test_lesson_with_a_real_national_number_is_refused_even_when_confirmed(client, editor_user):
    """A national register number with valid check digits cannot be confirmed in the admin."""
    lesson = Lesson.objects.create(title="Betrek de school", body="Een gesprek werkt.")
    client.force_login(editor_user)
    response = lesson_edit(
        client, lesson, body="Zijn nummer is 85.07.30-033.28.", confirm_pseudonymised="on"
    )
    lesson.refresh_from_db()
    assert lesson.body == "Een gesprek werkt."
    assert "“85.07.30-033.28” (rijksregisternummer)" in response.content.decode()
