"""Documents chosen on a case form that the guard sends back are kept, never silently lost."""

from datetime import timedelta

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from intervision import services
from intervision.models import Case, PendingUpload
from tests.intervision.test_cases import create_url, new_case_data

pytestmark = pytest.mark.django_db

# A fragment the guard asks about and the member may confirm.
GUARDED_CONTEXT = "<p>Gsm 0478 12 34 56.</p>"
TOKEN = "6f1c2a5e-8a0e-4a43-9a55-7d5f9e4a1b20"


def pdf(name="verslag.pdf", content=b"%PDF-1.4 verslag"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def held_back(client, group, **extra):
    """Post a case the guard stops, with the given extra fields; returns the response."""
    return client.post(create_url(group), {**new_case_data(context=GUARDED_CONTEXT), **extra})


def confirm(client, group, first_response, **extra):
    fingerprint = first_response.context["form"].data["guard_fingerprint"]
    data = new_case_data(
        context=GUARDED_CONTEXT, confirm_pseudonymised="on", guard_fingerprint=fingerprint
    )
    return client.post(create_url(group), {**data, **extra})


def test_held_back_form_lists_the_kept_document(client, group, poster):
    """The form that comes back names the document it kept for the member."""
    client.force_login(poster)
    response = held_back(client, group, documents=[pdf()])
    assert Case.objects.count() == 0
    content = response.content.decode()
    assert "Documenten die je al koos" in content
    assert "verslag.pdf" in content


def test_kept_document_is_attached_on_confirmation(client, group, poster):
    """Confirming without choosing the file again attaches it, with its content."""
    client.force_login(poster)
    first = held_back(client, group, documents=[pdf()])
    confirm(client, group, first)
    document = Case.objects.get().documents.get()
    assert document.title == "verslag.pdf"
    with document.file.open("rb") as handle:
        assert handle.read() == b"%PDF-1.4 verslag"


def test_nothing_stays_pending_after_the_case_is_posted(
    client, group, poster, django_capture_on_commit_callbacks
):
    """Once posted, the kept rows and their files are gone from the pending store."""
    client.force_login(poster)
    first = held_back(client, group, documents=[pdf()])
    pending = PendingUpload.objects.get()
    storage, name = pending.file.storage, pending.file.name
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, group, first)
    assert not PendingUpload.objects.exists()
    assert not storage.exists(name)


def test_ticked_off_document_is_not_attached(client, group, poster):
    """A kept document the member ticks off stays out of the case."""
    client.force_login(poster)
    first = held_back(client, group, documents=[pdf("weg.pdf"), pdf("blijft.pdf")])
    dropped = PendingUpload.objects.get(name="weg.pdf")
    confirm(client, group, first, drop_uploads=[dropped.pk])
    assert list(Case.objects.get().documents.values_list("title", flat=True)) == ["blijft.pdf"]


def test_documents_of_another_member_are_never_attached(client, group, poster, colleague):
    """Posting with someone else's token neither lists nor attaches their kept documents."""
    client.force_login(colleague)
    held_back(client, group, documents=[pdf("van-karim.pdf")])
    client.force_login(poster)
    response = held_back(client, group)
    assert "van-karim.pdf" not in response.content.decode()
    confirm(client, group, response)
    assert not Case.objects.get().documents.exists()


def test_refused_type_does_not_lose_the_good_document(client, group, poster):
    """Beside a refused executable, the pdf of the same post is kept and the error names the exe."""
    client.force_login(poster)
    bad = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(
        create_url(group), {**new_case_data(), "documents": [bad, pdf("goed.pdf")]}
    )
    content = response.content.decode()
    assert "“virus.exe” heeft een bestandstype dat niet toegelaten is." in content
    assert list(PendingUpload.objects.values_list("name", flat=True)) == ["goed.pdf"]


def test_more_than_five_documents_in_all_is_refused(client, group, poster):
    """Kept and new documents together stay within five, with a clear message."""
    client.force_login(poster)
    first = held_back(client, group, documents=[pdf(f"deel-{n}.pdf") for n in range(4)])
    response = confirm(client, group, first, documents=[pdf("vijf.pdf"), pdf("zes.pdf")])
    assert Case.objects.count() == 0
    assert "hoogstens vijf documenten" in response.content.decode()


def test_kept_document_survives_a_missing_title(client, group, poster):
    """Not only the guard: any error that sends the form back keeps the document."""
    client.force_login(poster)
    client.post(create_url(group), {**new_case_data(title=""), "documents": [pdf()]})
    client.post(create_url(group), new_case_data())
    assert Case.objects.get().documents.get().title == "verslag.pdf"


def test_mangled_token_comes_back_with_a_usable_one(client, group, poster):
    """A post with a broken token is answered with the form and a fresh token, not an error."""
    client.force_login(poster)
    response = held_back(client, group, submission_token="geen-token", documents=[pdf()])
    assert response.status_code == 200
    token = response.context["form"].data["submission_token"]
    assert PendingUpload.objects.get().submission_token.hex == token.replace("-", "")


def test_edit_form_keeps_documents_too(client, case, poster):
    """Adding a document while editing survives the guard's question as well."""
    client.force_login(poster)
    url = reverse("intervision:case_edit", kwargs={"pk": case.pk})
    data = {
        "title": case.title,
        "question": case.question,
        "context": GUARDED_CONTEXT,
        "method": case.method_id,
        "meeting": "",
        "version": case.version,
        "submission_token": TOKEN,
    }
    first = client.post(url, {**data, "documents": [pdf("bijlage.pdf")]})
    fingerprint = first.context["form"].data["guard_fingerprint"]
    client.post(url, {**data, "confirm_pseudonymised": "on", "guard_fingerprint": fingerprint})
    assert list(case.documents.values_list("title", flat=True)) == ["bijlage.pdf"]


def test_purge_removes_old_pending_documents_only(poster, settings):
    """The daily purge deletes documents of forms never posted after the lifetime, files too."""
    settings.INTERVISION_PENDING_UPLOAD_HOURS = 24
    old, fresh = services.pending_uploads_store(
        owner=poster, submission_token=TOKEN, uploads=[pdf("oud.pdf"), pdf("nieuw.pdf")]
    )
    PendingUpload.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=25))
    call_command("intervision_purge", stdout=None)
    assert list(PendingUpload.objects.values_list("name", flat=True)) == ["nieuw.pdf"]
    assert not old.file.storage.exists(old.file.name)
    assert fresh.file.storage.exists(fresh.file.name)
