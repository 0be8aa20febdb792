import pytest

from tests.factories.studydays import StudyDayIndexPageFactory, StudyDayPageFactory, programme


@pytest.fixture
def index_page(site_tree):
    return StudyDayIndexPageFactory(parent=site_tree["home"])


@pytest.fixture
def study_day(index_page):
    """An external day with 10 places, open for registration, no workshops."""
    return StudyDayPageFactory(parent=index_page)


@pytest.fixture
def workshop_day(index_page):
    """An external day with 10 places and two slots of two workshops (2 and 8 places each)."""
    return StudyDayPageFactory(
        parent=index_page,
        programme=programme(
            ("Workshopronde 1", [("Trauma-sensitief werken", 2), ("Netwerkversterking", 8)]),
            ("Workshopronde 2", [("Participatie", 2), ("Online hulp", 8)]),
        ),
    )


def workshops_of(study_day):
    return {w.title: w for w in study_day.workshops.filter(is_active=True)}


def form_data(**overrides):
    """A valid registration form's data; an override of None leaves that field out."""
    data = {
        "first_name": "Lies",
        "last_name": "Verbeke",
        "email": "lies.verbeke@example.be",
        "organisation": "Hogeschool Gent",
        "waiting_list_ok": "on",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
