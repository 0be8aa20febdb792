import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import log_in, rich_text
from tests.factories.accounts import StaffFactory
from tests.factories.intervision import IntervisionGroupFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_case_posted_guarded_discussed_closed_and_hidden_from_outsiders(live_base, page, password):
    """A member posts a case past the guard, a colleague replies, the poster closes it with a
    lesson; a staff member outside the group gets a 404 for the case but reads and finds the lesson."""
    base = live_base
    poster = StaffFactory(first_name="Sara")
    colleague = StaffFactory(first_name="Karim")
    outsider = StaffFactory(first_name="Olivier")
    group = IntervisionGroupFactory(name="Intervisie Gent", members=[poster, colleague])

    # The poster writes a case with a national register number and a (fictional) name.
    log_in(page, base, poster.email, password, "/intervisie/")
    page.get_by_role("link", name="Casus inbrengen").click()
    page.get_by_label("Titel").fill("Jongere weigert contact met school")
    page.get_by_label("Intervisievraag").fill("Hoe bouw ik opnieuw vertrouwen op?")
    rich_text(page, "Context").fill(
        "Emma (rijksregisternummer 85.07.30-033.28) spijbelt al drie weken."
    )
    page.get_by_role("button", name="Casus plaatsen").click()
    guard = page.get_by_role("alert").filter(has_text="Mogelijk identificerende gegevens")
    expect(guard).to_contain_text("85.07.30-033.28")
    expect(rich_text(page, "Context")).to_contain_text("spijbelt al drie weken")

    # She removes the number; the pseudonym remains and she confirms it.
    rich_text(page, "Context").fill("Emma (fictieve naam) spijbelt al drie weken.")
    page.get_by_role("button", name="Casus plaatsen").click()
    expect(guard).to_contain_text("Emma")
    expect(guard).not_to_contain_text("85.07.30")
    page.get_by_label("Dit is gepseudonimiseerd").check()
    page.get_by_role("button", name="Casus plaatsen").click()
    expect(page.locator("h1")).to_have_text("Jongere weigert contact met school")
    case_url = page.url

    # A colleague adds a hypothesis and an advice.
    log_in(page, base, colleague.email, password, case_url.removeprefix(base))
    page.get_by_label("Fase").select_option(label="Hypothesen")
    rich_text(page, "Je bijdrage").fill("Misschien voelt ze zich niet veilig in de klas.")
    page.get_by_role("button", name="Bijdrage plaatsen").click()
    expect(page.locator(".phase").filter(has_text="Hypothesen")).to_contain_text(
        "niet veilig in de klas"
    )
    page.get_by_label("Fase").select_option(label="Adviezen")
    rich_text(page, "Je bijdrage").fill("Plan een kort gesprek samen met de leerkracht.")
    page.get_by_role("button", name="Bijdrage plaatsen").click()
    expect(page.locator(".phase").filter(has_text="Adviezen")).to_contain_text("leerkracht")

    # The poster marks it discussed and closes it with a lesson learned.
    log_in(page, base, poster.email, password, case_url.removeprefix(base))
    page.get_by_role("button", name="Markeer als besproken").click()
    page.get_by_role("link", name="Casus afsluiten").click()
    rich_text(page, "Wat neem ik mee").fill("Ik plan een gesprek met de leerkracht erbij.")
    page.get_by_label("Publiceer een geanonimiseerde geleerde les").check()
    page.get_by_label("Titel van de les").fill("Betrek de school vroeg")
    page.get_by_role("textbox", name="Geleerde les").fill(
        "Een kort gesprek met de leerkracht erbij werkt."
    )
    page.get_by_role("button", name="Afsluiten").click()
    expect(page.locator(".case__closing")).to_contain_text("Betrek de school vroeg")

    # A staff member outside the group: 404 for the case, the lesson is readable.
    log_in(page, base, outsider.email, password, "/intervisie/lessen/")
    expect(page.locator("main")).to_contain_text("Betrek de school vroeg")
    expect(page.locator("main")).not_to_contain_text("Jongere weigert")
    response = page.goto(case_url)
    assert response.status == 404
    expect(page.locator("main")).not_to_contain_text("Jongere weigert")
    assert group.cases.count() == 1

    # Search: the outsider finds the lesson, never the case or its replies.
    page.goto(base + "/")
    page.get_by_label("Zoeken").fill("leerkracht")
    page.get_by_label("Zoeken").press("Enter")
    results = page.locator(".results")
    expect(results).to_contain_text("Betrek de school vroeg")
    expect(results).not_to_contain_text("Jongere weigert")
    expect(results).not_to_contain_text("niet veilig in de klas")
