"""Demo content for this app, called by `manage.py seed_demo`; must be idempotent."""

import datetime
import uuid

from django.utils import timezone

from .models import (
    Audience,
    Registration,
    RegistrationQuestion,
    StudyDayIndexPage,
    StudyDayPage,
    WorkshopChoice,
    default_registration_deadline,
)

PAST_STAFF_SLUG = "studiedag-medewerkers-verbinding"
UPCOMING_EXTERNAL_SLUG = "studiedag-samen-sterk-rond-jongeren"

EXTERNAL_REGISTRANTS = [
    ("Lies", "Verbeke", "lies.verbeke@hogent.example.be", "HOGENT, bachelor Sociaal Werk"),
    ("Karim", "Benali", "karim.benali@caw.example.be", "CAW Oost-Vlaanderen"),
    ("Hanne", "De Vos", "hanne.devos@clb.example.be", "CLB Antwerpen"),
    ("Wout", "Lambrechts", "wout.lambrechts@ocmw.example.be", "OCMW Hasselt"),
    ("Sarah", "Michiels", "sarah.michiels@kiddo.example.be", "Kiddo vzw"),
    ("Yusuf", "Demir", "yusuf.demir@jac.example.be", "JAC Brussel"),
    ("Eline", "Jacobs", "eline.jacobs@school.example.be", "Sint-Jozefscollege Aalst"),
    ("Thomas", "Segers", "thomas.segers@politie.example.be", "Politiezone Gent, jeugdsectie"),
    ("Ann", "Verhoeven", "ann.verhoeven@thomasmore.example.be", "Thomas More, student"),
    ("Jelle", "Hermans", "jelle.hermans@vk.example.be", "Vertrouwenscentrum Kindermishandeling"),
]


def _slot(start, end, title, sessions=(), workshops=()):
    def item(value):
        return {"type": "item", "id": str(uuid.uuid4()), "value": value}

    return {
        "type": "slot",
        "id": str(uuid.uuid4()),
        "value": {
            "start": start,
            "end": end,
            "title": title,
            "sessions": [
                item({"title": t, "speaker": s, "room": r, "description": d})
                for t, s, r, d in sessions
            ],
            "workshops": [
                item({"title": t, "speaker": s, "room": r, "description": d, "capacity": c})
                for t, s, r, d, c in workshops
            ],
        },
    }


def _index(home):
    index = StudyDayIndexPage.objects.filter(slug="studiedagen").first()
    if index is None:
        index = home.add_child(
            instance=StudyDayIndexPage(
                title="Studiedagen",
                slug="studiedagen",
                show_in_menus=True,
                intro=(
                    "<p>Om de twee jaar houdt CANO Vlaanderen een studiedag voor de medewerkers "
                    "van de CANO-organisaties; in de jaren ertussen een studiedag voor partners, "
                    "studenten en collega's uit andere sectoren.</p>"
                ),
            )
        )
    return index


def _past_staff_day(index, today, upcoming_date):
    page = StudyDayPage.objects.filter(slug=PAST_STAFF_SLUG).first()
    if page is not None:
        return page, False
    date = datetime.date(upcoming_date.year - 1, 10, 16)
    if date >= today:
        date = today - datetime.timedelta(days=40)
    opens = timezone.make_aware(datetime.datetime.combine(date, datetime.time(9)))
    page = index.add_child(
        instance=StudyDayPage(
            title="Studiedag medewerkers: verbinding als hefboom",
            slug=PAST_STAFF_SLUG,
            date=date,
            start_time=datetime.time(9, 0),
            end_time=datetime.time(16, 0),
            audience=Audience.STAFF,
            intro=(
                "<p>Een dag voor alle CANO-medewerkers over verbindend werken met gezinnen "
                "in moeilijke situaties.</p>"
            ),
            venue_name="Het Pand, Gent",
            venue_address="Onderbergen 1, 9000 Gent",
            venue_route="Tien minuten wandelen van station Gent-Sint-Pieters (tram 1).",
            capacity=120,
            registration_opens=opens - datetime.timedelta(days=60),
            registration_closes=opens - datetime.timedelta(days=7),
            programme=[
                _slot(
                    "09:30",
                    "10:30",
                    "Lezing",
                    sessions=[
                        (
                            "Verbinding als hefboom in de jeugdhulp",
                            "Prof. dr. Mieke Desmet",
                            "Aula",
                            "Wat werkt in de relatie tussen hulpverlener en gezin?",
                        )
                    ],
                ),
            ],
        )
    )
    # Published as an editor publishes it, so the workshops and the audience's rule follow.
    page.save_revision().publish()
    return page, True


def _upcoming_external_day(index, today):
    page = StudyDayPage.objects.filter(slug=UPCOMING_EXTERNAL_SLUG).first()
    if page is not None:
        return page, False
    date = today + datetime.timedelta(days=60)
    now = timezone.now()
    page = index.add_child(
        instance=StudyDayPage(
            title="Studiedag: samen sterk rond jongeren",
            slug=UPCOMING_EXTERNAL_SLUG,
            date=date,
            start_time=datetime.time(9, 0),
            end_time=datetime.time(16, 30),
            audience=Audience.EXTERNAL,
            intro=(
                "<p>Partners uit onderwijs, welzijn en justitie ontmoeten de CANO-organisaties. "
                "Hoe bouwen we samen een sterk netwerk rond jongeren?</p>"
            ),
            venue_name="Provinciehuis Leuven",
            venue_address="Provincieplein 1, 3010 Leuven",
            venue_route="Naast station Leuven; parkeren in de Parking Kessel-Lo.",
            capacity=12,
            price="35.00",
            payment_info=(
                "Schrijf het bedrag over op BE12 3456 7890 1234 van CANO Vlaanderen, met je naam "
                "en 'studiedag' als mededeling, uiterlijk een week voor de studiedag."
            ),
            registration_opens=now - datetime.timedelta(days=14),
            registration_closes=default_registration_deadline(date),
            programme=[
                _slot(
                    "09:30",
                    "10:30",
                    "Opening en lezing",
                    sessions=[
                        (
                            "Netwerken rond jongeren: wie doet wat?",
                            "Dr. Bart Van Hove",
                            "Zaal Dijle",
                            "Een stand van zaken van de integrale jeugdhulp.",
                        )
                    ],
                ),
                _slot(
                    "11:00",
                    "12:30",
                    "Workshopronde 1",
                    workshops=[
                        ("Trauma-sensitief werken", "An Peeters", "Zaal Demer", "", 4),
                        ("Participatie van jongeren", "Pieter Claes", "Zaal Nete", "", 8),
                    ],
                ),
                _slot(
                    "13:30",
                    "15:00",
                    "Workshopronde 2",
                    workshops=[
                        ("Samenwerken met school", "Sofie Maes", "Zaal Demer", "", 6),
                        ("Online hulpverlening", "Jonas Goossens", "Zaal Nete", "", 6),
                    ],
                ),
            ],
        )
    )
    questions = [
        ("Dieetwensen of allergieën", RegistrationQuestion.Kind.TEXT, "", False),
        ("Blijf je lunchen?", RegistrationQuestion.Kind.YES_NO, "", True),
        (
            "Hoe ken je CANO?",
            RegistrationQuestion.Kind.CHOICE,
            "Via mijn werk\nVia mijn opleiding\nVia de nieuwsbrief\nAnders",
            False,
        ),
    ]
    for order, (label, kind, choices, required) in enumerate(questions):
        RegistrationQuestion.objects.create(
            study_day=page,
            label=label,
            kind=kind,
            choices=choices,
            required=required,
            sort_order=order,
        )
    # Published as an editor publishes it, so the workshops and the audience's rule follow.
    page.save_revision().publish()
    return page, True


def _add_registration(
    page,
    *,
    first_name,
    last_name,
    email,
    organisation,
    status,
    workshops,
    answers,
    user=None,
    paid=False,
):
    # Demo data is written directly: the services would send every demo person an e-mail.
    if Registration.objects.filter(study_day=page, email=email).exists():
        return
    registration = Registration.objects.create(
        study_day=page,
        user=user,
        first_name=first_name,
        last_name=last_name,
        email=email,
        organisation=organisation,
        status=status,
        answers=answers,
        paid=paid,
        consent_at=timezone.now(),
    )
    WorkshopChoice.objects.bulk_create(
        WorkshopChoice(registration=registration, workshop=w, slot_id=w.slot_id) for w in workshops
    )


def seed(*, home, staff_area, users, stdout) -> None:
    """Add this app's demo content under the given pages."""
    today = timezone.localdate()
    index = _index(home)
    upcoming, created_upcoming = _upcoming_external_day(index, today)
    past, created_past = _past_staff_day(index, today, upcoming.date)

    for user in list(users.values())[:6]:
        _add_registration(
            past,
            first_name=user.first_name,
            last_name=user.last_name,
            email=user.email,
            organisation=str(user.organisation or ""),
            status=Registration.Status.REGISTERED,
            workshops=[],
            answers={},
            user=user,
        )

    rounds = {}
    for workshop in upcoming.workshops.filter(is_active=True):
        rounds.setdefault(workshop.slot_id, []).append(workshop)
    slots = list(rounds.values())
    lunch = upcoming.questions.filter(kind=RegistrationQuestion.Kind.YES_NO).first()
    # Eight register; four wait for the trauma workshop, which is full.
    people = [
        *EXTERNAL_REGISTRANTS,
        ("Nele", "Wuyts", "nele.wuyts@example.be", "Stad Mechelen"),
        ("Bert", "Cools", "bert.cools@example.be", "Kind en Gezin"),
    ]
    for number, (first_name, last_name, email, organisation) in enumerate(people):
        waiting = number >= 10 or number in (4, 5)
        chosen = [slot[0] if number % 2 == 0 or waiting else slot[-1] for slot in slots]
        answers = {}
        if lunch is not None:
            answers[str(lunch.pk)] = {"label": lunch.label, "answer": "ja" if number % 3 else "nee"}
        _add_registration(
            upcoming,
            first_name=first_name,
            last_name=last_name,
            email=email,
            organisation=organisation,
            status=Registration.Status.WAITING if waiting else Registration.Status.REGISTERED,
            workshops=chosen,
            answers=answers,
            paid=not waiting and number % 4 == 0,
        )

    if created_upcoming or created_past:
        stdout.write(
            "Studiedagen: een voorbije studiedag voor medewerkers en een komende voor externen."
        )
