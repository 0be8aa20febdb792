import re

from django.core import mail

LINK = re.compile(r"https?://\S+/nieuwsbrief/(bevestigen|uitschrijven|mijn-gegevens)/([^/\s]+)/")


def links_in(message) -> dict[str, str]:
    """The signed links in an e-mail, by kind, as site-relative paths."""
    found = {}
    for kind, token in LINK.findall(message.body):
        found[kind] = f"/nieuwsbrief/{kind}/{token}/"
    return found


def last_links() -> dict[str, str]:
    return links_in(mail.outbox[-1])


def sending_to_new_subscribers(issue, editor_user, count: int):
    """A sending of the issue to `count` new confirmed subscribers, not started."""
    from newsletter import services
    from newsletter.models import IssueSending
    from tests.factories.newsletter import SubscriberFactory

    SubscriberFactory.create_batch(count)
    sending = IssueSending.objects.create(issue=issue, started_by=editor_user)
    services.deliveries_create(sending=sending)
    return sending


def first_message_in_flight(sending, **claim):
    """Mark the sending's first message as being sent by a worker (claimed_at, claimed_by)."""
    from newsletter.models import Delivery

    delivery = sending.deliveries.order_by("pk").first()
    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.SENDING, **claim)
    return delivery
