"""A study day in the site search: its own date, and a snippet that reads as its programme."""

import re

import pytest

from django.utils.html import strip_tags

from cano.templatetags.cano_format import short_date
from studydays.demo import _slot
from tests.factories.studydays import StudyDayPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def day_with_programme(index_page):
    return StudyDayPageFactory(
        parent=index_page,
        title="Studiedag: samen sterk rond jongeren",
        programme=[
            _slot(
                "09:30",
                "10:30",
                "Opening en lezing",
                sessions=[
                    (
                        "Netwerken rond jongeren: wie doet wat?",
                        "Dr. Bart Van Hove",
                        "Zaal Dijle",
                        "Een stand van zaken van de integrale jeugdhulp.",
                    )
                ],
            ),
            _slot(
                "11:00",
                "12:30",
                "Workshopronde 1",
                workshops=[
                    ("Trauma-sensitief werken", "An Peeters", "Zaal Demer", "", 4),
                    ("Participatie van jongeren", "Pieter Claes", "Zaal Nete", "", 8),
                ],
            ),
            _slot(
                "13:30",
                "15:00",
                "Workshopronde 2",
                workshops=[("Samenwerken met school", "Sofie Maes", "Zaal Demer", "", 6)],
            ),
        ],
    )


def results(client, query):
    """Each result as a visitor reads it: (type and date line, title, snippet)."""
    html = client.get("/zoeken/", {"q": query}).content.decode()
    return [
        tuple(" ".join(strip_tags(part).split()) for part in match)
        for match in re.findall(
            r'<p class="result__type">(.*?)</p>.*?<h3 class="result__title">(.*?)</h3>'
            r'.*?<p class="result__snippet">(.*?)</p>',
            html,
            re.S,
        )
    ]


def test_result_shows_the_date_of_the_study_day(client, day_with_programme):
    """A study day found by search carries the date it is held on, not its publishing date."""
    ((type_line, title, _snippet),) = results(client, "jongeren")
    assert title == day_with_programme.title
    assert type_line == f"Studiedag {short_date(day_with_programme.date)}"


def test_snippet_keeps_the_programme_items_apart(client, day_with_programme):
    """The programme's items stay apart in the snippet instead of running into each other."""
    ((_type_line, _title, snippet),) = results(client, "jongeren")
    assert "Zaal Dijle · Een stand van zaken" in snippet
    assert "Zaal Dijle Een" not in snippet
    assert "wie doet wat? Dr. Bart Van Hove · Zaal Dijle" in snippet


@pytest.mark.parametrize("word", ["Dijle", "Demer", "Maes", "integrale", "Workshopronde"])
def test_every_word_of_the_programme_stays_findable(client, day_with_programme, word):
    """A room, a speaker, a description's word or a slot's title still finds the day."""
    assert [title for _line, title, _snippet in results(client, word)] == [day_with_programme.title]
