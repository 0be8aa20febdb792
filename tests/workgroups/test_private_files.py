import importlib
from pathlib import Path

import pytest
import wagtail_factories

from django.apps import apps as django_apps
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import clear_url_caches

from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

import cano.urls
from tests.factories.workgroups import ModulePageFactory
from workgroups import services
from workgroups.models import WorkgroupDocument
from workgroups.services import staff_collection_ensure

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def isolated_files(settings, tmp_path):
    """Fresh folders and no remembered renditions: the database rolls back, files and cache would not."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = settings.SENDFILE_ROOT = tmp_path / "private"
    cache.clear()
    yield
    cache.clear()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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


@pytest.fixture
def attachment_update(member, workgroup):
    return services.workgroup_update_create(
        workgroup=workgroup,
        author=member,
        body="<p>Verslag in bijlage</p>",
        link="",
        attachment=SimpleUploadedFile("verslag.pdf", PDF, content_type="application/pdf"),
    )


@pytest.fixture
def sendfile_backend(settings):
    """Switch SENDFILE_BACKEND for one test; django-sendfile and Wagtail keep the one loaded first."""
    from django_sendfile.utils import _get_sendfile

    from wagtail.utils import sendfile as wagtail_sendfile

    def forget_loaded_backends():
        _get_sendfile.cache_clear()
        wagtail_sendfile._get_sendfile.clear()

    def switch(backend):
        settings.SENDFILE_BACKEND = backend
        forget_loaded_backends()

    yield switch
    forget_loaded_backends()


def attachment_url(update):
    return f"{update.workgroup.url}updates/{update.pk}/bijlage/"


@pytest.fixture
def dev_urls(settings):
    """The URLs of `make run`: DEBUG on, so MEDIA_URL is served from MEDIA_ROOT."""
    settings.DEBUG = True
    importlib.reload(cano.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(cano.urls)
    clear_url_caches()


def test_attachment_is_stored_outside_media_root(attachment_update, settings):
    """A workgroup attachment lands in the private folder, not in the publicly served one."""
    path = Path(attachment_update.attachment.path)
    assert path.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not path.is_relative_to(settings.MEDIA_ROOT)


def test_dev_server_media_url_does_not_reach_attachment(client, dev_urls, attachment_update):
    """Under `make run` the attachment's MEDIA_URL path is a 404 for anonymous visitors."""
    response = client.get(f"/media/{attachment_update.attachment.name}")
    assert response.status_code == 404


def test_dev_server_media_url_cannot_climb_into_private_folder(client, dev_urls, attachment_update):
    """A path that climbs out of MEDIA_ROOT does not reach the private folder either."""
    name = attachment_update.attachment.name
    response = client.get(f"/media/..%2Fprivate%2F{name}")
    assert response.status_code in (400, 404)
    assert PDF not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_dev_server_still_serves_public_renditions(client, dev_urls, public_image):
    """Under `make run` a public image's rendition opens from MEDIA_URL."""
    response = client.get(public_image.get_rendition("width-600").url)
    assert response.status_code == 200


def test_attachment_refused_to_account_outside_staff(
    client, outsider_user, site_tree, attachment_update
):
    """A logged-in account outside the staff groups does not get the attachment."""
    client.force_login(outsider_user)
    response = client.get(attachment_url(attachment_update))
    assert response.status_code in (302, 403, 404)
    assert b"%PDF" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_attachment_download_is_marked_as_such(staff_client, attachment_update):
    """Staff get the attachment as a download under its own name, never sniffed as HTML."""
    response = staff_client.get(attachment_url(attachment_update))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="verslag.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_hostile_attachment_name_gives_a_safe_header(staff_client, attachment_update):
    """Quotes, line breaks and folders in the stored name cannot break the download header."""
    attachment_update.attachment_name = '..\\evil"\r\nSet-Cookie: x=1; ünï.pdf'
    attachment_update.save()
    response = staff_client.get(attachment_url(attachment_update))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert "\n" not in disposition and "\r" not in disposition
    assert "x" not in response.cookies
    assert disposition.startswith("attachment; filename*=utf-8''")


def test_proxy_hand_over_sends_no_file_body(staff_client, attachment_update, sendfile_backend):
    """With X-Accel-Redirect switched on, the proxy is told which internal file to send."""
    sendfile_backend("django_sendfile.backends.nginx")
    response = staff_client.get(attachment_url(attachment_update))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/private-media/{attachment_update.attachment.name}"
    assert response.content == b""


def test_document_original_is_stored_outside_media_root(private_document, settings):
    """A Wagtail document's file is in the private folder."""
    path = Path(private_document.file.path)
    assert path.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not path.is_relative_to(settings.MEDIA_ROOT)


def test_private_image_renditions_are_not_under_media_root(
    staff_client, site_tree, private_image, settings
):
    """Serving a staff-only image writes its rendition to the private folder only."""
    staff_client.get(f"/werkgroepen/afbeelding/{private_image.pk}/width-1000/")
    rendition = private_image.get_rendition("width-1000")
    assert Path(rendition.file.path).is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.width-1000.*"))


def test_private_image_original_is_not_under_media_root(private_image, settings):
    """The original of a staff-only image is in the private folder."""
    assert not Path(private_image.file.path).is_relative_to(settings.MEDIA_ROOT)


@pytest.fixture
def public_image(db):
    return wagtail_factories.ImageFactory(
        title="Logo", file__filename="logo-cano.png", collection=Collection.get_first_root_node()
    )


def test_public_image_rendition_is_served_from_media_url(public_image, settings):
    """A public image's rendition stays in MEDIA_ROOT/images for the proxy."""
    rendition = public_image.get_rendition("width-600")
    assert rendition.url.startswith("/media/images/")
    assert Path(rendition.file.path).is_relative_to(settings.MEDIA_ROOT)


def test_private_rendition_url_sends_anonymous_visitor_to_login(client, site_tree, private_image):
    """Even a staff-only rendition made by Wagtail itself (the admin) has a checked address."""
    url = private_image.get_rendition("max-165x165").url
    assert url.startswith("/bestanden/afbeelding/")
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/account/inloggen/")


def test_private_rendition_url_refuses_account_outside_staff(
    client, outsider_user, site_tree, private_image
):
    """A logged-in account outside the staff groups gets a 403 for a staff-only rendition."""
    client.force_login(outsider_user)
    assert client.get(private_image.get_rendition("max-165x165").url).status_code == 403


def test_private_rendition_url_serves_staff(staff_client, site_tree, private_image):
    """Staff get the staff-only rendition inline as an image."""
    response = staff_client.get(private_image.get_rendition("max-165x165").url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/")
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_private_rendition_url_rejects_other_paths(staff_client, site_tree, attachment_update):
    """The rendition address serves renditions only, not other private files by their name."""
    for name in (attachment_update.attachment.name, "../../etc/passwd", "images/..%2F..%2Fx"):
        assert staff_client.get(f"/bestanden/afbeelding/{name}").status_code == 404


def test_image_moved_into_staff_collection_takes_its_renditions_along(
    public_image, settings, django_capture_on_commit_callbacks
):
    """Renditions made while an image was public leave MEDIA_ROOT once it becomes staff-only."""
    rendition = public_image.get_rendition("width-600")
    public_path = Path(settings.MEDIA_ROOT) / rendition.file.name
    assert public_path.exists()
    public_image.collection = staff_collection_ensure()
    with django_capture_on_commit_callbacks(execute=True):
        public_image.save()
    assert not public_path.exists()
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / rendition.file.name).exists()


def test_restricting_a_collection_takes_its_renditions_along(
    settings, django_capture_on_commit_callbacks
):
    """A collection that becomes staff-only moves the renditions of its images out of MEDIA_ROOT."""
    collection = Collection.get_first_root_node().add_child(name="Fotoalbum")
    image = wagtail_factories.ImageFactory(file__filename="album-foto.png", collection=collection)
    public_path = Path(settings.MEDIA_ROOT) / image.get_rendition("width-600").file.name
    assert public_path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    assert not public_path.exists()


move_private_files = importlib.import_module("workgroups.migrations.0002_move_private_files")


def stored_in_media_root(field_file, settings) -> Path:
    """Put a stored file back where it lived before the private folder existed."""
    old = Path(settings.MEDIA_ROOT) / field_file.name
    old.parent.mkdir(parents=True, exist_ok=True)
    Path(field_file.path).rename(old)
    return old


def test_data_migration_moves_an_existing_document(private_document, settings):
    """A document file left in MEDIA_ROOT moves to the private folder and still downloads."""
    old = stored_in_media_root(private_document.file, settings)
    move_private_files.files_to_private(django_apps, None)
    assert not old.exists()
    moved = Path(settings.PRIVATE_MEDIA_ROOT) / private_document.file.name
    assert moved.read_bytes() == b"%PDF-1.4 geheim"


def test_data_migration_moves_staff_only_renditions_only(private_image, public_image, settings):
    """Renditions of staff-only images leave MEDIA_ROOT/images; public ones stay for the proxy."""
    private_rendition = private_image.get_rendition("width-600")
    old_private = stored_in_media_root(private_rendition.file, settings)
    public_path = Path(public_image.get_rendition("width-600").file.path)
    move_private_files.files_to_private(django_apps, None)
    assert not old_private.exists()
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / private_rendition.file.name).exists()
    assert public_path.exists() and public_path.is_relative_to(settings.MEDIA_ROOT)


def test_data_migration_runs_again_and_skips_missing_files(private_document, attachment_update):
    """A second run, and a file that no longer exists anywhere, leave everything as it is."""
    Path(private_document.file.path).unlink()
    move_private_files.files_to_private(django_apps, None)
    move_private_files.files_to_private(django_apps, None)
    assert Path(attachment_update.attachment.path).read_bytes() == PDF


def test_admin_lists_staff_only_images_through_the_checked_address(
    client, editor_user, site_tree, private_image
):
    """Editors see a staff-only image's thumbnail in the admin, from the checked address."""
    client.force_login(editor_user)
    response = client.get("/admin/images/")
    assert response.status_code == 200
    assert "/bestanden/afbeelding/images/" in response.content.decode()


def test_collection_moved_under_staff_collection_takes_its_renditions_along(
    settings, django_capture_on_commit_callbacks
):
    """A collection moved below the staff-only one (as the admin does it) takes its files along."""
    staff_collection = staff_collection_ensure()
    collection = Collection.get_first_root_node().add_child(name="Sportdag")
    image = wagtail_factories.ImageFactory(
        file__filename="sportdag-foto.png", collection=collection
    )
    public_path = Path(settings.MEDIA_ROOT) / image.get_rendition("width-600").file.name
    with django_capture_on_commit_callbacks(execute=True):
        collection.save()
        collection.move(Collection.objects.get(pk=staff_collection.pk), "sorted-child")
    assert not public_path.exists()


def test_proxy_hand_over_serves_staff_only_documents(
    staff_client, site_tree, private_document, sendfile_backend
):
    """Wagtail's document view hands a staff-only document to the proxy after its own check."""
    sendfile_backend("django_sendfile.backends.nginx")
    response = staff_client.get(private_document.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/private-media/{private_document.file.name}"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_admin_profile_pictures_stay_in_the_media_folder(settings):
    """Admin profile pictures, shown by plain media URLs, stay in the media folder."""
    name = default_storage.save("avatar_images/avatar_ruben.png", ContentFile(b"png"))
    assert (Path(settings.MEDIA_ROOT) / name).exists()
    assert default_storage.url(name) == f"/media/{name}"
