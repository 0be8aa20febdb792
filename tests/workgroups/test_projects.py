import pytest

from tests.factories.workgroups import ProjectIndexPageFactory, ProjectPageFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(site_tree, workgroup):
    index = ProjectIndexPageFactory(parent=site_tree["staff_area"])
    sport = ThemeFactory(name="Sport", slug="sport")
    school = ThemeFactory(name="Onderwijs", slug="onderwijs")
    running = ProjectPageFactory(
        parent=index, title="Samen op de fiets", theme=sport, status="running"
    )
    running.workgroups.add(workgroup)
    running.external_partners.create(name="KFC Lokeren", kind="sport")
    running.save_revision().publish()
    finished = ProjectPageFactory(
        parent=index, title="Huiswerkklas", theme=school, status="finished"
    )
    return {"index": index, "running": running, "finished": finished}


def test_overview_filters_by_theme(staff_client, projects):
    """?thema=sport shows only sport projects."""
    content = staff_client.get(projects["index"].url + "?thema=sport").content.decode()
    assert "Samen op de fiets" in content
    assert "Huiswerkklas" not in content


def test_overview_filters_by_status(staff_client, projects):
    """?status=finished shows only finished projects."""
    content = staff_client.get(projects["index"].url + "?status=finished").content.decode()
    assert "Huiswerkklas" in content
    assert "Samen op de fiets" not in content


def test_unknown_status_shows_everything(staff_client, projects):
    """A malformed status is ignored rather than failing."""
    response = staff_client.get(projects["index"].url + "?status=%27%3B--")
    assert response.status_code == 200
    assert "Huiswerkklas" in response.content.decode()


def test_project_page_shows_partners_and_workgroup(staff_client, projects, workgroup):
    """The project lists its workgroup and its external partners."""
    content = staff_client.get(projects["running"].url).content.decode()
    assert "Werkgroep sport" in content
    assert "KFC Lokeren" in content and "Sportclub" in content


def test_workgroup_page_lists_its_projects(staff_client, projects, workgroup):
    """The workgroup page links to the projects it runs."""
    content = staff_client.get(workgroup.url).content.decode()
    assert projects["running"].url in content
    assert "Huiswerkklas" not in content


def test_projects_are_staff_only(client, projects):
    """Anonymous visitors are sent to login for the overview and a project."""
    assert client.get(projects["index"].url).status_code == 302
    assert client.get(projects["running"].url).status_code == 302
