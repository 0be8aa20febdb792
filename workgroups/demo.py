"""Demo content for this app, called by `manage.py seed_demo`; must be idempotent."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from cano.accounts.models import Organisation

from .models import (
    CanoklasIndexPage,
    ModulePage,
    ProjectIndexPage,
    ProjectPage,
    Theme,
    WorkgroupIndexPage,
    WorkgroupMembership,
    WorkgroupPage,
    WorkgroupUpdate,
)
from .services import staff_collection_ensure

THEMES = [("Sport", "sport"), ("Onderwijs", "onderwijs"), ("Participatie", "participatie")]

# slug, title, theme, intro, description, contact, members, updates
WORKGROUPS = [
    (
        "sport",
        "Werkgroep sport",
        "sport",
        "Sport en beweging als hefboom in de begeleiding van jongeren.",
        "<p>We verzamelen goede praktijken rond sport in de jeugdhulp, zoeken samenwerking met "
        "lokale sportclubs en organiseren elk voorjaar een CANO-sportdag.</p>",
        "tom.janssens@dekering.example.be",
        [
            "tom.janssens@dekering.example.be",
            "sofie.maes@hetanker.example.be",
            "jonas.goossens@terlinde.example.be",
            "bram.willems@dewissel.example.be",
        ],
        [
            (
                "sofie.maes@hetanker.example.be",
                "<p>De sporthal in Lokeren is vastgelegd voor de sportdag van 14 mei. "
                "Wie helpt mee met de inschrijvingen?</p>",
            ),
            (
                "jonas.goossens@terlinde.example.be",
                "<p>Fijn gesprek gehad met de voetbalclub in Roeselare: ze willen twee jongeren "
                "laten meetrainen vanaf september.</p>",
            ),
        ],
    ),
    (
        "onderwijs",
        "Werkgroep onderwijs",
        "onderwijs",
        "Samenwerken met scholen rond spijbelen, schooluitval en leerondersteuning.",
        "<p>We brengen in kaart hoe CANO-begeleiders en CLB-medewerkers elkaar vinden, en "
        "werken een draaiboek uit voor overleg bij dreigende schooluitval.</p>",
        "lotte.wouters@terlinde.example.be",
        [
            "lotte.wouters@terlinde.example.be",
            "nora.elamrani@dewissel.example.be",
            "lien.mertens@hetanker.example.be",
        ],
        [
            (
                "nora.elamrani@dewissel.example.be",
                "<p>Het draaiboek schooluitval staat in concept klaar. Feedback graag tegen "
                "het volgende overleg.</p>",
            ),
        ],
    ),
    (
        "participatie",
        "Werkgroep participatie",
        "participatie",
        "Jongeren en ouders echt laten meepraten over hun hulpverlening.",
        "<p>We testen methodieken om jongeren en ouders te betrekken, van het "
        "handelingsplan tot de inrichting van de leefgroep.</p>",
        "fatma.yilmaz@oranjehuis.example.be",
        [
            "fatma.yilmaz@oranjehuis.example.be",
            "an.peeters@dekering.example.be",
            "ruben.desmet@oranjehuis.example.be",
        ],
        [],
    ),
]

# slug, title, level, minutes, audience, public, tags, intro, body
MODULES = [
    (
        "krachtgericht-werken",
        "Krachtgericht werken met gezinnen",
        "basic",
        90,
        "Nieuwe begeleiders",
        True,
        ["gezin", "krachtgericht werken"],
        "De basishouding van krachtgericht werken: kijken naar wat wél lukt.",
        [
            ("heading", {"text": "Waarom krachtgericht?", "level": "h2"}),
            (
                "paragraph",
                "<p>Gezinnen die bij ons aankloppen, horen vaak vooral wat er misloopt. "
                "Krachtgericht werken draait dat om: we zoeken samen naar wat al werkt en "
                "bouwen daarop verder.</p>",
            ),
            (
                "quote",
                {
                    "text": "Voor het eerst vroeg iemand wat wij zelf al geprobeerd hadden.",
                    "attribution": "Een moeder, CANO De Kering",
                },
            ),
            (
                "exercise",
                {
                    "kind": "reflection",
                    "title": "Jouw laatste huisbezoek",
                    "question": "Noteer drie krachten van het gezin dat je het laatst bezocht. "
                    "Hoe heb je ze benoemd in het gesprek?",
                    "guidance": "",
                },
            ),
        ],
    ),
    (
        "motiverende-gespreksvoering",
        "Motiverende gespreksvoering met jongeren",
        "intermediate",
        120,
        "Begeleiders en teamcoaches",
        False,
        ["gespreksvoering", "jongeren"],
        "Omgaan met ambivalentie: jongeren helpen hun eigen redenen voor verandering te vinden.",
        [
            (
                "paragraph",
                "<p>Motiverende gespreksvoering vertrekt van de ambivalentie die bijna elke "
                "jongere voelt: veranderen willen én niet willen. We oefenen open vragen, "
                "reflectief luisteren en samenvatten.</p>",
            ),
            (
                "exercise",
                {
                    "kind": "exercise",
                    "title": "Reflectief luisteren in drietallen",
                    "question": "Eén collega vertelt over een twijfel, één luistert reflectief, "
                    "één observeert. Wissel na tien minuten.",
                    "guidance": "<p>Let op het verschil tussen eenvoudige en complexe "
                    "reflecties.</p>",
                },
            ),
        ],
    ),
    (
        "omgaan-met-agressie",
        "Omgaan met agressie in de begeleiding",
        "intermediate",
        150,
        "Alle medewerkers",
        False,
        ["agressie", "veiligheid"],
        "Signalen herkennen, de-escaleren en nazorg voor jezelf en je team.",
        [
            ("heading", {"text": "De escalatiecurve", "level": "h2"}),
            (
                "paragraph",
                "<p>Agressie bouwt zich meestal op in fasen. Hoe vroeger je ingrijpt, hoe meer "
                "mogelijkheden je hebt om te de-escaleren.</p>",
            ),
            (
                "exercise",
                {
                    "kind": "reflection",
                    "title": "Na een incident",
                    "question": "Wat heb jij nodig van je team na een agressie-incident?",
                    "guidance": "",
                },
            ),
        ],
    ),
    (
        "participatie-handelingsplan",
        "Jongeren betrekken bij hun handelingsplan",
        "basic",
        60,
        "Begeleiders",
        True,
        ["participatie", "jongeren"],
        "Concrete werkvormen om jongeren mee te laten schrijven aan hun eigen plan.",
        [
            (
                "paragraph",
                "<p>Een handelingsplan dat de jongere zelf mee opstelt, wordt vaker gevolgd. "
                "We tonen drie werkvormen: de doelenkaart, het toekomstgesprek en de "
                "evaluatieschaal.</p>",
            ),
            (
                "quote",
                {
                    "text": "Het is míjn plan, niet dat van de begeleider.",
                    "attribution": "Jongere, 16",
                },
            ),
        ],
    ),
    (
        "schoolverzuim",
        "Schoolverzuim aanpakken samen met het CLB",
        "intermediate",
        75,
        "Begeleiders en CLB-partners",
        False,
        ["onderwijs", "samenwerking"],
        "Wie doet wat bij problematische afwezigheden? Afspraken tussen CANO en CLB.",
        [
            (
                "paragraph",
                "<p>Bij problematisch schoolverzuim is snelle afstemming met school en CLB "
                "cruciaal. Deze module overloopt het stappenplan en de rol van de "
                "CANO-begeleider.</p>",
            ),
        ],
    ),
    (
        "sport-als-hefboom",
        "Sport als hefboom in de jeugdhulp",
        "basic",
        45,
        "Alle medewerkers",
        True,
        ["sport", "jongeren"],
        "Hoe sport en beweging bijdragen aan zelfvertrouwen en verbinding.",
        [
            (
                "paragraph",
                "<p>Sporten in een club geeft jongeren een plek buiten de hulpverlening, met "
                "trainers en ploegmaten als nieuwe steunfiguren.</p>",
            ),
            (
                "exercise",
                {
                    "kind": "exercise",
                    "title": "Sportclubs in je buurt",
                    "question": "Maak een lijst van drie sportclubs in de buurt van je "
                    "voorziening en noteer een contactpersoon.",
                    "guidance": "",
                },
            ),
        ],
    ),
    (
        "trauma-sensitief-werken",
        "Traumasensitief werken",
        "advanced",
        180,
        "Ervaren begeleiders en teamcoaches",
        False,
        ["trauma", "veiligheid"],
        "Gedrag begrijpen vanuit wat een kind heeft meegemaakt.",
        [
            (
                "paragraph",
                "<p>Veel jongeren in de jeugdhulp dragen ingrijpende jeugdervaringen mee. "
                "Traumasensitief werken betekent voorspelbaarheid, veiligheid en "
                "co-regulatie bieden.</p>",
            ),
            (
                "exercise",
                {
                    "kind": "reflection",
                    "title": "Jouw eigen triggers",
                    "question": "Welk gedrag van jongeren raakt jou het meest? Wat doe je dan?",
                    "guidance": "",
                },
            ),
        ],
    ),
    (
        "beroepsgeheim",
        "Beroepsgeheim en gedeeld beroepsgeheim",
        "basic",
        60,
        "Alle medewerkers",
        False,
        ["deontologie", "samenwerking"],
        "Wat mag je delen, met wie en onder welke voorwaarden?",
        [
            (
                "paragraph",
                "<p>Het gedeeld beroepsgeheim laat toe informatie uit te wisselen met andere "
                "hulpverleners, maar alleen wat noodzakelijk is, met een gemeenschappelijk doel "
                "en met medeweten van de cliënt.</p>",
            ),
        ],
    ),
    (
        "ouders-als-partner",
        "Ouders als partner in de hulpverlening",
        "intermediate",
        90,
        "Begeleiders",
        False,
        ["gezin", "participatie"],
        "Samenwerken met ouders, ook als het moeilijk loopt.",
        [
            (
                "paragraph",
                "<p>Ouders blijven de belangrijkste figuren in het leven van hun kind. We "
                "bespreken hoe je hen betrekt, ook bij gedwongen hulpverlening.</p>",
            ),
        ],
    ),
]


def _themes():
    themes = {}
    for name, slug in THEMES:
        themes[slug], _created = Theme.objects.get_or_create(slug=slug, defaults={"name": name})
    return themes


def _meeting_time(days_ahead):
    day = timezone.localdate() + timedelta(days=days_ahead)
    return timezone.make_aware(datetime.combine(day, time(13, 30)))


def seed(*, home, staff_area, users, stdout) -> None:
    """Add this app's demo content under the given pages."""
    staff_collection_ensure()
    themes = _themes()

    index = WorkgroupIndexPage.objects.child_of(staff_area).first()
    if index is None:
        index = staff_area.add_child(
            instance=WorkgroupIndexPage(
                title="Werkgroepen",
                slug="werkgroepen",
                show_in_menus=True,
                intro="<p>Werkgroepen rond een gedeeld thema, over de organisaties heen.</p>",
            )
        )

    workgroups = {}
    for slug, title, theme, intro, description, contact, members, updates in WORKGROUPS:
        workgroup = WorkgroupPage.objects.child_of(index).filter(slug=slug).first()
        if workgroup is not None:
            workgroups[slug] = workgroup
            continue
        workgroup = WorkgroupPage(
            title=title,
            slug=slug,
            theme=themes[theme],
            intro=intro,
            description=description,
            contact_person=users.get(contact),
        )
        workgroup.meetings.create(
            starts_at=_meeting_time(21), location="CANO-secretariaat, Gent", agenda="Planning"
        )
        workgroup.meetings.create(starts_at=_meeting_time(63), location="Online (Teams)")
        index.add_child(instance=workgroup)
        for email in members:
            WorkgroupMembership.objects.get_or_create(workgroup=workgroup, user=users[email])
        for position, (email, body) in enumerate(updates):
            WorkgroupUpdate.objects.create(
                workgroup=workgroup,
                author=users[email],
                body=body,
                created_at=timezone.now() - timedelta(days=len(updates) - position),
            )
        workgroups[slug] = workgroup

    projects = ProjectIndexPage.objects.child_of(staff_area).first()
    if projects is None:
        projects = staff_area.add_child(
            instance=ProjectIndexPage(
                title="Gedeelde projecten",
                slug="projecten",
                show_in_menus=True,
                intro="<p>Projecten die werkgroepen samen met partners trekken.</p>",
            )
        )
    if not ProjectPage.objects.filter(slug="cano-sportdag").exists():
        today = timezone.localdate()
        project = ProjectPage(
            title="CANO-sportdag: samen in beweging",
            slug="cano-sportdag",
            theme=themes["sport"],
            status=ProjectPage.Status.RUNNING,
            start_date=date(today.year, 1, 15),
            end_date=date(today.year, 6, 30),
            intro="Een sportdag voor jongeren van alle CANO-organisaties, met lokale clubs.",
            goal="<p>Jongeren laten kennismaken met een sportclub in hun buurt, zodat ze "
            "na de sportdag kunnen blijven sporten.</p>",
            results="<p>Vorig jaar namen 140 jongeren deel; 23 van hen sporten nu in een club.</p>",
        )
        project.external_partners.create(name="KFC Lokeren-Temse", kind="sport")
        project.external_partners.create(name="Sportdienst Gent", kind="government")
        project.external_partners.create(name="Danscollectief Kortrijk", kind="culture")
        project.milestones.create(date=date(today.year, 2, 1), title="Clubs aangesproken")
        project.milestones.create(date=date(today.year, 5, 14), title="Sportdag in Lokeren")
        project.milestones.create(date=date(today.year, 6, 30), title="Evaluatie en verslag")
        projects.add_child(instance=project)
        project.workgroups.set([workgroups["sport"]])
        project.partner_organisations.set(
            Organisation.objects.filter(short_name__in=["De Kering", "Het Anker", "Ter Linde"])
        )
        project.save_revision().publish()

    canoklas = CanoklasIndexPage.objects.first()
    if canoklas is None:
        canoklas = home.add_child(
            instance=CanoklasIndexPage(
                title="CANOklas",
                slug="canoklas",
                show_in_menus=True,
                intro="De interne opleidingsklas van CANO: leermodules, oefeningen en "
                "reflectievragen voor medewerkers. Een deel is publiek.",
            )
        )
    modules = {}
    for slug, title, level, minutes, audience, public, tags, intro, body in MODULES:
        module = ModulePage.objects.child_of(canoklas).filter(slug=slug).first()
        if module is None:
            module = ModulePage(
                title=title,
                slug=slug,
                level=level,
                duration_minutes=minutes,
                audience=audience,
                is_public=public,
                intro=intro,
                body=body,
            )
            module.tags.add(*tags)
            canoklas.add_child(instance=module)
            # Published as an editor publishes it, so a staff module is restricted.
            module.save_revision().publish()
        modules[slug] = module
    for slug, related in [
        ("krachtgericht-werken", ["ouders-als-partner", "participatie-handelingsplan"]),
        ("omgaan-met-agressie", ["trauma-sensitief-werken"]),
    ]:
        module = modules[slug]
        if module.related_modules.exists():
            continue
        for other in related:
            module.related_modules.create(module=modules[other])
        module.save_revision().publish()
    stdout.write(
        f"Werkgroepen: {WorkgroupPage.objects.count()}, projecten: "
        f"{ProjectPage.objects.count()}, CANOklas-modules: {ModulePage.objects.count()}"
    )
