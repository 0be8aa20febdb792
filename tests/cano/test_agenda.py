import datetime

import icalendar
import pytest

from django.test import Client
from django.utils import timezone

from cano.accounts.services import calendar_feed_renew
from studydays.services import registration_cancel
from tests.factories.accounts import StaffFactory
from tests.factories.intervision import CaseFactory, IntervisionGroupFactory, MeetingFactory
from tests.factories.studydays import StudyDayIndexPageFactory, StudyDayPageFactory, register
from tests.factories.workgroups import (
    WorkgroupIndexPageFactory,
    WorkgroupMembershipFactory,
    WorkgroupPageFactory,
)
from workgroups.models import WorkgroupMeeting

pytestmark = pytest.mark.django_db


def feed_url(user) -> str:
    return f"/agenda/{calendar_feed_renew(user=user).key}.ics"


def events_of(response) -> dict[str, icalendar.Event]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def study_days(site_tree):
    return StudyDayIndexPageFactory(parent=site_tree["home"])


@pytest.fixture
def workgroups(site_tree):
    return WorkgroupIndexPageFactory(parent=site_tree["staff_area"])


def test_feed_holds_the_study_days_i_registered_for(client, staff_user, study_days):
    """Only days with my place: not a day I skipped nor one whose registration I cancelled."""
    soon = timezone.localdate() + datetime.timedelta(days=20)
    mine = StudyDayPageFactory(parent=study_days, title="Samen sterk", date=soon)
    StudyDayPageFactory(parent=study_days, title="Niet voor mij", date=soon)
    cancelled = StudyDayPageFactory(parent=study_days, title="Toch niet", date=soon)
    register(mine, email=staff_user.email, user=staff_user)
    registration_cancel(
        registration=register(cancelled, email=staff_user.email, user=staff_user), notify=False
    )

    events = events_of(client.get(feed_url(staff_user)))

    assert list(events) == ["Samen sterk"]
    event = events["Samen sterk"]
    assert event["uid"] == f"studiedag-{mine.pk}@cano-vlaanderen"
    assert event["dtstart"].params["TZID"] == "Europe/Brussels"
    assert event["dtstart"].dt.replace(tzinfo=None) == datetime.datetime.combine(
        soon, mine.start_time
    )
    assert str(event["url"]).endswith(mine.url)
    assert "dtstamp" in event


def test_feed_describes_the_brussels_zone(client, staff_user, study_days):
    """A VTIMEZONE for Europe/Brussels comes along, as Outlook needs to place the hours."""
    register(StudyDayPageFactory(parent=study_days), email=staff_user.email, user=staff_user)

    calendar = icalendar.Calendar.from_ical(client.get(feed_url(staff_user)).content)

    assert [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]


def test_feed_holds_my_meetings_and_no_case_content(client, staff_user, workgroups):
    """My intervision group's and my workgroup's meetings, with the place; no case titles."""
    group = IntervisionGroupFactory(name="Intervisie Gent", members=[staff_user])
    CaseFactory(group=group, title="Casus over Jonas")
    MeetingFactory(group=group, start_time=datetime.time(14, 0), place="Zaal De Kering")
    workgroup = WorkgroupPageFactory(parent=workgroups, title="Sport")
    WorkgroupMembershipFactory(workgroup=workgroup, user=staff_user)
    WorkgroupMeeting.objects.create(
        page=workgroup, starts_at=timezone.now() + datetime.timedelta(days=3), location="Brugge"
    )

    response = client.get(feed_url(staff_user))
    events = events_of(response)

    assert set(events) == {"Intervisie: Intervisie Gent", "Werkgroep Sport"}
    assert str(events["Intervisie: Intervisie Gent"]["location"]) == "Zaal De Kering"
    assert str(events["Werkgroep Sport"]["location"]) == "Brugge"
    assert "Jonas" not in response.content.decode()


def test_feed_never_shows_another_users_events(client, staff_user, study_days, workgroups):
    """Someone else's groups, workgroups and study days stay out of my feed."""
    other = StaffFactory()
    MeetingFactory(group=IntervisionGroupFactory(members=[other]))
    workgroup = WorkgroupPageFactory(parent=workgroups)
    WorkgroupMembershipFactory(workgroup=workgroup, user=other)
    WorkgroupMeeting.objects.create(page=workgroup, starts_at=timezone.now())
    register(StudyDayPageFactory(parent=study_days), email=other.email, user=other)

    assert events_of(client.get(feed_url(staff_user))) == {}
    assert len(events_of(client.get(feed_url(other)))) == 3


def test_unknown_key_is_not_found(client, staff_user):
    """A made-up key, or one cut short, answers 404."""
    key = calendar_feed_renew(user=staff_user).key
    assert client.get("/agenda/onbekend-maar-lang-genoeg-1234.ics").status_code == 404
    assert client.get(f"/agenda/{key[:-1]}.ics").status_code == 404


def test_inactive_account_feed_is_not_found(client, staff_user):
    """A deactivated account's calendar stops answering."""
    url = feed_url(staff_user)
    staff_user.is_active = False
    staff_user.save()
    assert client.get(url).status_code == 404


def test_new_link_revokes_the_old_one(client, staff_user):
    """Asking for a new link gives a working URL, and the old one answers 404."""
    old_url = feed_url(staff_user)
    client.force_login(staff_user)

    response = client.post("/account/agenda/", follow=True)

    assert "De vorige link werkt niet meer." in response.content.decode()
    staff_user.refresh_from_db()
    new_url = f"/agenda/{staff_user.calendar_feed.key}.ics"
    assert new_url != old_url
    assert client.get(old_url).status_code == 404
    assert client.get(new_url).status_code == 200


def test_agenda_page_shows_both_addresses(client, staff_user):
    """The page offers the https:// and the webcal:// address of the same feed."""
    key = calendar_feed_renew(user=staff_user).key
    client.force_login(staff_user)

    html = client.get("/account/agenda/").content.decode()

    assert f'value="http://testserver/agenda/{key}.ics"' in html
    assert f'value="webcal://testserver/agenda/{key}.ics"' in html
    assert "Nieuwe link maken" in html


def test_agenda_page_without_a_link_offers_to_make_one(client, staff_user):
    """A first visit makes nothing yet: the user asks for a link."""
    client.force_login(staff_user)
    html = client.get("/account/agenda/").content.decode()
    assert "Je hebt nog geen agendalink." in html
    assert "webcal://" not in html


def test_agenda_page_needs_login(client):
    """Anonymous visitors are sent to log in."""
    response = client.get("/account/agenda/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/")


def test_new_link_needs_csrf(staff_user):
    """A cross-site POST cannot revoke the link."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    url = feed_url(staff_user)
    assert client.post("/account/agenda/").status_code == 403
    assert client.get(url).status_code == 200


def test_feed_is_rate_limited(client, staff_user, settings):
    """Past the limit per address the feed answers 429, also for a valid key."""
    settings.AGENDA_FEED_RATE_LIMIT = 2
    url = feed_url(staff_user)
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]
