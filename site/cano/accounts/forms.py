from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _


class LoginForm(forms.Form):
    """E-mail and password; django-axes refuses (and answers for) a locked-out attempt."""

    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "Deze combinatie van e-mailadres en wachtwoord kennen we niet. "
            "Controleer beide en probeer opnieuw."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.user_cache = None
        super().__init__(*args, **kwargs)

    def clean(self):
        email = self.cleaned_data.get("email")
        password = self.cleaned_data.get("password")
        if not email or not password:
            return self.cleaned_data
        self.user_cache = authenticate(self.request, username=email, password=password)
        if self.user_cache is None or not self.user_cache.is_active:
            raise forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")
        return self.cleaned_data

    def get_user(self):
        return self.user_cache


class CanoPasswordResetForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class CanoPasswordChangeForm(PasswordChangeForm):
    """Django's password change, asking for the current password in the site's own words."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": _("Je huidige wachtwoord klopt niet. Probeer het opnieuw."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Huidig wachtwoord")
        self.fields["new_password1"].label = _("Nieuw wachtwoord")
        self.fields["new_password2"].label = _("Nieuw wachtwoord (nog eens)")
