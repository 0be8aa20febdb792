"""Posting, editing, discussing and closing cases from the front end."""

import pytest

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from intervision.models import Case, Lesson

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p onclick="steal()">Tekst <script>alert(1)</script><a href="javascript:alert(2)">link</a>'
    '<span style="color:red">rood</span><img src=x onerror=alert(3)><iframe src="//x"></iframe></p>'
)


def new_case_data(**overrides):
    data = {
        "title": "Jongere trekt zich terug",
        "question": "Hoe blijf ik in contact zonder te pushen?",
        "context": "<p>Een meisje van 14 (noem haar M.) komt niet meer naar de afspraken.</p>",
        "context_format": "html",  # as the editor posts it
        "method": "",
        "meeting": "",
        "submission_token": "6f1c2a5e-8a0e-4a43-9a55-7d5f9e4a1b20",
    }
    data.update(overrides)
    return data


def create_url(group):
    return reverse("intervision:case_create", kwargs={"slug": group.slug})


def test_member_posts_a_case(client, group, poster):
    """A member posts a case; it gets the group's default method and status 'in voorbereiding'."""
    client.force_login(poster)
    response = client.post(create_url(group), new_case_data())
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == case.get_absolute_url()
    assert case.method == group.default_method
    assert case.status == Case.Status.PREPARING
    assert case.author == poster


def test_double_submit_creates_one_case(client, group, poster):
    """Submitting the same form twice posts one case and lands on it both times."""
    client.force_login(poster)
    first = client.post(create_url(group), new_case_data())
    second = client.post(create_url(group), new_case_data())
    assert Case.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_hostile_html_is_sanitised(client, group, poster):
    """Scripts, event handlers, javascript: links, styles and images from the editor are removed."""
    client.force_login(poster)
    client.post(create_url(group), new_case_data(context=HOSTILE))
    case = Case.objects.get()
    page = client.get(case.get_absolute_url()).content.decode()
    for needle in ("<script", "onclick", "javascript:", "style=", "onerror", "<iframe", "<img"):
        assert needle not in case.context
        assert needle not in page.split('<div class="rich-text">')[1].split("</div>")[0]
    assert "Tekst" in case.context


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "verplicht veld"),
        ({"title": "   "}, "verplicht veld"),
        ({"question": ""}, "verplicht veld"),
        ({"title": "x" * 500}, "niet meer dan 200"),
        ({"context": "a" * 30000}, "niet meer dan 20000"),
        ({"method": "999999"}, "geldige keuze"),
        ({"meeting": "abc"}, "geldige keuze"),
    ],
)
def test_bad_input_is_refused_and_kept(client, group, poster, overrides, message):
    """Bad input shows a Dutch message, the typed text stays in the form, nothing is saved."""
    client.force_login(poster)
    data = new_case_data(**overrides)
    response = client.post(create_url(group), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert Case.objects.count() == 0
    assert "Hoe blijf ik in contact zonder te pushen?" in content or overrides.get("question") == ""


def test_meeting_of_another_group_is_refused(client, group, poster):
    """A meeting id of another group cannot be chosen."""
    from tests.factories.intervision import MeetingFactory

    foreign = MeetingFactory()
    client.force_login(poster)
    response = client.post(create_url(group), new_case_data(meeting=str(foreign.pk)))
    assert response.status_code == 200
    assert Case.objects.count() == 0


def test_document_upload_and_bad_type(client, group, poster):
    """A pdf is attached; an executable is refused with a message and no case."""
    client.force_login(poster)
    bad = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(create_url(group), {**new_case_data(), "documents": [bad]})
    assert "niet toegelaten" in response.content.decode()
    assert Case.objects.count() == 0
    good = SimpleUploadedFile("verslag.pdf", b"%PDF-1.4", content_type="application/pdf")
    client.post(create_url(group), {**new_case_data(), "documents": [good]})
    assert Case.objects.get().documents.count() == 1


def test_poster_edits_until_discussed(client, case, poster):
    """The poster edits a case in preparation; once discussed, editing is refused."""
    client.force_login(poster)
    url = reverse("intervision:case_edit", kwargs={"pk": case.pk})
    data = new_case_data(title="Nieuwe titel", version=case.version)
    assert client.post(url, data).status_code == 302
    case.refresh_from_db()
    assert case.title == "Nieuwe titel"

    client.post(reverse("intervision:case_mark_discussed", kwargs={"pk": case.pk}))
    response = client.post(url, new_case_data(title="Te laat", version=case.version + 1))
    case.refresh_from_db()
    assert response.status_code == 302
    assert case.title == "Nieuwe titel"
    assert case.status == Case.Status.DISCUSSED


def test_other_member_cannot_edit(client, case, colleague):
    """Another member cannot edit the poster's case."""
    client.force_login(colleague)
    url = reverse("intervision:case_edit", kwargs={"pk": case.pk})
    client.post(url, new_case_data(title="Overgenomen", version=case.version))
    case.refresh_from_db()
    assert case.title != "Overgenomen"


def test_edit_in_two_tabs_refuses_the_second_save(client, case, poster):
    """The second of two saves from the same version is refused; the typed text is shown again."""
    client.force_login(poster)
    url = reverse("intervision:case_edit", kwargs={"pk": case.pk})
    version = case.version
    client.post(url, new_case_data(title="Eerste tabblad", version=version))
    response = client.post(url, new_case_data(title="Tweede tabblad", version=version))
    case.refresh_from_db()
    assert case.title == "Eerste tabblad"
    content = response.content.decode()
    assert "intussen bewaard" in content
    assert 'value="Tweede tabblad"' in content


def test_close_with_lesson(client, case, poster, staff_user):
    """The poster closes a discussed case with a takeaway and publishes a lesson for all staff."""
    client.force_login(poster)
    client.post(reverse("intervision:case_mark_discussed", kwargs={"pk": case.pk}))
    response = client.post(
        reverse("intervision:case_close", kwargs={"pk": case.pk}),
        {
            "takeaway": "Ik plan een vast wekelijks moment.",
            "publish_lesson": "on",
            "lesson_title": "Voorspelbaarheid helpt",
            "lesson_body": "Jongeren die afhaken reageren beter op een vast, kort moment.",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    lesson = Lesson.objects.get()
    client.force_login(staff_user)
    page = client.get(lesson.get_absolute_url()).content.decode()
    assert "Voorspelbaarheid helpt" in page
    assert case.get_absolute_url() not in page
    assert case.title not in page


def test_close_requires_takeaway(client, case, poster):
    """Closing without 'wat neem ik mee' is refused with a message."""
    client.force_login(poster)
    client.post(reverse("intervision:case_mark_discussed", kwargs={"pk": case.pk}))
    response = client.post(reverse("intervision:case_close", kwargs={"pk": case.pk}), {})
    assert "Schrijf op wat je meeneemt." in response.content.decode()
    case.refresh_from_db()
    assert case.status == Case.Status.DISCUSSED


def test_close_before_discussion_is_refused(client, case, poster):
    """A case still in preparation cannot be closed."""
    client.force_login(poster)
    client.post(reverse("intervision:case_close", kwargs={"pk": case.pk}), {"takeaway": "Klaar"})
    case.refresh_from_db()
    assert case.status == Case.Status.PREPARING


def test_member_other_than_poster_cannot_close(client, case, poster, colleague):
    """Only the poster or a facilitator closes a case."""
    client.force_login(poster)
    client.post(reverse("intervision:case_mark_discussed", kwargs={"pk": case.pk}))
    client.force_login(colleague)
    client.post(reverse("intervision:case_close", kwargs={"pk": case.pk}), {"takeaway": "Klaar"})
    case.refresh_from_db()
    assert case.status == Case.Status.DISCUSSED


def test_facilitator_marks_discussed_and_closes(client, case, group_facilitator):
    """The group's facilitator moves the case to 'besproken' and closes it."""
    client.force_login(group_facilitator)
    client.post(reverse("intervision:case_mark_discussed", kwargs={"pk": case.pk}))
    client.post(
        reverse("intervision:case_close", kwargs={"pk": case.pk}), {"takeaway": "Samen verder"}
    )
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    assert not Lesson.objects.exists()


def test_new_case_mail_has_group_and_link_only(
    client, group, poster, colleague, django_capture_on_commit_callbacks
):
    """Members get a mail with the group name and a link, never the title, question or context."""
    client.force_login(poster)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(create_url(group), new_case_data())
    case = Case.objects.get()
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert colleague.email in recipients
    assert poster.email not in recipients
    message = next(m for m in mail.outbox if colleague.email in m.to)
    text = message.subject + message.body + message.alternatives[0][0]
    assert group.name in text
    assert case.get_absolute_url() in message.body
    assert case.title not in text
    assert "Hoe blijf ik in contact" not in text
    assert "noem haar" not in text
