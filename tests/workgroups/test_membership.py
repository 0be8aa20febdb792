import pytest

from tests.factories.accounts import OrganisationFactory, StaffFactory
from tests.factories.workgroups import WorkgroupMembershipFactory
from workgroups.models import WorkgroupMembership

pytestmark = pytest.mark.django_db


def test_staff_member_joins_from_the_workgroup_page(staff_client, staff_user, workgroup):
    """Clicking 'Lid worden' makes the staff member a member and says so."""
    response = staff_client.post(workgroup.url + "lid-worden/", follow=True)
    assert WorkgroupMembership.objects.filter(workgroup=workgroup, user=staff_user).exists()
    assert "Je bent nu lid van Werkgroep sport" in response.content.decode()


def test_joining_twice_keeps_one_membership(staff_client, staff_user, workgroup):
    """A double click does not make the member appear twice."""
    staff_client.post(workgroup.url + "lid-worden/")
    staff_client.post(workgroup.url + "lid-worden/")
    assert WorkgroupMembership.objects.filter(workgroup=workgroup, user=staff_user).count() == 1


def test_member_leaves_the_workgroup(member_client, member, workgroup):
    """'Werkgroep verlaten' ends the membership."""
    response = member_client.post(workgroup.url + "verlaten/", follow=True)
    assert not WorkgroupMembership.objects.filter(workgroup=workgroup, user=member).exists()
    assert "Je bent geen lid meer" in response.content.decode()


def test_join_by_get_is_refused(staff_client, staff_user, workgroup):
    """Following a link cannot make someone a member; only the form's POST can."""
    response = staff_client.get(workgroup.url + "lid-worden/")
    assert response.status_code == 405
    assert not WorkgroupMembership.objects.filter(user=staff_user).exists()


def test_anonymous_visitor_is_sent_to_login_and_cannot_join(client, workgroup):
    """The workgroup is staff-only: anonymous visitors go to the login page, nothing is stored."""
    response = client.post(workgroup.url + "lid-worden/")
    assert response.status_code == 302
    assert response.url.startswith("/account/inloggen/")
    assert not WorkgroupMembership.objects.exists()


def test_account_outside_staff_cannot_join(client, outsider_user, workgroup):
    """A logged-in account outside the staff groups is refused the page and the join."""
    client.force_login(outsider_user)
    response = client.post(workgroup.url + "lid-worden/")
    assert response.status_code == 302
    assert not WorkgroupMembership.objects.exists()


def test_members_are_listed_with_their_organisation(staff_client, workgroup):
    """The page lists each member with their organisation."""
    organisation = OrganisationFactory(name="CANO Ter Linde", short_name="Ter Linde")
    colleague = StaffFactory(first_name="Lotte", last_name="Wouters", organisation=organisation)
    WorkgroupMembershipFactory(workgroup=workgroup, user=colleague)
    content = staff_client.get(workgroup.url).content.decode()
    assert "Lotte Wouters" in content
    assert "CANO Ter Linde" in content


def test_workgroup_index_lists_workgroups_for_staff(staff_client, workgroup_index, workgroup):
    """The overview in the staff area links to each workgroup."""
    content = staff_client.get(workgroup_index.url).content.decode()
    assert workgroup.url in content
