"""The pages people trust, for `manage.py seed_demo`: contact details, privacy and accessibility.

Runs after the apps' seeds (its hook's order is high), so the short addresses can point at the
pages they made. Idempotent: what exists is left as editors changed it.
"""

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from .models import ContactSettings, StaffAreaPage, StandardPage, StatementPagesSettings

CONTACT = {
    "organisation_name": "CANO Vlaanderen vzw",
    "address": "Kortrijksesteenweg 1\n9000 Gent",
    "email": "info@cano.example",
    "phone": "09 123 45 67",
    "phone_hours": "op werkdagen van 9 tot 16 uur",
}

PRIVACY_BODY = [
    ("heading", {"text": "Wie is verantwoordelijk voor je gegevens?", "level": "h2"}),
    (
        "paragraph",
        "<p>CANO Vlaanderen vzw, het netwerk van de Vlaamse CANO-organisaties, is de "
        "verwerkingsverantwoordelijke voor de persoonsgegevens op dit platform. Je bereikt ons "
        "op dit adres:</p>",
    ),
    ("contact_details", None),
    ("heading", {"text": "Waarvoor gebruiken we je gegevens?", "level": "h2"}),
    (
        "paragraph",
        "<ul><li><b>Je account</b>: om je aan te melden en samen te werken met collega's in de "
        "medewerkerszone, op grond van de samenwerking tussen de CANO-organisaties "
        "(gerechtvaardigd belang).</li><li><b>Intervisie</b>: om casussen te bespreken in een "
        "besloten groep van collega's (gerechtvaardigd belang).</li><li><b>Studiedagen</b>: "
        "om je inschrijving, de wachtlijst, de herinnering en de dag zelf te organiseren, "
        "met je toestemming.</li><li><b>De nieuwsbrief</b>: om je de CANOnieuwsbrief te sturen, "
        "met je toestemming, die je altijd intrekt door je uit te schrijven.</li><li><b>De "
        "beveiliging</b>: om het raden van wachtwoorden tegen te gaan (gerechtvaardigd "
        "belang).</li></ul><p>We verkopen geen gegevens en gebruiken ze niet voor reclame. "
        "Casussen in intervisie zijn gepseudonimiseerd: wat een jongere of een gezin "
        "identificeert, hoort er niet in. Het platform waarschuwt wie een naam, een adres, een "
        "geboortedatum, een telefoonnummer of een rijksregisternummer lijkt te typen. Alleen de "
        "leden van de groep lezen een casus; e-mails over intervisie noemen alleen de groep en "
        "een link, nooit de casus zelf.</p>",
    ),
    ("heading", {"text": "Hoe lang bewaren we ze?", "level": "h2"}),
    (
        "paragraph",
        "<p>Na die termijn wist het platform de gegevens vanzelf. Een afgesloten casus blijft "
        "dus nog een tijd bewaard, zodat de groep erop kan terugkijken.</p>",
    ),
    ("personal_data", None),
    ("heading", {"text": "Je rechten", "level": "h2"}),
    (
        "paragraph",
        "<p>De Algemene Verordening Gegevensbescherming (AVG of GDPR) geeft je deze rechten:"
        "</p><ul><li><b>Inzage</b>: je vraagt welke gegevens we over je bewaren.</li>"
        "<li><b>Verbetering</b>: je laat onjuiste gegevens verbeteren.</li><li><b>Wissing</b>: "
        "je laat je gegevens wissen.</li><li><b>Beperking</b>: je laat de verwerking tijdelijk "
        "stopzetten, bijvoorbeeld terwijl we een verbetering nakijken.</li><li><b>Bezwaar</b>: "
        "je verzet je tegen een verwerking op grond van ons gerechtvaardigd belang.</li><li><b>"
        "Overdraagbaarheid</b>: je krijgt je gegevens in een gangbaar bestand om ze mee te "
        "nemen.</li><li><b>Toestemming intrekken</b>: wat je met je toestemming gaf, trek je "
        "altijd in, zonder dat dat afdoet aan wat ervoor gebeurde.</li></ul>",
    ),
    ("heading", {"text": "Zo gebruik je je rechten", "level": "h2"}),
    (
        "paragraph",
        "<ul><li><b>Nieuwsbrief</b>: onderaan elke nieuwsbrief schrijf je je uit of bekijk en "
        "wis je je gegevens.</li><li><b>Studiedag</b>: met de persoonlijke link in je "
        "bevestigingsmail bekijk, wijzig of annuleer je je inschrijving en wis je je gegevens."
        "</li><li><b>Je account</b>: op de pagina Mijn account zie je je naam, organisatie, "
        "e-mailadres, inschrijvingen en groepen.</li><li><b>Al het andere</b> (je account "
        "laten wissen, intervisie, een kopie van je gegevens): mail ons op het adres hierboven. "
        "We antwoorden binnen een maand en vragen je soms eerst te bevestigen wie je bent."
        "</li></ul>",
    ),
    ("heading", {"text": "Een klacht indienen", "level": "h2"}),
    (
        "paragraph",
        "<p>Ben je niet tevreden over ons antwoord, dan kan je een klacht indienen bij de "
        "Gegevensbeschermingsautoriteit, Drukpersstraat 35, 1000 Brussel, "
        '<a href="mailto:contact@apd-gba.be">contact@apd-gba.be</a>, '
        '<a href="https://www.gegevensbeschermingsautoriteit.be">'
        "www.gegevensbeschermingsautoriteit.be</a>.</p>",
    ),
]

ACCESSIBILITY_BODY = [
    (
        "paragraph",
        "<p>CANO Vlaanderen vzw wil dat iedereen dit platform kan gebruiken, ook wie slecht "
        "ziet, alleen het toetsenbord gebruikt, een schermlezer gebruikt of op een smartphone "
        "werkt. We volgen daarvoor de Web Content Accessibility Guidelines (WCAG) 2.1 op niveau "
        "AA, de norm uit de Europese richtlijn 2016/2102 en het Vlaamse decreet van 7 december "
        "2018 over de toegankelijkheid van websites. Deze verklaring geldt voor het hele "
        "platform: de publieke website, de medewerkerszone en de nieuwsbrief op de site.</p>",
    ),
    ("heading", {"text": "Nalevingsstatus", "level": "h2"}),
    (
        "paragraph",
        "<p>Dit platform is <b>gedeeltelijk conform</b> met WCAG 2.1 niveau AA: de meeste "
        "inhoud voldoet, de onderdelen hieronder (nog) niet.</p>",
    ),
    ("heading", {"text": "Niet-toegankelijke inhoud", "level": "h2"}),
    (
        "paragraph",
        "<ul><li>Documenten (pdf, Word, PowerPoint) die medewerkers en de redactie opladen, "
        "zijn niet altijd toegankelijk: ze hebben soms geen koppen, geen alternatieve tekst bij "
        "afbeeldingen of geen logische leesvolgorde.</li><li>Video's van externe diensten "
        "(zoals YouTube of Vimeo) hebben niet altijd ondertitels of een uitgeschreven tekst."
        "</li><li>Het beheergedeelte waarmee de redactie pagina's maakt, komt van een ander "
        "softwarepakket en hebben we niet zelf getest.</li></ul><p>Stuit je op een van deze "
        "problemen, vraag ons dan de inhoud in een andere vorm: we bezorgen ze je zo snel "
        "mogelijk.</p>",
    ),
    ("heading", {"text": "Opstelling van deze verklaring", "level": "h2"}),
    (
        "paragraph",
        "<p>We stelden deze verklaring op op 6 december 2026, na een zelfbeoordeling: elke "
        "soort pagina is automatisch getest met axe-core, als bezoeker, als medewerker en als "
        "redacteur, in een echte browser; we testten de belangrijkste taken met alleen het "
        "toetsenbord (aanmelden, inschrijven voor een studiedag, een casus plaatsen, het menu) "
        "en controleerden dat geen pagina zijwaarts scrolt op een scherm van 360 pixels breed. "
        "We herzien de verklaring minstens één keer per jaar en na elke grote wijziging.</p>",
    ),
    ("heading", {"text": "Feedback en contactgegevens", "level": "h2"}),
    (
        "paragraph",
        "<p>Loop je op dit platform tegen een probleem aan, of mist er iets? Laat het ons weten. "
        "We bevestigen je melding binnen vijf werkdagen en zoeken een oplossing.</p>",
    ),
    ("contact_details", None),
    ("heading", {"text": "Handhavingsprocedure", "level": "h2"}),
    (
        "paragraph",
        "<p>Ben je niet tevreden over hoe we op je melding reageren, dan kan je een klacht "
        "indienen bij de Vlaamse Ombudsdienst, Leuvenseweg 86, 1000 Brussel, "
        '<a href="https://www.vlaamseombudsdienst.be">www.vlaamseombudsdienst.be</a>.</p>',
    ),
]

CONTACT_BODY = [
    (
        "paragraph",
        "<p>Heb je een vraag over het platform, een studiedag of de nieuwsbrief? Mail of bel "
        "het secretariaat.</p>",
    ),
    ("contact_details", None),
]

# slug, title, intro, body, and which setting links to it.
STATEMENT_PAGES = [
    (
        "privacy",
        "Privacyverklaring",
        "Welke persoonsgegevens CANO Vlaanderen bewaart, waarvoor, hoe lang en welke rechten je "
        "hebt.",
        PRIVACY_BODY,
        "privacy_page",
    ),
    (
        "toegankelijkheid",
        "Toegankelijkheidsverklaring",
        "Hoe toegankelijk dit platform is, wat nog niet in orde is en waar je terechtkunt.",
        ACCESSIBILITY_BODY,
        "accessibility_page",
    ),
    (
        "contact",
        "Contact",
        "Vragen over het platform of de studiedagen?",
        CONTACT_BODY,
        "contact_page",
    ),
]

# Short addresses people type or guess, by the slug of the page they lead to. Wagtail's
# redirects point at the page itself, so they keep working when an editor moves or renames it.
SHORT_ADDRESSES = {
    "/studiedag": "studiedagen",
    "/medewerker": "medewerkers",
    "/privacyverklaring": "privacy",
    "/toegankelijkheidsverklaring": "toegankelijkheid",
}


def seed(*, home, staff_area, users, stdout) -> None:
    """Add the contact details, the statements and the short addresses to the default site."""
    site = Site.objects.get(root_page=home)
    contact = ContactSettings.for_site(site)
    if not contact.email:
        for name, value in CONTACT.items():
            setattr(contact, name, value)
        contact.save()
    statements = StatementPagesSettings.for_site(site)
    for slug, title, intro, body, setting in STATEMENT_PAGES:
        page = StandardPage.objects.child_of(home).filter(slug=slug).first()
        if page is None:
            page = home.add_child(
                instance=StandardPage(
                    title=title, slug=slug, show_in_menus=False, intro=intro, body=body
                )
            )
        if getattr(statements, setting) is None:
            setattr(statements, setting, page)
    statements.save()
    redirects_seed(site=site)


def redirects_seed(*, site: Site) -> None:
    """`/werkgroepen/`, `/canoklas/`, ... lead to the staff area's sections; see SHORT_ADDRESSES."""
    targets = {
        path: Page.objects.filter(slug=slug).first() for path, slug in SHORT_ADDRESSES.items()
    }
    staff_area = StaffAreaPage.objects.child_of(site.root_page).first()
    if staff_area is not None:
        for page in staff_area.get_children().in_menu():
            targets.setdefault(f"/{page.slug}", page)
    for path, page in targets.items():
        if page is not None:
            Redirect.objects.get_or_create(
                old_path=Redirect.normalise_path(path),
                site=None,
                defaults={"redirect_page": page, "is_permanent": False},
            )
