import pytest

from tests.factories.workgroups import ModulePageFactory, WorkgroupUpdateFactory

pytestmark = pytest.mark.django_db


def test_dashboard_shows_my_workgroups_with_latest_updates(
    member_client, member, workgroup, site_tree
):
    """The staff area lists the member's workgroup and its newest update."""
    WorkgroupUpdateFactory(workgroup=workgroup, author=member, body="<p>Oud nieuws</p>")
    WorkgroupUpdateFactory(workgroup=workgroup, author=member, body="<p>Vers nieuws uit sport</p>")
    content = member_client.get(site_tree["staff_area"].url).content.decode()
    assert "Werkgroepen en CANOklas" in content
    assert workgroup.url in content
    assert "Vers nieuws uit sport" in content


def test_dashboard_says_when_i_am_in_no_workgroup(staff_client, workgroup, site_tree):
    """A staff member without workgroups is told so."""
    content = staff_client.get(site_tree["staff_area"].url).content.decode()
    assert "Je bent nog geen lid van een werkgroep." in content


def test_dashboard_lists_newest_modules(staff_client, canoklas, site_tree):
    """The newest CANOklas modules, staff-only ones included, appear on the dashboard."""
    module = ModulePageFactory(parent=canoklas, title="Omgaan met agressie")
    content = staff_client.get(site_tree["staff_area"].url).content.decode()
    assert "Nieuw in de CANOklas" in content
    assert module.url in content
