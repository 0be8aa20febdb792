"""Front-end forms of intervision; every free-text form runs the pseudonymisation guard."""

import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from cano.richtext import RichTextField, RichTextWidget

from . import selectors
from .guard import (
    find_identifying,
    findings_fingerprint,
    findings_unconfirmable,
    guard_text_of_html,
)
from .models import Case, Meeting, Method, MethodPhase, NotificationFrequency

DOCUMENT_EXTENSIONS = {"pdf", "doc", "docx", "odt", "txt", "xls", "xlsx", "ods", "jpg", "png"}


class GuardedForm(forms.Form):
    """Checks the text fields for identifying data before anything is saved.

    When the guard finds fragments, the form is invalid and shows them; the member changes the
    text, or ticks "Dit is gepseudonimiseerd". The confirmation covers exactly the fragments
    shown: if the text then gains new ones, the member is asked again.
    """

    guarded_fields: tuple[str, ...] = ()
    # Rich-text fields (sanitised HTML): the guard reads their text and where their links point
    # (a `mailto:` address).
    rich_fields: tuple[str, ...] = ()

    confirm_pseudonymised = forms.BooleanField(
        label=_("Dit is gepseudonimiseerd"),
        required=False,
        help_text=_(
            "Vink aan als de gemarkeerde stukken niemand identificeren (bv. verzonnen namen)."
        ),
    )
    guard_fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = self.data.copy()
        self.guard_findings = []

    @property
    def guard_blocking(self) -> list:
        """The findings no confirmation lets through (real identifiers, see the guard)."""
        return findings_unconfirmable(self.guard_findings)

    def guarded_text(self, cleaned_data) -> str:
        parts = []
        for name in self.guarded_fields:
            value = cleaned_data.get(name) or ""
            # The field's value is what will be saved: links that sanitising drops never leave.
            parts.append(guard_text_of_html(value) if name in self.rich_fields else value)
        return "\n".join(parts)

    def clean(self):
        cleaned_data = super().clean()
        findings = find_identifying(self.guarded_text(cleaned_data))
        self.guard_findings = findings
        if not findings:
            return cleaned_data
        fingerprint = findings_fingerprint(findings)
        # Shown again with the text as typed; the confirmation must match these fragments.
        self.data[self.add_prefix("guard_fingerprint")] = fingerprint
        if self.guard_blocking:
            self.data.pop(self.add_prefix("confirm_pseudonymised"), None)
            raise ValidationError(
                _(
                    "Deze tekst bevat een echt rijksregister- of rekeningnummer (de controlecijfers "
                    "kloppen). Haal het weg: zo'n nummer kan je niet als gepseudonimiseerd bevestigen."
                ),
                code="identifying_real",
            )
        confirmed = cleaned_data.get("confirm_pseudonymised") and (
            cleaned_data.get("guard_fingerprint") == fingerprint
        )
        if confirmed:
            return cleaned_data
        if cleaned_data.get("guard_fingerprint") != fingerprint:
            self.data.pop(self.add_prefix("confirm_pseudonymised"), None)
        raise ValidationError(
            _(
                "Deze tekst lijkt gegevens te bevatten die iemand kunnen identificeren. "
                "Pas ze aan, of bevestig dat de tekst gepseudonimiseerd is."
            ),
            code="identifying",
        )


class SubmissionTokenMixin(forms.Form):
    """A token per opened form, so a double submit does not post twice.

    A post without a usable token (a crafted or mangled one) gets a fresh token, so the form that
    comes back carries one: a hidden field's error would be shown nowhere.
    """

    submission_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_token", uuid.uuid4())
            return
        key = self.add_prefix("submission_token")
        try:
            uuid.UUID(str(self.data.get(key, "")))
        except ValueError:
            self.data = self.data.copy()
            self.data[key] = str(uuid.uuid4())

    @property
    def submission_token_value(self) -> uuid.UUID:
        """This form's token, whether it was opened (initial) or posted (data)."""
        if self.is_bound:
            return uuid.UUID(str(self.data[self.add_prefix("submission_token")]))
        return self.initial["submission_token"]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def file_name_for_guard(name: str) -> str:
    """A file name as the guard should read it: `verslag_Emma_Peeters.pdf` holds two words."""
    return Path(name).stem.replace("_", " ").replace("+", " ")


class CaseForm(SubmissionTokenMixin, GuardedForm):
    """A case with its documents. The guard reads the documents' file names too.

    Documents chosen on a form that comes back are kept as pending uploads (see the view); the
    form then lists them, and they are attached when the case is posted unless ticked off.
    """

    guarded_fields = ("title", "question", "context")
    rich_fields = ("context",)

    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        help_text=_("Kort en zonder namen, bv. “Jongere weigert elk contact met de school”."),
    )
    question = forms.CharField(
        label=_("Intervisievraag"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat wil je van de groep leren of horen?"),
    )
    context = RichTextField(
        label=_("Context"),
        max_length=20000,
        required=False,
        widget=RichTextWidget(attrs={"rows": 10}),
        help_text=_("Gebruik verzonnen namen."),
    )
    method = forms.ModelChoiceField(label=_("Methode"), queryset=None, required=False)
    meeting = forms.ModelChoiceField(label=_("Bijeenkomst"), queryset=None, required=False)
    documents = MultipleFileField(
        label=_("Documenten"),
        required=False,
        help_text=_("Optioneel: pdf, Word, OpenDocument, Excel, tekst of afbeelding (max. 10 MB)."),
    )
    drop_uploads = forms.ModelMultipleChoiceField(
        label=_("Documenten die je al koos"),
        queryset=None,
        required=False,
        widget=forms.MultipleHiddenInput,
        help_text=_(
            "Deze documenten zijn bewaard en worden bij de casus gevoegd. "
            "Vink aan wat je toch niet wil toevoegen."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    field_order = [
        "title",
        "question",
        "context",
        "method",
        "meeting",
        "documents",
        "drop_uploads",
        "confirm_pseudonymised",
    ]

    def __init__(self, *args, group, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.user = user
        # The new documents of this post that passed the checks: kept if the form comes back.
        self.acceptable_documents = []
        self.fields["method"].queryset = Method.objects.all()
        self.fields["method"].empty_label = _("Standaardmethode van de groep")
        self.fields["meeting"].queryset = Meeting.objects.filter(group=group).order_by("date")
        self.fields["meeting"].empty_label = _("Nog niet gepland")
        self.fields["drop_uploads"].queryset = self.pending_uploads()
        self.show_kept_uploads()

    def pending_uploads(self):
        return selectors.pending_uploads_for(
            user=self.user, submission_token=self.submission_token_value
        )

    def show_kept_uploads(self) -> None:
        """List the kept documents (with a tick box each) once there are any."""
        field = self.fields["drop_uploads"]
        field.widget = (
            forms.CheckboxSelectMultiple()
            if field.queryset.exists()
            else forms.MultipleHiddenInput()
        )
        field.widget.choices = field.choices

    def clean_documents(self):
        documents = self.cleaned_data.get("documents") or []
        max_size = getattr(settings, "INTERVISION_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
        if len(documents) > 5:
            raise ValidationError(_("Voeg maximaal vijf documenten toe; kies ze opnieuw."))
        refused = []
        for document in documents:
            extension = Path(document.name).suffix.lstrip(".").lower()
            if extension not in DOCUMENT_EXTENSIONS:
                refused.append(
                    _("“%(name)s” heeft een bestandstype dat niet toegelaten is.")
                    % {"name": document.name}
                )
            elif document.size > max_size:
                refused.append(_("“%(name)s” is groter dan 10 MB.") % {"name": document.name})
            else:
                self.acceptable_documents.append(document)
        if refused:
            raise ValidationError(refused)
        return documents

    def kept_uploads(self, cleaned_data) -> list:
        dropped = {upload.pk for upload in cleaned_data.get("drop_uploads") or ()}
        return [upload for upload in self.pending_uploads() if upload.pk not in dropped]

    def clean(self):
        kept = self.kept_uploads(self.cleaned_data)
        self.cleaned_data["kept_uploads"] = kept
        if len(self.acceptable_documents) + len(kept) > 5:
            self.add_error("documents", _("Een casus heeft hoogstens vijf documenten."))
        return super().clean()

    def guarded_text(self, cleaned_data) -> str:
        names = [document.name for document in self.acceptable_documents]
        names += [upload.name for upload in cleaned_data.get("kept_uploads", ())]
        return "\n".join(
            [super().guarded_text(cleaned_data), *(file_name_for_guard(n) for n in names)]
        )

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise ValidationError(_("Geef de casus een titel."))
        return title

    def clean_question(self):
        question = self.cleaned_data["question"].strip()
        if not question:
            raise ValidationError(_("Wat is je intervisievraag?"))
        return question


class ContributionForm(SubmissionTokenMixin, GuardedForm):
    guarded_fields = ("body",)
    rich_fields = ("body",)

    phase = forms.ModelChoiceField(
        label=_("Fase"),
        queryset=MethodPhase.objects.none(),
        error_messages={
            "required": _("Kies de fase waarin je bijdrage hoort."),
            "invalid_choice": _("Deze fase hoort niet bij de methode van deze casus."),
        },
    )
    body = RichTextField(
        label=_("Je bijdrage"),
        max_length=10000,
        widget=RichTextWidget(attrs={"rows": 5}),
        error_messages={"required": _("Je bijdrage is leeg.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    field_order = ["phase", "body", "confirm_pseudonymised"]

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        if case.method_id:
            self.fields["phase"].queryset = case.method.phases.filter(accepts_contributions=True)
        else:
            self.fields["phase"].required = False
            self.fields["phase"].widget = forms.HiddenInput()
        self.fields["phase"].empty_label = _("Kies een fase")


class CaseCloseForm(GuardedForm):
    guarded_fields = ("takeaway", "lesson_title", "lesson_body")
    rich_fields = ("takeaway",)

    takeaway = RichTextField(
        label=_("Wat neem ik mee"),
        max_length=5000,
        widget=RichTextWidget(attrs={"rows": 4}),
        error_messages={"required": _("Schrijf op wat je meeneemt.")},
    )
    publish_lesson = forms.BooleanField(
        label=_("Publiceer een geanonimiseerde geleerde les voor alle medewerkers"),
        required=False,
    )
    lesson_title = forms.CharField(label=_("Titel van de les"), max_length=200, required=False)
    lesson_body = forms.CharField(
        label=_("Geleerde les"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Schrijf de les los van de casus: geen details over de jongere, het gezin of de dienst."
        ),
    )

    field_order = [
        "takeaway",
        "publish_lesson",
        "lesson_title",
        "lesson_body",
        "confirm_pseudonymised",
    ]

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("publish_lesson"):
            if not (cleaned_data.get("lesson_title") or "").strip():
                self.add_error("lesson_title", _("Geef de les een titel."))
            if not (cleaned_data.get("lesson_body") or "").strip():
                self.add_error("lesson_body", _("Schrijf de les uit."))
        return cleaned_data


class HideContributionForm(GuardedForm):
    """The reason is shown to the whole group beside the reply, so the guard reads it too."""

    guarded_fields = ("reason",)

    reason = forms.CharField(
        label=_("Reden"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Geef een reden op."))
        return reason


class NotificationPreferenceForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("E-mails over intervisie"),
        choices=NotificationFrequency.choices,
        widget=forms.RadioSelect,
    )


class LessonAdminForm(WagtailAdminModelForm):
    """An editor who changes a lesson learned in the admin meets the guard its author met.

    The lesson is read by all staff. The admin shows the fragments in the error; the editor
    changes them or ticks the confirmation.
    """

    confirm_pseudonymised = forms.BooleanField(
        label=_("Dit is gepseudonimiseerd"),
        required=False,
        help_text=_("Vink aan als de gemelde stukken niemand identificeren (bv. verzonnen namen)."),
    )

    def clean(self):
        cleaned_data = super().clean()
        text = "\n".join(cleaned_data.get(name) or "" for name in ("title", "body"))
        findings = find_identifying(text)
        blocking = findings_unconfirmable(findings)
        if blocking:
            fragments = ", ".join(f"“{f.fragment}” ({f.label})" for f in blocking)
            raise ValidationError(
                _(
                    "Deze les bevat een echt rijksregister- of rekeningnummer (de controlecijfers "
                    "kloppen): %(fragments)s. Haal het weg: zo'n nummer kan je niet als "
                    "gepseudonimiseerd bevestigen."
                )
                % {"fragments": fragments},
                code="identifying_real",
            )
        if findings and not cleaned_data.get("confirm_pseudonymised"):
            fragments = ", ".join(f"“{f.fragment}” ({f.label})" for f in findings)
            raise ValidationError(
                _(
                    "Deze les lijkt gegevens te bevatten die iemand kunnen identificeren: "
                    "%(fragments)s. Pas ze aan, of bevestig dat de tekst gepseudonimiseerd is."
                )
                % {"fragments": fragments},
                code="identifying",
            )
        return cleaned_data
