import pytest

from intervision.guard import find_identifying, national_number_is_valid


def kinds(text):
    return [(finding.kind, finding.fragment) for finding in find_identifying(text)]


@pytest.mark.parametrize(
    "number", ["85.07.30-033.28", "85073003328", "03.05.12-033.25", "85 07 30 033 28"]
)
def test_valid_national_register_numbers_are_found(number):
    """Rijksregisternummers with a valid checksum are flagged, born before or after 2000."""
    assert kinds(f"Rijksregisternummer {number} staat in het dossier.") == [
        ("national_number", number)
    ]


def test_number_with_wrong_checksum_is_not_a_national_register_number():
    """Eleven digits that fail the checksum are not reported as a rijksregisternummer."""
    assert not national_number_is_valid("85073003361")
    assert ("national_number", "85.07.30-033.61") not in kinds("dossier 85.07.30-033.61")


def test_email_address_is_found():
    """An e-mail address is flagged."""
    assert kinds("Mama mailt via moeder.x@telenet.be elke week.") == [
        ("email", "moeder.x@telenet.be")
    ]


@pytest.mark.parametrize(
    "phone", ["0470 12 34 56", "0470/12.34.56", "09 123 45 67", "+32 470 12 34 56", "003224567890"]
)
def test_belgian_phone_numbers_are_found(phone):
    """Belgian mobile and landline numbers, national and international, are flagged."""
    assert kinds(f"Bel de voogd op {phone} na vier uur.") == [("phone", phone)]


@pytest.mark.parametrize(
    "address", ["Kerkstraat 12", "Frère-Orbanlaan 145 bus 3", "Brusselsesteenweg 7A", "Markt 5"]
)
def test_street_with_house_number_is_found(address):
    """A street name with a house number is flagged."""
    assert kinds(f"Het gezin woont in de {address} te Gent.") == [("address", address)]


@pytest.mark.parametrize("date", ["12/03/2009", "12-3-2009", "3 maart 2009", "2009-03-12"])
def test_full_dates_are_found(date):
    """A full date (a possible date of birth) is flagged."""
    assert kinds(f"Geboren op {date} in Brugge.") == [("date_of_birth", date)]


def test_names_from_the_configured_list_are_found(settings):
    """Names from INTERVISION_GUARD_NAMES are flagged as whole words only."""
    settings.INTERVISION_GUARD_NAMES = ["Yusuf", "Van Damme"]
    assert kinds("Yusuf en mevrouw Van Damme; Yusufs broer") == [
        ("name", "Yusuf"),
        ("name", "Van Damme"),
    ]


def test_pseudonymised_text_passes():
    """A pseudonymised text without dates, numbers or listed names is not flagged."""
    text = (
        "Een jongen van 15 (noem hem J.) woont met zijn moeder in een stad in Oost-Vlaanderen. "
        "Hij spijbelt sinds drie weken; op 2 scholen liep het eerder mis."
    )
    assert kinds(text) == []
