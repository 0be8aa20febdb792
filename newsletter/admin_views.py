"""The editor's sending screen: preview as e-mail, a test to themselves, then to everyone."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from cano.accounts.selectors import user_is_editor
from cano.confirm import request_confirmed

from . import services
from .emails import issue_email_render
from .models import IssueSending, NewsletterIssuePage, Subscriber

# The editor's decisions about messages in doubt: the service and what the editor is told.
DOUBT_DECISIONS = {
    "doubt_resend": (
        services.deliveries_doubtful_resend,
        ngettext_lazy(
            "%(count)s onzeker bericht wordt opnieuw verzonden.",
            "%(count)s onzekere berichten worden opnieuw verzonden.",
            "count",
        ),
    ),
    "doubt_mark_sent": (
        services.deliveries_doubtful_mark_sent,
        ngettext_lazy(
            "%(count)s onzeker bericht geldt nu als verzonden.",
            "%(count)s onzekere berichten gelden nu als verzonden.",
            "count",
        ),
    ),
}


def issue_send_view(request, page_id):
    if not user_is_editor(request.user):
        raise PermissionDenied
    issue = get_object_or_404(NewsletterIssuePage, pk=page_id)
    preview = request.GET.get("voorbeeld")
    if preview in ("html", "tekst"):
        rendered = issue_email_render(issue=issue, preview=True)
        if preview == "html":
            return HttpResponse(rendered.html)
        return HttpResponse(rendered.text, content_type="text/plain; charset=utf-8")

    sending = IssueSending.objects.filter(issue=issue).first()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "test":
                services.issue_send_test(issue=issue, user=request.user)
                messages.success(
                    request, _("Testmail verzonden naar %(email)s.") % {"email": request.user.email}
                )
            elif action == "resume" and sending is not None:
                services.issue_send_resume(sending=sending, user=request.user)
                messages.success(request, _("De verzending is hervat."))
            elif action in DOUBT_DECISIONS and sending is not None:
                decide, done = DOUBT_DECISIONS[action]
                count = decide(sending=sending, user=request.user)
                messages.success(request, done % {"count": count})
        except services.SendingError as error:
            messages.error(request, str(error.args[0]))
        return redirect("newsletter_issue_send", page_id=issue.pk)

    context = {
        "issue": issue,
        "sending": sending,
        "progress": services.sending_progress(sending=sending) if sending else None,
        "confirmed_count": Subscriber.objects.confirmed().count(),
        "page_title": _("Verzenden: %(title)s") % {"title": issue.title},
    }
    return TemplateResponse(request, "newsletter/admin/issue_send.html", context)


def issue_send_confirm_view(request, page_id):
    """Says how many subscribers will get the issue; only the confirmation form's POST sends it."""
    if not user_is_editor(request.user):
        raise PermissionDenied
    issue = get_object_or_404(NewsletterIssuePage, pk=page_id)
    if request_confirmed(request):
        try:
            services.issue_send_start(issue=issue, user=request.user)
        except services.SendingError as error:
            messages.error(request, str(error.args[0]))
        else:
            messages.success(request, _("De verzending is gestart."))
        return redirect("newsletter_issue_send", page_id=issue.pk)
    if not issue.live or IssueSending.objects.filter(issue=issue).exists():
        # Nothing to confirm: the sending screen says why (not published, or its progress).
        return redirect("newsletter_issue_send", page_id=issue.pk)
    context = {
        "issue": issue,
        "confirmed_count": Subscriber.objects.confirmed().count(),
        "page_title": _("Verzenden bevestigen: %(title)s") % {"title": issue.title},
    }
    return TemplateResponse(request, "newsletter/admin/issue_send_confirm.html", context)
