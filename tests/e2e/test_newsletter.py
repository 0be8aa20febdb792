import pytest
from playwright.sync_api import expect

from django.core import mail

from newsletter import services
from newsletter.models import Subscriber
from tests.factories.accounts import editor
from tests.factories.newsletter import NewsletterIndexPageFactory, NewsletterIssuePageFactory
from tests.newsletter.helpers import links_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_visitor_subscribes_confirms_reads_and_unsubscribes(live_server, page, site_tree):
    """Subscribe on the home page, confirm from the outbox, read an issue, unsubscribe from it."""
    site = site_tree["site"]
    site.hostname = "localhost"
    site.save()
    archive = NewsletterIndexPageFactory(parent=site_tree["home"])
    issue = NewsletterIssuePageFactory(parent=archive, title="Sport als hefboom")
    base = live_server.url
    mail.outbox.clear()

    page.goto(base + "/")
    form = page.locator("form.newsletter-subscribe")
    form.get_by_label("E-mailadres", exact=True).fill("lotte@voorbeeld.be")
    form.get_by_label("Naam", exact=True).fill("Lotte")
    form.get_by_label("Ik wil de CANOnieuwsbrief per e-mail ontvangen").check()
    form.get_by_role("button", name="Inschrijven").click()
    expect(page.locator("h1")).to_have_text("Kijk in je mailbox")

    confirm = links_in(mail.outbox[-1])["bevestigen"]
    page.goto(base + confirm)
    page.get_by_role("button", name="Ja, ik wil de nieuwsbrief ontvangen").click()
    expect(page.locator("h1")).to_have_text("Je inschrijving is bevestigd")

    page.goto(base + archive.url)
    page.get_by_role("link", name="Sport als hefboom").click()
    expect(page.locator("h1")).to_have_text("Sport als hefboom")
    expect(page.locator("main")).to_contain_text("Intervisie over schoolverzuim")

    services.issue_send_start(issue=issue, user=editor())
    received = next(
        m
        for m in mail.outbox
        if m.to == ["lotte@voorbeeld.be"] and "TEST" not in m.subject and "Sport" in m.subject
    )
    page.goto(base + links_in(received)["uitschrijven"])
    page.get_by_role("button", name="Uitschrijven").click()
    expect(page.locator("h1")).to_have_text("Je bent uitgeschreven")
    assert not Subscriber.objects.filter(email="lotte@voorbeeld.be").exists()
