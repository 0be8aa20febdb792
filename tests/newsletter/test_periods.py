import datetime

import pytest

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from newsletter.models import NewsletterIssuePage
from newsletter.periods import Period
from tests.factories.newsletter import NewsletterIssuePageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (datetime.date(2026, 1, 1), "januari - april 2026"),
        (datetime.date(2026, 4, 30), "januari - april 2026"),
        (datetime.date(2026, 5, 1), "mei - augustus 2026"),
        (datetime.date(2026, 8, 31), "mei - augustus 2026"),
        (datetime.date(2026, 9, 1), "september - december 2026"),
        (datetime.date(2026, 12, 31), "september - december 2026"),
    ],
)
def test_period_label_follows_publication_date(day, label):
    """Each date falls in one of three four-month periods, shown in Dutch."""
    assert Period.of(day).label == label


def test_issue_page_shows_its_period(client, archive):
    """The issue page names the period it covers."""
    issue = NewsletterIssuePageFactory(parent=archive, publication_date=datetime.date(2026, 10, 2))
    response = client.get(issue.url)
    assert "september - december 2026" in response.content.decode()
    assert issue.period_label == "september - december 2026"


def test_second_issue_in_same_period_is_refused_with_dutch_message(archive):
    """Validation refuses a second issue for a period and says why."""
    NewsletterIssuePageFactory(parent=archive, publication_date=datetime.date(2026, 5, 3))
    second = NewsletterIssuePage(
        title="Dubbel", slug="dubbel", number=99, publication_date=datetime.date(2026, 8, 20)
    )
    with pytest.raises(ValidationError) as excinfo:
        archive.add_child(instance=second)
    assert "mei - augustus 2026" in str(excinfo.value)
    assert "maar één" in str(excinfo.value)


def test_database_refuses_second_issue_in_same_period(archive):
    """Even bypassing validation, the database holds one issue per period."""
    first = NewsletterIssuePageFactory(parent=archive, publication_date=datetime.date(2025, 2, 1))
    other = NewsletterIssuePageFactory(parent=archive, publication_date=datetime.date(2025, 6, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        NewsletterIssuePage.objects.filter(pk=other.pk).update(
            period_year=first.period_year, period_number=first.period_number
        )


def test_editing_an_issue_keeps_its_own_period(archive):
    """Saving an existing issue again is not a clash with itself."""
    issue = NewsletterIssuePageFactory(parent=archive, publication_date=datetime.date(2025, 2, 1))
    issue.title = "Nieuwe titel"
    issue.save_revision().publish()
    assert NewsletterIssuePage.objects.get(pk=issue.pk).title == "Nieuwe titel"


def test_admin_refuses_second_issue_in_same_period(client, archive, editor_user):
    """An editor adding a second issue for a period sees a clear Dutch error, nothing is created."""
    NewsletterIssuePageFactory(parent=archive, publication_date=datetime.date(2026, 9, 10))
    client.force_login(editor_user)
    data = nested_form_data(
        {
            "title": "Tweede najaarsnummer",
            "slug": "tweede-najaarsnummer",
            "number": 50,
            "publication_date": "2026-11-02",
            "intro": rich_text("<p>Intro</p>"),
            "articles": streamfield([]),
        }
    )
    response = client.post(f"/admin/pages/add/newsletter/newsletterissuepage/{archive.pk}/", data)
    assert response.status_code == 200
    assert "Er bestaat al een nummer voor de periode september - december 2026" in (
        response.content.decode()
    )
    assert NewsletterIssuePage.objects.count() == 1


def test_copying_an_issue_is_refused_with_a_message(client, issue, archive, editor_user):
    """Copying an issue in the admin explains why it cannot, and creates nothing."""
    client.force_login(editor_user)
    response = client.post(
        f"/admin/pages/{issue.pk}/copy/",
        {"new_title": "Kopie", "new_slug": "kopie", "new_parent_page": archive.pk},
        follow=True,
    )
    assert "kan niet gekopieerd worden" in response.content.decode()
    assert NewsletterIssuePage.objects.count() == 1
