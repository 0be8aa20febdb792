import pytest

from django.core import mail
from django.core.cache import cache

from tests.factories.studydays import committing, register
from tests.studydays.conftest import form_data, workshops_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_rate_limit():
    cache.clear()


def fill_small_workshop(workshop_day):
    """Two people take the two places of "Trauma-sensitief werken"; the day keeps 8 places."""
    w = workshops_of(workshop_day)
    ids = [w["Trauma-sensitief werken"].pk, w["Online hulp"].pk]
    for n in range(2):
        register(workshop_day, n=n, workshop_ids=ids)
    return w, ids


def test_full_workshop_has_its_own_waiting_list_on_the_page(client, workshop_day):
    """A full workshop says its waiting list is for that workshop; the day is not called full."""
    _w, ids = fill_small_workshop(workshop_day)
    register(workshop_day, n=9, workshop_ids=ids)
    html = client.get(workshop_day.url).content.decode()
    assert "8 van 10 plaatsen vrij" in html
    assert "Trauma-sensitief werken: volzet. Wachtlijst voor deze workshop: 1 persoon" in html
    assert "Trauma-sensitief werken (volzet: wachtlijst voor deze workshop)" in html
    assert "De studiedag is volzet" not in html
    assert "persoon op de wachtlijst" not in html


def test_registering_for_a_full_workshop_names_it(client, workshop_day):
    """Who lands on a workshop's waiting list is told which workshop, on the page and by e-mail."""
    w, ids = fill_small_workshop(workshop_day)
    data = form_data(
        **{
            f"workshop_{w['Trauma-sensitief werken'].slot_id}": ids[0],
            f"workshop_{w['Online hulp'].slot_id}": ids[1],
        }
    )
    with committing():
        response = client.post(workshop_day.url, data)
    assert response.status_code == 302
    thanks = client.get(response["Location"]).content.decode()
    assert "Wachtlijst voor deze workshop: Trauma-sensitief werken" in thanks
    assert "De studiedag is volzet" not in thanks
    assert "Wachtlijst voor de workshop “Trauma-sensitief werken”: plaats 1" in mail.outbox[-1].body
    assert "De studiedag is volzet" not in mail.outbox[-1].body


def test_full_day_says_the_day_is_full(client, study_day):
    """When the day itself is full, the page and the thank-you page say so."""
    study_day.capacity = 1
    study_day.save_revision().publish()
    register(study_day, n=1)
    register(study_day, n=2)
    html = client.get(study_day.url).content.decode()
    assert "De studiedag is volzet" in html
    assert "1 persoon op de wachtlijst" in html
    assert "Wachtlijst voor deze workshop" not in html


def test_thank_you_page_shrugs_off_a_made_up_query(client, workshop_day):
    """Huge, foreign or hostile workshop ids in the thank-you page's address name no workshop."""
    huge = "9" * 40
    response = client.get(
        workshop_day.url + f"ingeschreven/?wachtlijst=1&workshop={huge}&workshop=<script>"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wachtlijst voor deze workshop" not in html
