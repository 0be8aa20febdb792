import pytest
import wagtail_factories

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from wagtail.documents.models import Document
from wagtail.models import Collection

from tests.factories.workgroups import ModulePageFactory
from workgroups.models import WorkgroupDocument
from workgroups.services import staff_collection_ensure

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_document(db):
    return Document.objects.create(
        title="Verslag werkgroep sport maart",
        file=ContentFile(b"%PDF-1.4 geheim", name="verslag-maart.pdf"),
        collection=staff_collection_ensure(),
    )


@pytest.fixture
def public_document(db):
    return Document.objects.create(
        title="Folder CANO",
        file=ContentFile(b"%PDF-1.4 folder", name="folder.pdf"),
        collection=Collection.get_first_root_node(),
    )


def test_serve_method_streams_through_the_view(settings):
    """Documents are served through Wagtail's view (which checks restrictions), not a media URL."""
    assert getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None) in (None, "serve_view")


def test_direct_document_url_sends_anonymous_visitor_to_login(client, site_tree, private_document):
    """The document's own URL refuses anonymous visitors with a login redirect."""
    response = client.get(private_document.url)
    assert response.status_code == 302
    assert response.url.startswith("/account/inloggen/")


def test_direct_document_url_serves_staff(staff_client, site_tree, private_document):
    """Staff download the staff-only document."""
    response = staff_client.get(private_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 geheim"


def test_account_outside_staff_cannot_download(client, outsider_user, site_tree, private_document):
    """A logged-in account outside the staff groups does not get the file."""
    client.force_login(outsider_user)
    response = client.get(private_document.url)
    assert response.status_code != 200


def test_public_document_opens_for_anyone(client, site_tree, public_document):
    """A document in a public collection stays public."""
    assert client.get(public_document.url).status_code == 200


def test_workgroup_refuses_a_document_from_a_public_collection(workgroup, public_document):
    """An editor cannot attach a public document to a workgroup by mistake."""
    item = WorkgroupDocument(page=workgroup, document=public_document)
    with pytest.raises(ValidationError, match="publieke collectie"):
        item.full_clean()


def test_workgroup_documents_are_listed_for_staff(staff_client, workgroup, private_document):
    """The workgroup page lists its documents with a working link."""
    workgroup.documents.create(document=private_document)
    workgroup.save_revision().publish()
    content = staff_client.get(workgroup.url).content.decode()
    assert "Verslag werkgroep sport maart" in content
    assert private_document.url in content


def test_staff_module_refuses_public_files(canoklas, public_document):
    """A staff-only module cannot carry a document from a public collection."""
    module = ModulePageFactory.build(
        title="Module",
        slug="module",
        body=[("document", {"document": public_document, "title": ""})],
    )
    with pytest.raises(ValidationError, match="publieke collectie"):
        module.clean()


@pytest.fixture
def private_image(db):
    return wagtail_factories.ImageFactory(
        title="Foto sportdag", collection=staff_collection_ensure()
    )


def test_private_image_rendition_refused_to_anonymous_visitor(client, site_tree, private_image):
    """The protected rendition URL sends anonymous visitors to login."""
    response = client.get(f"/werkgroepen/afbeelding/{private_image.pk}/width-1000/")
    assert response.status_code == 302
    assert response.url.startswith("/account/inloggen/")


def test_private_image_rendition_served_to_staff(staff_client, site_tree, private_image):
    """Staff get the rendition as an image."""
    response = staff_client.get(f"/werkgroepen/afbeelding/{private_image.pk}/width-1000/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/")
    assert "private" in response["Cache-Control"]


def test_unlisted_rendition_filter_is_refused(staff_client, site_tree, private_image):
    """Only the renditions the site uses can be requested, so nobody can fill the disk."""
    response = staff_client.get(f"/werkgroepen/afbeelding/{private_image.pk}/width-4321/")
    assert response.status_code == 404


def test_module_shows_private_image_through_the_protected_url(
    staff_client, canoklas, private_image
):
    """A staff-only module's image points at the checked URL, not at a public media file."""
    module = ModulePageFactory(
        parent=canoklas,
        body=[
            ("image", {"image": private_image, "caption": "", "alt_text": "Kinderen voetballen"})
        ],
    )
    content = staff_client.get(module.url).content.decode()
    assert f"/werkgroepen/afbeelding/{private_image.pk}/width-1000/" in content
    assert "/media/images/" not in content
