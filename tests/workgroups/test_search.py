"""Search through the configured backend: staff-only content is found only by staff."""

import pytest

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile

from wagtail.documents.models import Document
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from cano.home.selectors import pages_visible_to
from cano.hooks import search_sources
from tests.factories.workgroups import (
    ModulePageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    WorkgroupUpdateFactory,
)
from workgroups.models import WorkgroupUpdate
from workgroups.services import staff_collection_ensure

pytestmark = pytest.mark.django_db


def page_titles(user, query):
    return {page.title for page in pages_visible_to(user, Page.objects.all()).search(query)}


def search_updates(user, query):
    return list(get_search_backend().search(query, update_source().visible_to(user)))


def update_source():
    return next(source for source in search_sources() if source.model is WorkgroupUpdate)


@pytest.fixture
def content(canoklas, workgroup, site_tree):
    staff_module = ModulePageFactory(
        parent=canoklas,
        title="Motiverende gespreksvoering",
        body=[("paragraph", "<p>Werken met ambivalentie bij jongeren.</p>")],
    )
    public_module = ModulePageFactory(
        parent=canoklas,
        title="Jongeren betrekken bij hun hulpverlening",
        is_public=True,
        body=[("paragraph", "<p>Participatie van jongeren in de jeugdhulp.</p>")],
    )
    projects = ProjectIndexPageFactory(parent=site_tree["staff_area"])
    project = ProjectPageFactory(parent=projects, title="Voetbaltornooi voor jongeren")
    return {"staff_module": staff_module, "public_module": public_module, "project": project}


def test_anonymous_search_finds_only_public_modules(content):
    """Anonymous visitors find the public module, not the staff-only one."""
    titles = page_titles(AnonymousUser(), "jongeren")
    assert "Jongeren betrekken bij hun hulpverlening" in titles
    assert "Motiverende gespreksvoering" not in titles


def test_staff_search_finds_staff_modules(content, staff_user):
    """Staff find the staff-only module too."""
    titles = page_titles(staff_user, "ambivalentie")
    assert "Motiverende gespreksvoering" in titles


def test_workgroups_and_projects_are_found_only_by_staff(content, staff_user, workgroup):
    """Workgroup pages and projects live in the staff area and are found by staff only."""
    assert "Voetbaltornooi voor jongeren" in page_titles(staff_user, "voetbaltornooi")
    assert "Werkgroep sport" in page_titles(staff_user, "sport")
    assert not page_titles(AnonymousUser(), "voetbaltornooi")
    assert "Werkgroep sport" not in page_titles(AnonymousUser(), "sport")


def test_module_is_found_by_its_documents_title(canoklas, staff_user):
    """A module is found by the title of a document in its body."""
    document = Document.objects.create(
        title="Werkblad signaalkaart",
        file=ContentFile(b"%PDF-1.4", name="signaalkaart.pdf"),
        collection=staff_collection_ensure(),
    )
    ModulePageFactory(
        parent=canoklas,
        title="Signalen van misbruik herkennen",
        body=[("document", {"document": document, "title": ""})],
    )
    assert "Signalen van misbruik herkennen" in page_titles(staff_user, "signaalkaart")


def test_workgroup_is_found_by_its_documents_title(workgroup, staff_user):
    """A workgroup page is found by the title of one of its documents."""
    document = Document.objects.create(
        title="Jaarplanning sportkampen",
        file=ContentFile(b"%PDF-1.4", name="jaarplanning.pdf"),
        collection=staff_collection_ensure(),
    )
    workgroup.documents.create(document=document)
    workgroup.save_revision().publish()
    assert "Werkgroep sport" in page_titles(staff_user, "sportkampen")


def test_updates_are_found_by_staff(member, workgroup, staff_user):
    """Updates are registered for site search and staff find them."""
    update = WorkgroupUpdateFactory(
        workgroup=workgroup, author=member, body="<p>Zwembadbeurten geregeld voor de zomer</p>"
    )
    source = update_source()
    found = search_updates(staff_user, "zwembadbeurten")
    assert found == [update]
    assert source.url(update).endswith(f"#update-{update.pk}")
    assert source.label == "Werkgroep-update"


def test_updates_are_not_found_by_anonymous_or_non_staff(member, workgroup, outsider_user):
    """Anonymous visitors and accounts outside staff find no updates."""
    WorkgroupUpdateFactory(
        workgroup=workgroup, author=member, body="<p>Zwembadbeurten geregeld voor de zomer</p>"
    )
    assert search_updates(AnonymousUser(), "zwembadbeurten") == []
    assert search_updates(outsider_user, "zwembadbeurten") == []


def test_updates_of_an_unpublished_workgroup_are_not_found(member, workgroup, staff_user):
    """When a workgroup is unpublished its updates drop out of search."""
    WorkgroupUpdateFactory(workgroup=workgroup, author=member, body="<p>Zwembadbeurten</p>")
    workgroup.unpublish()
    assert search_updates(staff_user, "zwembadbeurten") == []


def test_page_types_carry_a_dutch_result_label():
    """Every page type of the app names its search result type in Dutch."""
    from workgroups.models import (
        CanoklasIndexPage,
        ModulePage,
        ProjectIndexPage,
        ProjectPage,
        WorkgroupIndexPage,
        WorkgroupPage,
    )

    labels = {
        model: str(model.search_type_label)
        for model in (
            CanoklasIndexPage,
            ModulePage,
            ProjectIndexPage,
            ProjectPage,
            WorkgroupIndexPage,
            WorkgroupPage,
        )
    }
    assert labels[ModulePage] == "CANOklas"
    assert labels[WorkgroupPage] == "Werkgroep"
    assert labels[ProjectPage] == "Project"
