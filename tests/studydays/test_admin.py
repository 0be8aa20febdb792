import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from django.core import mail
from django.test import Client

from studydays.models import Registration
from tests.factories.accounts import facilitator
from tests.factories.studydays import committing, register
from tests.studydays.conftest import workshops_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor_user):
    client.force_login(editor_user)
    return client


def admin_url(study_day, suffix=""):
    return f"/admin/studiedagen/{study_day.pk}/{suffix}"


def test_editor_sees_registrations_waiting_list_and_workshop_counts(editor_client, workshop_day):
    """Organisers see who registered, who waits, and the counts per workshop."""
    w = workshops_of(workshop_day)
    ids = [w["Trauma-sensitief werken"].pk, w["Online hulp"].pk]
    for n in range(3):
        register(workshop_day, n=n, workshop_ids=ids, last_name=f"Naam{n}")
    html = editor_client.get(admin_url(workshop_day)).content.decode()
    assert "Naam0" in html and "Naam2" in html
    assert "2 van 10 ingeschreven · 1 op de wachtlijst" in html
    assert "2 / 2" in html  # the small workshop is full


def test_search_and_status_filter(editor_client, study_day):
    """Search by name and filter on status narrow the list."""
    register(study_day, last_name="Zoekbaar")
    register(study_day, last_name="Anders")
    html = editor_client.get(admin_url(study_day), {"q": "zoekb"}).content.decode()
    assert "Zoekbaar" in html and "Anders" not in html
    html = editor_client.get(admin_url(study_day), {"status": "waiting"}).content.decode()
    assert "Zoekbaar" not in html


def test_non_editors_are_refused(client, study_day):
    """Facilitators with admin access cannot see registrations or exports."""
    register(study_day, last_name="Privé")
    client.force_login(facilitator())
    for suffix in ["", "export.csv", "export.xlsx", "aanwezigheidslijst/", "bericht/"]:
        response = client.get(admin_url(study_day, suffix))
        assert response.status_code in (302, 403)
        assert "Privé" not in response.content.decode()
    assert client.get("/admin/studiedagen/").status_code in (302, 403)


def test_staff_without_admin_access_are_sent_away(staff_client, study_day):
    """Plain staff do not reach the organisers' views."""
    response = staff_client.get(admin_url(study_day, "export.csv"))
    assert response.status_code == 302


def test_csv_export_neutralises_formulas(editor_client, study_day):
    """CSV export lists registrations and defuses cells that would run as formulas."""
    register(study_day, first_name='=HYPERLINK("http://evil")', organisation="+32 Gent")
    response = editor_client.get(admin_url(study_day, "export.csv"))
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][1] == "Voornaam"
    assert rows[1][1].startswith("'=") and rows[1][4] == "'+32 Gent"


def test_xlsx_export_has_no_formulas(editor_client, study_day):
    """The Excel export holds the registrations as text, never as formulas."""
    register(study_day, first_name="=1+1", last_name="Peeters")
    response = editor_client.get(admin_url(study_day, "export.xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for cell in sheet[2]]
    assert "Peeters" in values and "'=1+1" in values
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_checkin_list_shows_only_registered(editor_client, study_day):
    """The printable check-in list holds the registered people, not the waiting list."""
    study_day.capacity = 1
    study_day.save()
    register(study_day, last_name="Aanwezig")
    register(study_day, last_name="Wachtend")
    html = editor_client.get(admin_url(study_day, "aanwezigheidslijst/")).content.decode()
    assert "Aanwezig" in html and "Wachtend" not in html


def test_manual_cancel_promotes_and_mark_paid(editor_client, study_day):
    """An organiser cancels someone (the waiting list moves up) and marks payments."""
    study_day.capacity = 1
    study_day.save()
    first = register(study_day)
    waiting = register(study_day)
    with committing():
        editor_client.post(
            admin_url(study_day, f"inschrijving/{first.pk}/annuleren/"), {"confirm": "yes"}
        )
    editor_client.post(admin_url(study_day, f"inschrijving/{waiting.pk}/"), {"action": "paid"})
    waiting.refresh_from_db()
    assert (waiting.status, waiting.paid) == ("registered", True)


def test_manual_promote_beyond_capacity_shows_message(editor_client, study_day):
    """Promoting while the day is full shows a Dutch message and changes nothing."""
    study_day.capacity = 1
    study_day.save()
    register(study_day)
    waiting = register(study_day)
    response = editor_client.post(
        admin_url(study_day, f"inschrijving/{waiting.pk}/"), {"action": "promote"}, follow=True
    )
    assert "geen plaats vrij" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == "waiting"


def test_action_on_registration_of_another_day_is_refused(editor_client, study_day, workshop_day):
    """A registration id from another day is not found."""
    registration = register(study_day)
    response = editor_client.post(
        admin_url(workshop_day, f"inschrijving/{registration.pk}/annuleren/"), {"confirm": "yes"}
    )
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == Registration.Status.REGISTERED


def test_cancel_in_the_admin_asks_first(editor_client, study_day):
    """The listing's cancel button opens a page naming the person; nothing is cancelled yet."""
    registration = register(study_day, first_name="Mira", last_name="Peeters")
    listing = editor_client.get(admin_url(study_day)).content.decode()
    cancel_url = admin_url(study_day, f"inschrijving/{registration.pk}/annuleren/")
    assert f'href="{cancel_url}"' in listing
    html = editor_client.get(cancel_url).content.decode()
    assert "De inschrijving van Mira Peeters annuleren?" in html
    assert "Ja, annuleer de inschrijving" in html and 'name="confirm"' in html
    editor_client.post(cancel_url)
    editor_client.post(
        admin_url(study_day, f"inschrijving/{registration.pk}/"), {"action": "cancel"}
    )
    registration.refresh_from_db()
    assert registration.status == Registration.Status.REGISTERED


def test_confirmed_cancel_in_the_admin_cancels_and_says_so(editor_client, study_day):
    """Confirming cancels the registration, mails the person and says who was cancelled."""
    registration = register(study_day, first_name="Mira", last_name="Peeters")
    with committing():
        response = editor_client.post(
            admin_url(study_day, f"inschrijving/{registration.pk}/annuleren/"),
            {"confirm": "yes"},
            follow=True,
        )
    assert "Inschrijving van Mira Peeters geannuleerd" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert mail.outbox[-1].to == [registration.email]


def test_cancel_page_is_for_editors_only(client, study_day):
    """A facilitator without editor rights cannot cancel someone's registration."""
    registration = register(study_day)
    client.force_login(facilitator())
    response = client.post(
        admin_url(study_day, f"inschrijving/{registration.pk}/annuleren/"), {"confirm": "yes"}
    )
    assert response.status_code in (302, 403)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.REGISTERED


def test_editor_mails_all_registrants(editor_client, study_day):
    """An editor's message goes to every registered person, not to the waiting list."""
    study_day.capacity = 2
    study_day.save()
    register(study_day, email="een@example.be")
    register(study_day, email="twee@example.be")
    register(study_day, email="wacht@example.be")
    mail.outbox.clear()
    with committing():
        editor_client.post(
            admin_url(study_day, "bericht/"),
            {"subject": "Praktische info", "body": "Parkeren kan achter het gebouw."},
        )
    assert sorted(m.to[0] for m in mail.outbox) == ["een@example.be", "twee@example.be"]
    assert "Parkeren" in mail.outbox[0].body


def test_empty_message_is_refused(editor_client, study_day):
    """An empty message is refused with the form re-shown."""
    register(study_day)
    mail.outbox.clear()
    response = editor_client.post(admin_url(study_day, "bericht/"), {"subject": "", "body": ""})
    assert response.status_code == 200
    assert "Dit is een verplicht veld." in response.content.decode()
    assert not mail.outbox


def test_alternation_panel_in_page_editor(editor_client, study_day):
    """The page editor shows the rhythm panel for a study day."""
    response = editor_client.get(f"/admin/pages/{study_day.pk}/edit/")
    assert response.status_code == 200
    assert "Ritme van de studiedagen" in response.content.decode()


def test_garbage_filters_are_ignored(editor_client, study_day):
    """Nonsense filter values show the full list, never a 500."""
    register(study_day, last_name="Blijft")
    response = editor_client.get(
        admin_url(study_day), {"status": "<b>", "workshop": "abc", "paid": "x", "q": "x" * 5000}
    )
    assert response.status_code == 200
    response = editor_client.get(admin_url(study_day), {"status": "<b>", "workshop": "abc"})
    assert "Blijft" in response.content.decode()


def test_preview_of_a_new_study_day_works(editor_client, index_page):
    """Editors can preview a study day before it was ever saved."""
    url = f"/admin/pages/add/studydays/studydaypage/{index_page.pk}/preview/"
    data = {
        "title": "Nieuwe studiedag",
        "slug": "nieuwe-studiedag",
        "date": "2027-03-10",
        "start_time": "09:00",
        "end_time": "16:00",
        "audience": "externen",
        "venue_name": "Gent",
        "capacity": "50",
        "registration_opens": "2027-01-01 09:00",
        "registration_closes": "2027-03-01 09:00",
        "programme-count": "0",
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
    }
    assert editor_client.post(url, data).json()["is_valid"] is True
    response = editor_client.get(url)
    assert response.status_code == 200
    assert "Nieuwe studiedag" in response.content.decode()


def test_workshop_filter_out_of_range_shows_an_empty_list(editor_client, workshop_day):
    """A 40-digit workshop id in the filter and the export finds nobody, without a server error."""
    w = workshops_of(workshop_day)
    ids = [w["Netwerkversterking"].pk, w["Online hulp"].pk]
    register(workshop_day, workshop_ids=ids, last_name="Zichtbaar")
    assert "Zichtbaar" in editor_client.get(admin_url(workshop_day)).content.decode()
    huge = "9" * 40
    response = editor_client.get(admin_url(workshop_day), {"workshop": huge})
    assert response.status_code == 200
    assert "Zichtbaar" not in response.content.decode()
    export = editor_client.get(admin_url(workshop_day, "export.csv"), {"workshop": huge})
    assert export.status_code == 200
    assert "Zichtbaar" not in export.content.decode("utf-8-sig")


organiser_filter_values = st.one_of(
    st.text(max_size=60),
    st.integers(min_value=-(10**45), max_value=10**45).map(str),
    st.sampled_from(
        ["", "0", "-1", "²", "١", "1e9", " 3 ", "9" * 40, "yes", "no", "confirmed", "\x00"]
    ),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    workshop=organiser_filter_values,
    status=organiser_filter_values,
    paid=organiser_filter_values,
    query=organiser_filter_values,
)
def test_any_organiser_filter_gets_a_list_or_export_not_a_500(
    editor_user, workshop_day, workshop, status, paid, query
):
    """Whatever the filters hold, the registrations list and both exports answer 200."""
    client = Client(raise_request_exception=False)
    client.force_login(editor_user)
    params = {"workshop": workshop, "status": status, "paid": paid, "q": query}
    for suffix in ("", "export.csv", "export.xlsx"):
        assert client.get(admin_url(workshop_day, suffix), params).status_code == 200
