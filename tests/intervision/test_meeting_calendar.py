"""A group's meeting as a calendar file, for the group only."""

import datetime

import icalendar
import pytest

from django.urls import reverse

from tests.factories.intervision import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(group):
    return MeetingFactory(
        group=group, date=datetime.date(2030, 3, 4), start_time=datetime.time(13, 30)
    )


def meeting_ics_url(meeting):
    return reverse("intervision:meeting_ics", kwargs={"slug": meeting.group.slug, "pk": meeting.pk})


def test_group_page_offers_each_meeting_for_the_calendar(client, poster, meeting):
    """The group's page links every upcoming meeting to its calendar file."""
    client.force_login(poster)
    html = client.get(meeting.group.get_absolute_url()).content.decode()
    assert f'href="{meeting_ics_url(meeting)}"' in html


def test_member_downloads_the_meeting(client, poster, meeting):
    """A member gets the meeting at its Brussels hour, with the group's name and place."""
    client.force_login(poster)

    response = client.get(meeting_ics_url(meeting))

    assert response["Content-Disposition"] == 'attachment; filename="intervisie.ics"'
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == "Intervisie: Intervisie Gent"
    assert str(event["location"]) == meeting.place
    assert event["dtstart"].params["TZID"] == "Europe/Brussels"
    assert event["dtstart"].dt.replace(tzinfo=None) == datetime.datetime(2030, 3, 4, 13, 30)


def test_meeting_without_an_hour_is_all_day(client, poster, group):
    """A meeting with a date only is a whole-day item, not one at midnight."""
    meeting = MeetingFactory(group=group, date=datetime.date(2030, 3, 4), start_time=None)
    client.force_login(poster)

    (event,) = icalendar.Calendar.from_ical(client.get(meeting_ics_url(meeting)).content).walk(
        "VEVENT"
    )

    assert event["dtstart"].dt == datetime.date(2030, 3, 4)


def test_other_group_gets_not_found(client, other_group_member, meeting):
    """Someone outside the group cannot learn when or where it meets."""
    client.force_login(other_group_member)
    assert client.get(meeting_ics_url(meeting)).status_code == 404
