import math

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache

from cano.hooks import account_sections

from .forms import CanoPasswordChangeForm, CanoPasswordResetForm, LoginForm


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    form_class = CanoPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@never_cache
@login_required
def account_view(request):
    """'Mijn account': who the member is, and each app's own block (registrations, groups, e-mails)."""
    user = request.user
    return TemplateResponse(
        request,
        "accounts/account.html",
        {"account_user": user, "sections": account_sections(user=user)},
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = CanoPasswordChangeForm
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


def login_locked_out_view(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login (front end and admin): a Dutch page, 429."""
    minutes = max(1, math.ceil(settings.LOGIN_FAILURE_WINDOW / 60))
    return TemplateResponse(
        request, "accounts/login_locked.html", {"minutes": minutes}, status=429
    ).render()
