"""The newsletter on the member's account page: subscribed or not, and the way in or out."""

import re

import pytest

from django.urls import reverse

from newsletter.models import Subscriber
from tests.factories.newsletter import SubscriberFactory

pytestmark = pytest.mark.django_db

ACCOUNT_URL = reverse("accounts:account")


def test_subscribed_member_can_unsubscribe_from_the_account(client, site_tree, staff_user):
    """A member whose address gets the newsletter finds a working link to stop it."""
    SubscriberFactory(email=staff_user.email)
    client.force_login(staff_user)
    html = client.get(ACCOUNT_URL).content.decode()
    unsubscribe_url = re.search(r'href="(/nieuwsbrief/uitschrijven/[^"]+)"', html).group(1)
    client.post(unsubscribe_url)
    assert not Subscriber.objects.filter(email=staff_user.email).exists()


def test_member_without_subscription_is_offered_the_subscribe_form(client, site_tree, staff_user):
    """A member who does not get the newsletter finds the way to subscribe."""
    client.force_login(staff_user)
    html = client.get(ACCOUNT_URL).content.decode()
    assert reverse("newsletter:subscribe") in html
    assert "Je krijgt de nieuwsbrief niet" in html


def test_unconfirmed_subscription_says_it_waits_for_confirmation(client, site_tree, staff_user):
    """A subscription not yet confirmed says so, without an unsubscribe link."""
    SubscriberFactory(email=staff_user.email, status=Subscriber.Status.PENDING)
    client.force_login(staff_user)
    html = client.get(ACCOUNT_URL).content.decode()
    assert "wacht nog op bevestiging" in html
    assert "/nieuwsbrief/uitschrijven/" not in html
