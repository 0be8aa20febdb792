"""Replies: tagged by phase, grouped in order, edited for a while, hidden by facilitators."""

from datetime import timedelta

import pytest

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from intervision import services
from intervision.models import Case, Contribution, ContributionModeration

pytestmark = pytest.mark.django_db


def reply(client, case, phase, body, token):
    return client.post(
        reverse("intervision:contribution_create", kwargs={"pk": case.pk}),
        {"phase": phase.pk, "body": body, "submission_token": token},
    )


def test_discussion_is_grouped_by_phase_in_order(client, case, poster, colleague):
    """Replies appear under their phase, phases in method order, replies by time."""
    phases = list(case.method.phases.all())
    services.contribution_create(case=case, author=colleague, body="Advies A", phase=phases[2])
    services.contribution_create(case=case, author=poster, body="Vraag 1", phase=phases[0])
    services.contribution_create(case=case, author=colleague, body="Vraag 2", phase=phases[0])
    client.force_login(poster)
    content = client.get(case.get_absolute_url()).content.decode()
    positions = [
        content.index(text)
        for text in (phases[0].name, "Vraag 1", "Vraag 2", phases[2].name, "Advies A")
    ]
    assert positions == sorted(positions)


def test_double_submit_of_a_reply_creates_one(client, case, colleague):
    """The same reply form sent twice is saved once."""
    client.force_login(colleague)
    phase = case.method.phases.first()
    token = "8f0e6a0a-5a5b-4f4c-8d3c-7a6b5c4d3e2f"
    reply(client, case, phase, "Hoe oud is hij?", token)
    reply(client, case, phase, "Hoe oud is hij?", token)
    assert Contribution.objects.count() == 1


def test_phase_of_another_method_is_refused(client, case, colleague):
    """A phase id from another method is not accepted."""
    from tests.factories.intervision import MethodFactory

    foreign = MethodFactory(name="Andere methode").phases.first()
    client.force_login(colleague)
    response = reply(client, case, foreign, "Tekst", "1f0e6a0a-5a5b-4f4c-8d3c-7a6b5c4d3e2f")
    assert response.status_code == 200
    assert "Deze fase hoort niet bij de methode van deze casus." in response.content.decode()
    assert Contribution.objects.count() == 0


def test_reply_without_a_phase_asks_for_one(client, case, colleague):
    """A reply sent without choosing a phase says what to do and keeps the text."""
    client.force_login(colleague)
    response = client.post(
        reverse("intervision:contribution_create", kwargs={"pk": case.pk}),
        {
            "phase": "",
            "body": "Hoe oud is hij?",
            "submission_token": "3f0e6a0a-5a5b-4f4c-8d3c-7a6b5c4d3e2f",
        },
    )
    content = response.content.decode()
    assert "Kies de fase waarin je bijdrage hoort." in content
    assert "Hoe oud is hij?" in content
    assert Contribution.objects.count() == 0


def test_empty_reply_is_refused_with_message(client, case, colleague):
    """An empty reply gives a Dutch message and saves nothing."""
    client.force_login(colleague)
    response = reply(
        client, case, case.method.phases.first(), "   ", "2f0e6a0a-5a5b-4f4c-8d3c-7a6b5c4d3e2f"
    )
    assert "Je bijdrage is leeg." in response.content.decode()
    assert Contribution.objects.count() == 0


def test_reply_html_is_escaped(client, case, colleague):
    """Markup in a reply is shown as text, never run."""
    client.force_login(colleague)
    reply(
        client,
        case,
        case.method.phases.first(),
        "<script>alert(1)</script>",
        "3f0e6a0a-5a5b-4f4c-8d3c-7a6b5c4d3e2f",
    )
    content = client.get(case.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_no_replies_on_a_closed_case(client, case, poster, colleague):
    """A closed case takes no more replies."""
    services.case_mark_discussed(case=case, user=poster)
    services.case_close(case=case, user=poster, takeaway="Klaar")
    client.force_login(colleague)
    reply(
        client, case, case.method.phases.first(), "Te laat", "4f0e6a0a-5a5b-4f4c-8d3c-7a6b5c4d3e2f"
    )
    assert Contribution.objects.count() == 0


def test_author_edits_within_the_window(client, case, colleague):
    """The author edits their reply shortly after posting."""
    contribution = services.contribution_create(
        case=case, author=colleague, body="Eerste", phase=case.method.phases.first()
    )
    client.force_login(colleague)
    client.post(
        reverse("intervision:contribution_edit", kwargs={"pk": contribution.pk}),
        {"phase": contribution.phase_id, "body": "Verbeterd", "version": contribution.version},
    )
    contribution.refresh_from_db()
    assert contribution.body == "<p>Verbeterd</p>"
    assert contribution.edited_at is not None


def test_author_cannot_edit_after_the_window(client, case, colleague, settings):
    """After INTERVISION_CONTRIBUTION_EDIT_MINUTES the reply is fixed."""
    settings.INTERVISION_CONTRIBUTION_EDIT_MINUTES = 10
    contribution = services.contribution_create(
        case=case, author=colleague, body="Eerste", phase=case.method.phases.first()
    )
    Contribution.objects.filter(pk=contribution.pk).update(
        created_at=timezone.now() - timedelta(minutes=11)
    )
    client.force_login(colleague)
    client.post(
        reverse("intervision:contribution_edit", kwargs={"pk": contribution.pk}),
        {"phase": contribution.phase_id, "body": "Te laat", "version": contribution.version},
    )
    contribution.refresh_from_db()
    assert contribution.body == "<p>Eerste</p>"


def test_other_member_cannot_edit_a_reply(client, case, poster, colleague):
    """Only the author edits a reply."""
    contribution = services.contribution_create(
        case=case, author=colleague, body="Eerste", phase=case.method.phases.first()
    )
    client.force_login(poster)
    client.post(
        reverse("intervision:contribution_edit", kwargs={"pk": contribution.pk}),
        {"phase": contribution.phase_id, "body": "Gekaapt", "version": contribution.version},
    )
    contribution.refresh_from_db()
    assert contribution.body == "<p>Eerste</p>"


def test_facilitator_hides_with_reason_kept_in_history(
    client, case, poster, colleague, group_facilitator
):
    """A hidden reply disappears for members, facilitators see it with the reason."""
    contribution = services.contribution_create(
        case=case, author=colleague, body="Ongepaste opmerking", phase=case.method.phases.first()
    )
    client.force_login(group_facilitator)
    url = reverse("intervision:contribution_moderate", kwargs={"pk": contribution.pk})
    assert "verplicht veld" in client.post(url, {"reason": " "}).content.decode()
    client.post(url, {"reason": "Niet respectvol naar de cliënt"})
    contribution.refresh_from_db()
    assert contribution.is_hidden
    moderation = ContributionModeration.objects.get()
    assert moderation.reason == "Niet respectvol naar de cliënt"
    assert moderation.moderator == group_facilitator
    assert "Niet respectvol naar de cliënt" in client.get(case.get_absolute_url()).content.decode()

    client.force_login(poster)
    assert "Ongepaste opmerking" not in client.get(case.get_absolute_url()).content.decode()


def test_member_cannot_moderate(client, case, poster, colleague):
    """A member who is not the group's facilitator gets a 404 on moderation."""
    contribution = services.contribution_create(
        case=case, author=colleague, body="Tekst", phase=case.method.phases.first()
    )
    client.force_login(poster)
    url = reverse("intervision:contribution_moderate", kwargs={"pk": contribution.pk})
    assert client.post(url, {"reason": "Weg"}).status_code == 404
    contribution.refresh_from_db()
    assert not contribution.is_hidden


def test_followers_get_a_reply_mail(group, poster, colleague, django_capture_on_commit_callbacks):
    """The poster follows their case and gets a mail with the group and a link on a reply."""
    case = services.case_create(
        group=group, author=poster, title="Gesloten deur", question="Hoe?", context="", method=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.contribution_create(
            case=case, author=colleague, body="Geheime tekst", phase=case.method.phases.first()
        )
    assert [m.to for m in mail.outbox] == [[poster.email]]
    message = mail.outbox[0]
    assert group.name in message.subject
    assert case.get_absolute_url() in message.body
    text = message.subject + message.body + message.alternatives[0][0]
    assert "Gesloten deur" not in text
    assert "Geheime tekst" not in text
    assert Case.objects.get().followers.filter(pk=colleague.pk).exists()
