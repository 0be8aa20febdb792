"""Input no view can use is refused with a Dutch page, never a 500 or a logged traceback."""

import logging

import pytest

from django.test import Client

from cano.converters import MAX_ID, parse_id
from tests.factories.workgroups import CanoklasIndexPageFactory

pytestmark = pytest.mark.django_db

HUGE = "9" * 40


@pytest.fixture
def editor_client(client, editor_user):
    client.force_login(editor_user)
    return client


def test_oversized_form_body_answers_413_in_dutch_without_traceback(client, site_tree, caplog):
    """A form body over DATA_UPLOAD_MAX_MEMORY_SIZE gets a Dutch 413 and one plain log line."""
    body = "q=" + "x" * (6 * 1024 * 1024)
    with caplog.at_level(logging.WARNING):
        response = client.post(
            "/nieuwsbrief/inschrijven/", body, content_type="application/x-www-form-urlencoded"
        )
    assert response.status_code == 413
    assert "Te veel gegevens verstuurd" in response.content.decode()
    refused = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(refused) == 1
    assert refused[0].exc_info is None
    assert "RequestDataTooBig" in refused[0].getMessage()


def test_too_many_form_fields_answer_413(client, site_tree):
    """More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS are refused with 413, not a 400 traceback."""
    body = "&".join(f"f{n}=1" for n in range(1200))
    response = client.post(
        "/nieuwsbrief/inschrijven/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413


def test_malformed_multipart_body_answers_400(client, site_tree):
    """A multipart body without its boundary is a Dutch 400, not a server error."""
    client = Client(raise_request_exception=False)
    response = client.generic(
        "POST", "/nieuwsbrief/inschrijven/", b"--x\r\n", content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert "Deze aanvraag klopt niet" in response.content.decode()


@pytest.mark.parametrize("raw", ["12", " 7 "])
def test_parse_id_reads_positive_ids(raw):
    """Ids that fit a database column are read as numbers."""
    assert parse_id(raw) == int(raw)


@pytest.mark.parametrize("raw", ["", "0", "-3", "abc", "²", "١٢", HUGE, str(MAX_ID + 1), None])
def test_parse_id_refuses_what_no_column_holds(raw):
    """Garbage, non-ASCII digits and numbers beyond a 64-bit column are not ids."""
    assert parse_id(raw) is None


@pytest.mark.parametrize(
    "path",
    [
        f"/intervisie/casussen/{HUGE}/",
        f"/intervisie/casussen/1/documenten/{HUGE}/",
        f"/intervisie/lessen/{HUGE}/",
        f"/werkgroepen/afbeelding/{HUGE}/original/",
        f"/admin/studiedagen/{HUGE}/",
        f"/admin/studiedagen/{HUGE}/aanwezigheidslijst/",
        f"/admin/studiedagen/{HUGE}/bericht/",
        f"/admin/nieuwsbrief/{HUGE}/verzenden/",
    ],
)
def test_ids_out_of_range_in_urls_are_not_found(editor_client, site_tree, path):
    """A 40-digit id in a URL is a 404, not an overflow in the database driver."""
    assert editor_client.get(path).status_code == 404


def test_number_out_of_range_in_a_wagtail_filter_is_no_server_error(site_tree, editor_user):
    """The page listing's owner filter with a 40-digit id answers 400 (SQLite) or 200, never 500."""
    client = Client(raise_request_exception=False)
    client.force_login(editor_user)
    response = client.get(f"/admin/pages/{site_tree['home'].pk}/", {"owner": HUGE})
    assert response.status_code in {200, 400}


def test_nul_in_a_filter_parameter_is_dropped_before_the_database(staff_client, site_tree):
    """A NUL in a CANOklas tag filter is a 404 for an unknown tag, not a PostgreSQL DataError."""
    canoklas = CanoklasIndexPageFactory(parent=site_tree["staff_area"])
    response = staff_client.get(canoklas.url + "?tag=a%00b&niveau=%00")
    assert response.status_code == 404
