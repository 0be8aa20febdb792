import re
from pathlib import Path

from PIL import Image

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from cano.richtext import RichTextField, rich_text_submitted

BODY_MAX_LENGTH = 5000
HOSTILE_PATTERN = re.compile(
    r"<\s*/?\s*(script|style|iframe|object|embed|form|svg|math|img|link|meta)\b"
    r"|\son[a-z]+\s*="
    r"|javascript\s*:",
    re.IGNORECASE,
)

# Extension -> how the first bytes must look. Office files are zip (OOXML, ODF) or OLE2 (97-2003).
PDF, ZIP, OLE2 = b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DOCUMENT_SIGNATURES = {
    "pdf": PDF,
    "doc": OLE2,
    "xls": OLE2,
    "ppt": OLE2,
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "odt": ZIP,
    "ods": ZIP,
    "odp": ZIP,
}
IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}
ALLOWED_EXTENSIONS = sorted([*DOCUMENT_SIGNATURES, *IMAGE_FORMATS])


def upload_max_bytes() -> int:
    return getattr(settings, "WORKGROUPS_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)


def validate_attachment(upload) -> None:
    """PDF, Office documents and images only, up to the size limit, and what they claim to be."""
    extension = Path(upload.name).suffix.lower().lstrip(".")
    if extension not in ALLOWED_EXTENSIONS:
        raise forms.ValidationError(
            _(
                "Dit bestandstype kan niet als bijlage. Toegestaan zijn PDF, Word, Excel, "
                "PowerPoint, OpenDocument en afbeeldingen (JPG, PNG, GIF, WebP)."
            ),
            code="file_type",
        )
    if upload.size > upload_max_bytes():
        raise forms.ValidationError(
            _("Dit bestand is %(size)s; een bijlage mag maximaal %(max)s zijn.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(upload_max_bytes())},
            code="file_size",
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if extension in DOCUMENT_SIGNATURES:
        valid = head.startswith(DOCUMENT_SIGNATURES[extension])
    else:
        try:
            with Image.open(upload) as image:
                valid = image.format == IMAGE_FORMATS[extension]
                image.verify()
        except Exception:
            valid = False
        upload.seek(0)
    if not valid:
        raise forms.ValidationError(
            _("Dit bestand is geen geldig %(type)s-bestand. Kies een ander bestand.")
            % {"type": extension.upper()},
            code="file_content",
        )


class WorkgroupUpdateForm(forms.Form):
    body = RichTextField(
        label=_("Je update"),
        max_length=BODY_MAX_LENGTH,
        error_messages={
            "required": _("Je update is leeg. Schrijf eerst een bericht."),
            "max_length": _(
                "Je update is te lang: maximaal %(limit_value)d tekens, je schreef er %(show_value)d."
            ),
        },
    )
    link = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": _("Dit is geen geldige link. Begin met https://.")},
    )
    attachment = forms.FileField(
        label=_("Bijlage"),
        required=False,
        help_text=_("PDF, Office-document of afbeelding, maximaal 10 MB."),
        error_messages={
            "invalid": _("Er ging iets mis met het bestand. Probeer het opnieuw."),
            "empty": _("Dit bestand is leeg."),
        },
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{extension}" for extension in ALLOWED_EXTENSIONS)}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.hostile_markup_removed = False
        self.fields["attachment"].help_text = _(
            "PDF, Office-document of afbeelding, maximaal %(max)s."
        ) % {"max": filesizeformat(upload_max_bytes())}

    def clean_body(self):
        # Typed without the editor, markup is shown as text; from the editor, it is sanitised.
        name = self.add_prefix("body")
        self.hostile_markup_removed = rich_text_submitted(self.data, name) and bool(
            HOSTILE_PATTERN.search(self.data.get(name, ""))
        )
        return self.cleaned_data["body"]

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            validate_attachment(upload)
        return upload or None


class WorkgroupUpdateEditForm(WorkgroupUpdateForm):
    remove_attachment = forms.BooleanField(label=_("Bijlage verwijderen"), required=False)
