import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_member_logs_in_reaches_staff_area_and_logs_out(
    live_server, page, site_tree, staff_user, password
):
    """Home page, login, staff area, logout, and the staff area is refused again (on a phone)."""
    site = site_tree["site"]
    site.hostname = "localhost"
    site.save()
    base = live_server.url

    page.goto(base + "/")
    expect(page.locator("h1")).to_contain_text("Samen leren in de jeugdhulp")

    page.goto(base + "/medewerkers/")
    expect(page).to_have_url(f"{base}/account/inloggen/?next=/medewerkers/")
    page.get_by_label("E-mailadres").fill(staff_user.email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()

    expect(page).to_have_url(f"{base}/medewerkers/")
    expect(page.locator("main")).to_contain_text(f"Welkom, {staff_user.first_name}")

    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(f"{base}/")

    page.goto(base + "/medewerkers/")
    expect(page).to_have_url(f"{base}/account/inloggen/?next=/medewerkers/")
