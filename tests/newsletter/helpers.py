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
