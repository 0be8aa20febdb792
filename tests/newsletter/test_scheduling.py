import datetime
from unittest import mock

import pytest

from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cano.home.selectors import pages_visible_to
from cano.templatetags.cano_format import long_date
from newsletter import services
from newsletter.models import NewsletterIssuePage
from newsletter.selectors import newsletter_issue_latest

pytestmark = pytest.mark.django_db

ARTICLE = {
    "title": "Voorjaarsnieuws",
    "teaser": "",
    "body": rich_text("<p>Een woord als zeldzaamheidsproef.</p>"),
    "image": "",
    "image_alt": "",
    "links": streamfield([]),
}


def _publish_in_admin(client, archive, publication_date, **article):
    """An editor adds an issue with this publication date and presses Publish."""
    data = nested_form_data(
        {
            "title": "Voorjaarsnummer",
            "number": 70,
            "publication_date": publication_date.isoformat(),
            "intro": rich_text("<p>Intro</p>"),
            "articles": streamfield([("article", {**ARTICLE, **article})]),
            "action-publish": "action-publish",
        }
    )
    return client.post(f"/admin/pages/add/newsletter/newsletterissuepage/{archive.pk}/", data)


def _public_sees(client, archive, title: str) -> dict[str, bool]:
    search = pages_visible_to(AnonymousUser(), Page.objects.all()).search("zeldzaamheidsproef")
    latest = newsletter_issue_latest()
    return {
        "archive": title in client.get(archive.url).content.decode(),
        "rss": title in client.get("/nieuwsbrief/feed/rss/").content.decode(),
        "atom": title in client.get("/nieuwsbrief/feed/atom/").content.decode(),
        "search": bool(list(search)),
        "home": latest is not None and latest.title == title,
    }


@pytest.fixture
def future_day():
    return timezone.localdate() + datetime.timedelta(days=10)


def test_future_publication_date_schedules_the_issue(client, archive, editor_user, future_day):
    """Publishing with a date to come schedules the issue: nobody sees it before that day."""
    client.force_login(editor_user)
    response = _publish_in_admin(client, archive, future_day)
    assert response.status_code == 302
    issue = NewsletterIssuePage.objects.get(number=70)
    assert not issue.live
    assert issue.go_live_at == timezone.make_aware(
        datetime.datetime.combine(future_day, datetime.time.min)
    )
    assert issue.revisions.get().approved_go_live_at == issue.go_live_at
    client.logout()
    assert _public_sees(client, archive, "Voorjaarsnummer") == dict.fromkeys(
        ["archive", "rss", "atom", "search", "home"], False
    )
    assert client.get(f"/nieuwsbrief/{issue.period.slug}/").status_code == 404


def test_scheduled_issue_cannot_be_sent_yet(client, archive, editor_user, future_day):
    """Sending a scheduled issue is refused with the day it goes live."""
    client.force_login(editor_user)
    _publish_in_admin(client, archive, future_day)
    issue = NewsletterIssuePage.objects.get(number=70)
    with pytest.raises(services.SendingError) as refused:
        services.issue_send_start(issue=issue, user=editor_user)
    assert f"ingepland voor {long_date(future_day)}" in str(refused.value.args[0])


def test_scheduled_issue_goes_live_on_its_day(client, archive, editor_user, future_day):
    """On the publication day Wagtail's publish_scheduled puts the issue everywhere."""
    client.force_login(editor_user)
    _publish_in_admin(client, archive, future_day)
    client.logout()
    call_command("publish_scheduled")
    assert not NewsletterIssuePage.objects.get(number=70).live
    that_morning = timezone.make_aware(datetime.datetime.combine(future_day, datetime.time(6)))
    with mock.patch("django.utils.timezone.now", return_value=that_morning):
        call_command("publish_scheduled")
        issue = NewsletterIssuePage.objects.get(number=70)
        assert issue.live
        assert client.get(issue.url).status_code == 200
        assert _public_sees(client, archive, "Voorjaarsnummer") == dict.fromkeys(
            ["archive", "rss", "atom", "search", "home"], True
        )


def test_past_publication_date_publishes_at_once(client, archive, editor_user):
    """A date today or earlier publishes the issue right away."""
    client.force_login(editor_user)
    _publish_in_admin(client, archive, timezone.localdate())
    issue = NewsletterIssuePage.objects.get(number=70)
    assert issue.live and issue.go_live_at is None
    client.logout()
    assert client.get(issue.url).status_code == 200


def test_new_article_needs_no_link(client, archive, editor_user):
    """A new article in the admin starts without a link, and is saved without one."""
    client.force_login(editor_user)
    form = client.get(f"/admin/pages/add/newsletter/newsletterissuepage/{archive.pk}/")
    assert form.status_code == 200
    article_block = NewsletterIssuePage.articles.field.stream_block.child_blocks["article"]
    assert list(article_block.child_blocks["links"].get_default()) == []
    response = _publish_in_admin(client, archive, timezone.localdate())
    assert response.status_code == 302
    article = NewsletterIssuePage.objects.get(number=70).articles[0].value
    assert list(article["links"]) == []


def test_empty_publication_date_is_refused(client, archive, editor_user):
    """Without a publication date the admin says what is missing and creates nothing."""
    client.force_login(editor_user)
    data = nested_form_data(
        {
            "title": "Zonder datum",
            "number": 71,
            "publication_date": "",
            "intro": rich_text("<p>Intro</p>"),
            "articles": streamfield([]),
            "action-publish": "action-publish",
        }
    )
    response = client.post(f"/admin/pages/add/newsletter/newsletterissuepage/{archive.pk}/", data)
    assert response.status_code == 200
    assert not NewsletterIssuePage.objects.filter(number=71).exists()


def test_hostile_html_in_an_article_is_not_run(client, archive, editor_user):
    """Script in an article's teaser is shown as text, never run, on the issue page."""
    client.force_login(editor_user)
    _publish_in_admin(client, archive, timezone.localdate(), teaser="<script>alert(1)</script>")
    client.logout()
    html = client.get(NewsletterIssuePage.objects.get(number=70).url).content.decode()
    assert "<script>alert(1)</script>" not in html
