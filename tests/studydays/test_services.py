import datetime

import pytest

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from studydays.models import Audience, Registration
from studydays.services import (
    RegistrationError,
    registration_cancel,
    registration_change_workshops,
    registration_erase_personal_data,
    registration_mark_paid,
    registration_promote,
)
from tests.factories.studydays import (
    StudyDayPageFactory,
    committing,
    register,
    study_day_move,
)
from tests.studydays.conftest import workshops_of

pytestmark = pytest.mark.django_db


def fill(study_day, count, **kwargs):
    return [register(study_day, n=n, **kwargs) for n in range(1, count + 1)]


def test_registration_within_capacity_is_registered(study_day):
    """A registration for a day with room gets a place."""
    assert register(study_day).status == Registration.Status.REGISTERED


def test_registration_beyond_capacity_goes_to_waiting_list(study_day):
    """The eleventh registration for ten places lands on the waiting list."""
    fill(study_day, 10)
    assert register(study_day, n=11).status == Registration.Status.WAITING
    assert study_day.registrations.registered().count() == 10


def test_full_day_without_waiting_list_is_refused(study_day):
    """Who declines the waiting list hears the day is full, and nothing is stored."""
    fill(study_day, 10)
    with pytest.raises(RegistrationError, match="volzet"):
        register(study_day, n=11, waiting_list_ok=False)
    assert study_day.registrations.count() == 10


def test_registration_before_opening_is_refused(study_day):
    """Registering before the registration opens gives a Dutch message."""
    study_day.registration_opens = timezone.now() + datetime.timedelta(days=2)
    study_day.save()
    with pytest.raises(RegistrationError, match="openen pas op"):
        register(study_day)


def test_registration_after_closing_is_refused(study_day):
    """Registering after the registration closed gives a Dutch message."""
    study_day.registration_closes = timezone.now() - datetime.timedelta(minutes=1)
    study_day.save()
    with pytest.raises(RegistrationError, match="afgesloten"):
        register(study_day)


def test_same_email_twice_is_refused_and_link_resent(study_day):
    """A second registration with the same e-mail is refused; the owner gets their link again."""
    register(study_day, email="Els@Example.be")
    mail.outbox.clear()
    with pytest.raises(RegistrationError, match="al ingeschreven") as error:
        register(study_day, email=" els@example.BE ", first_name="Ander")
    assert "Deelnemer" not in error.value.message
    assert study_day.registrations.count() == 1
    assert [m.to for m in mail.outbox] == [["els@example.be"]]
    assert "persoonlijke link" in mail.outbox[0].body


def test_database_refuses_a_second_active_registration(study_day):
    """The one-registration-per-e-mail rule holds in the database itself."""
    registration = register(study_day, email="dubbel@example.be")
    registration.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        registration.save()


def test_cancelled_person_may_register_again(study_day):
    """After cancelling, the same e-mail may register again."""
    registration_cancel(registration=register(study_day, email="terug@example.be"))
    assert register(study_day, email="terug@example.be").status == "registered"


def test_consent_is_required(study_day):
    """Without consent to the privacy notice nothing is stored."""
    with pytest.raises(RegistrationError, match="privacyverklaring"):
        register(study_day, consent=False)
    assert not study_day.registrations.exists()


def test_confirmation_mail_has_ics_and_personal_link(study_day):
    """The confirmation carries the day as .ics attachment and a personal link."""
    register(study_day, email="ics@example.be")
    message = mail.outbox[-1]
    assert message.to == ["ics@example.be"]
    assert "/studiedagen/inschrijving/" in message.body
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics") and mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content and study_day.title in content


def test_waiting_list_mail_says_waiting(study_day):
    """Who lands on the waiting list is told so by e-mail."""
    fill(study_day, 10)
    register(study_day, n=11)
    assert "wachtlijst" in mail.outbox[-1].subject


def test_cancellation_promotes_first_on_waiting_list(study_day):
    """Cancelling frees the place for the first on the waiting list, who is mailed."""
    registered = fill(study_day, 10)
    first = register(study_day, n=11)
    second = register(study_day, n=12)
    mail.outbox.clear()
    with committing():
        promoted = registration_cancel(registration=registered[0])
    assert promoted == [first]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("registered", "waiting")
    assert sorted(m.subject.split(":")[0] for m in mail.outbox) == [
        "Er is een plaats vrij",
        "Je inschrijving is geannuleerd",
    ]


def test_cancelling_twice_is_refused(study_day):
    """A cancelled registration cannot be cancelled again."""
    registration = register(study_day)
    registration_cancel(registration=registration)
    with pytest.raises(RegistrationError, match="al geannuleerd"):
        registration_cancel(registration=registration)


def test_workshop_choice_is_required_per_slot(workshop_day):
    """Every slot with workshops needs exactly one choice."""
    workshops = workshops_of(workshop_day)
    with pytest.raises(RegistrationError, match="elk tijdslot"):
        register(workshop_day, workshop_ids=[workshops["Netwerkversterking"].pk])


def test_two_workshops_in_one_slot_are_refused(workshop_day):
    """Two workshops of the same slot are refused."""
    w = workshops_of(workshop_day)
    with pytest.raises(RegistrationError, match="één workshop"):
        register(
            workshop_day,
            workshop_ids=[w["Netwerkversterking"].pk, w["Trauma-sensitief werken"].pk],
        )


def test_workshop_of_another_day_is_refused(workshop_day, study_day, index_page):
    """A workshop id from another study day is refused."""
    other = StudyDayPageFactory(parent=index_page, programme=workshop_day.programme.raw_data)
    foreign = workshops_of(other)
    with pytest.raises(RegistrationError, match="bestaat niet"):
        register(
            workshop_day,
            workshop_ids=[foreign["Netwerkversterking"].pk, foreign["Online hulp"].pk],
        )


def test_full_workshop_puts_registrant_on_waiting_list(workshop_day):
    """When a chosen workshop is full the registrant waits, although the day has room."""
    w = workshops_of(workshop_day)
    ids = [w["Trauma-sensitief werken"].pk, w["Online hulp"].pk]
    fill(workshop_day, 2, workshop_ids=ids)
    assert register(workshop_day, n=3, workshop_ids=ids).status == "waiting"


def test_full_workshop_without_waiting_list_names_the_workshop(workshop_day):
    """Declining the waiting list for a full workshop names it in the message."""
    w = workshops_of(workshop_day)
    ids = [w["Trauma-sensitief werken"].pk, w["Online hulp"].pk]
    fill(workshop_day, 2, workshop_ids=ids)
    with pytest.raises(RegistrationError, match="Trauma-sensitief werken"):
        register(workshop_day, n=3, workshop_ids=ids, waiting_list_ok=False)


def test_promotion_skips_waiting_person_whose_workshop_is_still_full(workshop_day):
    """A freed place in one workshop goes to the first waiting person who fits."""
    w = workshops_of(workshop_day)
    small = [w["Trauma-sensitief werken"].pk, w["Participatie"].pk]
    large = [w["Netwerkversterking"].pk, w["Online hulp"].pk]
    fill(workshop_day, 2, workshop_ids=small)
    others = [register(workshop_day, n=n, workshop_ids=large) for n in range(3, 11)]
    waits_for_small = register(workshop_day, n=11, workshop_ids=small)
    waits_for_large = register(workshop_day, n=12, workshop_ids=large)
    registration_cancel(registration=others[0])
    waits_for_small.refresh_from_db()
    waits_for_large.refresh_from_db()
    assert (waits_for_small.status, waits_for_large.status) == ("waiting", "registered")


def test_change_to_full_workshop_is_refused(workshop_day):
    """A registered person cannot move into a full workshop."""
    w = workshops_of(workshop_day)
    fill(workshop_day, 2, workshop_ids=[w["Trauma-sensitief werken"].pk, w["Online hulp"].pk])
    mover = register(
        workshop_day, n=3, workshop_ids=[w["Netwerkversterking"].pk, w["Online hulp"].pk]
    )
    with pytest.raises(RegistrationError, match="volzet"):
        registration_change_workshops(
            registration=mover,
            workshop_ids=[w["Trauma-sensitief werken"].pk, w["Online hulp"].pk],
        )


def test_change_workshop_frees_place_for_waiting_person(workshop_day):
    """Leaving a full workshop lets the first person waiting for it in."""
    w = workshops_of(workshop_day)
    small = [w["Trauma-sensitief werken"].pk, w["Online hulp"].pk]
    first, _second = fill(workshop_day, 2, workshop_ids=small)
    waiting = register(workshop_day, n=3, workshop_ids=small)
    registration_change_workshops(
        registration=first, workshop_ids=[w["Netwerkversterking"].pk, w["Online hulp"].pk]
    )
    waiting.refresh_from_db()
    assert waiting.status == "registered"


def test_erasing_personal_data_cancels_and_forgets(study_day):
    """Erasing keeps no name, e-mail, organisation or answers, and promotes the next."""
    registered = fill(study_day, 10, answers={"1": {"label": "Dieet", "answer": "vegan"}})
    waiting = register(study_day, n=11)
    registration_erase_personal_data(registration=registered[0])
    erased = Registration.objects.get(pk=registered[0].pk)
    assert erased.status == "cancelled"
    assert (erased.first_name, erased.organisation, erased.answers) == ("", "", {})
    assert "deelnemer1" not in erased.email
    waiting.refresh_from_db()
    assert waiting.status == "registered"


def test_a_place_freed_after_the_day_promotes_nobody(study_day):
    """Erasing one's data after the day frees no place for the waiting list, and mails nobody."""
    registered = fill(study_day, 10)
    waiting = register(study_day, n=11)
    study_day_move(study_day, timezone.localdate() - datetime.timedelta(days=1))
    mail.outbox.clear()
    with committing():
        registration_erase_personal_data(registration=registered[0])
    waiting.refresh_from_db()
    assert waiting.status == "waiting"
    assert not mail.outbox


def test_staff_day_refuses_external_registration(index_page):
    """A staff study day refuses anyone who is not logged-in staff."""
    staff_day = StudyDayPageFactory(parent=index_page, audience=Audience.STAFF)
    with pytest.raises(RegistrationError, match="medewerkers"):
        register(staff_day)


def test_staff_day_registers_staff_with_their_account_email(index_page, staff_user):
    """Staff register as themselves: the account's e-mail is used, not a typed one."""
    staff_day = StudyDayPageFactory(parent=index_page, audience=Audience.STAFF)
    registration = register(staff_day, user=staff_user, email="iemand.anders@example.be")
    assert registration.email == staff_user.email
    assert registration.user == staff_user


def test_manual_promotion_is_refused_when_full(study_day, editor_user):
    """An editor cannot promote beyond capacity."""
    fill(study_day, 10)
    waiting = register(study_day, n=11)
    with pytest.raises(RegistrationError, match="volzet"):
        registration_promote(user=editor_user, registration=waiting)


def test_raising_capacity_promotes_waiting_people(study_day):
    """When an editor raises the capacity and publishes, the waiting list moves up."""
    fill(study_day, 10)
    waiting = register(study_day, n=11)
    study_day.capacity = 11
    study_day.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == "registered"


def test_only_editors_mark_paid(study_day, staff_user, editor_user):
    """Marking paid is for editors only."""
    registration = register(study_day)
    with pytest.raises(PermissionDenied):
        registration_mark_paid(user=staff_user, registration=registration, paid=True)
    registration_mark_paid(user=editor_user, registration=registration, paid=True)
    registration.refresh_from_db()
    assert registration.paid


def test_page_refuses_registration_closing_before_opening(study_day):
    """Editors get a Dutch error when the registration would close before it opens."""
    from django.core.exceptions import ValidationError

    study_day.registration_closes = study_day.registration_opens - datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="sluiten nadat ze opent"):
        study_day.full_clean()
