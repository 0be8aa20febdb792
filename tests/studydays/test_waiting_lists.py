"""Who waits for what: the day and each workshop have a waiting list of their own."""

import re

import pytest

from django.core import mail

from studydays.services import registration_cancel
from tests.factories.studydays import StudyDayPageFactory, programme, register
from tests.studydays.conftest import workshops_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_day(index_page):
    """A day of 4 places; "Trauma" (1 place) in the first round, roomy workshops otherwise."""
    return StudyDayPageFactory(
        parent=index_page,
        capacity=4,
        programme=programme(
            ("Workshopronde 1", [("Trauma", 1), ("Netwerk", 10)]),
            ("Workshopronde 2", [("School", 10), ("Online", 10)]),
        ),
    )


def choose(day, *titles):
    workshops = workshops_of(day)
    return [workshops[title].pk for title in titles]


def places(html):
    """The page's line about the day's places, as a visitor reads it."""
    return re.search(r"<dt>Plaatsen</dt><dd>(.*?)</dd>", html).group(1)


def workshop_line(html, title):
    return re.search(rf"<li>{title}: (.*?)</li>", html).group(1)


def personal_page(client, registration):
    from studydays.links import registration_url

    html = client.get("/" + registration_url(registration).split("/", 3)[3]).content.decode()
    return re.search(r'<dd id="registration-status">(.*?)</dd>', html, re.S).group(1)


def mail_to(registration):
    return [m for m in mail.outbox if m.to == [registration.email]][-1].body


def full_day_with_both_lists(day):
    """A takes the one place in Trauma; B waits for Trauma; C, D and E fill the day; F waits
    for the day. Returns them by letter."""
    people = {"A": register(day, n=1, workshop_ids=choose(day, "Trauma", "School"))}
    people["B"] = register(day, n=2, workshop_ids=choose(day, "Trauma", "School"))
    for n, letter in enumerate("CDE", start=3):
        people[letter] = register(day, n=n, workshop_ids=choose(day, "Netwerk", "Online"))
    people["F"] = register(day, n=6, workshop_ids=choose(day, "Netwerk", "Online"))
    return people


def test_workshop_waiting_count_holds_only_those_waiting_for_it(client, small_day):
    """Who waits for a full workshop is not counted on the list of another workshop they chose."""
    register(small_day, n=1, workshop_ids=choose(small_day, "Trauma", "School"))
    register(small_day, n=2, workshop_ids=choose(small_day, "Trauma", "School"))

    html = client.get(small_day.url).content.decode()

    assert workshop_line(html, "Trauma") == "volzet. Wachtlijst voor deze workshop: 1 persoon"
    assert workshop_line(html, "School") == "9 plaatsen vrij"


def test_full_day_counts_only_those_waiting_for_a_place_on_the_day(client, small_day):
    """When the day fills up, who waits for a workshop is not said to wait for the day."""
    register(small_day, n=1, workshop_ids=choose(small_day, "Trauma", "School"))
    register(small_day, n=2, workshop_ids=choose(small_day, "Trauma", "School"))
    for n in range(3, 6):
        register(small_day, n=n, workshop_ids=choose(small_day, "Netwerk", "Online"))
    assert places(client.get(small_day.url).content.decode()) == "0 van 4 plaatsen vrij"

    register(small_day, n=6, workshop_ids=choose(small_day, "Netwerk", "Online"))

    html = client.get(small_day.url).content.decode()
    assert places(html) == "0 van 4 plaatsen vrij · 1 persoon op de wachtlijst"
    assert workshop_line(html, "Trauma") == "volzet. Wachtlijst voor deze workshop: 1 persoon"


def test_personal_page_names_the_list_and_the_place_on_it(client, small_day):
    """A waiting person's page says whether they wait for the day or a workshop, and their place."""
    people = full_day_with_both_lists(small_day)
    people["G"] = register(small_day, n=7, workshop_ids=choose(small_day, "Trauma", "Online"))

    assert "Wachtlijst voor de workshop “Trauma”: plaats 1" in personal_page(client, people["B"])
    assert "Wachtlijst voor de workshop “Trauma”: plaats 2" in personal_page(client, people["G"])
    assert "studiedag" not in personal_page(client, people["G"])
    status = personal_page(client, people["F"])
    assert "Wachtlijst voor de studiedag: plaats 1" in status
    assert "workshop" not in status


def test_waiting_mail_names_the_list_and_the_place_on_it(small_day):
    """The waiting-list mail says what the person waits for and their place on that list."""
    people = full_day_with_both_lists(small_day)

    for_workshop = mail_to(people["B"])
    assert "Wachtlijst voor de workshop “Trauma”: plaats 1" in for_workshop
    assert "nog niet ingeschreven" in for_workshop
    assert "De studiedag heeft nog plaatsen" not in for_workshop
    for_day = mail_to(people["F"])
    assert "Wachtlijst voor de studiedag: plaats 1" in for_day
    assert "Wachtlijst voor de workshop" not in for_day


def test_place_in_a_full_workshop_goes_to_its_list_even_on_a_full_day(client, small_day):
    """A cancellation in a full workshop on a full day promotes the first waiting for that
    workshop, not the first waiting for the day; both lists then say so."""
    people = full_day_with_both_lists(small_day)

    promoted = registration_cancel(registration=people["A"])

    assert promoted == [people["B"]]
    html = client.get(small_day.url).content.decode()
    assert places(html) == "0 van 4 plaatsen vrij · 1 persoon op de wachtlijst"
    assert workshop_line(html, "Trauma") == "volzet"
    assert "Wachtlijst voor de studiedag: plaats 1" in personal_page(client, people["F"])
