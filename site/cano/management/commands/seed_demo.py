"""Load the Dutch demo content: organisations, staff accounts, the page tree and each app's part.

Idempotent: objects are looked up by a natural key and only created when missing, so a second run
changes nothing.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail.models import Page, Site

from cano.accounts.models import EDITORS_GROUP, FACILITATORS_GROUP, STAFF_GROUP, Organisation
from cano.home.models import HomePage, StaffAreaPage, StandardPage
from cano.hooks import demo_seeds

DEMO_PASSWORD = "cano-demo-2026"  # noqa: S105 - published demo credentials, dev only

ORGANISATIONS = [
    ("CANO De Kering", "De Kering", "oost-vlaanderen", "https://dekering.example.be"),
    ("CANO Het Anker", "Het Anker", "antwerpen", "https://hetanker.example.be"),
    ("CANO Ter Linde", "Ter Linde", "west-vlaanderen", "https://terlinde.example.be"),
    ("CANO De Wissel", "De Wissel", "limburg", "https://dewissel.example.be"),
    ("CANO Oranjehuis", "Oranjehuis", "vlaams-brabant", "https://oranjehuis.example.be"),
]

# (e-mail, first name, last name, organisation short name, groups)
USERS = [
    ("redactie@cano.example", "Els", "Vermeulen", "De Kering", [STAFF_GROUP, EDITORS_GROUP]),
    (
        "an.peeters@dekering.example.be",
        "An",
        "Peeters",
        "De Kering",
        [STAFF_GROUP, FACILITATORS_GROUP],
    ),
    ("tom.janssens@dekering.example.be", "Tom", "Janssens", "De Kering", [STAFF_GROUP]),
    ("sofie.maes@hetanker.example.be", "Sofie", "Maes", "Het Anker", [STAFF_GROUP]),
    (
        "pieter.claes@hetanker.example.be",
        "Pieter",
        "Claes",
        "Het Anker",
        [STAFF_GROUP, FACILITATORS_GROUP],
    ),
    ("lotte.wouters@terlinde.example.be", "Lotte", "Wouters", "Ter Linde", [STAFF_GROUP]),
    ("jonas.goossens@terlinde.example.be", "Jonas", "Goossens", "Ter Linde", [STAFF_GROUP]),
    ("nora.elamrani@dewissel.example.be", "Nora", "El Amrani", "De Wissel", [STAFF_GROUP]),
    ("bram.willems@dewissel.example.be", "Bram", "Willems", "De Wissel", [STAFF_GROUP]),
    ("fatma.yilmaz@oranjehuis.example.be", "Fatma", "Yılmaz", "Oranjehuis", [STAFF_GROUP]),
    (
        "ruben.desmet@oranjehuis.example.be",
        "Ruben",
        "De Smet",
        "Oranjehuis",
        [STAFF_GROUP, EDITORS_GROUP],
    ),
    ("lien.mertens@hetanker.example.be", "Lien", "Mertens", "Het Anker", [STAFF_GROUP]),
]
ADMIN = ("admin@cano.example", "Beheer", "CANO")

STANDARD_PAGES = [
    (
        "over-cano",
        "Over CANO Vlaanderen",
        True,
        "CANO staat voor Centrum voor Ambulante en Niet-residentiële Ondersteuning. "
        "De CANO-organisaties bieden jeugdhulp aan kinderen, jongeren en gezinnen in Vlaanderen.",
        "Op dit platform delen medewerkers van de CANO-organisaties wat ze leren: in intervisie, "
        "in werkgroepen en gedeelde projecten en in de CANOklas. Twee keer per jaar ontmoeten we "
        "elkaar op een studiedag.",
    ),
]


class Command(BaseCommand):
    help = "Load Dutch demo content (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--logins-only", action="store_true", help="Only print the demo logins."
        )

    def handle(self, *args, **options):
        if options["logins_only"]:
            self.print_logins()
            return
        self.seed()
        self.stdout.write(self.style.SUCCESS("Demo-inhoud staat klaar."))
        self.print_logins()

    @transaction.atomic
    def seed(self):
        organisations = self.seed_organisations()
        users = self.seed_users(organisations)
        home = self.seed_home()
        staff_area = self.seed_staff_area(home)
        self.seed_standard_pages(home)
        # Each app adds its part through the `register_demo_seeds` hook, in the hook's order.
        for seed in demo_seeds():
            seed(home=home, staff_area=staff_area, users=users, stdout=self.stdout)

    def seed_organisations(self):
        organisations = {}
        for name, short_name, region, website in ORGANISATIONS:
            organisation, _ = Organisation.objects.get_or_create(
                name=name,
                defaults={"short_name": short_name, "region": region, "website": website},
            )
            organisations[short_name] = organisation
        return organisations

    def seed_users(self, organisations):
        User = get_user_model()
        users = {}
        for email, first_name, last_name, organisation, group_names in USERS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(
                    email=email,
                    password=DEMO_PASSWORD,
                    first_name=first_name,
                    last_name=last_name,
                    organisation=organisations[organisation],
                    is_staff=EDITORS_GROUP in group_names or FACILITATORS_GROUP in group_names,
                )
                user.groups.set(Group.objects.filter(name__in=group_names))
            users[email] = user
        email, first_name, last_name = ADMIN
        if not User.objects.filter(email=email).exists():
            User.objects.create_superuser(
                email=email, password=DEMO_PASSWORD, first_name=first_name, last_name=last_name
            )
        return users

    def seed_home(self):
        home = HomePage.objects.first()
        if home is not None:
            return home
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title="CANO Vlaanderen",
                slug="cano",
                hero_title="Samen leren in de jeugdhulp",
                hero_text=(
                    "Het kennisplatform van de CANO-organisaties: intervisie, werkgroepen, "
                    "de CANOklas, studiedagen en de CANOnieuwsbrief."
                ),
                intro=(
                    "<p>Medewerkers van de Vlaamse CANO-organisaties delen hier wat ze leren "
                    "in hun werk met kinderen, jongeren en gezinnen.</p>"
                ),
            )
        )
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        else:
            site.root_page = home
            site.site_name = "CANO Vlaanderen"
            site.save()
        # Wagtail's starter page has no place in our tree.
        if old_root is not None and old_root.specific_class is Page and old_root.depth == 2:
            old_root.delete()
        return home

    def seed_staff_area(self, home):
        staff_area = StaffAreaPage.objects.first()
        if staff_area is None:
            staff_area = home.add_child(
                instance=StaffAreaPage(
                    title="Medewerkers",
                    slug="medewerkers",
                    show_in_menus=False,
                    intro="<p>Alles wat je als CANO-medewerker nodig hebt op één plek.</p>",
                )
            )
            # Published as an editor publishes it, so its publish rule restricts it to staff.
            staff_area.save_revision().publish()
        return staff_area

    def seed_standard_pages(self, home):
        # The privacy and accessibility statements and the contact page come from
        # `cano.home.demo`, through the demo-seed hook.
        for slug, title, in_menu, intro, text in STANDARD_PAGES:
            if StandardPage.objects.filter(slug=slug).exists():
                continue
            home.add_child(
                instance=StandardPage(
                    title=title,
                    slug=slug,
                    show_in_menus=in_menu,
                    intro=intro,
                    body=[("paragraph", f"<p>{text}</p>")],
                )
            )

    def print_logins(self):
        self.stdout.write(f"Demo-logins (wachtwoord voor allemaal: {DEMO_PASSWORD}):")
        self.stdout.write(f"  {ADMIN[0]:42} beheerder (superuser)")
        for email, first_name, last_name, _org, groups in USERS:
            self.stdout.write(f"  {email:42} {first_name} {last_name}: {', '.join(groups)}")
