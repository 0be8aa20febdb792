import re

import pytest
from playwright.sync_api import expect

from django.core import mail

from tests.e2e.helpers import log_in, rich_text
from tests.factories.accounts import StaffFactory
from tests.factories.intervision import IntervisionGroupFactory

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Moeder en zoon botsen over de schoolkeuze"
# Right shape and a plausible date of birth (13 July 2009), but check digits that fit neither
# a birth before nor after 2000: a typo the guard must still stop.
MISTYPED_NATIONAL_NUMBER = "09.07.13-481.28"
CONTEXT = (
    f"Emma's moeder belt elke week. Rijksregisternummer van de jongere: "
    f"{MISTYPED_NATIONAL_NUMBER}. Ze twijfelt tussen twee scholen."
)
REPORT = b"%PDF-1.4 verslag van het schoolteam"


def test_guard_catches_mistyped_number_and_possessive_name_and_keeps_the_attachment(
    live_base, page, password
):
    """A case with a mistyped national register number, a possessive first name and a document:
    the guard shows both, the document survives the confirmation, the mail names no case."""
    base = live_base
    poster = StaffFactory(first_name="Sara")
    colleague = StaffFactory(first_name="Karim")
    group = IntervisionGroupFactory(name="Intervisie Brugge", members=[poster, colleague])

    log_in(page, base, poster.email, password, "/intervisie/")
    page.get_by_role("link", name="Casus inbrengen").click()
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Intervisievraag").fill("Hoe blijf ik naast beide ouders staan?")
    rich_text(page, "Context").fill(CONTEXT)
    page.get_by_label(re.compile(r"^Documenten:?$")).set_input_files(
        {"name": "verslag-schoolteam.pdf", "mimeType": "application/pdf", "buffer": REPORT}
    )
    page.get_by_role("button", name="Casus plaatsen").click()

    # The guard lists the whole mistyped number as a national register number, and the name.
    guard = page.get_by_role("alert").filter(has_text="Mogelijk identificerende gegevens")
    number = guard.locator("li").filter(has_text=MISTYPED_NATIONAL_NUMBER)
    expect(number).to_contain_text(re.compile("rijksregisternummer", re.IGNORECASE))
    expect(guard.locator("mark").filter(has_text=re.compile("^Emma"))).to_have_count(1)
    # Nothing typed is lost, and the document is kept, named on the form.
    expect(rich_text(page, "Context")).to_have_text(CONTEXT)
    kept = page.get_by_role("group", name="Documenten die je al koos")
    expect(kept).to_contain_text("verslag-schoolteam.pdf")

    page.get_by_label("Dit is gepseudonimiseerd").check()
    page.get_by_role("button", name="Casus plaatsen").click()
    expect(page.locator("h1")).to_have_text(TITLE)
    document_link = page.get_by_role("link", name="verslag-schoolteam.pdf")
    with page.expect_download() as download_info:
        document_link.click()
    with open(download_info.value.path(), "rb") as handle:
        assert handle.read() == REPORT

    # The colleague's mail names the group and links to the case; no title, no case text.
    case = group.cases.get()
    message = next(m for m in mail.outbox if colleague.email in m.to)
    text = message.subject + message.body + message.alternatives[0][0]
    assert group.name in text
    assert case.get_absolute_url() in message.body
    for secret in (TITLE, "Emma", MISTYPED_NATIONAL_NUMBER, "schoolkeuze", "verslag-schoolteam"):
        assert secret not in text
