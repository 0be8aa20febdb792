from io import StringIO

import pytest

from django.core import mail

from newsletter.models import Subscriber
from tests.factories.newsletter import SubscriberFactory

from .helpers import last_links

pytestmark = pytest.mark.django_db

URL = "/nieuwsbrief/inschrijven/"


def _subscribe(client, email="lien@voorbeeld.be", name="Lien", **extra):
    return client.post(URL, {"email": email, "name": name, "consent": "on", **extra})


def test_subscribing_sends_a_confirmation_and_stores_a_pending_subscriber(client, site_tree):
    """After the form, the visitor gets a confirmation e-mail and is not yet subscribed."""
    response = _subscribe(client)
    assert response.status_code == 302
    assert response["Location"] == "/nieuwsbrief/inschrijven/bedankt/"
    assert mail.outbox[0].to == ["lien@voorbeeld.be"]
    assert "bevestigen" in last_links()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_confirmation_page_asks_before_confirming(client, site_tree):
    """Opening the link (as a mail scanner would) changes nothing until the button is pressed."""
    _subscribe(client)
    confirm = last_links()["bevestigen"]
    assert "Ja, ik wil de nieuwsbrief ontvangen" in client.get(confirm).content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_confirming_makes_the_subscription_active(client, site_tree):
    """Pressing confirm on the signed link confirms the subscription."""
    _subscribe(client)
    response = client.post(last_links()["bevestigen"])
    assert "Je inschrijving is bevestigd" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None


def test_reused_confirmation_link_changes_nothing(client, site_tree):
    """A second use of the link says it was already used and changes nothing."""
    _subscribe(client)
    link = last_links()["bevestigen"]
    client.post(link)
    confirmed_at = Subscriber.objects.get().confirmed_at
    response = client.post(link)
    assert "Deze link werd al gebruikt" in response.content.decode()
    assert Subscriber.objects.get().confirmed_at == confirmed_at


def test_tampered_confirmation_link_is_refused(client, site_tree):
    """A modified token shows a clear message and confirms nothing."""
    _subscribe(client)
    link = last_links()["bevestigen"]
    tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
    response = client.post(tampered)
    assert response.status_code == 400
    assert "Deze link is ongeldig" in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_expired_confirmation_link_is_refused(client, site_tree, settings):
    """A link past its lifetime shows a clear message and confirms nothing."""
    _subscribe(client)
    settings.NEWSLETTER_CONFIRM_MAX_AGE = -1
    response = client.post(last_links()["bevestigen"])
    assert response.status_code == 410
    assert "Deze link is verlopen" in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_unsubscribe_token_does_not_confirm(client, site_tree):
    """A token made for another purpose is not accepted as a confirmation."""
    _subscribe(client)
    data_token = last_links()["mijn-gegevens"].split("/")[-2]
    response = client.post(f"/nieuwsbrief/bevestigen/{data_token}/")
    assert response.status_code == 400
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_answer_is_the_same_for_a_subscribed_address(client, site_tree):
    """Signing up an address that is already subscribed looks exactly like a new sign-up."""
    SubscriberFactory(email="bestaand@voorbeeld.be")
    new = _subscribe(client, email="nieuw@voorbeeld.be")
    existing = _subscribe(client, email="bestaand@voorbeeld.be")
    assert (new.status_code, new["Location"]) == (existing.status_code, existing["Location"])
    done = client.get(new["Location"]).content.decode()
    assert "Als dit adres nog niet ingeschreven is" in done


def test_subscribed_address_gets_a_notice_not_a_confirmation(client, site_tree):
    """The mailbox owner, not the form, learns that the address is already on the list."""
    SubscriberFactory(email="bestaand@voorbeeld.be")
    _subscribe(client, email="bestaand@voorbeeld.be")
    assert "Je bent al ingeschreven" in mail.outbox[0].subject
    assert "bevestigen" not in last_links()


def test_address_is_stored_in_lower_case_once(client, site_tree):
    """The same address in other capitals does not create a second subscriber."""
    _subscribe(client, email="Lien@Voorbeeld.BE")
    _subscribe(client, email="lien@voorbeeld.be")
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["lien@voorbeeld.be"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "", "consent": "on"}, "Vul je e-mailadres in."),
        ({"email": "geen-adres", "consent": "on"}, "Vul een geldig e-mailadres in"),
        ({"email": "a@b.be\r\nBcc: x@y.be", "consent": "on"}, "Vul een geldig e-mailadres in"),
        (
            {"email": "<script>alert(1)</script>@x.be", "consent": "on"},
            "Vul een geldig e-mailadres in",
        ),
        ({"email": ("a" * 250) + "@voorbeeld.be", "consent": "on"}, "te lang"),
        ({"email": "lien@voorbeeld.be"}, "Vink aan dat je de nieuwsbrief wilt ontvangen."),
        (
            {"email": "lien@voorbeeld.be", "name": "<b>Lien</b>", "consent": "on"},
            "Gebruik in je naam alleen letters",
        ),
        (
            {"email": "lien@voorbeeld.be", "name": "Lien https://spam.example", "consent": "on"},
            "Gebruik in je naam alleen letters",
        ),
        ({"email": "lien@voorbeeld.be", "name": "L" * 101, "consent": "on"}, "hoogstens 100"),
    ],
)
def test_bad_input_is_refused_with_a_dutch_message_and_nothing_stored(
    client, site_tree, data, message
):
    """Invalid, very long or hostile input: the form comes back with a message, nothing is kept."""
    response = client.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "<script>alert" not in html
    assert Subscriber.objects.count() == 0
    assert mail.outbox == []


def test_form_keeps_what_was_typed(client, site_tree):
    """After an error the visitor's input is still in the form."""
    response = client.post(URL, {"email": "lien@voorbeeld.be", "name": "Lien"})
    assert 'value="lien@voorbeeld.be"' in response.content.decode()


def test_names_from_many_languages_are_accepted(client, site_tree):
    """Accents, apostrophes and hyphens are fine in a name."""
    _subscribe(client, name="Fatma Yılmaz-D'Hondt")
    assert Subscriber.objects.get().name == "Fatma Yılmaz-D'Hondt"


def test_honeypot_stores_nothing_but_looks_successful(client, site_tree):
    """A bot filling the hidden field gets the normal answer and nothing happens."""
    response = _subscribe(client, website="http://spam.example")
    assert response.status_code == 302
    assert Subscriber.objects.count() == 0
    assert mail.outbox == []


def test_one_address_gets_a_limited_number_of_mails(client, site_tree, settings):
    """Repeated sign-ups for one address stop sending mail, without saying so."""
    settings.NEWSLETTER_SUBSCRIBE_LIMIT_PER_ADDRESS = 2
    responses = [_subscribe(client) for _ in range(4)]
    assert {response.status_code for response in responses} == {302}
    assert len(mail.outbox) == 2


def test_one_ip_is_rate_limited_with_a_dutch_message(client, site_tree, settings):
    """Many sign-ups from one IP are refused with a clear message and nothing stored."""
    settings.NEWSLETTER_SUBSCRIBE_LIMIT_PER_IP = 2
    _subscribe(client, email="a@voorbeeld.be")
    _subscribe(client, email="b@voorbeeld.be")
    response = _subscribe(client, email="c@voorbeeld.be")
    assert response.status_code == 429
    assert "te veel aanvragen" in response.content.decode()
    assert not Subscriber.objects.filter(email="c@voorbeeld.be").exists()


def test_form_requires_csrf(site_tree):
    """The subscription form is protected against cross-site posts."""
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        URL, {"email": "lien@voorbeeld.be", "consent": "on"}
    )
    assert response.status_code == 403
    assert Subscriber.objects.count() == 0


def test_unconfirmed_signups_are_purged_after_the_link_expires(client, site_tree, settings):
    """The daily purge removes sign-ups that were never confirmed in time."""
    from django.core.management import call_command

    _subscribe(client, email="nooit@voorbeeld.be")
    SubscriberFactory(email="wel@voorbeeld.be")
    settings.NEWSLETTER_CONFIRM_MAX_AGE = -1
    call_command("newsletter_purge_unconfirmed", stdout=StringIO())
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["wel@voorbeeld.be"]
