"""Each page type stays within its budget of SQL queries, on a warm cache.

The first request of a kind fills the caches every later visitor of that kind reads (the site
root paths, the menu and footer of a visibility class); the budget is for the requests after it.
Run with `-s` to see the counts.
"""

import pytest

from django.urls import reverse

from cano.home.privacy import page_restrict_to_staff
from tests.factories import StaffFactory, StandardPageFactory
from tests.factories.intervision import CaseFactory, IntervisionGroupFactory
from tests.factories.newsletter import NewsletterIndexPageFactory
from tests.factories.studydays import (
    StudyDayIndexPageFactory,
    StudyDayPageFactory,
    programme,
    register,
)
from tests.factories.workgroups import (
    WorkgroupIndexPageFactory,
    WorkgroupMembershipFactory,
    WorkgroupPageFactory,
    WorkgroupUpdateFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(site_tree):
    """A home page with a menu of five pages (one for staff), a footer and a staff area."""
    home = site_tree["home"]
    for title in ("Over CANO", "Werking", "Organisaties", "Contact"):
        StandardPageFactory(parent=home, title=title, show_in_menus=True)
    page_restrict_to_staff(
        StandardPageFactory(parent=home, title="Interne kalender", show_in_menus=True)
    )
    for title in ("Privacy", "Toegankelijkheid"):
        StandardPageFactory(parent=home, title=title)
    NewsletterIndexPageFactory(parent=home, slug="nieuwsbrief")
    for title in ("Procedures", "Vormingen", "Huisstijl"):
        StandardPageFactory(parent=site_tree["staff_area"], title=title, show_in_menus=True)
    return site_tree


@pytest.fixture
def member(db):
    """A staff member in an intervision group with a case to discuss."""
    member = StaffFactory()
    IntervisionGroupFactory(members=[member, StaffFactory()])
    return member


@pytest.fixture
def workgroups(site, member):
    """Three workgroups of the member, each with news."""
    index = WorkgroupIndexPageFactory(parent=site["staff_area"])
    for _ in range(3):
        workgroup = WorkgroupPageFactory(parent=index)
        WorkgroupMembershipFactory(workgroup=workgroup, user=member)
        WorkgroupUpdateFactory.create_batch(2, workgroup=workgroup, author=member)


@pytest.fixture
def case(member):
    return CaseFactory(group=member.intervision_groups.first(), author=member)


def assert_second_visit_within(client, url, budget, assert_max_queries):
    """Visit `url` twice and hold the second visit to `budget` queries."""
    assert client.get(url).status_code == 200
    with assert_max_queries(budget) as captured:
        response = client.get(url)
    assert response.status_code == 200
    print(f"\n{url}: {len(captured)} queries (budget {budget})")


def test_standard_page_for_anonymous_visitors(client, site, django_assert_max_num_queries):
    """A public page renders for an anonymous visitor within 10 queries."""
    page = StandardPageFactory(parent=site["home"], title="Jeugdhulp in Vlaanderen")
    assert_second_visit_within(client, page.url, 10, django_assert_max_num_queries)


def test_home_page_for_anonymous_visitors(client, site, django_assert_max_num_queries):
    """The home page renders for an anonymous visitor within 12 queries."""
    assert_second_visit_within(client, site["home"].url, 12, django_assert_max_num_queries)


def test_home_page_for_staff(client, site, member, django_assert_max_num_queries):
    """The home page renders for a staff member within 12 queries."""
    client.force_login(member)
    assert_second_visit_within(client, site["home"].url, 12, django_assert_max_num_queries)


def test_staff_dashboard(client, site, member, workgroups, case, django_assert_max_num_queries):
    """The staff area's dashboard renders for a staff member within 20 queries."""
    client.force_login(member)
    assert_second_visit_within(client, site["staff_area"].url, 20, django_assert_max_num_queries)


def test_search_page_with_a_query(client, site, django_assert_max_num_queries):
    """The search page answers a query within 15 queries."""
    url = reverse("search:search") + "?q=werking"
    assert_second_visit_within(client, url, 15, django_assert_max_num_queries)


def test_case_page_for_a_member(client, site, member, case, django_assert_max_num_queries):
    """An intervision case renders for a member of its group within 15 queries."""
    client.force_login(member)
    url = reverse("intervision:case_detail", kwargs={"pk": case.pk})
    assert_second_visit_within(client, url, 15, django_assert_max_num_queries)


def test_study_day_page_with_workshops_and_waiting_lists(
    client, site, django_assert_max_num_queries
):
    """A study day's page with its registration form counts its places once, whatever the
    number of workshops and registrations."""
    index = StudyDayIndexPageFactory(parent=site["home"])
    day = StudyDayPageFactory(
        parent=index,
        capacity=6,
        programme=programme(
            ("Workshopronde 1", [("Trauma", 1), ("Netwerk", 10)]),
            ("Workshopronde 2", [("School", 10), ("Online", 10)]),
        ),
    )
    workshops = {workshop.title: workshop.pk for workshop in day.workshops.all()}
    for n in range(1, 9):
        register(day, n=n, workshop_ids=[workshops["Trauma"], workshops["School"]])
    assert_second_visit_within(client, day.url, 15, django_assert_max_num_queries)
