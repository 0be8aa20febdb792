"""A case is visible to its group only: everyone else gets a 404, never a 403."""

import re

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from intervision import services
from tests.factories.accounts import StaffFactory, UserFactory, editor

pytestmark = pytest.mark.django_db


def case_urls(case, document=None, contribution=None):
    urls = [
        reverse("intervision:case_detail", kwargs={"pk": case.pk}),
        reverse("intervision:case_edit", kwargs={"pk": case.pk}),
        reverse("intervision:case_close", kwargs={"pk": case.pk}),
    ]
    if document is not None:
        urls.append(document.get_absolute_url())
    if contribution is not None:
        urls.append(reverse("intervision:contribution_edit", kwargs={"pk": contribution.pk}))
        urls.append(reverse("intervision:contribution_moderate", kwargs={"pk": contribution.pk}))
    return urls


@pytest.fixture
def document(case, poster):
    upload = SimpleUploadedFile("verslag.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    return services.case_document_add(case=case, user=poster, upload=upload)


@pytest.fixture
def contribution(case, colleague):
    return services.contribution_create(
        case=case, author=colleague, body="Een vraag", phase=case.method.phases.first()
    )


@pytest.mark.parametrize(
    "who",
    ["anonymous", "outsider", "staff", "other_group", "editor", "facilitator_elsewhere"],
)
def test_non_members_get_404_for_every_case_url(client, case, document, contribution, who):
    """Anonymous visitors, non-staff, staff, editors and other groups' members all get 404."""
    users = {
        "anonymous": None,
        "outsider": UserFactory(),
        "staff": StaffFactory(),
        "editor": editor(),
        "facilitator_elsewhere": None,
    }
    if who == "other_group":
        from tests.factories.intervision import IntervisionGroupFactory

        user = StaffFactory()
        IntervisionGroupFactory(members=[user])
    elif who == "facilitator_elsewhere":
        from tests.factories.accounts import facilitator
        from tests.factories.intervision import IntervisionGroupFactory

        user = facilitator()
        IntervisionGroupFactory(facilitators=[user])
    else:
        user = users[who]
    if user is not None:
        client.force_login(user)
    for url in case_urls(case, document, contribution):
        assert client.get(url).status_code == 404, url
    for url in [
        reverse("intervision:case_follow", kwargs={"pk": case.pk}),
        reverse("intervision:case_mark_discussed", kwargs={"pk": case.pk}),
        reverse("intervision:contribution_create", kwargs={"pk": case.pk}),
    ]:
        assert client.post(url, {"body": "x", "follow": "1"}).status_code == 404, url


def test_missing_case_and_foreign_case_look_the_same(client, case):
    """A case that does not exist and one of another group give the same 404 page."""
    client.force_login(StaffFactory())
    foreign = client.get(reverse("intervision:case_detail", kwargs={"pk": case.pk}))
    missing = client.get(reverse("intervision:case_detail", kwargs={"pk": case.pk + 999}))
    assert foreign.status_code == missing.status_code == 404
    csrf = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    assert csrf.sub(b"", foreign.content) == csrf.sub(b"", missing.content)


def test_member_and_facilitator_see_the_case(client, case, colleague, group_facilitator):
    """Members and the group's facilitator open the case."""
    for user in (colleague, group_facilitator):
        client.force_login(user)
        response = client.get(case.get_absolute_url())
        assert response.status_code == 200
        assert "Jongere weigert contact met school" in response.content.decode()


def test_member_removed_from_group_loses_access(client, case, group, colleague):
    """Membership is checked on every request: removed members get a 404."""
    group.members.remove(colleague)
    group.save()
    client.force_login(colleague)
    assert client.get(case.get_absolute_url()).status_code == 404


def test_deactivated_member_loses_access(client, case, colleague):
    """An inactive account sees nothing, even if still listed as member."""
    colleague.is_active = False
    colleague.save()
    client.force_login(colleague)
    assert client.get(case.get_absolute_url()).status_code == 404


def test_member_downloads_document(client, case, document, colleague):
    """A member downloads a case document, marked private and uncacheable."""
    client.force_login(colleague)
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert "no-store" in response["Cache-Control"]


def test_document_is_not_stored_under_public_media(document, settings):
    """Case documents live outside MEDIA_ROOT, so no web server serves them by path."""
    assert not document.file.path.startswith(str(settings.MEDIA_ROOT))


def test_document_of_another_case_is_404(client, case, document, group, colleague):
    """A document id under another case's URL is a 404."""
    from tests.factories.intervision import CaseFactory

    other = CaseFactory(group=group)
    client.force_login(colleague)
    url = reverse("intervision:case_document", kwargs={"pk": other.pk, "document_pk": document.pk})
    assert client.get(url).status_code == 404


def test_case_not_listed_for_non_members(client, case):
    """Mijn intervisie and the dashboard of a non-member do not mention the case."""
    client.force_login(StaffFactory())
    response = client.get(reverse("intervision:my_intervision"))
    assert response.status_code == 200
    assert case.title not in response.content.decode()


def test_dashboard_section_lists_only_own_groups(case, colleague, other_group_member):
    """The dashboard section shows the member's groups, not others'."""
    from intervision.selectors import dashboard_section

    assert [g.name for g in dashboard_section(user=colleague)["groups"]] == ["Intervisie Gent"]
    assert [g.name for g in dashboard_section(user=other_group_member)["groups"]] == [
        "Intervisie Hasselt"
    ]


def test_staff_dashboard_shows_intervision_section(client, site_tree, case, colleague):
    """The staff area shows 'Mijn intervisie' with the member's group."""
    client.force_login(colleague)
    content = client.get("/medewerkers/").content.decode()
    assert "Mijn intervisie" in content
    assert "Intervisie Gent" in content
    assert case.title not in content


def test_anonymous_visitor_is_sent_to_login_for_my_intervision(client):
    """The 'Mijn intervisie' page asks anonymous visitors to log in."""
    response = client.get(reverse("intervision:my_intervision"))
    assert response.status_code == 302
    assert "/account/inloggen/" in response["Location"]


def test_group_page_is_404_for_non_members(client, group):
    """A group's page, with its case list, is a 404 for non-members."""
    client.force_login(StaffFactory())
    assert client.get(group.get_absolute_url()).status_code == 404


def test_member_download_keeps_its_name_and_is_never_sniffed(
    client, case, document, colleague, settings
):
    """The download keeps its name, is never sniffed as HTML, and comes from the private folder."""
    client.force_login(colleague)
    response = client.get(document.get_absolute_url())
    assert response["Content-Disposition"] == 'attachment; filename="verslag.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert document.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
