"""iCalendar files from `CalendarEvent`s, as Outlook, Google and Apple calendars read them.

Times are written in the site's zone (Europe/Brussels) with its VTIMEZONE, so an event keeps its
hour across summer and winter time whatever zone the reader's calendar is in.
"""

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import icalendar

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

from .hooks import CalendarEvent

PRODID = "-//CANO Vlaanderen//CANO-platform//NL"


def calendar_ics(events: Iterable[CalendarEvent], *, name: str, base_url: str) -> bytes:
    """The events as one VCALENDAR, named `name` in the calendar apps that show names.

    `base_url` ("https://cano.be") makes the events' site paths absolute, as calendars need.
    """
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for event in events:
        calendar.add_component(_vevent(event, zone=zone, stamp=stamp, base_url=base_url))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _vevent(
    event: CalendarEvent, *, zone: ZoneInfo, stamp: dt.datetime, base_url: str
) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("summary", event.summary)
    vevent.add("dtstart", _local(event.starts_at, zone))
    if event.ends_at is not None:
        vevent.add("dtend", _local(event.ends_at, zone))
    elif not isinstance(event.starts_at, dt.datetime):
        # An all-day event ends the next day: DTEND is exclusive.
        vevent.add("dtend", event.starts_at + dt.timedelta(days=1))
    if event.location:
        vevent.add("location", event.location)
    if event.url:
        vevent.add("url", urljoin(base_url, event.url))
    return vevent


def _local(moment: dt.datetime | dt.date, zone: ZoneInfo) -> dt.datetime | dt.date:
    if isinstance(moment, dt.datetime):
        return moment.astimezone(zone)
    return moment


def calendar_download(request, event: CalendarEvent, *, filename: str) -> HttpResponse:
    """One event as a file the browser saves and the calendar app opens ("Zet in je agenda")."""
    body = calendar_ics([event], name=event.summary, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
