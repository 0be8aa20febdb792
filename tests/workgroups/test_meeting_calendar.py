"""A workgroup's meeting as a calendar file, for whoever may open the workgroup's page."""

import datetime

import icalendar
import pytest

from django.utils import timezone

from workgroups.models import WorkgroupMeeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(workgroup):
    return WorkgroupMeeting.objects.create(
        page=workgroup,
        starts_at=timezone.make_aware(datetime.datetime(2030, 5, 6, 19, 0)),
        location="Sporthal Gent",
        agenda="Werkpunten voor het najaar",
    )


def test_member_downloads_the_meeting_from_the_page(member_client, workgroup, meeting):
    """The page links the meeting; the file has the workgroup, the hour and the place."""
    url = f"{workgroup.url}vergaderingen/{meeting.pk}/agenda/"
    assert f'href="{url}"' in member_client.get(workgroup.url).content.decode()

    response = member_client.get(url)

    assert response["Content-Disposition"] == 'attachment; filename="vergadering.ics"'
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == "Werkgroep Werkgroep sport"
    assert str(event["location"]) == "Sporthal Gent"
    assert event["dtstart"].dt == meeting.starts_at
    assert "Werkpunten" not in response.content.decode()


def test_anonymous_visitor_gets_no_meeting(client, workgroup, meeting):
    """The workgroups are for staff: a visitor is sent to log in."""
    response = client.get(f"{workgroup.url}vergaderingen/{meeting.pk}/agenda/")
    assert response.status_code == 302
    assert "/account/inloggen/" in response["Location"]


def test_unknown_meeting_is_not_found(member_client, workgroup):
    """A meeting id of no meeting of this workgroup answers 404."""
    assert member_client.get(f"{workgroup.url}vergaderingen/999999/agenda/").status_code == 404
