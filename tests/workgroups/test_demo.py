from io import StringIO

import pytest

from django.core.management import call_command

from workgroups.models import ModulePage, ProjectPage, WorkgroupPage, WorkgroupUpdate

pytestmark = pytest.mark.django_db


def counts():
    return (
        WorkgroupPage.objects.count(),
        ProjectPage.objects.count(),
        ModulePage.objects.count(),
        WorkgroupUpdate.objects.count(),
    )


def test_demo_adds_workgroups_project_and_modules_once(client):
    """Three workgroups, a sport project, eight or more modules; a second run adds nothing."""
    call_command("seed_demo", stdout=StringIO())
    first = counts()
    call_command("seed_demo", stdout=StringIO())
    assert counts() == first
    assert set(WorkgroupPage.objects.values_list("slug", flat=True)) >= {
        "sport",
        "onderwijs",
        "participatie",
    }
    assert ProjectPage.objects.filter(theme__slug="sport").exists()
    assert first[2] >= 8
    assert ModulePage.objects.filter(is_public=True).exists()
    assert ModulePage.objects.filter(is_public=False).exists()


def test_demo_staff_member_sees_their_workgroup_on_the_dashboard(client):
    """A demo member logs in and finds their workgroup and its news on the dashboard."""
    call_command("seed_demo", stdout=StringIO())
    client.post(
        "/account/inloggen/",
        {"email": "tom.janssens@dekering.example.be", "password": "cano-demo-2026"},
    )
    content = client.get("/medewerkers/").content.decode()
    assert "Werkgroep sport" in content
    assert "sporthal in Lokeren" in content
