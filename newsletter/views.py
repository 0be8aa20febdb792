from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cano.client_address import client_address
from cano.confirm import request_confirmed

from . import services, tokens
from .forms import SubscribeForm

TOKEN_MESSAGES = {
    "invalid": gettext_lazy(
        "Deze link is ongeldig. Kopieer de volledige link uit de e-mail of vraag een nieuwe aan."
    ),
    "expired": gettext_lazy(
        "Deze link is verlopen. Schrijf je opnieuw in om een nieuwe link te krijgen."
    ),
    "unknown": gettext_lazy("Deze link is niet meer geldig: de inschrijving bestaat niet (meer)."),
}


def _token_error(request, error: tokens.TokenError):
    return TemplateResponse(
        request,
        "newsletter/token_error.html",
        {"message": TOKEN_MESSAGES[error.reason]},
        status=400 if error.reason == "invalid" else 410,
    )


@require_http_methods(["GET", "POST"])
def subscribe_view(request):
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.is_bot:
            try:
                services.subscription_request(
                    email=form.cleaned_data["email"],
                    name=form.cleaned_data["name"],
                    ip=client_address(request),
                )
            except services.SubscriptionThrottled:
                form.add_error(
                    None,
                    _(
                        "Er kwamen te veel aanvragen van jouw netwerk. Probeer het over een uur opnieuw."
                    ),
                )
                return TemplateResponse(
                    request, "newsletter/subscribe.html", {"form": form}, status=429
                )
        return redirect("newsletter:subscribe_done")
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "newsletter/subscribe.html", {"form": form}, status=status)


def subscribe_done_view(request):
    return TemplateResponse(request, "newsletter/subscribe_done.html", {})


@require_http_methods(["GET", "POST"])
def confirm_view(request, token):
    """GET shows a button, POST confirms: link scanners in mailboxes only ever GET."""
    try:
        subscriber = tokens.token_read(token=token, purpose=tokens.CONFIRM)
    except tokens.TokenError as error:
        return _token_error(request, error)
    if request.method == "GET":
        return TemplateResponse(
            request, "newsletter/confirm.html", {"subscriber": subscriber, "token": token}
        )
    try:
        subscriber, newly = services.subscriber_confirm(token=token)
    except tokens.TokenError as error:
        return _token_error(request, error)
    return TemplateResponse(
        request, "newsletter/confirm_done.html", {"subscriber": subscriber, "newly": newly}
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token):
    """GET asks to confirm; POST unsubscribes. The POST is also RFC 8058's one-click endpoint,
    which mail providers call without cookies, hence no CSRF check: the signed token is the
    only authority, and nothing happens without a valid one."""
    try:
        subscriber = tokens.token_read(token=token, purpose=tokens.UNSUBSCRIBE)
    except tokens.TokenError as error:
        return _token_error(request, error)
    if request.method == "GET":
        return TemplateResponse(
            request, "newsletter/unsubscribe.html", {"subscriber": subscriber, "token": token}
        )
    try:
        services.subscriber_unsubscribe(token=token)
    except tokens.TokenError as error:
        return _token_error(request, error)
    return TemplateResponse(request, "newsletter/unsubscribe_done.html", {})


@require_http_methods(["GET"])
def data_view(request, token):
    """What is stored about a subscriber, with a link to delete it all (which asks first)."""
    try:
        subscriber = tokens.token_read(token=token, purpose=tokens.DATA)
    except tokens.TokenError as error:
        return _token_error(request, error)
    return TemplateResponse(
        request, "newsletter/data.html", {"subscriber": subscriber, "token": token}
    )


@require_http_methods(["GET", "POST"])
def data_delete_view(request, token):
    """Says what deleting removes; only the confirmation form's POST deletes."""
    try:
        subscriber = tokens.token_read(token=token, purpose=tokens.DATA)
    except tokens.TokenError as error:
        return _token_error(request, error)
    if request_confirmed(request):
        services.subscriber_delete(token=token)
        messages.success(
            request, _("Je gegevens zijn gewist. Je ontvangt de nieuwsbrief niet meer.")
        )
        return redirect("newsletter:subscribe")
    return TemplateResponse(
        request, "newsletter/data_delete.html", {"subscriber": subscriber, "token": token}
    )
