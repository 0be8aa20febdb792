import datetime

import pytest

from wagtail.contrib.redirects.models import Redirect

from newsletter.models import NewsletterIssuePage
from tests.factories.newsletter import NewsletterIssuePageFactory

pytestmark = pytest.mark.django_db


def test_issue_address_is_its_period(client, archive):
    """An issue lives at /nieuwsbrief/<year>-<period>/, whatever slug it was given."""
    issue = NewsletterIssuePageFactory(
        parent=archive, slug="iets-anders", publication_date=datetime.date(2026, 5, 3)
    )
    assert issue.url == "/nieuwsbrief/2026-2/"
    assert client.get("/nieuwsbrief/2026-2/").status_code == 200


def test_number_address_redirects_to_the_issue(client, archive):
    """/nieuwsbrief/nummer-<n>/ sends the reader to the issue's own address."""
    NewsletterIssuePageFactory(
        parent=archive, number=12, publication_date=datetime.date(2025, 10, 1)
    )
    response = client.get("/nieuwsbrief/nummer-12/")
    assert response.status_code == 301
    assert response["Location"] == "/nieuwsbrief/2025-3/"


def test_number_address_of_an_unknown_or_draft_issue_is_not_found(client, archive):
    """No redirect reveals an issue that is not published."""
    NewsletterIssuePageFactory(
        parent=archive, number=13, live=False, publication_date=datetime.date(2025, 6, 1)
    )
    assert client.get("/nieuwsbrief/nummer-13/").status_code == 404
    assert client.get("/nieuwsbrief/nummer-999/").status_code == 404


def test_moving_the_date_to_another_period_redirects_the_old_address(
    client, archive, django_capture_on_commit_callbacks
):
    """Republished in another period, the issue moves; its old address redirects there."""
    issue = NewsletterIssuePageFactory(parent=archive, publication_date=datetime.date(2025, 2, 1))
    assert issue.url == "/nieuwsbrief/2025-1/"
    issue = NewsletterIssuePage.objects.get(pk=issue.pk)
    issue.publication_date = datetime.date(2025, 6, 1)
    with django_capture_on_commit_callbacks(execute=True):
        issue.save_revision().publish()
    assert NewsletterIssuePage.objects.get(pk=issue.pk).url == "/nieuwsbrief/2025-2/"
    assert Redirect.objects.filter(old_path="/nieuwsbrief/2025-1", redirect_page=issue).exists()
    response = client.get("/nieuwsbrief/2025-1/")
    assert response.status_code == 301
    assert response["Location"].endswith("/nieuwsbrief/2025-2/")
