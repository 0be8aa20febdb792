import io

import pytest
from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories.accounts import StaffFactory, editor
from tests.factories.workgroups import WorkgroupMembershipFactory, WorkgroupUpdateFactory
from workgroups.models import WorkgroupUpdate

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def post_update(client, workgroup, **data):
    data.setdefault("link", "")
    return client.post(workgroup.url + "updates/", data)


def test_member_posts_an_update_that_appears_on_the_page(member_client, workgroup):
    """A member's update is stored and shown on the workgroup page with its author."""
    response = post_update(member_client, workgroup, body="Nieuwe sportdag op 12 mei!")
    assert response.status_code == 302
    content = member_client.get(workgroup.url).content.decode()
    assert "Nieuwe sportdag op 12 mei!" in content
    assert "Sofie Maes" in content


def test_updates_are_listed_newest_first(member_client, member, workgroup):
    """The latest update comes first."""
    post_update(member_client, workgroup, body="Eerste bericht")
    post_update(member_client, workgroup, body="Tweede bericht")
    content = member_client.get(workgroup.url).content.decode()
    assert content.index("Tweede bericht") < content.index("Eerste bericht")


def test_updates_are_paginated(member_client, member, workgroup):
    """Ten updates a page; the oldest one is on page two."""
    for number in range(11):
        WorkgroupUpdateFactory(
            workgroup=workgroup, author=member, body=f"<p>Bericht-{number:02d}</p>"
        )
    first = member_client.get(workgroup.url).content.decode()
    second = member_client.get(workgroup.url + "?pagina=2").content.decode()
    assert "Bericht-10" in first and "Bericht-00" not in first
    assert "Bericht-00" in second


def test_non_member_post_is_refused_and_nothing_stored(staff_client, workgroup):
    """A staff member outside the workgroup cannot post in it."""
    response = post_update(staff_client, workgroup, body="Ik ben geen lid")
    assert response.status_code == 403
    assert not WorkgroupUpdate.objects.exists()


def test_anonymous_post_is_sent_to_login(client, workgroup):
    """An anonymous POST gets the login page and stores nothing."""
    response = post_update(client, workgroup, body="Hallo")
    assert response.status_code == 302
    assert not WorkgroupUpdate.objects.exists()


def test_empty_update_gets_a_clear_message(member_client, workgroup):
    """An empty body is refused with a Dutch message."""
    response = post_update(member_client, workgroup, body="   ")
    assert response.status_code == 400
    assert "Je update is leeg" in response.content.decode()
    assert not WorkgroupUpdate.objects.exists()


def test_update_with_only_markup_counts_as_empty(member_client, workgroup):
    """Tags from the editor without text are refused as empty."""
    response = post_update(
        member_client, workgroup, body="<p> </p><script>x</script>", body_format="html"
    )
    assert "Je update is leeg" in response.content.decode()
    assert not WorkgroupUpdate.objects.exists()


def test_hostile_html_is_removed_and_the_member_is_told(member_client, workgroup):
    """Scripts and event handlers are stripped, formatting kept, and a warning is shown."""
    response = post_update(
        member_client,
        workgroup,
        body='<p onclick="steal()">Zie <strong>dit</strong></p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">klik</a>',
        body_format="html",
    )
    update = WorkgroupUpdate.objects.get()
    assert "<script" not in update.body and "onclick" not in update.body
    assert "javascript:" not in update.body
    assert "<strong>dit</strong>" in update.body
    page = member_client.get(response.url).content.decode()
    assert "Onveilige code" in page
    assert "alert(1)" not in page


def test_plain_text_update_is_escaped(member_client, workgroup):
    """Plain text with angle brackets is shown as text, not as markup."""
    post_update(member_client, workgroup, body="Score 3 < 5 & meer")
    content = member_client.get(workgroup.url).content.decode()
    assert "Score 3 &lt; 5 &amp; meer" in content


def test_ten_megabyte_body_gets_a_clear_message(member_client, workgroup):
    """A 10 MB text is refused with a Dutch 413 page instead of an error page; nothing is stored."""
    response = post_update(member_client, workgroup, body="a" * (10 * 1024 * 1024))
    assert response.status_code == 413
    assert "Te veel gegevens verstuurd" in response.content.decode()
    assert not WorkgroupUpdate.objects.exists()


def test_too_long_body_is_refused_and_kept_in_the_form(member_client, workgroup):
    """Just over the limit: a message with the count, and the text is still in the form."""
    text = "Lang verslag " + "x" * 5000
    response = post_update(member_client, workgroup, body=text)
    content = response.content.decode()
    assert response.status_code == 400
    assert "te lang" in content
    assert text in content
    assert not WorkgroupUpdate.objects.exists()


def test_invalid_link_gets_a_clear_message(member_client, workgroup):
    """A malformed link is refused and the text is kept."""
    response = post_update(member_client, workgroup, body="Kijk hier", link="http://")
    assert "geen geldige link" in response.content.decode()
    assert "Kijk hier" in response.content.decode()


def test_pdf_attachment_is_stored_and_downloadable_by_staff(member_client, workgroup):
    """A PDF is accepted; staff download it, anonymous visitors are sent to login."""
    upload = SimpleUploadedFile("verslag.pdf", PDF_BYTES, content_type="application/pdf")
    post_update(member_client, workgroup, body="Verslag in bijlage", attachment=upload)
    update = WorkgroupUpdate.objects.get()
    url = f"{workgroup.url}updates/{update.pk}/bijlage/"
    response = member_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    member_client.logout()
    anonymous = member_client.get(url)
    assert anonymous.status_code == 302 and "/account/inloggen/" in anonymous.url


def test_image_attachment_is_accepted(member_client, workgroup):
    """A real PNG is accepted as an attachment."""
    upload = SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png")
    post_update(member_client, workgroup, body="Foto van de sportdag", attachment=upload)
    assert WorkgroupUpdate.objects.get().attachment_name == "foto.png"


def test_disallowed_file_type_gets_a_clear_message(member_client, workgroup):
    """An executable is refused with the list of allowed types; the text is kept."""
    upload = SimpleUploadedFile("setup.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = post_update(member_client, workgroup, body="Installeer dit", attachment=upload)
    content = response.content.decode()
    assert "Dit bestandstype kan niet als bijlage" in content
    assert "Installeer dit" in content
    assert not WorkgroupUpdate.objects.exists()


def test_file_pretending_to_be_a_pdf_is_refused(member_client, workgroup):
    """A file named .pdf that is not a PDF is refused."""
    upload = SimpleUploadedFile("factuur.pdf", b"<html>nep</html>", content_type="application/pdf")
    response = post_update(member_client, workgroup, body="Zie bijlage", attachment=upload)
    assert "geen geldig PDF-bestand" in response.content.decode()
    assert not WorkgroupUpdate.objects.exists()


def test_too_large_attachment_gets_a_clear_message(member_client, workgroup, settings):
    """An attachment over the size limit is refused with both sizes in the message."""
    settings.WORKGROUPS_UPLOAD_MAX_BYTES = 1024
    upload = SimpleUploadedFile(
        "groot.pdf", PDF_BYTES + b"0" * 2048, content_type="application/pdf"
    )
    response = post_update(member_client, workgroup, body="Groot bestand", attachment=upload)
    assert "maximaal 1,0\xa0KB" in response.content.decode()
    assert not WorkgroupUpdate.objects.exists()


def test_author_edits_own_update(member_client, member, workgroup):
    """The author changes the text of their own update."""
    update = WorkgroupUpdateFactory(workgroup=workgroup, author=member, body="<p>Oud</p>")
    response = member_client.post(
        f"{workgroup.url}updates/{update.pk}/bewerken/", {"body": "Nieuw", "link": ""}
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert "Nieuw" in update.body


def test_edit_with_empty_body_keeps_the_old_text(member_client, member, workgroup):
    """An empty edit is refused with a message and the stored update stays as it was."""
    update = WorkgroupUpdateFactory(workgroup=workgroup, author=member, body="<p>Oud</p>")
    response = member_client.post(
        f"{workgroup.url}updates/{update.pk}/bewerken/", {"body": "", "link": ""}
    )
    assert response.status_code == 400
    assert "Je update is leeg" in response.content.decode()
    update.refresh_from_db()
    assert update.body == "<p>Oud</p>"


def test_other_member_cannot_edit_or_delete(client, member, workgroup):
    """Another member gets 403 on someone else's update and it is unchanged."""
    update = WorkgroupUpdateFactory(workgroup=workgroup, author=member, body="<p>Van Sofie</p>")
    colleague = StaffFactory()
    WorkgroupMembershipFactory(workgroup=workgroup, user=colleague)
    client.force_login(colleague)
    edit = client.post(f"{workgroup.url}updates/{update.pk}/bewerken/", {"body": "Gekaapt"})
    delete = client.post(f"{workgroup.url}updates/{update.pk}/verwijderen/", {"confirm": "yes"})
    assert edit.status_code == 403 and delete.status_code == 403
    update.refresh_from_db()
    assert update.body == "<p>Van Sofie</p>"


def test_edit_buttons_show_only_on_own_updates(client, member, workgroup):
    """A member sees 'Bewerken' on their own update, not on a colleague's."""
    colleague = StaffFactory()
    WorkgroupMembershipFactory(workgroup=workgroup, user=colleague)
    own = WorkgroupUpdateFactory(workgroup=workgroup, author=colleague)
    other = WorkgroupUpdateFactory(workgroup=workgroup, author=member)
    client.force_login(colleague)
    content = client.get(workgroup.url).content.decode()
    assert f"updates/{own.pk}/bewerken/" in content
    assert f"updates/{other.pk}/bewerken/" not in content


def test_editor_moderates_any_update(client, member, workgroup):
    """An editor, not a member, can edit and delete a member's update."""
    update = WorkgroupUpdateFactory(workgroup=workgroup, author=member, body="<p>Ongepast</p>")
    client.force_login(editor())
    client.post(
        f"{workgroup.url}updates/{update.pk}/bewerken/", {"body": "Aangepast door de redactie"}
    )
    update.refresh_from_db()
    assert "Aangepast door de redactie" in update.body
    client.post(f"{workgroup.url}updates/{update.pk}/verwijderen/", {"confirm": "yes"})
    assert not WorkgroupUpdate.objects.filter(pk=update.pk).exists()


def test_author_who_left_can_no_longer_edit(member_client, member, workgroup):
    """After leaving the workgroup, the former member cannot change their old update."""
    update = WorkgroupUpdateFactory(workgroup=workgroup, author=member, body="<p>Oud</p>")
    member_client.post(workgroup.url + "verlaten/")
    response = member_client.post(
        f"{workgroup.url}updates/{update.pk}/bewerken/", {"body": "Nieuw"}
    )
    assert response.status_code == 403


def test_update_of_another_workgroup_is_not_found(
    member_client, member, workgroup, workgroup_index
):
    """An update id from another workgroup is not reachable through this workgroup's URL."""
    from tests.factories.workgroups import WorkgroupPageFactory

    other = WorkgroupPageFactory(parent=workgroup_index)
    update = WorkgroupUpdateFactory(workgroup=other, author=member)
    response = member_client.get(f"{workgroup.url}updates/{update.pk}/bewerken/")
    assert response.status_code == 404


def test_oversized_update_is_refused_and_nothing_stored(member_client, workgroup, settings):
    """An update over the upload limit answers 413 before any form is read; nothing is stored."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = post_update(member_client, workgroup, body="x" * 2000)
    assert response.status_code == 413
    assert not WorkgroupUpdate.objects.exists()


def test_delete_asks_first_naming_the_update_and_its_attachment(member_client, member, workgroup):
    """Opening 'Verwijderen' shows what will go, with the attachment's name; nothing is removed yet."""
    upload = SimpleUploadedFile("verslag.pdf", PDF_BYTES, content_type="application/pdf")
    post_update(member_client, workgroup, body="Verslag in bijlage", attachment=upload)
    update = WorkgroupUpdate.objects.get()
    response = member_client.get(f"{workgroup.url}updates/{update.pk}/verwijderen/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Verslag in bijlage" in html and "De bijlage verslag.pdf wordt ook verwijderd." in html
    assert "Ja, verwijder" in html and f'href="{workgroup.url}"' in html
    assert WorkgroupUpdate.objects.filter(pk=update.pk).exists()


def test_a_post_without_the_confirmation_deletes_nothing(member_client, member, workgroup):
    """The old one-click form's POST only shows the confirmation page."""
    update = WorkgroupUpdateFactory(workgroup=workgroup, author=member)
    response = member_client.post(f"{workgroup.url}updates/{update.pk}/verwijderen/")
    assert "Ja, verwijder" in response.content.decode()
    assert WorkgroupUpdate.objects.filter(pk=update.pk).exists()


def test_confirmed_delete_removes_the_update_and_its_file_and_says_so(
    member_client, member, workgroup
):
    """After confirming, the update and its attachment are gone and the message names both."""
    upload = SimpleUploadedFile("verslag.pdf", PDF_BYTES, content_type="application/pdf")
    post_update(member_client, workgroup, body="Verslag in bijlage", attachment=upload)
    update = WorkgroupUpdate.objects.get()
    storage, name = update.attachment.storage, update.attachment.name
    response = member_client.post(
        f"{workgroup.url}updates/{update.pk}/verwijderen/", {"confirm": "yes"}, follow=True
    )
    html = response.content.decode()
    assert not WorkgroupUpdate.objects.exists() and not storage.exists(name)
    assert "is verwijderd, met de bijlage verslag.pdf." in html
    assert "Verslag in bijlage" not in html


def test_confirmation_page_is_refused_to_another_member(client, member, workgroup):
    """A colleague cannot even open the confirmation page of someone else's update."""
    update = WorkgroupUpdateFactory(workgroup=workgroup, author=member)
    colleague = StaffFactory()
    WorkgroupMembershipFactory(workgroup=workgroup, user=colleague)
    client.force_login(colleague)
    assert client.get(f"{workgroup.url}updates/{update.pk}/verwijderen/").status_code == 403
