import datetime

import icalendar
import pytest
from playwright.sync_api import expect

from django.utils import timezone

from tests.e2e.helpers import log_in
from tests.factories.studydays import StudyDayIndexPageFactory, StudyDayPageFactory, register

pytestmark = pytest.mark.django_db(transaction=True)


def summaries(body: bytes) -> list[str]:
    return [str(event["summary"]) for event in icalendar.Calendar.from_ical(body).walk("VEVENT")]


def test_subscribe_to_my_agenda_and_renew_the_link(
    live_base, page, site_tree, staff_user, password
):
    """Make a link, fetch and parse the feed it names, then renew it: the old link stops."""
    index = StudyDayIndexPageFactory(parent=site_tree["home"])
    study_day = StudyDayPageFactory(
        parent=index,
        title="Studiedag Samen sterk",
        date=timezone.localdate() + datetime.timedelta(days=30),
    )
    register(study_day, email=staff_user.email, user=staff_user)

    log_in(page, live_base, staff_user.email, password, "/account/agenda/")
    expect(page.locator("main")).to_contain_text("Je hebt nog geen agendalink.")
    page.get_by_role("button", name="Link maken").click()
    expect(page.locator(".messages")).to_contain_text("Je agendalink is klaar.")

    url_field = page.get_by_label("Link voor Google Agenda of Outlook", exact=False)
    feed_url = url_field.input_value()
    assert feed_url.startswith(live_base + "/agenda/")
    webcal = page.get_by_label("Link voor Apple Agenda (webcal)").input_value()
    assert webcal == "webcal://" + feed_url.split("://", 1)[1]

    response = page.request.get(feed_url)
    assert response.status == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert summaries(response.body()) == ["Studiedag Samen sterk"]

    page.get_by_role("button", name="Nieuwe link maken").click()
    expect(page.locator(".messages")).to_contain_text("De vorige link werkt niet meer.")
    new_url = url_field.input_value()
    assert new_url != feed_url
    assert page.request.get(feed_url).status == 404
    assert summaries(page.request.get(new_url).body()) == ["Studiedag Samen sterk"]


def test_study_day_page_puts_the_day_in_my_agenda(live_base, page, site_tree):
    """The page's "Zet in je agenda" links to the day as a calendar file to download."""
    index = StudyDayIndexPageFactory(parent=site_tree["home"])
    study_day = StudyDayPageFactory(parent=index, title="Studiedag Netwerken")

    page.goto(live_base + study_day.url)
    link = page.get_by_role("link", name="Zet in je agenda")
    response = page.request.get(live_base + link.get_attribute("href"))

    assert response.headers["content-disposition"] == 'attachment; filename="studiedag.ics"'
    assert summaries(response.body()) == ["Studiedag Netwerken"]
