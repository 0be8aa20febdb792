"""No overbooking under real parallel load: each thread has its own PostgreSQL connection."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from django.core import mail
from django.db import close_old_connections, connection

from studydays.models import Registration
from studydays.services import RegistrationError, registration_cancel, registration_create
from tests.factories.studydays import StudyDayPageFactory, register

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks (SELECT ... FOR UPDATE) need PostgreSQL; SQLite serialises writers",
    ),
]


def run_in_parallel(function, arguments):
    """Run function(argument) in one thread per argument, all released at the same moment."""
    barrier = threading.Barrier(len(arguments))

    def worker(argument):
        try:
            barrier.wait()
            return function(argument)
        finally:
            close_old_connections()
            connection.close()

    with ThreadPoolExecutor(max_workers=len(arguments)) as pool:
        return list(pool.map(worker, arguments))


def test_fifty_concurrent_registrations_for_ten_places(index_page):
    """50 registrations at once for 10 remaining places: exactly 10 registered, 40 waiting."""
    study_day = StudyDayPageFactory(parent=index_page, capacity=15)
    for n in range(5):
        register(study_day, n=1000 + n)

    def attempt(n):
        return registration_create(
            study_day=study_day,
            first_name=f"Parallel{n}",
            last_name="Test",
            email=f"parallel{n}@example.be",
            organisation="Test",
            consent=True,
        ).status

    statuses = run_in_parallel(attempt, list(range(50)))
    assert statuses.count("registered") == 10
    assert statuses.count("waiting") == 40
    registrations = Registration.objects.filter(study_day=study_day)
    assert registrations.registered().count() == 15
    assert registrations.waiting().count() == 40


def test_concurrent_registrations_for_one_workshop_never_overbook_it(index_page):
    """30 registrations at once for a workshop of 4 places: 4 get it, the rest wait."""
    from tests.factories.studydays import programme

    study_day = StudyDayPageFactory(
        parent=index_page, capacity=100, programme=programme(("Ronde", [("Klein", 4)]))
    )
    workshop = study_day.workshops.get()

    def attempt(n):
        return registration_create(
            study_day=study_day,
            first_name=f"W{n}",
            last_name="Test",
            email=f"w{n}@example.be",
            organisation="Test",
            consent=True,
            workshop_ids=[workshop.pk],
        ).status

    statuses = run_in_parallel(attempt, list(range(30)))
    assert statuses.count("registered") == 4
    assert workshop.choices.filter(registration__status="registered").count() == 4


def test_concurrent_duplicate_registrations_store_one(index_page):
    """Ten parallel registrations with one e-mail store exactly one."""
    study_day = StudyDayPageFactory(parent=index_page)

    def attempt(n):
        try:
            registration_create(
                study_day=study_day,
                first_name=f"D{n}",
                last_name="Test",
                email="dezelfde@example.be",
                organisation="Test",
                consent=True,
            )
        except RegistrationError:
            return "refused"
        return "stored"

    results = run_in_parallel(attempt, list(range(10)))
    assert results.count("stored") == 1
    assert Registration.objects.filter(study_day=study_day).count() == 1


def test_concurrent_cancellations_promote_each_waiting_person_once(index_page):
    """10 cancellations at once promote the 10 waiting people, each exactly once."""
    study_day = StudyDayPageFactory(parent=index_page, capacity=10)
    registered = [register(study_day, n=n) for n in range(10)]
    waiting = [register(study_day, n=100 + n) for n in range(10)]
    assert {r.status for r in waiting} == {"waiting"}
    mail.outbox.clear()

    promoted = run_in_parallel(
        lambda registration: registration_cancel(registration=registration), registered
    )

    promoted_ids = sorted(r.pk for batch in promoted for r in batch)
    assert promoted_ids == sorted(r.pk for r in waiting)
    assert Registration.objects.filter(study_day=study_day).registered().count() == 10
    promotion_mails = [m.to[0] for m in mail.outbox if m.subject.startswith("Er is een plaats")]
    assert sorted(promotion_mails) == sorted(r.email for r in waiting)


def test_parallel_cancellations_promote_the_first_of_each_waiting_list(index_page, client):
    """On a full day, a place in a full workshop and a place elsewhere freed at once go to the
    first waiting for that workshop and the first waiting for the day; the page then counts
    one person left on each list."""
    from tests.factories.studydays import programme

    study_day = StudyDayPageFactory(
        parent=index_page,
        capacity=4,
        programme=programme(("Ronde", [("Trauma", 1), ("Netwerk", 10)])),
    )
    trauma = study_day.workshops.get(title="Trauma")
    netwerk = study_day.workshops.get(title="Netwerk")
    in_trauma = register(study_day, n=1, workshop_ids=[trauma.pk])
    first_for_trauma = register(study_day, n=2, workshop_ids=[trauma.pk])
    elsewhere = [register(study_day, n=n, workshop_ids=[netwerk.pk]) for n in (3, 4, 5)]
    first_for_day = register(study_day, n=6, workshop_ids=[netwerk.pk])
    register(study_day, n=7, workshop_ids=[trauma.pk])
    register(study_day, n=8, workshop_ids=[netwerk.pk])

    promoted = run_in_parallel(
        lambda registration: registration_cancel(registration=registration),
        [in_trauma, elsewhere[0]],
    )

    assert sorted(r.pk for batch in promoted for r in batch) == sorted(
        [first_for_trauma.pk, first_for_day.pk]
    )
    html = client.get(study_day.url).content.decode()
    assert "0 van 4 plaatsen vrij · 1 persoon op de wachtlijst" in html
    assert "Trauma: volzet. Wachtlijst voor deze workshop: 1 persoon" in html


def test_fifty_parallel_posts_against_a_rate_limit_of_ten_let_ten_through(index_page, settings):
    """50 public registration POSTs at once from one address, limit 10: exactly 10 get through."""
    from django.test import Client

    settings.STUDYDAYS_RATE_LIMIT = 10
    study_day = StudyDayPageFactory(parent=index_page, capacity=100)
    url = study_day.url

    def attempt(n):
        return (
            Client()
            .post(
                url,
                {
                    "first_name": f"Snel{n}",
                    "last_name": "Test",
                    "email": f"snel{n}@example.be",
                    "organisation": "Test",
                    "consent": "on",
                },
            )
            .status_code
        )

    statuses = run_in_parallel(attempt, list(range(50)))
    assert statuses.count(429) == 40
    assert Registration.objects.filter(study_day=study_day).count() == 10


def test_parallel_posts_with_errors_leave_the_limit_to_the_valid_ones(index_page, settings):
    """50 POSTs at once from one address, half with errors, limit 10: every form with errors
    gets its errors, never the limit, and exactly 10 of the valid ones get through."""
    from django.test import Client

    settings.STUDYDAYS_RATE_LIMIT = 10
    study_day = StudyDayPageFactory(parent=index_page, capacity=100)
    url = study_day.url

    def attempt(n):
        data = {
            "first_name": f"Snel{n}",
            "last_name": "Test",
            "email": f"snel{n}@example.be" if n % 2 else "snel-zonder-domein",
            "organisation": "Test",
            "consent": "on",
        }
        return n % 2, Client().post(url, data).status_code

    results = run_in_parallel(attempt, list(range(50)))
    assert sorted(status for valid, status in results if not valid) == [400] * 25
    valid = [status for valid, status in results if valid]
    assert (valid.count(302), valid.count(429)) == (10, 15)
    assert Registration.objects.filter(study_day=study_day).count() == 10
