"""The home page's cards are cached, and still show what is true today."""

import datetime

import pytest

from django.utils import timezone

from cano.home.privacy import page_restrict_to_staff
from tests.factories import StaffFactory
from tests.factories.studydays import StudyDayIndexPageFactory, StudyDayPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def study_days(site_tree):
    return StudyDayIndexPageFactory(parent=site_tree["home"], slug="studiedagen")


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def test_a_study_day_published_later_is_on_the_home_page(client, site_tree, study_days):
    """A study day published after the home page was shown is the next study day at once."""
    StudyDayPageFactory(parent=study_days, title="Studiedag najaar", date=in_days(60))
    assert "Studiedag najaar" in client.get("/").content.decode()

    StudyDayPageFactory(parent=study_days, title="Studiedag voorjaar", date=in_days(10))

    assert "Studiedag voorjaar" in client.get("/").content.decode()


def test_the_next_study_day_moves_on_when_its_day_has_passed(
    client, site_tree, study_days, monkeypatch
):
    """The day after a study day, the home page shows the one after it, without any change."""
    StudyDayPageFactory(parent=study_days, title="Studiedag voorjaar", date=in_days(10))
    StudyDayPageFactory(parent=study_days, title="Studiedag najaar", date=in_days(60))
    assert "Studiedag voorjaar" in client.get("/").content.decode()

    later = timezone.now() + datetime.timedelta(days=11)
    monkeypatch.setattr(timezone, "now", lambda: later)

    html = client.get("/").content.decode()
    assert "Studiedag najaar" in html
    assert "Studiedag voorjaar" not in html


def test_a_staff_study_day_is_on_the_home_page_for_staff_only(client, site_tree, study_days):
    """Visitors and staff each get their own cached cards: a staff-only day is not shown to visitors."""
    page_restrict_to_staff(
        StudyDayPageFactory(parent=study_days, title="Interne studiedag", date=in_days(5))
    )
    assert "Interne studiedag" not in client.get("/").content.decode()

    client.force_login(StaffFactory())

    assert "Interne studiedag" in client.get("/").content.decode()
