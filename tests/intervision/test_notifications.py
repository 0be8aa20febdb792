"""Notification preferences: immediate, daily digest or none; group name and link only."""

import re

import pytest

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from intervision import services
from intervision.models import NotificationPreference, PendingNotification

pytestmark = pytest.mark.django_db


def post_case(group, poster, title="Nieuwe casus over pesten"):
    return services.case_create(
        group=group, author=poster, title=title, question="Geheime vraag", context="", method=None
    )


def test_member_chooses_daily_digest(client, colleague):
    """A member sets the preference on the account page."""
    client.force_login(colleague)
    client.post(reverse("intervision:notification_preference"), {"frequency": "daily"})
    assert NotificationPreference.objects.get(user=colleague).frequency == "daily"


def test_bad_preference_is_refused(client, colleague):
    """An unknown choice changes nothing."""
    client.force_login(colleague)
    client.post(reverse("intervision:notification_preference"), {"frequency": "hourly"})
    assert not NotificationPreference.objects.filter(user=colleague).exists()


def test_none_means_no_mail(
    group, poster, colleague, group_facilitator, django_capture_on_commit_callbacks
):
    """A member who chose 'none' gets nothing."""
    services.notification_preference_set(user=colleague, frequency="none")
    with django_capture_on_commit_callbacks(execute=True):
        post_case(group, poster)
    recipients = [address for message in mail.outbox for address in message.to]
    assert colleague.email not in recipients
    assert group_facilitator.email in recipients


def test_daily_digest_collects_and_sends_once(
    group, poster, colleague, django_capture_on_commit_callbacks
):
    """Digest members get one mail listing the group and a link per case, sent by the daily command."""
    services.notification_preference_set(user=colleague, frequency="daily")
    with django_capture_on_commit_callbacks(execute=True):
        first = post_case(group, poster, "Eerste casus")
        second = post_case(group, poster, "Tweede casus")
    assert not [m for m in mail.outbox if colleague.email in m.to]
    call_command("intervision_send_digests", stdout=None)
    digests = [m for m in mail.outbox if colleague.email in m.to]
    assert len(digests) == 1
    assert group.name in digests[0].body
    assert first.get_absolute_url() in digests[0].body
    assert second.get_absolute_url() in digests[0].body
    assert "Geheime vraag" not in digests[0].body
    assert "Eerste casus" not in digests[0].body + digests[0].alternatives[0][0]
    assert "Tweede casus" not in digests[0].body + digests[0].alternatives[0][0]
    assert not PendingNotification.objects.exists()
    call_command("intervision_send_digests", stdout=None)
    assert len([m for m in mail.outbox if colleague.email in m.to]) == 1


def test_digest_skips_cases_of_a_group_left_meanwhile(
    group, poster, colleague, django_capture_on_commit_callbacks
):
    """A member removed from the group before the digest hears nothing about its cases."""
    services.notification_preference_set(user=colleague, frequency="daily")
    with django_capture_on_commit_callbacks(execute=True):
        post_case(group, poster)
    group.members.remove(colleague)
    group.save()
    call_command("intervision_send_digests", stdout=None)
    assert not [m for m in mail.outbox if colleague.email in m.to]


def test_account_page_shows_groups_and_the_current_preference(client, group, colleague):
    """The account page lists the member's groups with the e-mail choice already selected."""
    services.notification_preference_set(user=colleague, frequency="daily")
    client.force_login(colleague)
    response = client.get(reverse("accounts:account"))
    html = response.content.decode()
    assert "Intervisie Gent" in html
    assert re.search(r'<input type="radio" name="frequency" value="daily"[^>]* checked>', html)
    assert reverse("intervision:notification_preference") in html


def test_saving_the_preference_returns_to_the_account_page(client, colleague):
    """After saving, the member is back at the e-mail settings on the account page."""
    client.force_login(colleague)
    response = client.post(reverse("intervision:notification_preference"), {"frequency": "none"})
    assert response["Location"] == reverse("accounts:account") + "#intervisie-e-mails"


def test_my_intervision_links_to_the_email_settings(client, colleague):
    """'Mijn intervisie' keeps a way to the e-mail settings, now on the account page."""
    client.force_login(colleague)
    html = client.get(reverse("intervision:my_intervision")).content.decode()
    assert reverse("accounts:account") + "#intervisie-e-mails" in html
