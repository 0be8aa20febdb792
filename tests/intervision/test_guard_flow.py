"""The guard in the forms: nothing saved silently, nothing typed lost."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from intervision.models import Case, Contribution
from tests.intervision.test_cases import create_url, new_case_data

pytestmark = pytest.mark.django_db

RRN_CONTEXT = "<p>Rijksregisternummer 85.07.30-033.28, woont Kerkstraat 12.</p>"
# Fragments a member may confirm as pseudonymised (a real national number cannot be).
PHONE_CONTEXT = "<p>Gsm 0478 12 34 56, woont Kerkstraat 12.</p>"


def test_identifying_text_is_held_back_and_shown(client, group, poster):
    """The case is not saved; the fragments are listed and the text is shown again as typed."""
    client.force_login(poster)
    response = client.post(create_url(group), new_case_data(context=PHONE_CONTEXT))
    content = response.content.decode()
    assert Case.objects.count() == 0
    assert "<mark>0478 12 34 56</mark>" in content
    assert "<mark>Kerkstraat 12</mark>" in content
    assert "Dit is gepseudonimiseerd" in content
    assert "Gsm 0478 12 34 56, woont Kerkstraat 12." in content


def test_confirming_saves_the_case(client, group, poster):
    """After seeing the fragments, ticking 'dit is gepseudonimiseerd' saves the case."""
    client.force_login(poster)
    first = client.post(create_url(group), new_case_data(context=PHONE_CONTEXT))
    fingerprint = first.context["form"].data["guard_fingerprint"]
    client.post(
        create_url(group),
        new_case_data(
            context=PHONE_CONTEXT, confirm_pseudonymised="on", guard_fingerprint=fingerprint
        ),
    )
    assert Case.objects.count() == 1


def test_confirmation_without_seeing_the_fragments_does_not_count(client, group, poster):
    """A ticked box without the matching check (e.g. a crafted post) is asked again."""
    client.force_login(poster)
    client.post(
        create_url(group),
        new_case_data(context=PHONE_CONTEXT, confirm_pseudonymised="on", guard_fingerprint="x"),
    )
    assert Case.objects.count() == 0


def test_new_fragment_after_confirmation_is_asked_again(client, group, poster):
    """Confirming covers the fragments shown; a newly added phone number is asked about."""
    client.force_login(poster)
    first = client.post(create_url(group), new_case_data(context=PHONE_CONTEXT))
    fingerprint = first.context["form"].data["guard_fingerprint"]
    response = client.post(
        create_url(group),
        new_case_data(
            context=PHONE_CONTEXT + "<p>Vaste lijn 09 123 45 67</p>",
            confirm_pseudonymised="on",
            guard_fingerprint=fingerprint,
        ),
    )
    assert Case.objects.count() == 0
    assert "<mark>09 123 45 67</mark>" in response.content.decode()


def test_fixing_the_text_saves_without_confirmation(client, group, poster):
    """When the member removes the fragments, the case saves without a confirmation."""
    client.force_login(poster)
    client.post(create_url(group), new_case_data(context=PHONE_CONTEXT))
    client.post(create_url(group), new_case_data(context="<p>Woont in een gemeente.</p>"))
    assert Case.objects.count() == 1


def test_guard_checks_the_title(client, group, poster):
    """An e-mail address in the title is caught too."""
    client.force_login(poster)
    response = client.post(create_url(group), new_case_data(title="Over jan@voorbeeld.be"))
    assert Case.objects.count() == 0
    assert "<mark>jan@voorbeeld.be</mark>" in response.content.decode()


def test_guard_checks_contributions(client, case, colleague):
    """A reply with a date of birth is held back and shown again, then saved on confirmation."""
    client.force_login(colleague)
    url = reverse("intervision:contribution_create", kwargs={"pk": case.pk})
    data = {
        "phase": case.method.phases.first().pk,
        "body": "Is ze geboren op 12/03/2009?",
        "submission_token": "0b7e7a8e-1c8c-4b8f-9a3e-3f7c5f3c1a11",
    }
    response = client.post(url, data)
    assert Contribution.objects.count() == 0
    assert "Is ze geboren op 12/03/2009?" in response.content.decode()
    fingerprint = response.context["contribution_form"].data["guard_fingerprint"]
    client.post(url, {**data, "confirm_pseudonymised": "on", "guard_fingerprint": fingerprint})
    assert Contribution.objects.count() == 1


def test_guard_checks_the_lesson(client, case, poster):
    """A lesson learned with an address is held back before the case closes."""
    client.force_login(poster)
    client.post(reverse("intervision:case_mark_discussed", kwargs={"pk": case.pk}))
    client.post(
        reverse("intervision:case_close", kwargs={"pk": case.pk}),
        {
            "takeaway": "Ik neem mee: rust.",
            "publish_lesson": "on",
            "lesson_title": "Huisbezoek",
            "lesson_body": "Het huisbezoek in de Stationsstraat 4 hielp.",
        },
    )
    case.refresh_from_db()
    assert case.status == Case.Status.DISCUSSED


@pytest.mark.parametrize(
    "href",
    ["mailto:jan.peeters@voorbeeld.be", "mailto:jan.peeters%40voorbeeld.be"],
    ids=["plain", "percent-encoded"],
)
def test_guard_reads_the_address_behind_a_mailto_link(client, group, poster, href):
    """An e-mail address only in a link's target is caught, though the page would not show it."""
    client.force_login(poster)
    context = f'<p>Neem contact op met <a href="{href}">de mama</a>.</p>'
    response = client.post(create_url(group), new_case_data(context=context))
    assert Case.objects.count() == 0
    assert "<mark>jan.peeters@voorbeeld.be</mark>" in response.content.decode()


def test_guard_ignores_link_targets_that_sanitising_removes(client, group, poster):
    """A `javascript:` link is dropped on save, so it is no reason to stop the post."""
    client.force_login(poster)
    context = "<p><a href=\"javascript:alert('jan@voorbeeld.be')\">klik</a> Woont in de stad.</p>"
    client.post(create_url(group), new_case_data(context=context))
    assert Case.objects.count() == 1


def test_guard_reads_attachment_file_names(client, group, poster):
    """A document named after the young person holds the case back and shows the name."""
    client.force_login(poster)
    upload = SimpleUploadedFile("verslag_Emma.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client.post(create_url(group), {**new_case_data(), "documents": [upload]})
    assert Case.objects.count() == 0
    assert "<mark>Emma</mark>" in response.content.decode()


def test_guard_checks_the_closing_note(client, case, poster):
    """'Wat neem ik mee' with a phone number is held back before the case closes."""
    client.force_login(poster)
    client.post(reverse("intervision:case_mark_discussed", kwargs={"pk": case.pk}))
    response = client.post(
        reverse("intervision:case_close", kwargs={"pk": case.pk}),
        {"takeaway": "Bel de mama op 0470 12 34 56 voor de opvolging."},
    )
    case.refresh_from_db()
    assert case.status == Case.Status.DISCUSSED
    assert "<mark>0470 12 34 56</mark>" in response.content.decode()


def test_guard_checks_the_moderation_reason(client, case, colleague, group_facilitator):
    """A facilitator's reason for hiding a reply, read by the whole group, is guarded too."""
    contribution = Contribution.objects.create(
        case=case, group=case.group, author=colleague, body="Ongepaste opmerking"
    )
    client.force_login(group_facilitator)
    url = reverse("intervision:contribution_moderate", kwargs={"pk": contribution.pk})
    response = client.post(url, {"reason": "Noemt het adres Kerkstraat 12 van het gezin"})
    contribution.refresh_from_db()
    assert not contribution.is_hidden
    assert "<mark>Kerkstraat 12</mark>" in response.content.decode()


def test_a_real_national_number_cannot_be_confirmed(client, group, poster):
    """A national register number whose check digits are right is never saved, ticked or not."""
    client.force_login(poster)
    first = client.post(create_url(group), new_case_data(context=RRN_CONTEXT))
    content = first.content.decode()
    assert "echt nummer, haal het weg" in content
    assert "Dit is gepseudonimiseerd" not in content
    fingerprint = first.context["form"].data["guard_fingerprint"]
    response = client.post(
        create_url(group),
        new_case_data(
            context=RRN_CONTEXT, confirm_pseudonymised="on", guard_fingerprint=fingerprint
        ),
    )
    assert Case.objects.count() == 0
    assert "Haal het weg" in response.content.decode()
    assert "Rijksregisternummer 85.07.30-033.28, woont Kerkstraat 12." in response.content.decode()


def test_a_real_bank_account_cannot_be_confirmed(client, group, poster):
    """A Belgian IBAN with valid check digits is held back even when the box is ticked."""
    client.force_login(poster)
    context = "<p>Moeder betaalt via BE68 5390 0754 7034.</p>"
    first = client.post(create_url(group), new_case_data(context=context))
    fingerprint = first.context["form"].data["guard_fingerprint"]
    client.post(
        create_url(group),
        new_case_data(context=context, confirm_pseudonymised="on", guard_fingerprint=fingerprint),
    )
    assert Case.objects.count() == 0


def test_a_number_with_wrong_check_digits_can_be_confirmed(client, group, poster):
    """An invented national number (its check digits wrong) is asked about and may be confirmed."""
    client.force_login(poster)
    context = "<p>Dossiernummer 85.07.30-033.29 (verzonnen).</p>"
    first = client.post(create_url(group), new_case_data(context=context))
    assert "Dit is gepseudonimiseerd" in first.content.decode()
    fingerprint = first.context["form"].data["guard_fingerprint"]
    client.post(
        create_url(group),
        new_case_data(context=context, confirm_pseudonymised="on", guard_fingerprint=fingerprint),
    )
    assert Case.objects.count() == 1
