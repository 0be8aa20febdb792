import re

from django import forms
from django.utils.translation import gettext_lazy as _

from cano.home.selectors import privacy_statement_help

from .services import CONSENT_TEXT

# Letters (any script), spaces and the punctuation found in names; nothing that could carry
# markup, links or header tricks.
NAME_PATTERN = re.compile(r"^[^\W\d_]+(?:[ '’.\-]+[^\W\d_]+)*\.?$")


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.be."),
            "max_length": _("Dit e-mailadres is te lang (hoogstens 254 tekens)."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "maxlength": 254}),
    )
    name = forms.CharField(
        label=_("Naam"),
        max_length=100,
        required=False,
        error_messages={"max_length": _("Je naam mag hoogstens 100 tekens lang zijn.")},
        widget=forms.TextInput(attrs={"autocomplete": "name", "maxlength": 100}),
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Vink aan dat je de nieuwsbrief wilt ontvangen.")},
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by bots.
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = privacy_statement_help()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_name(self):
        name = " ".join(self.cleaned_data.get("name", "").split())
        if name and not NAME_PATTERN.match(name):
            raise forms.ValidationError(
                _("Gebruik in je naam alleen letters, spaties, koppeltekens en apostrofs.")
            )
        return name

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
