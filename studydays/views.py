"""Front-end views of the study days outside the page tree: the personal link, the feed."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cano.confirm import request_confirmed
from cano.ical import calendar_ics

from .forms import WorkshopChangeForm
from .links import LinkInvalid, registration_from_token
from .models import Registration
from .selectors import (
    registration_waiting_for,
    study_day_availability,
    study_day_calendar_event,
    study_days_in_feed,
)
from .services import (
    RegistrationError,
    registration_cancel,
    registration_change_workshops,
    registration_erase_personal_data,
)


def _registration_of_link(token: str) -> Registration:
    """The registration a personal link points to, as long as its personal data are kept."""
    registration = registration_from_token(token)
    if registration.personal_data_erased:
        raise LinkInvalid
    return registration


def _link_invalid_response(request, error: LinkInvalid):
    return TemplateResponse(
        request, "studydays/link_invalid.html", {"message": error.message}, status=400
    )


def _can_change(registration: Registration) -> bool:
    return registration.is_active and registration.study_day.date >= timezone.localdate()


def _workshop_form(registration, data=None):
    availability = study_day_availability(study_day=registration.study_day)
    current = {choice.slot_id: choice.workshop_id for choice in registration.workshop_choices.all()}
    return WorkshopChangeForm(data, availability=availability, current=current)


@never_cache
@require_http_methods(["GET", "POST"])
def registration_manage_view(request, token: str):
    """What a registrant reaches through their personal link: view and change; cancelling and
    erasing ask first, each on a page of its own."""
    try:
        registration = _registration_of_link(token)
    except LinkInvalid as error:
        return _link_invalid_response(request, error)
    study_day = registration.study_day
    workshop_form = _workshop_form(registration)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "workshops":
                workshop_form = _workshop_form(registration, request.POST)
                if workshop_form.is_valid():
                    registration_change_workshops(
                        registration=registration, workshop_ids=workshop_form.workshop_ids()
                    )
                    messages.success(request, _("Je workshopkeuze is aangepast."))
                    return redirect(request.path)
                status = 400
            else:
                messages.error(request, _("Onbekende actie."))
                status = 400
        except RegistrationError as error:
            if action == "workshops":
                workshop_form.add_error(None, error.message)
            else:
                messages.error(request, error.message)
            status = 400
    registration.refresh_from_db()
    return TemplateResponse(
        request,
        "studydays/registration_manage.html",
        {
            "registration": registration,
            "study_day": study_day,
            "workshop_form": workshop_form if workshop_form.slot_fields else None,
            "choices": registration.workshop_choices.select_related("workshop").order_by(
                "workshop__sort_order"
            ),
            "can_change": _can_change(registration),
            "cancel_url": reverse("studydays:registration_cancel", args=[token]),
            "erase_url": reverse("studydays:registration_erase", args=[token]),
            "waiting_for": (
                registration_waiting_for(registration=registration)
                if registration.status == Registration.Status.WAITING
                else None
            ),
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def registration_cancel_view(request, token: str):
    """Asks the registrant to confirm before cancelling; only the confirmation form's POST cancels."""
    try:
        registration = _registration_of_link(token)
    except LinkInvalid as error:
        return _link_invalid_response(request, error)
    manage_url = reverse("studydays:registration", args=[token])
    if not _can_change(registration):
        # Already cancelled or the day is over: the personal page says which.
        return redirect(manage_url)
    if request_confirmed(request):
        try:
            registration_cancel(registration=registration)
        except RegistrationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Je inschrijving is geannuleerd."))
        return redirect(manage_url)
    return TemplateResponse(
        request,
        "studydays/registration_cancel.html",
        {
            "registration": registration,
            "study_day": registration.study_day,
            "manage_url": manage_url,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def registration_erase_view(request, token: str):
    """Asks the registrant to confirm before erasing their data; only the confirmation erases.

    Open before and after the day and after cancelling: the data are theirs to erase.
    """
    try:
        registration = _registration_of_link(token)
    except LinkInvalid as error:
        return _link_invalid_response(request, error)
    study_day = registration.study_day
    if request_confirmed(request):
        registration_erase_personal_data(registration=registration)
        return TemplateResponse(request, "studydays/erased.html", {"study_day": study_day})
    return TemplateResponse(
        request,
        "studydays/registration_erase.html",
        {
            "registration": registration,
            "study_day": study_day,
            "manage_url": reverse("studydays:registration", args=[token]),
        },
    )


def calendar_feed_view(request):
    events = [study_day_calendar_event(study_day) for study_day in study_days_in_feed()]
    body = calendar_ics(
        events, name=_("CANO Vlaanderen: studiedagen"), base_url=request.build_absolute_uri("/")
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="studiedagen.ics"'
    return response
