"""The pseudonymisation guard on Flemish case notes: what it flags, and what it leaves alone."""

import logging

import pytest

from intervision.guard import (
    Finding,
    find_identifying,
    findings_fingerprint,
    guard_text_of_html,
    national_number_is_valid,
)
from intervision.models import GuardName

pytestmark = pytest.mark.django_db


def kinds(text):
    return [(finding.kind, finding.fragment) for finding in find_identifying(text)]


def flagged(text, kind):
    return [finding.fragment for finding in find_identifying(text) if finding.kind == kind]


@pytest.mark.parametrize(
    "number",
    [
        "85.07.30-033.28",
        "85073003328",
        "85 07 30 033 28",
        "85-07-30-033-28",
        "850730-033-28",
        "03.05.12-033.25",
        "85.07.30.033.28",
    ],
)
def test_national_register_numbers_in_every_notation_are_found(number):
    """Rijksregisternummers with dots, dashes, spaces or nothing, born before or after 2000."""
    assert kinds(f"Rijksregisternummer {number} staat in het dossier.") == [
        ("national_number", number)
    ]


def test_bis_number_is_found():
    """A BIS number (month plus 40) is flagged like a rijksregisternummer."""
    assert flagged("BIS 85.47.30-033.93 op de verblijfskaart.", "national_number") == [
        "85.47.30-033.93"
    ]


def test_wrong_check_digits_with_a_plausible_date_are_flagged_as_look_alike():
    """A typo in the check digits is still flagged; the label says it looks like one."""
    assert not national_number_is_valid("85073003361")
    (finding,) = find_identifying("dossier 85.07.30-033.61")
    assert finding.kind == "national_number"
    assert "lijkt op een rijksregisternummer" in str(finding.label)


@pytest.mark.parametrize(
    "phone",
    [
        "0470 12 34 56",
        "0470/12.34.56",
        "09 123 45 67",
        "09 / 233 41 17",
        "(0486) 12 77 30",
        "+32 470 12 34 56",
        "+32 (0)9 233 41 17",
        "0032 3 233 41 17",
        "003224567890",
        "0486.12.77.30",
        "011-22-33-44",
        "04/535 28 27",
    ],
)
def test_belgian_phone_numbers_in_every_notation_are_found(phone):
    """Mobile and landline numbers, national and international, with any separators."""
    assert kinds(f"Bel de voogd op {phone} na vier uur.") == [("phone", phone)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Geef haar het nummer van Awel (102).",
        "De Druglijn (078 15 10 20) is anoniem.",
        "Het Antigifcentrum, 070 245 245, gaf advies.",
        "Bel gratis naar 0800 32 123.",
        "Bij nood bel je 112 of 1712.",
    ],
)
def test_helplines_and_service_numbers_are_not_flagged(sentence):
    """Public helplines, short numbers and 070/078/0800 service numbers identify no one."""
    assert kinds(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "De vzw heeft ondernemingsnummer 0456.789.034.",
        "Btw-nummer BE 0406.798.006 staat op de factuur.",
        "KBO 0406798006",
    ],
)
def test_company_numbers_are_not_phone_numbers(sentence):
    """A company number (with its checksum, after KBO/btw/ondernemingsnummer) is not flagged."""
    assert kinds(sentence) == []


def test_email_address_is_found():
    """An e-mail address is flagged."""
    assert kinds("Mama mailt via moeder.x@telenet.be elke week.") == [
        ("email", "moeder.x@telenet.be")
    ]


def test_email_inside_a_mailto_link_is_found():
    """The address behind a mailto: link, which the page does not show, is checked too."""
    html = '<p>Mail <a href="mailto:jan.peeters@telenet.be">de vader</a>.</p>'
    assert flagged(guard_text_of_html(html), "email") == ["jan.peeters@telenet.be"]


def test_escaped_link_target_is_decoded_before_checking():
    """A link target written with entities or %-escapes is decoded as a browser would."""
    html = '<a href="mailto:jan.peeters%40telenet.be">mail</a>'
    assert flagged(guard_text_of_html(html), "email") == ["jan.peeters@telenet.be"]


def test_service_mailbox_is_not_flagged():
    """A shared mailbox of a service (info@, onthaal@) identifies no young person."""
    assert kinds("Aanmelden kan via onthaal@caw.be of info@awel.be.") == []


@pytest.mark.parametrize(
    "address",
    [
        "www.facebook.com/emma.peeters",
        "https://www.instagram.com/lotte_janssens/",
        "tiktok.com/@woutmaes",
        "https://www.linkedin.com/in/jan-peeters-123",
        "www.emma-peeters.be",
    ],
)
def test_web_addresses_naming_a_person_are_found(address):
    """Profile links and personal sites that carry a name are flagged."""
    assert kinds(f"Ze deelt alles op {address} met iedereen.") == [("web_address", address)]


@pytest.mark.parametrize(
    "sentence",
    ["Meer info op www.awel.be.", "Zie https://www.vlaanderen.be/jongerenwelzijn voor de regels."],
)
def test_web_addresses_of_services_are_not_flagged(sentence):
    """A service's website names no person."""
    assert kinds(sentence) == []


@pytest.mark.parametrize(
    "address",
    [
        "Kerkstraat 12",
        "Kerkstraat 12 bus 4",
        "Oude Gentweg 14B",
        "De Keyserlei 31",
        "Grote Markt 7",
        "Steenweg op Turnhout 57",
        "Frère-Orbanlaan 145 bus 3",
        "Chaussée d'Ixelles 88",
        "Avenue Brugmann 12",
        "Rue de la Loi 16",
        "Place Flagey 3",
        "Boulevard Anspach 40",
        "Kerkstraat 12, 9000 Gent",
    ],
)
def test_addresses_are_found_with_the_whole_street_name(address):
    """Dutch and French street forms are flagged, the whole street name and any postcode + town."""
    assert kinds(f"Het gezin woont in de {address} sinds de zomer.") == [("address", address)]


def test_street_typed_in_lower_case_is_found():
    """A real street typed in lower case is still an address."""
    assert flagged("Ze woont in de kerkstraat 12.", "address") == ["kerkstraat 12"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Na de vergadering 2 weken later was er weinig veranderd.",
        "Hij speelde op het speelplein 5 dagen na elkaar.",
        "Ze fietste de ring 12 keer rond.",
        "Kamer 12 in de leefgroep is vrij.",
        "Hij nam bus 4 naar school.",
    ],
)
def test_nouns_before_a_number_are_not_addresses(sentence):
    """A common noun that ends like a street type, followed by a count, is not an address."""
    assert kinds(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("Geboren op 3-11-12 in Brugge.", "3-11-12"),
        ("°14/02/09", "14/02/09"),
        ("Jongen, geb. 12.03.2009, woont bij mama.", "12.03.2009"),
        ("Geboortedatum: 2009-03-12.", "2009-03-12"),
        ("Ze is geboren op 3 maart 2009.", "3 maart 2009"),
        ("Broer (° 5 feb. 2011) is nog thuis.", "5 feb. 2011"),
        ("Geboortedatum van de jongste: 25-12-2015", "25-12-2015"),
        ("Jana (14/02/2009) verblijft in de leefgroep.", "14/02/2009"),
    ],
)
def test_dates_of_birth_in_every_form_are_found(sentence, date):
    """Dates of birth with two- or four-digit years, °, geb., geboren op or geboortedatum."""
    assert flagged(sentence, "date_of_birth") == [date]


@pytest.mark.parametrize(
    "sentence",
    [
        "Het decreet van 12 juli 2013 geeft elke jongere inspraak.",
        "De wet van 8 april 1965 blijft van toepassing.",
        "Het KB van 24/11/1997 regelt de erkenning.",
        "Zie de omzendbrief van 3 maart 2021.",
        "De vergadering van 14 maart 2025 werd verplaatst.",
        "Het intakegesprek vond plaats op 03/02/2025.",
        "Het schooljaar loopt van 01/09/25-30/06/26.",
        "De maatregel geldt van 1 september 2024 tot 30 juni 2025.",
    ],
)
def test_law_event_and_period_dates_are_not_dates_of_birth(sentence):
    """Dates of laws, meetings, events and periods are not flagged."""
    assert kinds(sentence) == []


@pytest.mark.parametrize("iban", ["BE68 5390 0754 7034", "BE68539007547034", "be68 5390 0754 7034"])
def test_iban_is_found(iban):
    """A Belgian IBAN with a valid checksum is flagged as an account number."""
    assert kinds(f"Het kindergeld komt op {iban}.") == [("iban", iban)]


@pytest.mark.parametrize("plate", ["1-ABC-234", "1ABC234", "2 XYZ 987", "ABC-123"])
def test_belgian_licence_plates_are_found(plate):
    """Current and older Belgian licence plates are flagged."""
    assert kinds(f"Papa rijdt met nummerplaat {plate}.") == [("licence_plate", plate)]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Ik begeleid Febe nu een half jaar.", "Febe"),
        ("Ik begeleid febe nu een half jaar.", "febe"),
        ("Ik sprak met Wouts broer.", "Wouts"),
        ("Sara's mama wil geen contact.", "Sara's"),
        ("Lotje wil niet naar school.", "Lotje"),
        ("Ik zag Tommeke gisteren.", "Tommeke"),
        ("De voogd van Noah Peeters belde.", "Noah Peeters"),
        ("Meneer Van Damme weigert.", "Van Damme"),
        ("Het gezin De Smet woont hier al lang.", "De Smet"),
        ("Ik sprak met Roos over haar week.", "Roos"),
    ],
)
def test_names_are_found_in_any_case_possessive_or_diminutive(sentence, name):
    """Listed first names and surnames, lower case, with a possessive s or as a diminutive."""
    assert name in " ".join(flagged(sentence, "name"))


@pytest.mark.parametrize(
    "sentence",
    [
        "Er is weer wat hoop nu de therapie loopt.",
        "Hoop doet leven, zegt mama.",
        "Ze kreeg een roos van haar pleegvader.",
        "Wil je de groep vragen hoe zij dit aanpakken?",
        "Mag ik hem verplichten om naar school te gaan?",
        "Hij speelt bas in een bandje.",
        "Het was een dag vol storm en regen.",
        "Zie de omzendbrief voor meer uitleg.",
    ],
)
def test_common_words_that_are_also_names_are_not_flagged(sentence):
    """Ordinary Dutch words such as hoop, roos, wil, mag or bas raise no alarm."""
    assert kinds(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Ze zit op het Sint-Jozefcollege in het vierde jaar.",
        "We spraken af aan het Louizaplein.",
        "Hij werd opgenomen in het Jan Palfijn ziekenhuis.",
        "De opvang van Don Bosco heeft plaats.",
        "Het Huis van het Kind helpt met de opvoeding.",
        "Ze woonde vroeger in Sint-Niklaas.",
        "De buurtwerking aan het Emile Braunplein organiseert een kamp.",
    ],
)
def test_names_inside_organisations_schools_and_places_are_not_flagged(sentence):
    """An organisation, school, square or town named after a person is not a person."""
    assert kinds(sentence) == []


def test_editor_added_name_is_flagged():
    """A name an editor adds in the admin is flagged, in any case."""
    GuardName.objects.create(name="Zwanhilde")
    assert flagged("Ik sprak met zwanhilde.", "name") == ["zwanhilde"]


def test_editor_exempted_word_is_not_flagged():
    """A word an editor exempts no longer raises an alarm."""
    assert flagged("Ik begeleid Febe.", "name") == ["Febe"]
    GuardName.objects.create(name="Febe", exempt=True)
    assert flagged("Ik begeleid Febe.", "name") == []


def test_pseudonymised_text_passes():
    """A pseudonymised text without dates, numbers or names is not flagged."""
    text = (
        "Een jongen van 15 (noem hem J.) woont met zijn moeder in een stad in Oost-Vlaanderen. "
        "Hij spijbelt sinds drie weken; op 2 scholen liep het eerder mis."
    )
    assert kinds(text) == []


def test_findings_carry_their_position():
    """Each finding says where it stands in the text, for highlighting."""
    text = "Bel mama op 0470 12 34 56."
    (finding,) = find_identifying(text)
    assert text[finding.start : finding.end] == "0470 12 34 56"


def test_fingerprint_depends_on_the_fragments_only():
    """The confirmation fingerprint changes with the fragments, not with their positions."""
    same = findings_fingerprint([Finding("name", "Febe", 3, 7)])
    assert same == findings_fingerprint([Finding("name", "Febe", 10, 14)])
    assert same != findings_fingerprint([Finding("name", "Wout")])


@pytest.mark.parametrize(
    "text",
    [
        "Kerkstraat 12 " * 20000,
        "0123456789 " * 30000,
        "9" * 300000,
        "<p>" * 5000 + "Emma" + "</p>" * 5000,
        '<a href="javascript:alert(1)">x</a><a href="data:text/html,jan@x.be">y</a>'
        '<a href="tel:+32470123456">z</a><a href="ftp://emma.peeters@host">w</a>',
    ],
)
def test_odd_input_gets_an_answer(text):
    """Huge texts, digits only, nested HTML and odd link schemes get an answer, not an error."""
    assert isinstance(find_identifying(guard_text_of_html(text)), list)


def test_findings_are_never_logged(caplog):
    """The guard logs nothing of what it finds."""
    with caplog.at_level(logging.DEBUG):
        find_identifying("Emma Peeters, 0470 12 34 56, jan@telenet.be")
    assert "Emma" not in caplog.text
    assert "0470" not in caplog.text
