import pytest

from django.core import mail
from django.test import Client

from newsletter import tokens
from newsletter.models import Subscriber
from tests.factories.newsletter import SubscriberFactory

pytestmark = pytest.mark.django_db


def _link(subscriber, purpose=tokens.UNSUBSCRIBE, kind="uitschrijven"):
    return f"/nieuwsbrief/{kind}/{tokens.token_make(subscriber=subscriber, purpose=purpose)}/"


def test_unsubscribe_link_asks_before_acting(client, site_tree):
    """Opening the unsubscribe link shows a button and keeps the subscription."""
    subscriber = SubscriberFactory()
    html = client.get(_link(subscriber)).content.decode()
    assert subscriber.email in html
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_unsubscribe_through_the_link_removes_the_subscriber(client, site_tree):
    """Pressing the button removes the address and the name."""
    subscriber = SubscriberFactory()
    response = client.post(_link(subscriber))
    assert "Je bent uitgeschreven" in response.content.decode()
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_one_click_unsubscribe_works_without_cookies_or_csrf(site_tree):
    """RFC 8058: a mail provider's POST with List-Unsubscribe=One-Click unsubscribes."""
    subscriber = SubscriberFactory()
    response = Client(enforce_csrf_checks=True).post(
        _link(subscriber),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_one_click_with_a_forged_token_changes_nothing(site_tree):
    """Without a valid signed token the CSRF-exempt endpoint does nothing."""
    subscriber = SubscriberFactory()
    forged = tokens.signing.dumps({"s": subscriber.pk, "k": subscriber.token_key}, key="fout")
    response = Client(enforce_csrf_checks=True).post(
        f"/nieuwsbrief/uitschrijven/{forged}/",
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_confirmation_token_cannot_unsubscribe(client, site_tree):
    """A token for another purpose is refused."""
    subscriber = SubscriberFactory()
    response = client.post(_link(subscriber, purpose=tokens.CONFIRM))
    assert response.status_code == 400
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_reused_unsubscribe_link_says_so(client, site_tree):
    """Using the link a second time explains that the subscription no longer exists."""
    subscriber = SubscriberFactory()
    link = _link(subscriber)
    client.post(link)
    response = client.post(link)
    assert response.status_code == 410
    assert "de inschrijving bestaat niet (meer)" in response.content.decode()


def test_old_link_does_not_touch_a_new_subscription(client, site_tree):
    """After unsubscribing and subscribing again, the old link is dead."""
    subscriber = SubscriberFactory(email="terug@voorbeeld.be")
    old = _link(subscriber)
    client.post(old)
    SubscriberFactory(email="terug@voorbeeld.be")
    client.post(old)
    assert Subscriber.objects.filter(email="terug@voorbeeld.be").exists()


def test_expired_unsubscribe_link_is_refused(client, site_tree, settings):
    """A link past its lifetime changes nothing."""
    subscriber = SubscriberFactory()
    link = _link(subscriber)
    settings.NEWSLETTER_LINK_MAX_AGE = -1
    response = client.post(link)
    assert "Deze link is verlopen" in response.content.decode()
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


@pytest.mark.parametrize("token", ["x", "a" * 5000, "<script>alert(1)</script>", "..%2F..%2Fetc"])
def test_garbage_tokens_get_a_clear_answer(client, site_tree, token):
    """Malformed or huge tokens give a Dutch message, never an error page."""
    response = client.post(f"/nieuwsbrief/uitschrijven/{token}/")
    assert response.status_code in (400, 404)
    assert "<script>alert" not in response.content.decode()


def test_subscriber_sees_what_is_stored(client, site_tree):
    """The data link shows the address, name and consent that are kept."""
    subscriber = SubscriberFactory(name="Nora El Amrani")
    html = client.get(_link(subscriber, purpose=tokens.DATA, kind="mijn-gegevens")).content.decode()
    assert subscriber.email in html
    assert "Nora El Amrani" in html
    assert subscriber.consent_text in html


def test_subscriber_deletes_what_is_stored(client, site_tree):
    """The delete link on the data page asks first; confirming removes everything."""
    subscriber = SubscriberFactory()
    link = _link(subscriber, purpose=tokens.DATA, kind="mijn-gegevens")
    assert f'href="{link}wissen/"' in client.get(link).content.decode()
    response = client.post(link + "wissen/", {"confirm": "yes"}, follow=True)
    assert "Je gegevens zijn gewist" in response.content.decode()
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_deleting_the_data_asks_first(client, site_tree):
    """The delete page names the address; a GET, a bare POST or the old form delete nothing."""
    subscriber = SubscriberFactory()
    link = _link(subscriber, purpose=tokens.DATA, kind="mijn-gegevens")
    html = client.get(link + "wissen/").content.decode()
    assert f"We wissen {subscriber.email}" in html
    assert "Ja, wis al mijn gegevens" in html
    client.post(link + "wissen/")
    client.post(link, {"action": "delete"})
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_data_page_needs_a_valid_token(client, site_tree):
    """Another purpose's or a tampered token shows nothing of the subscriber."""
    subscriber = SubscriberFactory()
    response = client.get(_link(subscriber, kind="mijn-gegevens"))
    assert response.status_code == 400
    assert subscriber.email not in response.content.decode()


def test_data_deletion_requires_csrf(site_tree):
    """Deleting the data is a normal form and needs the CSRF token."""
    subscriber = SubscriberFactory()
    response = Client(enforce_csrf_checks=True).post(
        _link(subscriber, purpose=tokens.DATA, kind="mijn-gegevens") + "wissen/",
        {"confirm": "yes"},
    )
    assert response.status_code == 403
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert mail.outbox == []
