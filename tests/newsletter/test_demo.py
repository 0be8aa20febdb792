from io import StringIO

import pytest

from django.core.management import call_command

from newsletter.models import NewsletterIssuePage, Subscriber

pytestmark = pytest.mark.django_db


def test_demo_adds_issues_over_two_years_and_subscribers_once(client):
    """seed_demo creates six issues in two years and some subscribers; a rerun adds nothing."""
    call_command("seed_demo", stdout=StringIO())
    counts = (NewsletterIssuePage.objects.count(), Subscriber.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (NewsletterIssuePage.objects.count(), Subscriber.objects.count()) == counts
    assert counts[0] >= 6
    assert {issue.period_year for issue in NewsletterIssuePage.objects.all()} == {2025, 2026}
    assert Subscriber.objects.confirmed().count() >= 2
    assert client.get("/nieuwsbrief/", HTTP_HOST="localhost").status_code == 200
