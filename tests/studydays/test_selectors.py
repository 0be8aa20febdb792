import datetime

import icalendar
import pytest

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from wagtail.models import Page

from cano.home.selectors import pages_visible_to
from studydays.models import Audience
from studydays.selectors import (
    dashboard_section,
    expected_audience_for_year,
    study_day_alternation,
    study_day_next,
)
from tests.factories.studydays import StudyDayPageFactory, register

pytestmark = pytest.mark.django_db


def day(parent, year, audience, **kwargs):
    return StudyDayPageFactory(
        parent=parent, date=datetime.date(year, 10, 15), audience=audience, **kwargs
    )


def test_rhythm_counts_from_last_staff_day(index_page):
    """Staff every two years counting from the last staff day, externals in between."""
    day(index_page, 2024, Audience.STAFF)
    assert expected_audience_for_year(2025) == Audience.EXTERNAL
    assert expected_audience_for_year(2026) == Audience.STAFF
    assert expected_audience_for_year(2027) == Audience.EXTERNAL


def test_rhythm_without_any_staff_day_expects_nothing(index_page):
    """Before the first staff day there is no expectation and no warning."""
    page = day(index_page, 2026, Audience.EXTERNAL)
    assert study_day_alternation(study_day=page)["deviates"] is False


def test_deviating_page_is_flagged(index_page):
    """An external day in a staff year is flagged as deviating."""
    day(index_page, 2024, Audience.STAFF)
    page = day(index_page, 2026, Audience.EXTERNAL)
    alternation = study_day_alternation(study_day=page)
    assert alternation["deviates"] and alternation["expected"] == Audience.STAFF


def test_next_study_day_hides_staff_day_from_public(index_page, staff_user):
    """The home page's next study day skips staff days for anonymous visitors."""
    soon = timezone.localdate() + datetime.timedelta(days=5)
    staff_day = StudyDayPageFactory(parent=index_page, date=soon, audience=Audience.STAFF)
    public_day = StudyDayPageFactory(parent=index_page, date=soon + datetime.timedelta(days=9))
    assert study_day_next(user=AnonymousUser()) == public_day
    assert study_day_next(user=staff_user) == staff_day


def test_past_days_are_not_next(index_page):
    """A day in the past is never the next study day."""
    StudyDayPageFactory(parent=index_page, date=timezone.localdate() - datetime.timedelta(days=1))
    assert study_day_next(user=AnonymousUser()) is None


def test_dashboard_section_shows_own_registration(study_day, staff_user, outsider_user):
    """Staff see the next day and their own registration; outsiders get no section."""
    register(study_day, email=staff_user.email)
    section = dashboard_section(user=staff_user)
    assert section["template"] == "studydays/dashboard_section.html"
    assert [e["registration"].study_day for e in section["registrations"]] == [study_day]
    assert "/studiedagen/inschrijving/" in section["registrations"][0]["url"]
    assert dashboard_section(user=outsider_user) is None


def test_dashboard_renders_section(staff_client, staff_user, study_day, site_tree):
    """The staff dashboard shows the study days card with the user's registration."""
    register(study_day, email=staff_user.email)
    html = staff_client.get(site_tree["staff_area"].url).content.decode()
    assert "Jouw inschrijvingen" in html and study_day.title in html


def test_home_page_shows_next_study_day(client, study_day, site_tree):
    """The home page names the next public study day."""
    assert study_day.title in client.get("/").content.decode()


def test_calendar_feed_lists_upcoming_public_days_only(client, index_page):
    """The iCalendar feed holds upcoming public days, not staff or past ones."""
    soon = timezone.localdate() + datetime.timedelta(days=10)
    StudyDayPageFactory(parent=index_page, title="Publieke dag", date=soon)
    StudyDayPageFactory(parent=index_page, title="Interne dag", date=soon, audience=Audience.STAFF)
    StudyDayPageFactory(
        parent=index_page, title="Oude dag", date=soon - datetime.timedelta(days=100)
    )
    response = client.get("/studiedagen/agenda.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    titles = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert titles == ["Publieke dag"]


def test_index_page_lists_visible_days(client, index_page):
    """The overview lists public days to the public, without staff days."""
    StudyDayPageFactory(parent=index_page, title="Publieke dag")
    StudyDayPageFactory(parent=index_page, title="Interne dag", audience=Audience.STAFF)
    html = client.get(index_page.url).content.decode()
    assert "Publieke dag" in html and "Interne dag" not in html


def test_search_finds_staff_day_only_for_staff(index_page, staff_user):
    """Site search (the configured backend) finds a staff day for staff only."""
    StudyDayPageFactory(
        parent=index_page, title="Veerkracht in de jeugdhulp", audience=Audience.STAFF
    )
    StudyDayPageFactory(parent=index_page, title="Veerkracht voor partners")

    def titles(user):
        return sorted(
            p.title for p in pages_visible_to(user, Page.objects.all()).search("veerkracht")
        )

    assert titles(AnonymousUser()) == ["Veerkracht voor partners"]
    assert titles(staff_user) == ["Veerkracht in de jeugdhulp", "Veerkracht voor partners"]


def test_study_day_page_offers_the_day_as_calendar_file(client, study_day):
    """The page's "Zet in je agenda" downloads the day as a calendar file with its hours."""
    html = client.get(study_day.url).content.decode()
    assert f'href="{study_day.url}agenda/"' in html

    response = client.get(study_day.url + "agenda/")

    assert response["Content-Disposition"] == 'attachment; filename="studiedag.ics"'
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == study_day.title
    assert event["dtstart"].dt == study_day.starts_at
