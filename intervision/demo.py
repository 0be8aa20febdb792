"""Demo content for this app, called by `manage.py seed_demo`; must be idempotent.

Two groups, cases in each status and lessons learned. Every case is fictional and written the
way members should write: pseudonymised, no names, dates of birth or addresses.
"""

from datetime import time, timedelta

from django.utils import timezone

from .models import Case, Contribution, IntervisionGroup, Lesson, Meeting, Method

GROUPS = [
    {
        "name": "Intervisie Oost-Vlaanderen",
        "description": "Contextbegeleiders van De Kering en Het Anker; maandelijks, incidentmethode.",
        "method": "Incidentmethode",
        "facilitators": ["an.peeters@dekering.example.be"],
        "members": [
            "tom.janssens@dekering.example.be",
            "sofie.maes@hetanker.example.be",
            "lien.mertens@hetanker.example.be",
            "lotte.wouters@terlinde.example.be",
        ],
        "meetings": [(14, time(13, 30), "De Kering, vergaderzaal 2, Gent", "")],
    },
    {
        "name": "Intervisie Limburg-Brabant",
        "description": "Begeleiders van De Wissel en Oranjehuis; oplossingsgericht werken.",
        "method": "Oplossingsgerichte intervisie",
        "facilitators": ["pieter.claes@hetanker.example.be"],
        "members": [
            "nora.elamrani@dewissel.example.be",
            "bram.willems@dewissel.example.be",
            "fatma.yilmaz@oranjehuis.example.be",
            "jonas.goossens@terlinde.example.be",
        ],
        "meetings": [(21, time(9, 30), "", "https://meet.example.be/cano-intervisie")],
    },
]

# (group, author, title, question, context, status, replies [(phase index, author, body)],
#  takeaway, lesson (title, body) or None)
CASES = [
    (
        "Intervisie Oost-Vlaanderen",
        "tom.janssens@dekering.example.be",
        "Jongere (15) haakt af na verhuis",
        "Hoe blijf ik in contact met een jongere die elke afspraak afzegt?",
        "<p>Een jongen van vijftien (hier: <em>J.</em>) is met zijn moeder verhuisd naar een "
        "andere gemeente. Sinds de verhuis zegt hij elke afspraak af via een kort bericht.</p>"
        "<p>Moeder vraagt hulp, maar wil niet dat ik ‘te veel druk zet’.</p>",
        Case.Status.PREPARING,
        [
            (
                1,
                "sofie.maes@hetanker.example.be",
                "Wie heeft de verhuis beslist, en wist J. het op tijd?",
            )
        ],
        "",
        None,
    ),
    (
        "Intervisie Oost-Vlaanderen",
        "sofie.maes@hetanker.example.be",
        "Ouders oneens over schoolkeuze",
        "Hoe blijf ik neutraal wanneer beide ouders mij aan hun kant willen?",
        "<p>Gescheiden ouders, een dochter (hier: <em>M.</em>) van twaalf. Vader wil een "
        "technische richting, moeder een kunstrichting. M. zegt niets in gesprekken.</p>",
        Case.Status.DISCUSSED,
        [
            (1, "tom.janssens@dekering.example.be", "Heeft M. zelf al een school bezocht?"),
            (
                2,
                "lien.mertens@hetanker.example.be",
                "Misschien voelt M. zich verantwoordelijk voor de vrede tussen de ouders.",
            ),
            (
                3,
                "an.peeters@dekering.example.be",
                "Plan een gesprek met M. alleen, vóór het oudergesprek.",
            ),
        ],
        "",
        None,
    ),
    (
        "Intervisie Oost-Vlaanderen",
        "lien.mertens@hetanker.example.be",
        "Agressie tijdens huisbezoek",
        "Wat had ik anders kunnen doen toen de situatie escaleerde?",
        "<p>Tijdens een huisbezoek werd een oudere broer verbaal agressief. Ik ben vertrokken "
        "en heb het bezoek niet afgerond.</p>",
        Case.Status.CLOSED,
        [
            (
                1,
                "tom.janssens@dekering.example.be",
                "Was het bezoek vooraf aangekondigd aan de hele familie?",
            ),
            (
                2,
                "sofie.maes@hetanker.example.be",
                "De broer voelde zich misschien gepasseerd in zijn rol.",
            ),
            (
                3,
                "an.peeters@dekering.example.be",
                "Bespreek met je team een vaste afspraak voor huisbezoeken met een collega.",
            ),
        ],
        "Ik ga huisbezoeken bij spanning voortaan met twee doen en kondig ze aan bij het hele gezin.",
        (
            "Kondig huisbezoeken aan bij het hele gezin",
            "Wie zich gepasseerd voelt, reageert sneller heftig. Een huisbezoek aankondigen bij "
            "alle gezinsleden, en bij spanning met twee gaan, voorkomt veel escalatie.",
        ),
    ),
    (
        "Intervisie Limburg-Brabant",
        "nora.elamrani@dewissel.example.be",
        "Jongere wil geen begeleiding meer",
        "Wat werkt al, en hoe bouw ik daarop verder?",
        "<p>Een meisje van zestien (hier: <em>S.</em>) wil stoppen met de begeleiding. Ze komt "
        "wel nog naar de sportactiviteit op woensdag.</p>",
        Case.Status.PREPARING,
        [],
        "",
        None,
    ),
    (
        "Intervisie Limburg-Brabant",
        "bram.willems@dewissel.example.be",
        "Vader komt afspraken niet na",
        "Hoe maak ik afspraken haalbaar voor een overbelaste vader?",
        "<p>Een alleenstaande vader met drie kinderen vergeet geregeld afspraken met school en "
        "met ons. Hij geeft aan dat hij ‘het allemaal niet meer ziet zitten’.</p>",
        Case.Status.CLOSED,
        [
            (
                1,
                "fatma.yilmaz@oranjehuis.example.be",
                "Wanneer lukte een afspraak wél? Wat was er toen anders?",
            ),
            (
                2,
                "jonas.goossens@terlinde.example.be",
                "Op een schaal van 1 tot 10: waar staat hij nu volgens zichzelf?",
            ),
            (
                3,
                "pieter.claes@hetanker.example.be",
                "Sterk dat je zijn eerlijkheid benoemt. Eén afspraak per week, op vaste dag?",
            ),
        ],
        "Minder afspraken, op een vaste dag, en een sms de avond ervoor.",
        (
            "Minder afspraken, vaster ritme",
            "Bij overbelaste ouders werkt één vaste afspraak per week met een herinnering beter "
            "dan meerdere losse afspraken. Vraag naar de momenten waarop het wél lukte.",
        ),
    ),
]


def seed(*, home, staff_area, users, stdout) -> None:
    """Add this app's demo content under the given pages."""
    created = 0
    groups = {}
    for spec in GROUPS:
        group = IntervisionGroup.objects.filter(name=spec["name"]).first()
        if group is None:
            group = IntervisionGroup(
                name=spec["name"],
                description=spec["description"],
                default_method=Method.objects.filter(name=spec["method"]).first(),
            )
            group.facilitators.set([users[email] for email in spec["facilitators"]])
            group.members.set([users[email] for email in spec["members"]])
            group.save()
            for days, start, place, url in spec["meetings"]:
                Meeting.objects.create(
                    group=group,
                    date=timezone.localdate() + timedelta(days=days),
                    start_time=start,
                    place=place,
                    online_url=url,
                )
            created += 1
        groups[spec["name"]] = group

    for (
        group_name,
        author,
        title,
        question,
        context,
        status,
        replies,
        takeaway,
        lesson,
    ) in CASES:
        group = groups[group_name]
        if Case.objects.filter(group=group, title=title).exists():
            continue
        case = Case.objects.create(
            group=group,
            author=users[author],
            title=title,
            question=question,
            context=context,
            method=group.default_method,
            meeting=group.meetings.first(),
            status=status,
            takeaway=takeaway,
            discussed_at=timezone.now() if status != Case.Status.PREPARING else None,
            closed_at=timezone.now() if status == Case.Status.CLOSED else None,
        )
        case.followers.add(users[author])
        phases = list(group.default_method.phases.all()) if group.default_method else []
        for phase_index, reply_author, body in replies:
            Contribution.objects.create(
                case=case,
                group=group,
                author=users[reply_author],
                phase=phases[phase_index] if phase_index < len(phases) else None,
                body=body,
            )
        if lesson is not None:
            Lesson.objects.create(
                title=lesson[0],
                body=lesson[1],
                group=group,
                method_name=group.default_method.name if group.default_method else "",
                source_case=case,
                published_at=timezone.now(),
            )
        created += 1
    if created:
        stdout.write(f"Intervisie: {created} groepen en casussen toegevoegd.")
