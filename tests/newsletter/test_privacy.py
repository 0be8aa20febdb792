import pytest

from django.contrib.auth.models import AnonymousUser

from newsletter.selectors import dashboard_section, subscribers_visible_to
from tests.factories.newsletter import SubscriberFactory

pytestmark = pytest.mark.django_db

LIST = "/admin/nieuwsbrief/abonnees/"


def test_editor_sees_the_subscriber_list(client, editor_user):
    """Editors open the subscriber list in the admin."""
    subscriber = SubscriberFactory()
    client.force_login(editor_user)
    response = client.get(LIST)
    assert response.status_code == 200
    assert subscriber.email in response.content.decode()


def test_editor_exports_the_subscriber_list(client, editor_user):
    """Editors download the list as CSV."""
    subscriber = SubscriberFactory()
    client.force_login(editor_user)
    response = client.get(LIST + "?export=csv")
    body = b"".join(response.streaming_content).decode() if response.streaming else ""
    assert response.status_code == 200
    assert subscriber.email in body


@pytest.mark.parametrize("who", ["staff_user", "facilitator_user", "outsider_user"])
def test_others_cannot_see_or_export_subscribers(client, request, who):
    """Staff, facilitators and outsiders get neither the list nor the export."""
    subscriber = SubscriberFactory()
    client.force_login(request.getfixturevalue(who))
    for url in (LIST, LIST + "?export=csv"):
        response = client.get(url)
        assert response.status_code in (302, 403)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert subscriber.email.encode() not in content


def test_anonymous_visitor_is_sent_to_the_login(client):
    """The admin list is closed to the public."""
    SubscriberFactory()
    response = client.get(LIST)
    assert response.status_code == 302


def test_selector_shows_subscribers_to_editors_only(editor_user, staff_user):
    """The one read rule: editors see subscribers, nobody else does."""
    SubscriberFactory.create_batch(2)
    assert subscribers_visible_to(editor_user).count() == 2
    assert subscribers_visible_to(staff_user).count() == 0
    assert subscribers_visible_to(AnonymousUser()).count() == 0


def test_dashboard_section_only_for_editors(editor_user, staff_user):
    """The staff dashboard block with subscriber numbers is for editors only."""
    SubscriberFactory.create_batch(2)
    assert dashboard_section(user=staff_user) is None
    assert dashboard_section(user=editor_user)["confirmed_count"] == 2


def test_issue_mail_carries_no_other_subscriber(issue, editor_user):
    """Each e-mail goes to one address: nobody sees who else is on the list."""
    from django.core import mail

    from newsletter import services

    SubscriberFactory.create_batch(3)
    services.issue_send_start(issue=issue, user=editor_user)
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mail.outbox)
