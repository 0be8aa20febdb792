"""Demo content for this app, called by `manage.py seed_demo`; must be idempotent."""

import datetime

from django.utils import timezone

from .models import NewsletterIndexPage, NewsletterIssuePage, Subscriber

ISSUES = [
    (
        1,
        datetime.date(2025, 2, 3),
        "Een nieuw platform om samen te leren",
        "<p>Welkom bij de eerste CANOnieuwsbrief op ons nieuwe kennisplatform.</p>",
        [
            (
                "Intervisie over organisaties heen",
                "Vijf CANO-organisaties startten gemengde intervisiegroepen.",
                "<p>Sinds januari bespreken begeleiders uit vijf organisaties samen hun casussen. "
                "Ze werken met de <b>incidentmethode</b> en de roddelmethode, telkens met een "
                "vaste intervisiebegeleider.</p>",
            ),
            (
                "Werkgroep Onderwijs zoekt versterking",
                "Heb je ervaring met schoolverzuim? De werkgroep verwelkomt nieuwe leden.",
                "<p>De werkgroep Onderwijs bundelt praktijken rond schoolverzuim en "
                "schooluitval. Ze komt zes keer per jaar samen, afwisselend in Gent en Leuven.</p>",
            ),
        ],
    ),
    (
        2,
        datetime.date(2025, 5, 12),
        "Terugblik op de studiedag voor partners",
        "<p>Meer dan tweehonderd deelnemers kwamen naar onze studiedag in Mechelen.</p>",
        [
            (
                "Participatie begint bij luisteren",
                "De hoofdspreker pleitte voor jongeren aan tafel bij elk hulpverleningsplan.",
                "<p>Jongeren die mee beslissen over hun traject, haken minder snel af. Dat bleek "
                "uit de ervaringen die drie gezinnen op de studiedag deelden.</p>",
            ),
            (
                "Nieuw in de CANOklas: gespreksvoering met ouders",
                "Een module met video's en oefeningen voor nieuwe begeleiders.",
                "<p>De module behandelt moeilijke gesprekken, grenzen stellen en samen doelen "
                "formuleren. Je vindt ze in de medewerkerszone.</p>",
            ),
        ],
    ),
    (
        3,
        datetime.date(2025, 9, 8),
        "Sport als hefboom",
        "<p>Dit najaar staat in het teken van sport en beweging in de jeugdhulp.</p>",
        [
            (
                "Het project Samen in beweging",
                "Drie werkgroepen starten een gedeeld project rond sport.",
                "<p>Met wekelijkse sportmomenten willen de organisaties jongeren uit hun isolement "
                "halen. Lokale sportclubs stellen hun accommodatie ter beschikking.</p>",
            ),
            (
                "Geleerde les: duidelijke afspraken bij crisis",
                "Een intervisiegroep deelt wat ze leerde uit een afgesloten casus.",
                "<p>Wie doet wat wanneer een gezin in crisis belt na de kantooruren? Een vaste "
                "afsprakenlijst maakt het verschil, besloot de groep.</p>",
            ),
        ],
    ),
    (
        4,
        datetime.date(2026, 1, 19),
        "Nieuwe jaargang, nieuwe werkgroepen",
        "<p>We beginnen 2026 met twee nieuwe werkgroepen en een vernieuwde CANOklas.</p>",
        [
            (
                "Werkgroep Digitale hulpverlening",
                "Chat, videobellen en privacy: de nieuwe werkgroep zoekt uit wat werkt.",
                "<p>Steeds meer jongeren nemen eerst online contact op. De werkgroep verzamelt "
                "goede praktijken en maakt een leidraad over veilig digitaal werken.</p>",
            ),
            (
                "Balintgroepen voor teamverantwoordelijken",
                "Een nieuwe reeks intervisie voor wie een team leidt.",
                "<p>Teamverantwoordelijken bespreken in kleine groepen hun eigen rol in "
                "moeilijke situaties, volgens de Balintmethode.</p>",
            ),
        ],
    ),
    (
        5,
        datetime.date(2026, 5, 4),
        "Inschrijvingen studiedag geopend",
        "<p>De studiedag voor medewerkers van de CANO-organisaties komt eraan.</p>",
        [
            (
                "Programma van de studiedag",
                "Workshops over trauma, veerkracht en samenwerken met scholen.",
                "<p>In de voormiddag spreekt een kinderpsychiater over traumasensitief werken; "
                "in de namiddag kies je twee workshops uit acht.</p>",
            ),
            (
                "Oplossingsgericht werken in de praktijk",
                "Een begeleider vertelt hoe de methode haar gesprekken veranderde.",
                "<p>Kleine stappen benoemen, uitzonderingen zoeken en complimenten geven: "
                "eenvoudig in theorie, een hele oefening in de praktijk.</p>",
            ),
        ],
    ),
    (
        6,
        datetime.date(2026, 9, 14),
        "Een jaar kennisplatform",
        "<p>Een jaar na de start maken we de balans op en kijken we vooruit.</p>",
        [
            (
                "Wat het platform opleverde",
                "Veertig intervisiegroepen, twaalf werkgroepen en honderden gedeelde lessen.",
                "<p>Medewerkers vinden elkaar sneller over de grenzen van hun organisatie heen. "
                "De meest gelezen lessen gaan over crisisafspraken en schoolverzuim.</p>",
            ),
            (
                "Wat komt er in 2027?",
                "De studiedag voor externen en een CANOklas over diversiteit.",
                "<p>Volgend jaar openen we de studiedag voor partners, studenten en andere "
                "sectoren. De CANOklas krijgt een module over cultuursensitief werken.</p>",
            ),
        ],
    ),
]

SUBSCRIBERS = [
    ("marleen.desmet@voorbeeld.be", "Marleen De Smet", True),
    ("koen.vandamme@voorbeeld.be", "Koen Van Damme", True),
    ("student.orthopedagogie@voorbeeld.be", "", True),
    ("nog.bevestigen@voorbeeld.be", "Sara Peeters", False),
]

CONSENT = (
    "Ik wil de CANOnieuwsbrief per e-mail ontvangen. CANO Vlaanderen bewaart hiervoor mijn "
    "e-mailadres en naam tot ik me uitschrijf."
)


def seed(*, home, staff_area, users, stdout) -> None:
    """The newsletter archive with six issues over two years, and a few subscribers."""
    archive = NewsletterIndexPage.objects.filter(slug="nieuwsbrief").first()
    if archive is None:
        archive = home.add_child(
            instance=NewsletterIndexPage(
                title="Nieuwsbrief",
                slug="nieuwsbrief",
                show_in_menus=True,
                intro=(
                    "<p>Drie keer per jaar verschijnt de CANOnieuwsbrief: nieuws uit de "
                    "werkgroepen, lessen uit intervisie, de CANOklas en de studiedagen.</p>"
                ),
            )
        )
    for number, published, title, intro, articles in ISSUES:
        if NewsletterIssuePage.objects.filter(number=number).exists():
            continue
        archive.add_child(
            instance=NewsletterIssuePage(
                title=title,
                slug=f"nummer-{number}",
                number=number,
                publication_date=published,
                search_description=intro.removeprefix("<p>").removesuffix("</p>"),
                intro=intro,
                articles=[
                    (
                        "article",
                        {
                            "title": article_title,
                            "teaser": teaser,
                            "body": body,
                            "image": None,
                            "image_alt": "",
                            "links": [],
                        },
                    )
                    for article_title, teaser, body in articles
                ],
            )
        )
    for email, name, confirmed in SUBSCRIBERS:
        if Subscriber.objects.filter(email=email).exists():
            continue
        subscriber = Subscriber(
            email=email,
            name=name,
            consent_text=CONSENT,
            status=Subscriber.Status.CONFIRMED if confirmed else Subscriber.Status.PENDING,
            confirmed_at=timezone.now() if confirmed else None,
        )
        subscriber.full_clean()
        subscriber.save()
    stdout.write("Nieuwsbrief: archief, zes nummers en enkele abonnees.")
