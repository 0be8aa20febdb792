import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "Zomer-in-Oostende-2026"
# The first of the two new-password fields, not the one that repeats it.
NEW_PASSWORD_LABEL = re.compile(r"^Nieuw wachtwoord:?$")


def test_member_opens_account_from_header_and_changes_password(
    live_base, page, staff_user, password
):
    """Log in, open the account through the header's name link, change the password, log in anew."""
    log_in(page, live_base, staff_user.email, password)
    expect(page).to_have_url(f"{live_base}/medewerkers/")

    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name=f"Mijn account: {staff_user.get_full_name()}").click()
    expect(page).to_have_url(f"{live_base}/account/")
    expect(page.locator("main")).to_contain_text(staff_user.email)

    page.get_by_role("link", name="Wachtwoord wijzigen").click()
    page.get_by_label("Huidig wachtwoord").fill("fout")
    page.get_by_label(NEW_PASSWORD_LABEL).fill(NEW_PASSWORD)
    page.get_by_label("Nieuw wachtwoord (nog eens)").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.locator("main")).to_contain_text("Je huidige wachtwoord klopt niet.")

    page.get_by_label("Huidig wachtwoord").fill(password)
    page.get_by_label(NEW_PASSWORD_LABEL).fill(NEW_PASSWORD)
    page.get_by_label("Nieuw wachtwoord (nog eens)").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.locator("h1")).to_have_text("Je wachtwoord is gewijzigd")

    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, live_base, staff_user.email, NEW_PASSWORD)
    expect(page).to_have_url(f"{live_base}/medewerkers/")
