"""The site's one set of date and time formats, in Flemish Dutch whatever language is active.

`long_date` (dinsdag 2 februari 2027), `short_date` (2 feb. 2027), `time_of_day` (14.30 uur),
`time_range` (14.30-16.00 uur) and `short_datetime` (2 feb. 2027, 14.30 uur). Templates load them
with `{% load cano_format %}`; Python code that builds text a user reads (e-mail subjects, messages)
calls the same functions. Aware datetimes are shown in the site's time zone.

The names of days and months come from Django's Dutch catalogue, read with Dutch switched on: an
admin user who prefers English and an e-mail sent from a worker without an active language get
the same words as a visitor.
"""

import datetime as dt

from django import template
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext, pgettext_lazy

register = template.Library()

LANGUAGE = "nl-be"

# Django's Dutch catalogue abbreviates without a full stop (feb); Flemish usage writes one.
MONTH_ABBREVIATIONS = {
    1: pgettext_lazy("abbreviated month", "jan."),
    2: pgettext_lazy("abbreviated month", "feb."),
    3: pgettext_lazy("abbreviated month", "mrt."),
    4: pgettext_lazy("abbreviated month", "apr."),
    5: pgettext_lazy("abbreviated month", "mei"),
    6: pgettext_lazy("abbreviated month", "jun."),
    7: pgettext_lazy("abbreviated month", "jul."),
    8: pgettext_lazy("abbreviated month", "aug."),
    9: pgettext_lazy("abbreviated month", "sep."),
    10: pgettext_lazy("abbreviated month", "okt."),
    11: pgettext_lazy("abbreviated month", "nov."),
    12: pgettext_lazy("abbreviated month", "dec."),
}

DateLike = dt.date | dt.datetime
TimeLike = dt.time | dt.datetime


def _local(value):
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _dutch_date(value: DateLike, pattern: str) -> str:
    with translation.override(LANGUAGE):
        return date_format(_local(value), pattern)


def _clock(value: TimeLike) -> str:
    # 14.30: hours without a leading zero, a full stop between hours and minutes.
    with translation.override(LANGUAGE):
        return time_format(_local(value), "G.i")


def _hour_suffix(clock: str) -> str:
    with translation.override(LANGUAGE):
        return gettext("%(time)s uur") % {"time": clock}


@register.filter
def long_date(value: DateLike | None) -> str:
    """dinsdag 2 februari 2027"""
    if not value:
        return ""
    return _dutch_date(value, "l j F Y")


@register.filter
def short_date(value: DateLike | None) -> str:
    """2 feb. 2027"""
    if not value:
        return ""
    value = _local(value)
    with translation.override(LANGUAGE):
        return f"{value.day} {MONTH_ABBREVIATIONS[value.month]} {value.year}"


@register.filter
def time_of_day(value: TimeLike | None) -> str:
    """14.30 uur"""
    if not value:
        return ""
    return _hour_suffix(_clock(value))


@register.filter
def time_range(start: TimeLike | None, end: TimeLike | None) -> str:
    """14.30-16.00 uur; only the start (14.30 uur) when there is no end."""
    if not start:
        return ""
    if not end:
        return time_of_day(start)
    return _hour_suffix(f"{_clock(start)}-{_clock(end)}")


@register.filter
def short_datetime(value: dt.datetime | None) -> str:
    """2 feb. 2027, 14.30 uur"""
    if not value:
        return ""
    return f"{short_date(value)}, {time_of_day(value)}"


@register.filter
def long_datetime(value: dt.datetime | None) -> str:
    """dinsdag 2 februari 2027, 14.30 uur"""
    if not value:
        return ""
    return f"{long_date(value)}, {time_of_day(value)}"
