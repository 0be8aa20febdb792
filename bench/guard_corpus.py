"""A labelled, fictional evaluation set for the pseudonymisation guard.

Writes `bench/data/guard_eval.jsonl`: Flemish case-note texts with identifying fragments (each
labelled with its kind and character span) and benign texts built to trip a naive guard (law and
meeting dates, periods, nouns followed by a number, helplines, company numbers, organisations and
places named after people, common words that are also first names).

Every template list and vocabulary below is cut in two: items at even positions build the `dev`
split, items at odd positions build the `heldout` split. The guard may be tuned on `dev` only;
`heldout` measures what it does on sentences and values it has never seen. Everything is
fictional and generated from the seed, so the file is reproducible:

    .venv/bin/python bench/guard_corpus.py            # writes bench/data/guard_eval.jsonl
    .venv/bin/python bench/guard_corpus.py --seed 7 --identifying 500 --benign 500
"""

import argparse
import json
import random
import string
from dataclasses import dataclass, field
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent / "data" / "guard_eval.jsonl"
HELDOUT_SHARE = 0.35

FIRST_NAMES = [
    "Emma", "Noah", "Lotte", "Wout", "Jana", "Senne", "Febe", "Arthur", "Ayoub", "Yasmine",
    "Lucas", "Hanne", "Mila", "Rayan", "Louise", "Jules", "Amira", "Finn", "Nora", "Milan",
    "Elif", "Mehmet", "Zoë", "Kobe", "Lore", "Robbe", "Ines", "Bilal", "Fatima", "Thibault",
    "Marie", "Viktor", "Sara", "Ruben", "Axelle", "Jarne", "Lien", "Kenzo", "Noor", "Stan",
    "Elise", "Seppe", "Aya", "Ilias", "Laura", "Brent", "Charlotte", "Daan", "Océane", "Tuur",
    "Yusuf", "Lisa", "Warre", "Imane", "Jasper", "Kato", "Liam", "Nina", "Mathis", "Ella",
    "Oksana", "Dawid", "Zeynep", "Anouk", "Mo", "Roos", "Bas", "Evi", "Stijn", "Saar",
]  # fmt: skip
SURNAMES = [
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
    "Wouters", "De Smet", "Vermeulen", "Van den Broeck", "De Backer", "Verstraete", "Dubois",
    "Lambrecht", "Hermans", "Smets", "Desmet", "Vandenberghe", "Van Damme", "De Clercq",
    "Aerts", "Martens", "El Amrani", "Yilmaz", "Kaya", "Nowak", "Bogaert", "Van Acker",
    "Coppens", "Michiels", "Declercq", "Vercammen", "Demir", "Benali", "Segers", "Van Hoof",
    "Cools", "Verhoeven", "Mahieu", "Lemmens", "De Wolf", "Pauwels", "Thys", "Vanhove",
]  # fmt: skip
# Diminutives as Flemish staff write them (own forms, not derived by the guard's rules).
DIMINUTIVES = [
    "Lotje", "Woutje", "Noortje", "Jantje", "Emmaatje", "Sofieke", "Tommeke", "Lowieke",
    "Mieke", "Annelieke", "Pietje", "Sammie", "Janneke", "Fientje", "Lucaske", "Miekske",
    "Jefke", "Wardje", "Mileke", "Robbeke",
]  # fmt: skip
PROVIDERS = [
    "telenet.be", "gmail.com", "hotmail.com", "skynet.be", "outlook.be", "proximus.be",
    "live.be", "yahoo.com", "icloud.com", "scarlet.be",
]  # fmt: skip
STREETS = [
    "Kerkstraat", "Oude Gentweg", "De Keyserlei", "Grote Markt", "Stationsstraat",
    "Sint-Pietersnieuwstraat", "Lange Leemstraat", "Kortrijksesteenweg", "Koning Albertlaan",
    "Frère-Orbanlaan", "Molenstraat", "Brugse Poort", "Dorpsstraat", "Diestsevest",
    "Vrijdagmarkt", "Nieuwe Steenweg", "Hoogstraat", "Kapelledreef", "Zwijnaardsesteenweg",
    "Overpoortstraat", "Lindenlaan", "Schoolstraat", "Brusselsesteenweg", "Pastoor Coplaan",
    "Kouter", "Kasteelpleinstraat", "Turnhoutsebaan", "Noordlaan", "Bredabaan", "Meir",
    "Heirweg", "Veldstraat", "Ten Bosse", "Wolvengracht", "Boomsesteenweg", "Kammenstraat",
]  # fmt: skip
SPELLED_STREETS = [
    "Steenweg op Turnhout", "Steenweg op Aalst", "Rue de la Loi", "Chaussée d'Ixelles",
    "Avenue Brugmann", "Place Flagey", "Boulevard Anspach", "Rue Haute", "Avenue Louise",
    "Chaussée de Waterloo", "Rue du Marché aux Herbes", "Steenweg op Gierle",
    "Place du Jeu de Balle", "Boulevard du Midi", "Rue des Tanneurs", "Avenue de la Couronne",
]  # fmt: skip
TOWNS = [
    "9000 Gent", "2000 Antwerpen", "3000 Leuven", "8000 Brugge", "2800 Mechelen",
    "1000 Brussel", "3500 Hasselt", "8500 Kortrijk", "9300 Aalst", "2300 Turnhout",
    "1050 Elsene", "9100 Sint-Niklaas", "3800 Sint-Truiden", "8400 Oostende", "2600 Berchem",
    "1080 Sint-Jans-Molenbeek", "3290 Diest", "9200 Dendermonde",
]  # fmt: skip
MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
]  # fmt: skip
SHORT_MONTHS = ["jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt."]
MOBILE_PREFIXES = ["0470", "0471", "0472", "0473", "0474", "0475", "0476", "0477", "0478",
                   "0479", "0485", "0486", "0487", "0488", "0489", "0491", "0492", "0493",
                   "0494", "0495", "0496", "0497", "0498", "0499", "0456", "0460", "0466", "0468"]  # fmt: skip
ZONES_ONE = ["02", "03", "04", "09"]
ZONES_TWO = [
    "010", "011", "012", "013", "014", "015", "016", "019", "050", "051", "052", "053", "054",
    "055", "056", "057", "058", "059", "060", "061", "063", "064", "065", "067", "068", "069",
    "071", "080", "081", "082", "083", "084", "085", "086", "087", "089",
]  # fmt: skip

FILLER = [
    "Hij spijbelt sinds drie weken en zegt dat niemand hem begrijpt.",
    "De begeleiding loopt moeizaam; mama wil weinig kwijt over thuis.",
    "Op school merken ze dat ze zich terugtrekt in de klas.",
    "Papa werkt in ploegen en ziet de kinderen weinig.",
    "In de leefgroep zoekt hij vaak ruzie met de jongsten.",
    "Ze kwam vorige maand bij ons terecht via het CLB.",
    "Er is een vermoeden van verwaarlozing, maar niets is bewezen.",
    "De jeugdrechter volgt het dossier op sinds vorig jaar.",
    "Het netwerk rond het gezin is klein: één tante helpt soms.",
    "Ze slaapt slecht en heeft 's morgens moeite om op te staan.",
    "We vragen ons af hoe we het vertrouwen kunnen herstellen.",
    "De consulent van het OCMW is mee betrokken.",
    "Hij gamet tot laat in de nacht en mist daardoor de eerste lesuren.",
    "Sinds de scheiding pendelt ze tussen twee huizen.",
    "De pleegouders voelen zich niet gehoord door de dienst.",
    "Er waren al twee gesprekken met de zorgcoördinator van de school.",
    "Zijn oudere zus neemt veel zorgtaken op zich.",
    "Ze vertelt weinig over wat er in het weekend gebeurt.",
    "De huisarts verwees door naar het CGG, maar er is een wachtlijst.",
    "In het contextbegeleidingstraject werken we aan structuur thuis.",
    "Bij de start van het traject was er veel wantrouwen.",
    "De jongere wil graag zelfstandig gaan wonen.",
    "Mijn vraag aan de groep: hoe blijf ik verbonden zonder alles over te nemen?",
    "Het team is verdeeld over de aanpak.",
    "Oma is een belangrijke steunfiguur, al is ze zelf ziek.",
    "We overwegen een time-out in een andere voorziening.",
    "Na de vakantie leek het even beter te gaan.",
    "Hij zegt dat hij zich op zijn kamer het veiligst voelt.",
]  # fmt: skip


def halves(items):
    """The dev and held-out halves of a list: even and odd positions."""
    return {"dev": items[0::2], "heldout": items[1::2]}


@dataclass
class Text:
    """A text under construction; spans are recorded as fragments are appended."""

    parts: list[str] = field(default_factory=list)
    spans: list[dict] = field(default_factory=list)
    length: int = 0

    def add(self, piece: str) -> None:
        self.parts.append(piece)
        self.length += len(piece)

    def add_labelled(self, template: str, kind: str, fragment: str) -> None:
        """Append a template holding `{x}` with the fragment in its place, labelled."""
        before, after = template.split("{x}", 1)
        self.add(before)
        self.spans.append({"kind": kind, "start": self.length, "end": self.length + len(fragment)})
        self.add(fragment)
        self.add(after)

    @property
    def text(self) -> str:
        return "".join(self.parts)


class Generator:
    def __init__(self, seed: int):
        self.random = random.Random(seed)

    def pick(self, split, items):
        return self.random.choice(halves(items)[split])

    # --- identifying values -------------------------------------------------------------------

    def birth_date(self, oldest=1993, youngest=2022):
        year = self.random.randint(oldest, youngest)
        return year, self.random.randint(1, 12), self.random.randint(1, 28)

    def national_number(self, split):
        year, month, day = self.birth_date()
        kind = self.random.random()
        if kind < 0.1:
            month += 40  # a BIS number whose sex is known
        elif kind < 0.15:
            month += 20
        serial = self.random.randint(1, 997)
        base = f"{year % 100:02}{month:02}{day:02}{serial:03}"
        number = int(base) + (2_000_000_000 if year >= 2000 else 0)
        check = 97 - number % 97
        if self.random.random() < 0.2:
            check = (check + self.random.randint(1, 90)) % 97 or 1  # a typo in the check digits
        d = f"{base}{check:02}"
        notations = [
            f"{d[0:2]}.{d[2:4]}.{d[4:6]}-{d[6:9]}.{d[9:]}",
            f"{d[0:2]}-{d[2:4]}-{d[4:6]}-{d[6:9]}-{d[9:]}",
            d,
            f"{d[0:6]}-{d[6:9]}-{d[9:]}",
            f"{d[0:2]} {d[2:4]} {d[4:6]} {d[6:9]} {d[9:]}",
            f"{d[0:2]}.{d[2:4]}.{d[4:6]} {d[6:9]}-{d[9:]}",
            f"{d[0:6]} {d[6:9]} {d[9:]}",
            f"{d[0:2]}.{d[2:4]}.{d[4:6]}.{d[6:9]}.{d[9:]}",
            f"{d[0:2]}{d[2:4]}{d[4:6]}/{d[6:9]}-{d[9:]}",
            f"{d[0:2]}.{d[2:4]}.{d[4:6]}-{d[6:9]}-{d[9:]}",
        ]
        return self.pick(split, notations)

    def phone(self, split):
        if self.random.random() < 0.5:
            prefix = self.random.choice(MOBILE_PREFIXES)
            rest = "".join(self.random.choices(string.digits, k=6))
            groups = [prefix, rest[0:2], rest[2:4], rest[4:6]]
            intl = prefix[1:]
            notations = [
                " ".join(groups),
                f"{prefix}/{rest[0:2]}.{rest[2:4]}.{rest[4:6]}",
                f"+32 {intl} {rest[0:2]} {rest[2:4]} {rest[4:6]}",
                f"({prefix}) {rest[0:2]} {rest[2:4]} {rest[4:6]}",
                f"0032 {intl} {rest[0:2]} {rest[2:4]} {rest[4:6]}",
                f"{prefix}.{rest[0:2]}.{rest[2:4]}.{rest[4:6]}",
                f"+32(0){intl} {rest[0:3]} {rest[3:6]}",
                f"{prefix} / {rest}",
                f"{prefix}{rest}",
                f"{prefix}-{rest[0:2]}-{rest[2:4]}-{rest[4:6]}",
                f"+32{intl}{rest}",
                f"{prefix} {rest[0:3]} {rest[3:6]}",
            ]
        else:
            zone = self.random.choice(ZONES_ONE + ZONES_TWO)
            rest = "".join(self.random.choices(string.digits, k=9 - len(zone)))
            rest = str(self.random.randint(2, 9)) + rest[1:]
            intl = zone[1:]
            if len(zone) == 2:
                spaced = f"{rest[0:3]} {rest[3:5]} {rest[5:7]}"
            else:
                spaced = f"{rest[0:2]} {rest[2:4]} {rest[4:6]}"
            notations = [
                f"{zone} {spaced}",
                f"{zone}/{spaced}",
                f"{zone} / {spaced}",
                f"+32 {intl} {spaced}",
                f"({zone}) {spaced}",
                f"0032 {intl} {spaced}",
                f"{zone}.{spaced.replace(' ', '.')}",
                f"+32 (0){intl} {spaced}",
                f"{zone}{rest}",
                f"{zone}-{spaced.replace(' ', '-')}",
                f"+32{intl}{rest}",
                f"{zone}/{rest}",
            ]
        return self.pick(split, notations)

    def person_handle(self, split, separator="."):
        first = self.pick(split, FIRST_NAMES).lower().replace("ë", "e").replace("é", "e")
        last = self.pick(split, SURNAMES).lower().replace(" ", "")
        forms = [f"{first}{separator}{last}", f"{first}{last}", f"{first[0]}{last}",
                 f"{first}{self.random.randint(1, 99)}", f"{last}{separator}{first}",
                 f"{first}_{last}{self.random.randint(2005, 2015)}"]  # fmt: skip
        return self.random.choice(forms)

    def email(self, split):
        return f"{self.person_handle(split)}@{self.random.choice(PROVIDERS)}"

    def web_address(self, split):
        handle = self.person_handle(split)
        forms = [
            f"www.facebook.com/{handle}",
            f"https://www.instagram.com/{handle.replace('.', '_')}/",
            f"tiktok.com/@{handle.replace('.', '')}",
            f"https://www.linkedin.com/in/{handle.replace('.', '-')}-{self.random.randint(10, 999)}",
            f"instagram.com/{handle}",
            f"https://twitter.com/{handle.replace('.', '_')}",
            f"www.{handle.replace('.', '-')}.be",
            f"https://www.snapchat.com/add/{handle.replace('.', '')}",
        ]
        return self.pick(split, forms)

    def address(self, split):
        number = str(self.random.randint(1, 240))
        extra = self.random.random()
        if extra < 0.15:
            number += self.random.choice("ABCD")
        elif extra < 0.3:
            number += f" bus {self.random.randint(1, 30)}"
        elif extra < 0.35:
            number += f"/{self.random.randint(1, 12)}"
        if self.random.random() < 0.3:
            street = self.pick(split, SPELLED_STREETS)
        else:
            street = self.pick(split, STREETS)
        address = f"{street} {number}"
        if self.random.random() < 0.35:
            address += self.random.choice([", ", " te ", " in "]) + self.pick(split, TOWNS)
        return address

    def date_of_birth(self, split):
        year, month, day = self.birth_date(2000, 2021)
        yy = f"{year % 100:02}"
        forms = [
            f"{day}-{month}-{yy}",
            f"{day:02}/{month:02}/{yy}",
            f"{day} {MONTHS[month - 1]} {year}",
            f"{day:02}.{month:02}.{year}",
            f"{year}-{month:02}-{day:02}",
            f"{day}/{month}/{year}",
            f"{day} {SHORT_MONTHS[(month - 1) % len(SHORT_MONTHS)]} {year}",
            f"{day:02}-{month:02}-{year}",
            f"{day}.{month}.{yy}",
            f"{day} {MONTHS[month - 1]} '{yy}",
        ]
        return self.pick(split, forms)

    def iban(self, split):
        account = f"{self.random.randint(0, 99_999_999_99):010}"
        bban = f"{account}{int(account) % 97 or 97:02}"
        check = 98 - int(f"{bban}111400") % 97  # B=11, E=14, then 00
        raw = f"BE{check:02}{bban}"
        grouped = " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))
        return self.pick(split, [grouped, raw, grouped.lower(), raw.replace("BE", "BE ", 1)])

    def licence_plate(self, split):
        letters = "".join(self.random.choices("ABCDEFGHJKLMNPRSTVWXYZ", k=3))
        digits = f"{self.random.randint(0, 999):03}"
        first = self.random.randint(1, 2)
        forms = [
            f"{first}-{letters}-{digits}",
            f"{first}{letters}{digits}",
            f"{first} {letters} {digits}",
            f"{letters}-{digits}",
            f"{first}-{letters.lower()}-{digits}",
            f"{digits}-{letters}",
        ]
        return self.pick(split, forms)

    def name(self, split):
        first = self.pick(split, FIRST_NAMES)
        last = self.pick(split, SURNAMES)
        form = self.random.random()
        if form < 0.3:
            return first, "{x} heeft het moeilijk sinds de verhuis."
        if form < 0.45:
            return f"{first} {last}", self.pick(split, NAME_TEMPLATES)
        if form < 0.55:
            return first.lower(), self.pick(split, NAME_TEMPLATES)
        if form < 0.7:
            return first + ("'s" if first[-1] in "aeiouy" else "s"), self.pick(
                split, POSSESSIVE_TEMPLATES
            )
        if form < 0.8:
            return self.pick(split, DIMINUTIVES), self.pick(split, NAME_TEMPLATES)
        return last, self.pick(split, SURNAME_TEMPLATES)


NAME_TEMPLATES = [
    "Ik begeleid {x} nu een half jaar.",
    "Volgens de leerkracht is {x} vaak afwezig.",
    "Gisteren belde {x} huilend naar de leefgroep.",
    "De voogd van {x} wil een overleg.",
    "Toen ik {x} ophaalde aan school was de sfeer gespannen.",
    "We zien dat {x} zich beter voelt bij de pleegouders.",
    "Ook {x} zelf vraagt om een andere aanpak.",
    "Het verslag over {x} ligt klaar voor het MDO.",
    "Wat kan ik {x} nog bieden?",
    "Mama zegt dat {x} niet meer eet.",
]  # fmt: skip
POSSESSIVE_TEMPLATES = [
    "{x} mama wil geen contact met de school.",
    "Ik sprak met {x} broer over de ruzie.",
    "Na {x} opname is het rustiger thuis.",
    "{x} vader zit in de gevangenis.",
    "De juf maakt zich zorgen over {x} gedrag.",
    "Ze had het over {x} verjaardag.",
]  # fmt: skip
SURNAME_TEMPLATES = [
    "Mevrouw {x} belde opnieuw naar de dienst.",
    "Het gezin {x} woont al jaren in de wijk.",
    "Meneer {x} weigert elke samenwerking.",
    "De familie {x} kreeg al hulp van het CAW.",
    "Ik sprak met de grootvader, meneer {x}.",
    "De kinderen {x} zitten in dezelfde school.",
]  # fmt: skip
KIND_TEMPLATES = {
    "national_number": [
        "Rijksregisternummer: {x}.",
        "Op het attest van het ziekenfonds staat haar rijksregisternummer ({x}).",
        "Haar RRN is {x}, dat vroeg de school.",
        "INSZ {x} werd doorgegeven aan de consulent.",
        "Het nummer {x} staat op zijn verblijfsdocument.",
        "Dossier met nummer {x} werd overgedragen.",
        "Rijksreg. nr. {x}",
        "Zijn identiteitsnummer is {x}.",
    ],
    "phone": [
        "Mama is bereikbaar op {x}.",
        "Je kan de pleegmoeder bellen op {x} na vier uur.",
        "Gsm van de jongere: {x}.",
        "Hij stuurde een sms vanaf {x}.",
        "Tel. {x} (vader)",
        "Het nummer van oma is {x}.",
        "Bel gerust naar {x} als het dringend is.",
        "Zijn nieuwe nummer: {x}",
    ],
    "email": [
        "Mama mailt via {x}.",
        "Het adres van de voogd is {x}.",
        "Stuur het verslag naar {x}.",
        "Ze gebruikt {x} voor school.",
        "Contact: {x}",
        "Hij schreef vanaf {x} een lange mail.",
    ],
    "web_address": [
        "Ze post elke dag foto's op {x}.",
        "Zijn profiel: {x}",
        "De filmpjes staan op {x}.",
        "Via {x} kwam ze in contact met een oudere man.",
        "Zie {x} voor wat hij deelt.",
        "Mama vond het account {x}.",
    ],
    "address": [
        "Het gezin woont in de {x}.",
        "Sinds de verhuis woont ze op {x}.",
        "Het huisbezoek was in de {x}.",
        "Adres: {x}.",
        "Papa verblijft nu bij een vriend, {x}.",
        "De jongere logeert bij oma ({x}).",
        "Ze werd opgepikt aan de {x}.",
        "Nieuw adres van mama: {x}",
    ],
    "date_of_birth": [
        "Geboren op {x} in Brugge.",
        "°{x}",
        "Jongen, geb. {x}, woont bij zijn moeder.",
        "Geboortedatum: {x}.",
        "De jongste (° {x}) verblijft in de leefgroep.",
        "Ze is geboren op {x} en is het oudste kind.",
        "geb. {x} te Gent",
        "Geboortedatum van de jongste: {x}",
        "De tweeling is geboren {x}.",
        "Broer, ° {x}, is nog thuis.",
    ],
    "iban": [
        "Het kindergeld komt op rekening {x}.",
        "Rekeningnummer van mama: {x}.",
        "IBAN {x}",
        "Het zakgeld gaat naar {x}.",
        "Papa stort het onderhoudsgeld op {x}.",
        "Rekening {x} staat op naam van oma.",
    ],
    "licence_plate": [
        "Papa rijdt met een auto met nummerplaat {x}.",
        "De wagen ({x}) stond voor de school.",
        "Nummerplaat: {x}.",
        "Een auto met plaat {x} volgt haar.",
        "Zijn brommer heeft plaat {x}.",
        "De politie noteerde {x}.",
    ],
}

# --- hard benign sentences -------------------------------------------------------------------

LAW_DATE = [
    "Volgens het decreet van {d} heeft elke jongere recht op inspraak.",
    "De wet van {d} betreffende de jeugdbescherming blijft van toepassing.",
    "Het KB van {d} regelt de erkenning.",
    "Zie de omzendbrief van {d} over spijbelen.",
    "Het besluit van de Vlaamse Regering van {d} legt de normen vast.",
    "Artikel 7 van het decreet van {d} zegt iets anders.",
    "Het ministerieel besluit van {d} werd aangepast.",
    "De Codex van {d} geldt ook voor pleegzorg.",
    "Het BVR van {d} regelt de aanmelding.",
    "De richtlijn van {d} is nog van kracht.",
]  # fmt: skip
EVENT_DATE = [
    "De vergadering van {d} werd verplaatst.",
    "Op het MDO van {d} bespreken we de casus.",
    "Het netwerkoverleg op {d} verliep goed.",
    "De studiedag van {d} ging over participatie.",
    "We plannen een evaluatie op {d}.",
    "Het huisbezoek van {d} ging niet door.",
    "Op de teamdag van {d} kwam dit ter sprake.",
    "Ze is in de leefgroep sinds {d}.",
    "De zitting van de jeugdrechtbank is op {d}.",
    "De aanmelding gebeurde op {d}.",
    "Het intakegesprek vond plaats op {d}.",
    "Vanaf {d} gaat ze naar een nieuwe school.",
    "Het verslag van {d} is klaar.",
    "Tot {d} blijft de maatregel lopen.",
    "Het oudercontact op {d} werd afgezegd.",
    "Op {d} was er een crisismoment in de klas.",
]  # fmt: skip
PERIOD = [
    "Het schooljaar loopt van {a}-{b}.",
    "De maatregel geldt van {a} tot {b}.",
    "Periode: {a} - {b}.",
    "Het traject liep van {a} t.e.m. {b}.",
    "Contract {a}-{b}",
    "De opvang duurt van {a} tot en met {b}.",
    "Schooljaar {a} – {b}: veel afwezigheden.",
    "Evaluatieperiode {a} tot {b}.",
]  # fmt: skip
NOUN_NUMBER = [
    "Na de vergadering 2 weken later was er weinig veranderd.",
    "Hij speelde op het speelplein 5 dagen na elkaar.",
    "Ze fietste de ring 12 keer rond om rustig te worden.",
    "In de leefgroep 3 jongeren met een gelijkaardig verhaal.",
    "Op straat 2 nachten doorgebracht, zegt hij.",
    "Op de markt 4 appels gestolen, volgens de winkelier.",
    "Hij was weg 3 dagen en kwam vanzelf terug.",
    "De baan 10 minuten lang afgewandeld met de hond.",
    "In het park 20 minuten gewacht op mama.",
    "Op het plein 6 jongeren die hem uitlachten.",
    "Ze zat op de bank 15 minuten te huilen.",
    "Na de voorstelling 2 uur later terug thuis.",
    "Hij nam bus 4 naar school, maar stapte niet uit.",
    "De klas telt 22 leerlingen en 2 leerkrachten.",
    "Ze haalde 14 op 20 voor wiskunde.",
    "Kamer 12 in de leefgroep is vrij.",
    "Dat gebeurde in de gang 3 keer deze week.",
    "Op de dijk 8 kilometer gewandeld met de groep.",
    "Hij zit in het 3de middelbaar, richting 2.",
    "Tram 7 rijdt niet meer tot aan school.",
    "De wachtlijst 6 maanden, zegt het CGG.",
    "Op de sportdag 3 medailles gewonnen.",
]  # fmt: skip
HELPLINE = [
    "Ik gaf haar het nummer van Awel (102) mee.",
    "Bij acute nood bel je 112.",
    "Tele-Onthaal is altijd bereikbaar op 106.",
    "De Zelfmoordlijn 1813 werd al eens gebeld.",
    "Voor geweld kan je terecht bij 1712.",
    "Child Focus is bereikbaar op 116 000.",
    "Het Antigifcentrum (070 245 245) gaf advies.",
    "De Druglijn (078 15 10 20) is anoniem.",
    "De politie (101) kwam ter plaatse.",
    "Het Opvoedingslijn-nummer 078 15 00 10 kan helpen.",
    "We gaven het nummer van de wachtdienst huisartsen, 1733.",
    "Kinder- en Jongerentelefoon: 102.",
    "Het gratis nummer 0800 30 201 van de mutualiteit.",
    "De Zelfmoordlijn is ook bereikbaar op 0800 32 123.",
    "De infolijn van de stad: 078 05 31 53.",
    "Brandwonden? Bel 100 of 112.",
]  # fmt: skip
COMPANY_NUMBER = [
    "De vzw heeft ondernemingsnummer {c}.",
    "KBO-nummer van de school: {c}.",
    "Btw-nummer BE {c} staat op de factuur.",
    "Ondernemingsnr. {c}",
    "De voorziening (KBO {c}) is erkend.",
    "Facturen op naam van de vzw, ondernemingsnummer {c}.",
    "Het CAW, ondernemingsnummer {c}, neemt over.",
    "BTW {c}",
]  # fmt: skip
NAMED_PLACES = [
    "Ze zit op het Sint-Jozefcollege in het vierde jaar.",
    "We spraken af aan het Louizaplein.",
    "Hij werd opgenomen in het Jan Palfijn ziekenhuis.",
    "De Koning Boudewijnstichting steunt het project.",
    "Ze gaat naar het Sint-Lucasinstituut.",
    "De opvang van Don Bosco heeft plaats.",
    "We wandelden in het Koningin Astridpark.",
    "Het AZ Maria Middelares had geen bed vrij.",
    "De jongere zit op het Heilig-Hartcollege.",
    "Hij voetbalt bij Sint-Maria Lendelede.",
    "De vzw Emmaüs biedt dagbesteding aan.",
    "We zaten in het Elisabethziekenhuis voor een consult.",
    "Ze zit in de Sint-Vincentiusschool.",
    "De buurtwerking aan het Emile Braunplein organiseert een kamp.",
    "Hij sport in het Sint-Pieterspark.",
    "Het UZ Gent doet het onderzoek.",
    "Ze woonde vroeger in Sint-Niklaas, nu in een andere gemeente.",
    "Het Huis van het Kind in Sint-Truiden helpt met de opvoeding.",
    "Ze volgt les in het Atheneum Koning Albert.",
    "Hij is lid van de scouts Sint-Jan Berchmans.",
    "De gesprekken vinden plaats in het Martha Huis.",
    "We gingen met de groep naar het Rubenshuis.",
]  # fmt: skip
COMMON_WORD_NAMES = [
    "Er is weer wat hoop nu de therapie loopt.",
    "Hoop doet leven, zegt mama.",
    "Ze kreeg een roos van haar pleegvader.",
    "Wil je de groep vragen hoe zij dit zouden aanpakken?",
    "Mag ik hem verplichten om naar school te gaan?",
    "Hij speelt bas in een bandje van de jeugdhuis.",
    "Het was een dag vol storm en regen.",
    "Ze is lief voor de jongere kinderen.",
    "Hij wil geen contact met zijn vader.",
    "De zon scheen en we gingen wandelen.",
    "Ster van de week in de klas: dat deed hem deugd.",
    "Rond kerst loopt het thuis vaak mis.",
    "Ik mag het dossier pas volgende week inkijken.",
    "Ze wil zelf kiezen bij wie ze woont.",
    "De roos in de tuin was haar trots.",
    "Storm in de leefgroep na het avondeten.",
    "Hoop is wat ze nodig heeft.",
    "Bas en gitaar geven hem rust.",
    "Dag en nacht loopt het ritme door elkaar.",
    "Lief zijn voor zichzelf lukt haar niet.",
    "Hij heeft een wil van staal.",
    "Ze zingt in een koor en speelt viool.",
    "De maan was vol, de jongeren waren onrustig.",
    "Een bloem voor mama op moederdag.",
    "Ze heeft een hekel aan de winter.",
]  # fmt: skip
SERVICE_CONTACT = [
    "Meer info op www.awel.be of via info@awel.be.",
    "Zie https://www.jeugdhulp.be/ouders voor de wegwijzer.",
    "De brochure staat op www.kindengezin.be.",
    "Aanmelden kan via onthaal@cawoostvlaanderen.be.",
    "De procedure staat op https://www.vlaanderen.be/jongerenwelzijn.",
    "Vragen aan secretariaat@clb-gent.be.",
    "Op www.tele-onthaal.be staat een chat.",
    "Het formulier staat op opgroeien.be/aanmelden.",
]  # fmt: skip
AGES_AMOUNTS = [
    "Ze is 15 jaar en zit in het 3de jaar.",
    "Het zakgeld bedraagt € 25 per week.",
    "We spreken af om 14.30 u aan de schoolpoort.",
    "Hij slaapt gemiddeld 5 uur per nacht.",
    "Score op de vragenlijst: 12/20.",
    "Ze zit sinds 2023 in de leefgroep.",
    "In 2019 was er een eerste melding.",
    "Drie op tien jongeren haakt af.",
    "De kosten: 1.250 euro per maand.",
    "Om 7.45 u vertrekt de bus.",
    "Hij weegt 48 kg en is 1,62 m groot.",
    "Ze haalde 65% op het rapport.",
    "De bijeenkomsten zijn op 12/03 en 26/03.",
    "Versie 2.3 van het handelingsplan.",
]  # fmt: skip


class Builder:
    def __init__(self, seed):
        self.gen = Generator(seed)
        self.random = self.gen.random

    def filler(self, text, count):
        for _ in range(count):
            text.add(self.random.choice(FILLER) + " ")

    def identifying(self, split, kind):
        text = Text()
        html = self.random.random() < 0.2
        self.filler(text, self.random.randint(0, 2))
        if kind == "name":
            fragment, template = self.gen.name(split)
        else:
            fragment = getattr(self.gen, kind)(split)
            template = self.gen.pick(split, KIND_TEMPLATES[kind])
        if html and kind == "email":
            template = self.random.choice(
                [
                    'Mail <a href="mailto:{x}">de moeder</a> voor de afspraak.',
                    'Contact via <a href="mailto:{x}">mail</a>.',
                ]
            )
        elif html and kind == "web_address" and fragment.startswith("http"):
            template = 'Ze deelt alles op <a href="{x}">haar profiel</a>.'
        text.add_labelled(template, kind, fragment)
        text.add(" ")
        self.filler(text, self.random.randint(0, 2))
        value = text.text.rstrip()
        if html:
            value = f"<p>{value}</p>"
            for span in text.spans:
                span["start"] += 3
                span["end"] += 3
        return value, text.spans

    def benign(self, split, category):
        text = Text()
        self.filler(text, self.random.randint(1, 2))
        for _ in range(self.random.randint(1, 2)):
            text.add(self.benign_sentence(split, category) + " ")
        self.filler(text, self.random.randint(0, 1))
        return text.text.rstrip()

    def event_date(self):
        year = self.random.choice([2023, 2024, 2025, 2025, 2026, 2026])
        month, day = self.random.randint(1, 12), self.random.randint(1, 28)
        forms = [f"{day} {MONTHS[month - 1]} {year}", f"{day:02}/{month:02}/{year}",
                 f"{day}-{month}-{year}", f"{day:02}.{month:02}.{year % 100:02}",
                 f"{day}/{month}/{year % 100:02}", f"{day} {MONTHS[month - 1]}"]  # fmt: skip
        return self.random.choice(forms)

    def law_date(self):
        year = self.random.randint(1965, 2024)
        month, day = self.random.randint(1, 12), self.random.randint(1, 28)
        forms = [f"{day} {MONTHS[month - 1]} {year}", f"{day:02}/{month:02}/{year}",
                 f"{day}.{month}.{year}", f"{day}-{month}-{year % 100:02}"]  # fmt: skip
        return self.random.choice(forms)

    def company_number(self):
        head = self.random.randint(2_000_000, 9_999_999)
        base = f"0{head}"
        number = f"{base}{97 - int(base) % 97:02}"
        return self.random.choice(
            [
                f"{number[0:4]}.{number[4:7]}.{number[7:]}",
                number,
                f"{number[0:4]} {number[4:7]} {number[7:]}",
            ]
        )

    def benign_sentence(self, split, category):
        if category == "law_date":
            return self.gen.pick(split, LAW_DATE).format(d=self.law_date())
        if category == "event_date":
            return self.gen.pick(split, EVENT_DATE).format(d=self.event_date())
        if category == "period":
            start = self.random.choice([2023, 2024, 2025])
            forms = [
                (f"01/09/{start % 100}", f"30/06/{(start + 1) % 100}"),
                (f"1 september {start}", f"30 juni {start + 1}"),
                (f"{start}", f"{start + 1}"),
                (f"01.09.{start}", f"30.06.{start + 1}"),
                (f"1/9/{start}", f"30/6/{start + 1}"),
            ]
            a, b = self.random.choice(forms)
            return self.gen.pick(split, PERIOD).format(a=a, b=b)
        if category == "company_number":
            return self.gen.pick(split, COMPANY_NUMBER).format(c=self.company_number())
        table = {
            "noun_number": NOUN_NUMBER,
            "helpline": HELPLINE,
            "named_place": NAMED_PLACES,
            "common_word_name": COMMON_WORD_NAMES,
            "service_contact": SERVICE_CONTACT,
            "ages_amounts": AGES_AMOUNTS,
        }
        return self.gen.pick(split, table[category])


IDENTIFYING_KINDS = [
    "national_number", "phone", "email", "web_address", "address", "date_of_birth", "iban",
    "licence_plate", "name", "name", "name",
]  # fmt: skip
BENIGN_CATEGORIES = [
    "law_date", "event_date", "period", "noun_number", "helpline", "company_number",
    "named_place", "common_word_name", "service_contact", "ages_amounts",
]  # fmt: skip


def build(seed: int, identifying: int, benign: int) -> list[dict]:
    builder = Builder(seed)
    rows = []
    for number in range(identifying):
        split = "heldout" if builder.random.random() < HELDOUT_SHARE else "dev"
        kind = IDENTIFYING_KINDS[number % len(IDENTIFYING_KINDS)]
        text, spans = builder.identifying(split, kind)
        for span in spans:
            span["fragment"] = text[span["start"] : span["end"]]
        rows.append({"id": f"id-{number:04}", "split": split, "category": kind,
                     "text": text, "spans": spans})  # fmt: skip
    for number in range(benign):
        split = "heldout" if builder.random.random() < HELDOUT_SHARE else "dev"
        category = BENIGN_CATEGORIES[number % len(BENIGN_CATEGORIES)]
        rows.append({"id": f"bn-{number:04}", "split": split, "category": category,
                     "text": builder.benign(split, category), "spans": []})  # fmt: skip
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--identifying", type=int, default=495)
    parser.add_argument("--benign", type=int, default=500)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    rows = build(args.seed, args.identifying, args.benign)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} texts written to {args.output}")


if __name__ == "__main__":
    main()
