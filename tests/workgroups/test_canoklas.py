import re

import pytest

from django.contrib.auth.models import AnonymousUser

from cano.home.privacy import page_is_staff_only
from tests.factories.workgroups import ModulePageFactory
from workgroups.selectors import modules_visible_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def modules(canoklas):
    staff_only = ModulePageFactory(
        parent=canoklas,
        title="Krachtgericht werken met gezinnen",
        slug="krachtgericht",
        level="intermediate",
        tag_names=["gezin", "krachtgericht"],
    )
    public = ModulePageFactory(
        parent=canoklas,
        title="Wat is jeugdhulp?",
        slug="wat-is-jeugdhulp",
        is_public=True,
        tag_names=["gezin"],
    )
    return {"staff_only": staff_only, "public": public}


def test_new_module_is_staff_only_by_default(modules):
    """A module that is not marked public gets the staff restriction."""
    assert page_is_staff_only(modules["staff_only"])
    assert not page_is_staff_only(modules["public"])


def test_anonymous_visitor_is_sent_to_login_for_staff_module(client, modules):
    """A staff-only module redirects anonymous visitors to the login page."""
    response = client.get(modules["staff_only"].url)
    assert response.status_code == 302
    assert response.url.startswith("/account/inloggen/?next=")


def test_anonymous_visitor_reads_public_module(client, modules):
    """A public module opens without login."""
    response = client.get(modules["public"].url)
    assert response.status_code == 200
    assert "Wat is jeugdhulp?" in response.content.decode()


def test_staff_read_staff_only_module(staff_client, modules):
    """Staff open a staff-only module."""
    assert staff_client.get(modules["staff_only"].url).status_code == 200


def test_publishing_a_module_as_public_lifts_the_restriction(modules):
    """Ticking 'publiek' and publishing makes the module public."""
    module = modules["staff_only"]
    module.is_public = True
    module.save_revision().publish()
    module.refresh_from_db()
    assert not page_is_staff_only(module)


def test_a_draft_does_not_change_who_sees_the_live_module(modules):
    """Marking a module public in a draft keeps the live one staff-only until publish."""
    module = modules["staff_only"]
    module.is_public = True
    module.save_revision()
    assert page_is_staff_only(module)


def test_a_new_draft_module_is_restricted_when_first_published(canoklas):
    """A module created as a draft gets the staff restriction when it is first published."""
    module = ModulePageFactory(parent=canoklas, live=False, published=False)
    assert not page_is_staff_only(module)
    module.save_revision().publish()
    assert page_is_staff_only(module)


def test_making_a_public_module_staff_only_again(modules):
    """Unticking 'publiek' and publishing restricts the module again."""
    module = modules["public"]
    module.is_public = False
    module.save_revision().publish()
    assert page_is_staff_only(module)


def test_overview_shows_anonymous_visitors_only_public_modules(client, canoklas, modules):
    """The CANOklas overview is public but lists staff-only modules only to staff."""
    content = client.get(canoklas.url).content.decode()
    assert "Wat is jeugdhulp?" in content
    assert "Krachtgericht werken met gezinnen" not in content
    assert "krachtgericht" not in content  # its tag is not offered either


def test_overview_shows_staff_all_modules(staff_client, canoklas, modules):
    """Staff see every module in the overview."""
    content = staff_client.get(canoklas.url).content.decode()
    assert "Wat is jeugdhulp?" in content
    assert "Krachtgericht werken met gezinnen" in content


def test_overview_filters_by_level(staff_client, canoklas, modules):
    """Filtering by level keeps only the modules of that level."""
    content = staff_client.get(canoklas.url + "?niveau=intermediate").content.decode()
    assert "Krachtgericht werken met gezinnen" in content
    assert "Wat is jeugdhulp?" not in content


def test_overview_filters_by_tag(staff_client, canoklas, modules):
    """Filtering by tag keeps only the modules with that tag."""
    content = staff_client.get(canoklas.url + "?tag=krachtgericht").content.decode()
    assert "Krachtgericht werken met gezinnen" in content
    assert "Wat is jeugdhulp?" not in content


def test_tag_page_lists_the_modules_with_that_tag(staff_client, canoklas, modules):
    """/canoklas/tag/<tag>/ lists the tagged modules under a heading naming the tag."""
    response = staff_client.get(canoklas.url + "tag/gezin/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "CANOklas-modules over “gezin”" in content
    assert "Krachtgericht werken met gezinnen" in content
    assert "Wat is jeugdhulp?" in content


def test_tag_page_hides_staff_modules_from_anonymous_visitors(client, canoklas, modules):
    """The tag page applies the same rule as the overview."""
    content = client.get(canoklas.url + "tag/gezin/").content.decode()
    assert "Wat is jeugdhulp?" in content
    assert "Krachtgericht werken met gezinnen" not in content


def test_unknown_tag_is_not_found(client, canoklas, modules):
    """A tag that does not exist gives 404, not an empty page or an error."""
    assert client.get(canoklas.url + "tag/bestaat-niet/").status_code == 404


def test_malformed_filters_are_ignored(client, canoklas, modules):
    """Nonsense in the level filter shows the unfiltered list instead of failing."""
    response = client.get(canoklas.url + "?niveau=%3Cscript%3E&pagina=abc")
    assert response.status_code == 200
    assert "Wat is jeugdhulp?" in response.content.decode()


def test_related_modules_show_only_what_the_visitor_may_see(client, modules):
    """A public module links a staff-only one: anonymous visitors do not see the link."""
    public = modules["public"]
    public.related_modules.create(module=modules["staff_only"])
    public.save_revision().publish()
    content = client.get(public.url).content.decode()
    assert "Krachtgericht werken met gezinnen" not in content


def test_module_body_renders_exercises_and_quotes(staff_client, canoklas):
    """Exercise and quote blocks show on the module page."""
    module = ModulePageFactory(
        parent=canoklas,
        body=[
            (
                "exercise",
                {
                    "kind": "reflection",
                    "title": "Jouw aanpak",
                    "question": "Wat werkt?",
                    "guidance": "",
                },
            ),
            ("quote", {"text": "Samen sterker", "attribution": "Een ouder"}),
        ],
    )
    content = staff_client.get(module.url).content.decode()
    assert "Reflectievraag" in content and "Wat werkt?" in content
    assert "Samen sterker" in content


def test_module_keeps_revisions_for_comparing(admin_client, modules):
    """Each publish keeps a revision the editor can open in the admin's history."""
    module = modules["public"]
    module.title = "Wat is jeugdhulp? (herzien)"
    module.save_revision().publish()
    response = admin_client.get(f"/admin/pages/{module.pk}/history/")
    assert response.status_code == 200
    assert module.revisions.count() >= 2


def test_modules_visible_to_selector(modules, staff_user):
    """The selector gives anonymous visitors the public module and staff both."""
    anonymous = set(modules_visible_to(user=AnonymousUser()).values_list("pk", flat=True))
    staff = set(modules_visible_to(user=staff_user).values_list("pk", flat=True))
    assert anonymous == {modules["public"].pk}
    assert staff == {modules["public"].pk, modules["staff_only"].pk}


def test_exercise_headings_follow_the_module_outline(staff_client, canoklas):
    """An exercise before any section heading is an h2; under an h2 section it is an h3."""
    exercise = {"kind": "exercise", "question": "Wat werkt?", "guidance": ""}
    module = ModulePageFactory(
        parent=canoklas,
        body=[
            ("exercise", {**exercise, "title": "Eerst zelf"}),
            ("heading", {"text": "Aan de slag", "level": "h2"}),
            ("exercise", {**exercise, "title": "In de sectie"}),
            ("heading", {"text": "Verdieping", "level": "h3"}),
            ("exercise", {**exercise, "title": "In de paragraaf"}),
        ],
    )
    content = staff_client.get(module.url).content.decode()
    assert re.search(r"<h2 [^>]*>Eerst zelf</h2>", content)
    assert re.search(r"<h3 [^>]*>In de sectie</h3>", content)
    assert re.search(r"<h4 [^>]*>In de paragraaf</h4>", content)
