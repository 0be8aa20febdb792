import pytest

from tests.factories.studydays import committing, register
from tests.form_markup import assert_descriptions_resolve
from tests.studydays.conftest import workshops_of
from tests.studydays.test_personal_link import path_of

pytestmark = pytest.mark.django_db


def test_registration_form_with_errors_names_existing_descriptions(client, workshop_day):
    """The registration form sent empty points each field and workshop group at its one error list."""
    with committing():
        response = client.post(workshop_day.url, {})
    assert 'aria-describedby="id_workshop_' in response.content.decode()
    assert_descriptions_resolve(response)


def test_workshop_change_with_errors_names_existing_descriptions(client, workshop_day):
    """The workshop change form sent without choices points each group at its one error list."""
    w = workshops_of(workshop_day)
    registration = register(
        workshop_day, workshop_ids=[w["Netwerkversterking"].pk, w["Online hulp"].pk]
    )
    response = client.post(path_of(registration), {"action": "workshops"})
    assert_descriptions_resolve(response)
