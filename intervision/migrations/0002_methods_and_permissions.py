"""The common intervision methods, and admin permissions for editors and facilitators."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS_GROUP = "Redactie"
FACILITATORS_GROUP = "Intervisiebegeleiders"

GROUP_PERMISSIONS = {
    EDITORS_GROUP: [
        "view_intervisiongroup",
        "view_method",
        "view_lesson",
        "add_intervisiongroup",
        "change_intervisiongroup",
        "delete_intervisiongroup",
        "add_method",
        "change_method",
        "delete_method",
        "change_lesson",
        "delete_lesson",
    ],
    FACILITATORS_GROUP: [
        "view_intervisiongroup",
        "view_method",
        "view_lesson",
        "add_intervisiongroup",
        "change_intervisiongroup",
        "add_method",
        "change_method",
        "change_lesson",
    ],
}

# (name, explanation, [(phase, explanation, accepts contributions)])
METHODS = [
    (
        "Incidentmethode",
        "Een casusinbrenger vertelt over een concreet incident; de groep onderzoekt het stap "
        "voor stap, van verhelderen tot advies.",
        [
            ("De casusinbrenger vertelt", "Het incident kort en concreet, met de vraag.", False),
            ("Verhelderingsvragen", "Informatieve vragen; nog geen adviezen.", True),
            ("Hypothesen", "Wat zou er kunnen spelen? Elk lid formuleert een hypothese.", True),
            ("Adviezen", "Concrete adviezen voor de casusinbrenger.", True),
            ("Wat neem ik mee", "De casusinbrenger zegt wat hij of zij meeneemt.", True),
        ],
    ),
    (
        "Roddelmethode",
        "De groep bespreekt de casus alsof de inbrenger er niet bij is; die luistert en reageert "
        "pas op het einde.",
        [
            ("De casusinbrenger vertelt", "Schets van de situatie en de vraag.", False),
            ("Verhelderingsvragen", "Vragen om de situatie goed te begrijpen.", True),
            ("Roddelen", "De groep praat over de casus; de inbrenger zwijgt.", True),
            ("Reactie van de casusinbrenger", "Wat raakte, wat klopte, wat niet?", True),
            ("Wat neem ik mee", "Afronding en leerpunten.", True),
        ],
    ),
    (
        "Balintmethode",
        "Aandacht voor wat de casus oproept bij de hulpverlener en de groep: gevoelens, "
        "associaties en de relatie met de cliënt.",
        [
            ("De casusinbrenger vertelt", "Vrij verhaal, zonder voorbereide tekst.", False),
            ("Verhelderingsvragen", "Enkel feitelijke vragen.", True),
            ("Associaties en gevoelens", "Wat roept de casus op bij de groepsleden?", True),
            ("Reflectie", "Wat betekent dit voor de relatie met de cliënt?", True),
            ("Wat neem ik mee", "De casusinbrenger sluit af.", True),
        ],
    ),
    (
        "Oplossingsgerichte intervisie",
        "Focus op wat al werkt, op uitzonderingen en op kleine haalbare stappen vooruit.",
        [
            ("De casusinbrenger vertelt", "Situatie en gewenste toekomst.", False),
            ("Wat werkt al?", "Vragen naar uitzonderingen en krachten.", True),
            ("Schaalvragen", "Waar staan we nu, wat is een stap hoger?", True),
            ("Complimenten en suggesties", "Erkenning en kleine volgende stappen.", True),
            ("Wat neem ik mee", "De casusinbrenger kiest een eerste stap.", True),
        ],
    ),
]


def seed(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="intervision", codename__in=codenames)
        )

    Method = apps.get_model("intervision", "Method")
    MethodPhase = apps.get_model("intervision", "MethodPhase")
    for name, explanation, phases in METHODS:
        slug = name.lower().replace(" ", "-")
        if Method.objects.filter(name=name).exists():
            continue
        method = Method.objects.create(name=name, slug=slug, explanation=explanation)
        for order, (phase, description, accepts) in enumerate(phases):
            MethodPhase.objects.create(
                method=method,
                name=phase,
                description=description,
                accepts_contributions=accepts,
                sort_order=order,
            )


def unseed(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUP_PERMISSIONS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="intervision")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("intervision", "0001_initial"),
        ("accounts", "0002_groups"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
