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


def ensure_baseline() -> None:
    """Recreate what migrations put in an empty database (locale, root page, default site,
    staff groups): a transactional test that ran earlier flushes them."""
    from django.contrib.auth.models import Group

    from wagtail.models import Locale, Page, Site

    from cano.accounts.selectors import STAFF_GROUPS

    locale, _ = Locale.objects.get_or_create(language_code="nl-be")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(hostname="localhost", root_page=root, is_default_site=True)
    for name in STAFF_GROUPS:
        Group.objects.get_or_create(name=name)
