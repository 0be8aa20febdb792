"""One set of date and time formats, in Flemish Dutch whatever language is active."""

import datetime as dt

import pytest

from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format, time_format

from cano.templatetags.cano_format import (
    long_date,
    long_datetime,
    short_date,
    short_datetime,
    time_of_day,
    time_range,
)

TUESDAY = dt.date(2027, 2, 2)
BRUSSELS_AFTERNOON = dt.datetime(2027, 2, 2, 13, 30, tzinfo=dt.UTC)  # 14.30 in Brussels


@pytest.fixture(params=["nl-be", "en"], autouse=True)
def active_language(request):
    """Every format test runs with Dutch and with English active: the output is the same."""
    with translation.override(request.param):
        yield request.param


def test_long_date_names_weekday_and_month():
    """A long date reads as a Flemish reader says it."""
    assert long_date(TUESDAY) == "dinsdag 2 februari 2027"


def test_short_date_abbreviates_the_month_with_a_full_stop():
    """A short date abbreviates the month as Flemish usage does."""
    assert short_date(TUESDAY) == "2 feb. 2027"
    assert short_date(dt.date(2026, 12, 3)) == "3 dec. 2026"


def test_short_date_keeps_may_whole():
    """May is short enough as it is: no abbreviation, no full stop."""
    assert short_date(dt.date(2027, 5, 14)) == "14 mei 2027"


def test_time_of_day_uses_a_full_stop_and_uur():
    """A time reads 14.30 uur, morning hours without a leading zero."""
    assert time_of_day(dt.time(14, 30)) == "14.30 uur"
    assert time_of_day(dt.time(9, 5)) == "9.05 uur"


def test_time_range_names_uur_once():
    """A range of times says uur once, after the end."""
    assert time_range(dt.time(14, 30), dt.time(16, 0)) == "14.30-16.00 uur"


def test_time_range_without_an_end_is_the_start():
    """A slot without an end time shows its start alone."""
    assert time_range(dt.time(9, 0), None) == "9.00 uur"


def test_aware_datetimes_are_shown_in_brussels_time():
    """A moment stored in UTC is shown at the hour it is in Brussels."""
    assert short_datetime(BRUSSELS_AFTERNOON) == "2 feb. 2027, 14.30 uur"
    assert long_datetime(BRUSSELS_AFTERNOON) == "dinsdag 2 februari 2027, 14.30 uur"


def test_a_late_evening_in_utc_is_the_next_day_in_brussels():
    """The date of a moment just before midnight UTC is the Brussels date."""
    assert short_date(dt.datetime(2027, 2, 1, 23, 30, tzinfo=dt.UTC)) == "2 feb. 2027"


def test_missing_values_show_nothing():
    """An empty date or time renders as an empty string, not as None."""
    assert long_date(None) == short_date(None) == time_of_day(None) == time_range(None, None) == ""


def test_filters_work_in_every_template_without_loading():
    """Templates use the filters directly, and also by their load name."""
    context = Context({"day": TUESDAY, "start": dt.time(14, 30), "end": dt.time(16, 0)})
    builtin = Template("{{ day|long_date }}, {{ start|time_range:end }}").render(context)
    loaded = Template("{% load cano_format %}{{ day|short_date }}").render(context)
    assert builtin == "dinsdag 2 februari 2027, 14.30-16.00 uur"
    assert loaded == "2 feb. 2027"


def test_django_formats_for_dutch_follow_the_same_convention(active_language):
    """What the admin shows through Django's formats uses the same words and clock."""
    with translation.override("nl-be"):
        assert date_format(TUESDAY) == "2 februari 2027"
        assert time_format(dt.time(14, 30)) == "14.30 uur"
        assert date_format(dt.datetime(2027, 2, 2, 14, 30), "DATETIME_FORMAT") == (
            "2 februari 2027, 14.30 uur"
        )
