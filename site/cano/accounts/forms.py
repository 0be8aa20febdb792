from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from .services import login_failure_record, login_failures_clear, login_is_locked


def client_ip(request) -> str:
    # Behind the production proxy REMOTE_ADDR is the proxy; gunicorn's --forwarded-allow-ips
    # rewrites it from X-Forwarded-For, so REMOTE_ADDR is right in both set-ups.
    return request.META.get("REMOTE_ADDR", "") if request else ""


class LoginForm(forms.Form):
    """E-mail and password, with a lock after repeated failures."""

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
        "locked": _(
            "Te veel mislukte pogingen. Wacht een kwartier en probeer dan opnieuw, "
            "of vraag een nieuw wachtwoord aan."
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
        ip = client_ip(self.request)
        if login_is_locked(email=email, ip=ip):
            raise forms.ValidationError(self.error_messages["locked"], code="locked")
        self.user_cache = authenticate(self.request, username=email, password=password)
        if self.user_cache is None or not self.user_cache.is_active:
            login_failure_record(email=email, ip=ip)
            raise forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")
        login_failures_clear(email=email)
        return self.cleaned_data

    def get_user(self):
        return self.user_cache


class CanoPasswordResetForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
