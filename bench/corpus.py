"""A reproducible Dutch youth-care corpus, written straight into the page tree.

Pages are inserted in bulk (no signals, so nothing is indexed while the corpus is built); the
benchmark then measures a full rebuild of the index from these rows.
"""

import datetime as dt
import json
import random
import uuid

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from wagtail.models import Locale, Page, Site

from cano.accounts.models import STAFF_GROUP
from cano.home.models import HomePage, StaffAreaPage, StandardPage

# Word families (lemma first, then inflections and derived forms), most frequent families first.
FAMILIES = [
    ["jongere", "jongeren", "jongerenwerk"],
    ["begeleiding", "begeleidingen", "begeleider", "begeleiders", "begeleiden", "begeleidt"],
    ["gezin", "gezinnen", "gezinsbegeleiding", "gezinscontext"],
    ["hulpverlening", "hulpverlener", "hulpverleners", "hulpverleningstraject"],
    ["jeugdhulp", "jeugdhulpverlening", "jeugdhulpaanbieder"],
    ["kind", "kinderen", "kindje"],
    ["ouder", "ouders", "ouderschap", "ouderbetrokkenheid"],
    ["school", "scholen", "schoolverlaters", "onderwijs"],
    ["intervisie", "intervisies", "intervisiegroep", "intervisiegroepen"],
    ["participatie", "participeren", "participatief"],
    ["context", "contexten", "netwerk", "netwerken"],
    ["casus", "casussen", "casusbespreking", "casusniveau"],
    ["team", "teams", "teamoverleg", "teamleden"],
    ["methodiek", "methodieken", "methode", "methodes"],
    ["werking", "werkingen", "voorziening", "voorzieningen"],
    ["pleegzorg", "pleeggezin", "pleeggezinnen", "pleegouders"],
    ["vrijwilliger", "vrijwilligers", "vrijwilligerswerk"],
    ["traject", "trajecten", "trajectbegeleiding"],
    ["veiligheid", "veilig", "veilige", "onveiligheid"],
    ["leefgroep", "leefgroepen", "leefgroepwerking"],
    ["opvoeding", "opvoedingsondersteuning", "opvoeders", "opvoeder"],
    ["welzijn", "welbevinden", "mentaal", "mentale"],
    ["overleg", "overleggen", "overlegmoment"],
    ["coördinator", "coördinatoren", "coördinatie"],
    ["beïnvloeding", "beïnvloedingen", "beïnvloeden"],
    ["mogelijkheid", "mogelijkheden", "mogelijk"],
    ["verslaving", "verslavingen", "middelengebruik"],
    ["crisis", "crisissen", "crisisopvang", "crisisinterventie"],
    ["armoede", "kansarmoede", "kwetsbare", "kwetsbaarheid"],
    ["sport", "sporten", "sportclub", "beweging"],
    ["vorming", "vormingen", "opleiding", "opleidingen"],
    ["studiedag", "studiedagen", "workshop", "workshops"],
    ["nieuwsbrief", "nieuwsbrieven", "artikel", "artikels"],
    ["werkgroep", "werkgroepen", "project", "projecten"],
    ["herstel", "herstelgericht", "herstelbemiddeling"],
    ["autonomie", "zelfstandigheid", "zelfstandig", "zelfstandige"],
    ["trauma", "traumasensitief", "traumasensitieve", "hechting"],
    ["diversiteit", "divers", "inclusie", "inclusief"],
    ["registratie", "registraties", "dossier", "dossiers"],
    ["privacy", "beroepsgeheim", "gedeeld", "delen"],
    ["gesprek", "gesprekken", "gespreksvoering", "luisteren"],
    ["bemiddeling", "bemiddelaar", "conflict", "conflicten"],
    ["residentieel", "residentiële", "ambulant", "ambulante"],
    ["contextbegeleiding", "thuisbegeleiding", "mobiele", "rechtstreeks"],
    ["wachtlijst", "wachtlijsten", "aanmelding", "aanmeldingen"],
    ["sociaal", "sociale", "maatschappelijk", "samenleving"],
    ["ervaring", "ervaringen", "ervaringsdeskundige", "ervaringsdeskundigen"],
    ["kwaliteit", "kwaliteitsvol", "evaluatie", "evalueren"],
    ["beleid", "beleidsmakers", "regelgeving", "decreet"],
    ["emotie", "emoties", "gedrag", "gedragsproblemen"],
]
# Words that occur in few documents: methods, places, programmes.
RARE = [
    "balintmethode",
    "roddelmethode",
    "incidentmethode",
    "oplossingsgericht",
    "signs-of-safety",
    "geweldloos-verzet",
    "nieuwe-autoriteit",
    "kinderrechtencommissariaat",
    "vertrouwenscentrum",
    "turnhout",
    "roeselare",
    "genk",
    "aalst",
    "mechelen",
    "oostende",
    "hasselt",
    "brugge",
    "kortrijk",
    "leuven",
    "sint-niklaas",
    "tienen",
    "lier",
    "geel",
    "ieper",
    "dendermonde",
    "schoolspijbelen",
    "cyberpesten",
    "sexting",
    "radicalisering",
    "eenoudergezin",
    "nieuwkomers",
    "niet-begeleide",
    "minderjarige",
    "jeugdrechter",
    "jeugdparket",
    "time-out",
    "voogdij",
    "adoptie",
    "kamertraining",
    "kotwerking",
    "contextueel",
    "systeemdenken",
    "mentaliseren",
    "vlaggensysteem",
    "krachtgericht",
    "herstelcirkel",
]
FUNCTION_WORDS = [
    "de",
    "het",
    "een",
    "van",
    "en",
    "in",
    "op",
    "met",
    "voor",
    "aan",
    "dat",
    "die",
    "als",
    "bij",
    "om",
    "te",
    "zijn",
    "wordt",
    "worden",
    "door",
    "naar",
    "ook",
    "uit",
    "over",
    "tot",
    "hun",
    "we",
    "ze",
    "er",
    "niet",
    "meer",
    "nog",
    "wel",
    "kan",
    "kunnen",
    "moet",
]
VERBS = [
    "bespreken",
    "ondersteunen",
    "versterken",
    "ontwikkelen",
    "delen",
    "leren",
    "bouwen",
    "werken",
    "zoeken",
    "begrijpen",
    "verbinden",
    "betrekken",
    "organiseren",
    "evalueren",
    "bevragen",
]
PHRASES = [
    "intervisie op casusniveau",
    "begeleiding van jongeren",
    "participatie van ouders",
    "veiligheid in de leefgroep",
    "samen leren in de jeugdhulp",
]

STAFF_SHARE = 0.35
SECTIONS_PUBLIC = 12
SECTIONS_STAFF = 8


class TextMaker:
    """Zipf-distributed word families, inflected at random, with a few fixed phrases."""

    def __init__(self, rng):
        self.rng = rng
        self.family_weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(FAMILIES))]

    def word(self):
        roll = self.rng.random()
        if roll < 0.45:
            return self.rng.choice(FUNCTION_WORDS)
        if roll < 0.55:
            return self.rng.choice(VERBS)
        if roll < 0.556:
            return self.rng.choice(RARE)
        family = self.rng.choices(FAMILIES, weights=self.family_weights)[0]
        return self.rng.choice(family)

    def sentence(self, low=8, high=18):
        words = [self.word() for _ in range(self.rng.randint(low, high))]
        if self.rng.random() < 0.08:
            position = self.rng.randrange(len(words))
            words[position : position + 1] = self.rng.choice(PHRASES).split()
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    def title(self):
        words = [self.rng.choice(self.rng.choices(FAMILIES, weights=self.family_weights)[0])]
        words += [self.word() for _ in range(self.rng.randint(2, 5))]
        return " ".join(words).capitalize()

    def paragraph(self):
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))


def body_json(maker, words=None):
    """A StreamField body: headings and rich-text paragraphs.

    Without ``words`` it holds two to four sections, about 150-450 words; with ``words`` it
    holds sections until it has exactly that many words (the last paragraph is cut short).
    """

    def block(kind, value):
        return {"type": kind, "value": value, "id": str(uuid.UUID(int=maker.rng.getrandbits(128)))}

    blocks = []
    if words is None:
        for _ in range(maker.rng.randint(2, 4)):
            blocks.append(block("heading", {"text": maker.title(), "level": "h2"}))
            for _ in range(maker.rng.randint(1, 2)):
                blocks.append(block("paragraph", f"<p>{maker.paragraph()}</p>"))
        return json.dumps(blocks)
    left = words
    while left > 0:
        heading = maker.title().split()[:left]
        blocks.append(block("heading", {"text": " ".join(heading), "level": "h2"}))
        left -= len(heading)
        for _ in range(maker.rng.randint(1, 2)):
            if left <= 0:
                break
            paragraph = maker.paragraph().split()[:left]
            blocks.append(block("paragraph", f"<p>{' '.join(paragraph).rstrip('.')}.</p>"))
            left -= len(paragraph)
    return json.dumps(blocks)


def body_words(body):
    """The number of words in a ``body_json`` body, as the search index reads them."""
    count = 0
    for item in json.loads(body):
        text = item["value"]["text"] if item["type"] == "heading" else item["value"][3:-4]
        count += len(text.split())
    return count


def site_tree_create():
    """Home page as the default site's root, the staff area below it, and a staff account."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="CANO Vlaanderen", slug="cano"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "root_page": home, "port": 80},
    )
    staff_area = home.add_child(instance=StaffAreaPage(title="Medewerkers", slug="medewerkers"))
    # Published as an editor publishes it, so its publish rule restricts it to staff.
    staff_area.save_revision().publish()
    from cano.accounts.models import User

    staff = User.objects.create_user(
        email="bench-staff@example.be",
        password="bench-wachtwoord-1",  # noqa: S106
    )
    staff.groups.set(Group.objects.filter(name=STAFF_GROUP))
    return home, staff_area


def _page_row(parent, position, title, slug, content_type, locale, moment, rng):
    return Page(
        path=Page._get_path(parent.path, parent.depth + 1, position),
        depth=parent.depth + 1,
        numchild=0,
        title=title,
        draft_title=title,
        slug=slug,
        content_type=content_type,
        live=True,
        has_unpublished_changes=False,
        url_path=f"{parent.url_path}{slug}/",
        locale=locale,
        translation_key=uuid.UUID(int=rng.getrandbits(128)),
        first_published_at=moment,
        last_published_at=moment,
        latest_revision_created_at=moment,
    )


@transaction.atomic
def corpus_create(size, seed=20261128, words=None):
    """Create ``size`` StandardPages under section pages of the home page and the staff area.

    ``words`` (low, high) draws each page's searchable text (introduction and body) to a length
    in that range, uniformly; without it bodies have two to four sections (about 150-450 words).
    """
    rng = random.Random(seed)
    maker = TextMaker(rng)
    home, staff_area = site_tree_create()
    content_type = ContentType.objects.get_for_model(StandardPage)
    locale = Locale.get_default()
    start = timezone.now() - dt.timedelta(days=5 * 365)

    sections = []
    for parent, count, label in (
        (home, SECTIONS_PUBLIC, "thema"),
        (staff_area, SECTIONS_STAFF, "intern"),
    ):
        for number in range(1, count + 1):
            section = parent.add_child(
                instance=StandardPage(
                    title=f"{label.capitalize()} {number}", slug=f"{label}-{number}"
                )
            )
            sections.append((section, parent is staff_area))
    public_sections = [s for s, staff in sections if not staff]
    staff_sections = [s for s, staff in sections if staff]

    children = {section.pk: [] for section, _staff in sections}
    for number in range(size):
        section = rng.choice(staff_sections if rng.random() < STAFF_SHARE else public_sections)
        children[section.pk].append(number)

    rows = []
    total_words = 0
    for section, _staff in sections:
        for position, number in enumerate(children[section.pk], start=1):
            moment = start + dt.timedelta(minutes=rng.randrange(5 * 365 * 24 * 60))
            title = maker.title()
            page = _page_row(
                section, position, title, f"pagina-{number}", content_type, locale, moment, rng
            )
            intro = maker.sentence(12, 30)
            if words is None:
                body = body_json(maker)
            else:
                length = rng.randint(*words)
                body = body_json(maker, words=max(1, length - len(intro.split())))
            total_words += len(intro.split()) + body_words(body)
            rows.append((page, intro, body))
        Page.objects.filter(pk=section.pk).update(numchild=len(children[section.pk]))

    batch = 2000
    table = StandardPage._meta.db_table
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in ("page_ptr_id", "intro", "body"))
    # Only identifiers from the model's own metadata are formatted in.
    insert = f"INSERT INTO {quote(table)} ({columns}) VALUES (%s, %s, %s)"  # noqa: S608
    for offset in range(0, len(rows), batch):
        chunk = rows[offset : offset + batch]
        pages = Page.objects.bulk_create([page for page, _intro, _body in chunk])
        with connection.cursor() as cursor:
            cursor.executemany(
                insert,
                [
                    (page.pk, intro, body)
                    for page, (_p, intro, body) in zip(pages, chunk, strict=True)
                ],
            )
    staff_count = sum(len(children[s.pk]) for s in staff_sections)
    return {
        "pages": size,
        "staff_only": staff_count,
        "words_per_page": total_words / size if size else 0,
    }
