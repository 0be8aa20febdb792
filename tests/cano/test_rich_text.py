"""The front-end rich-text field: what the editor posts, and what a textarea without JavaScript posts."""

import pytest

from django.urls import reverse

from intervision.models import Case
from tests.factories.accounts import StaffFactory
from tests.factories.intervision import IntervisionGroupFactory
from tests.factories.workgroups import (
    WorkgroupIndexPageFactory,
    WorkgroupMembershipFactory,
    WorkgroupPageFactory,
    WorkgroupUpdateFactory,
)
from workgroups.models import WorkgroupUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client(site_tree, client):
    index = WorkgroupIndexPageFactory(parent=site_tree["staff_area"])
    workgroup = WorkgroupPageFactory(parent=index, title="Werkgroep sport", slug="sport")
    member = StaffFactory()
    WorkgroupMembershipFactory(workgroup=workgroup, user=member)
    client.force_login(member)
    client.workgroup = workgroup
    return client


def test_plain_text_becomes_paragraphs_and_markup_stays_text(member_client):
    """Without the editor, a blank line starts a paragraph, a line break stays, tags are text."""
    member_client.post(
        member_client.workgroup.url + "updates/",
        {"body": "Eerste regel\r\nTweede <b>regel</b>\r\n\r\nTweede alinea & meer", "link": ""},
    )
    update = WorkgroupUpdate.objects.get()
    assert update.body == (
        "<p>Eerste regel<br>Tweede &lt;b&gt;regel&lt;/b&gt;</p><p>Tweede alinea &amp; meer</p>"
    )
    page = member_client.get(member_client.workgroup.url).content.decode()
    assert "Tweede &lt;b&gt;regel&lt;/b&gt;" in page
    assert "<b>regel</b>" not in page


def test_editor_html_keeps_the_toolbar_formatting_only(member_client):
    """From the editor, bold, italic, lists and links stay; everything else is taken out."""
    member_client.post(
        member_client.workgroup.url + "updates/",
        {
            "body": "<p><strong>Vet</strong> <em>schuin</em> <u>onder</u></p><h2>Kop</h2>"
            "<ol><li><p>een</p></li></ol><ul><li><p>twee</p></li></ul>"
            '<p><a href="https://example.org" style="color:red">link</a></p>',
            "body_format": "html",
            "link": "",
        },
    )
    body = WorkgroupUpdate.objects.get().body
    for kept in ("<strong>Vet</strong>", "<em>schuin</em>", "<ol><li><p>een</p></li></ol>"):
        assert kept in body
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">link</a>' in body
    for dropped in ("<u>", "<h2>", "style="):
        assert dropped not in body


def test_edit_form_shows_text_without_javascript_and_html_to_the_editor(member_client):
    """Editing an update: the textarea holds its text; the editor starts from its HTML."""
    author = StaffFactory()
    WorkgroupMembershipFactory(workgroup=member_client.workgroup, user=author)
    update = WorkgroupUpdateFactory(
        workgroup=member_client.workgroup,
        author=author,
        body="<p>Zie <strong>dit</strong></p><ul><li><p>punt</p></li></ul>",
    )
    member_client.force_login(author)
    url = f"{member_client.workgroup.url}updates/{update.pk}/bewerken/"
    form = member_client.get(url).context["form"]
    html = str(form["body"])
    assert ">\nZie dit\n\n- punt</textarea>" in html
    assert 'data-rich-text-html="&lt;p&gt;Zie &lt;strong&gt;dit&lt;/strong&gt;' in html
    assert 'name="body_format" value="text"' in html


def test_case_form_help_asks_for_no_html(site_tree, client):
    """The case form no longer asks members to type HTML tags."""
    member = StaffFactory()
    group = IntervisionGroupFactory(members=[member])
    client.force_login(member)
    page = client.get(reverse("intervision:case_create", kwargs={"slug": group.slug}))
    content = page.content.decode()
    assert "Gebruik verzonnen namen." in content
    assert "&lt;strong&gt;" not in content and "Eenvoudige opmaak" not in content


@pytest.mark.parametrize(
    "context",
    [
        "<p>De voogd van <strong>Noah</strong> Peeters belde.</p>",
        "<p>De voogd van No<strong>ah Pee</strong>ters belde.</p>",
    ],
)
def test_guard_finds_a_name_split_by_formatting(site_tree, client, context):
    """A name with bold in or around it is still one name to the guard; nothing is saved."""
    member = StaffFactory()
    group = IntervisionGroupFactory(members=[member])
    client.force_login(member)
    response = client.post(
        reverse("intervision:case_create", kwargs={"slug": group.slug}),
        {
            "title": "Jongere trekt zich terug",
            "question": "Hoe bouw ik opnieuw vertrouwen op?",
            "context": context,
            "context_format": "html",
            "submission_token": "6f1c2a5e-8a0e-4a43-9a55-7d5f9e4a1b21",
        },
    )
    assert not Case.objects.exists()
    assert "Noah Peeters</mark>" in response.content.decode()
