import datetime
import re

import pytest

from django.core import mail, signing
from django.utils import timezone

from studydays.links import SALT, registration_token, registration_url
from studydays.models import Registration
from studydays.services import registration_cancel
from tests.factories.studydays import committing, register, study_day_move
from tests.studydays.conftest import workshops_of

pytestmark = pytest.mark.django_db


def path_of(registration):
    return "/" + registration_url(registration).split("/", 3)[3]


def test_link_shows_the_registration(client, study_day):
    """The personal link shows the registrant their registration without an account."""
    registration = register(study_day, first_name="Mira")
    html = client.get(path_of(registration)).content.decode()
    assert "Mira" in html and "Ingeschreven" in html and study_day.title in html


def test_link_in_mail_works(client, study_day):
    """The link from the confirmation mail opens the registration."""
    register(study_day, first_name="Mira")
    url = next(line for line in mail.outbox[-1].body.split() if "/inschrijving/" in line)
    assert client.get("/" + url.split("/", 3)[3]).status_code == 200


def test_tampered_link_is_refused_in_dutch(client, study_day):
    """A changed token gives a Dutch message, no data and no 500."""
    registration = register(study_day, first_name="Mira")
    token = registration_token(registration)
    response = client.get(f"/studiedagen/inschrijving/{token[:-2]}xy/")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Deze link is ongeldig" in html and "Mira" not in html


def test_token_for_another_registration_is_refused(client, study_day):
    """A token forged with another id (without the secret) does not open it."""
    register(study_day)
    victim = register(study_day)
    forged = signing.dumps({"r": victim.pk, "k": "geraden"}, salt=SALT)
    assert client.get(f"/studiedagen/inschrijving/{forged}/").status_code == 400


def test_expired_link_is_refused(client, study_day, settings):
    """A link older than the maximum age says it has expired."""
    registration = register(study_day)
    token = registration_token(registration)
    settings.STUDYDAYS_LINK_MAX_AGE = -1
    response = client.get(f"/studiedagen/inschrijving/{token}/")
    assert response.status_code == 400
    assert "verlopen" in response.content.decode()


def test_garbage_and_huge_tokens_are_refused(client):
    """Nonsense or oversized tokens give the Dutch message."""
    for token in ["abc", "x" * 2000, "a:b:c"]:
        response = client.get(f"/studiedagen/inschrijving/{token}/")
        assert response.status_code == 400


def test_cancel_through_link_promotes_waiting_person(client, study_day):
    """Cancelling through the link frees the place for the first waiting person, who is mailed."""
    study_day.capacity = 1
    study_day.save()
    registration = register(study_day)
    waiting = register(study_day, email="wachtend@example.be")
    mail.outbox.clear()
    with committing():
        response = client.post(
            path_of(registration) + "annuleren/", {"confirm": "yes"}, follow=True
        )
    assert "Je inschrijving is geannuleerd." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == "registered"
    assert any(m.to == ["wachtend@example.be"] for m in mail.outbox)


def test_change_workshops_through_link(client, workshop_day):
    """The registrant can switch to a workshop with room through the link."""
    w = workshops_of(workshop_day)
    registration = register(
        workshop_day, workshop_ids=[w["Netwerkversterking"].pk, w["Online hulp"].pk]
    )
    data = {
        "action": "workshops",
        f"workshop_{w['Participatie'].slot_id}": w["Participatie"].pk,
        f"workshop_{w['Netwerkversterking'].slot_id}": w["Trauma-sensitief werken"].pk,
    }
    client.post(path_of(registration), data)
    chosen = set(registration.workshop_choices.values_list("workshop__title", flat=True))
    assert chosen == {"Participatie", "Trauma-sensitief werken"}


def test_change_to_full_workshop_through_link_shows_message(client, workshop_day):
    """Moving into a full workshop is refused with a Dutch message; the choice stays."""
    w = workshops_of(workshop_day)
    for n in range(2):
        register(workshop_day, n=n, workshop_ids=[w["Participatie"].pk, w["Netwerkversterking"].pk])
    registration = register(
        workshop_day, workshop_ids=[w["Netwerkversterking"].pk, w["Online hulp"].pk]
    )
    data = {
        "action": "workshops",
        f"workshop_{w['Participatie'].slot_id}": w["Participatie"].pk,
        f"workshop_{w['Netwerkversterking'].slot_id}": w["Netwerkversterking"].pk,
    }
    response = client.post(path_of(registration), data)
    assert response.status_code == 400
    assert "Deze workshop is volzet: Participatie" in response.content.decode()
    assert registration.workshop_choices.filter(workshop=w["Online hulp"]).exists()


def test_erase_through_link_forgets_and_kills_the_link(client, study_day):
    """Erasing through the link, once confirmed, removes the personal data and the link."""
    registration = register(study_day, first_name="Mira")
    path = path_of(registration)
    page = client.get(path).content.decode()
    erase_link = re.search(r'href="(/studiedagen/inschrijving/[^"]+/wissen/)"', page).group(1)
    response = client.post(erase_link, {"confirm": "yes"})
    assert "Je gegevens zijn gewist" in response.content.decode()
    stored = Registration.objects.get(pk=registration.pk)
    assert stored.first_name == "" and stored.status == "cancelled"
    assert client.get(path).status_code == 400


def test_erase_asks_first_and_changes_nothing(client, study_day):
    """The erase page says what goes; a GET, a POST without confirm or the old form erase nothing."""
    registration = register(study_day, first_name="Mira")
    path = path_of(registration)
    response = client.get(path + "wissen/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Je wist de gegevens van Mira Test" in html and study_day.title in html
    assert "Je inschrijving wordt ook geannuleerd." in html
    assert 'name="confirm" value="yes"' in html and "csrfmiddlewaretoken" in html
    client.post(path + "wissen/")
    client.post(path, {"action": "erase"})
    stored = Registration.objects.get(pk=registration.pk)
    assert (stored.first_name, stored.status) == ("Mira", "registered")


def test_erase_after_cancelling_and_after_the_day(client, study_day):
    """A cancelled registration, and one for a day gone by, can still be erased by the registrant."""
    cancelled = register(study_day, first_name="Anna")
    registration_cancel(registration=cancelled)
    past = register(study_day, first_name="Bert")
    study_day_move(study_day, timezone.localdate() - datetime.timedelta(days=1))
    for registration in (cancelled, past):
        path = path_of(registration)
        assert "Mijn gegevens wissen" in client.get(path).content.decode()
        client.post(path + "wissen/", {"confirm": "yes"})
        assert Registration.objects.get(pk=registration.pk).personal_data_erased


def test_erase_page_refuses_a_tampered_link(client, study_day):
    """A changed token cannot reach anyone's erase page."""
    registration = register(study_day)
    response = client.post(path_of(registration)[:-5] + "xxxx/wissen/", {"confirm": "yes"})
    assert response.status_code == 400
    assert not Registration.objects.get(pk=registration.pk).personal_data_erased


def test_unknown_action_is_refused(client, study_day):
    """A made-up action changes nothing and says so."""
    registration = register(study_day)
    response = client.post(path_of(registration), {"action": "hack"})
    assert response.status_code == 400
    registration.refresh_from_db()
    assert registration.status == "registered"


def test_past_day_cannot_be_changed(client, study_day):
    """After the day, the link shows the registration but no cancel or change buttons."""
    registration = register(study_day)
    study_day_move(study_day, timezone.localdate() - datetime.timedelta(days=1))
    html = client.get(path_of(registration)).content.decode()
    assert "Inschrijving annuleren" not in html


def test_cancel_asks_first_and_changes_nothing(client, study_day):
    """The cancel link opens a page saying what will happen; the registration stays active."""
    registration = register(study_day, first_name="Mira")
    page = client.get(path_of(registration)).content.decode()
    cancel_link = re.search(r'href="(/studiedagen/inschrijving/[^"]+/annuleren/)"', page).group(1)
    response = client.get(cancel_link)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Je annuleert de inschrijving van Mira" in html and study_day.title in html
    assert "Ja, annuleer mijn inschrijving" in html
    registration.refresh_from_db()
    assert registration.status == "registered"


def test_cancel_without_confirmation_does_nothing(client, study_day):
    """Neither the old one-click form nor a POST without the confirm field cancels."""
    registration = register(study_day)
    client.post(path_of(registration), {"action": "cancel"})
    client.post(path_of(registration) + "annuleren/")
    registration.refresh_from_db()
    assert registration.status == "registered"


def test_cancel_page_refuses_a_tampered_link(client, study_day):
    """A changed token cannot reach the cancel page of a registration."""
    registration = register(study_day)
    token = registration_token(registration)
    response = client.post(
        f"/studiedagen/inschrijving/{token[:-2]}xy/annuleren/", {"confirm": "yes"}
    )
    assert response.status_code == 400
    registration.refresh_from_db()
    assert registration.status == "registered"
