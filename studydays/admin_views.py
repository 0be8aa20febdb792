"""The organisers' views in the Wagtail admin: registrations, waiting list, exports, check-in."""

import csv
import io

from openpyxl import Workbook

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cano.confirm import request_confirmed
from cano.converters import parse_id

from .forms import RegistrantsMessageForm
from .models import Registration, StudyDayPage, Workshop
from .selectors import (
    registrations_for_organisers,
    study_day_alternation,
    study_day_availability,
    study_days_for_organisers,
)
from .services import (
    RegistrationError,
    registrants_message,
    registration_cancel_by_editor,
    registration_mark_paid,
    registration_promote,
)

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: neutralise them."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def index_view(request):
    study_days = study_days_for_organisers(user=request.user)
    rows = [(day, study_day_availability(study_day=day)) for day in study_days]
    return TemplateResponse(request, "studydays/admin/index.html", {"rows": rows})


def _filtered(request, study_day):
    raw_workshop = request.GET.get("workshop", "").strip()
    workshop_id = parse_id(raw_workshop)
    registrations = registrations_for_organisers(
        user=request.user,
        study_day=study_day,
        query=request.GET.get("q", ""),
        status=request.GET.get("status", ""),
        workshop_id=workshop_id,
        paid=request.GET.get("paid", ""),
    )
    if workshop_id is None and raw_workshop.isdigit():
        # A number no workshop can have: nobody chose it.
        return registrations.none()
    return registrations


def registrations_view(request, page_id: int):
    study_day = get_object_or_404(StudyDayPage, pk=page_id)
    registrations = _filtered(request, study_day)
    return TemplateResponse(
        request,
        "studydays/admin/registrations.html",
        {
            "study_day": study_day,
            "registrations": registrations,
            "availability": study_day_availability(study_day=study_day),
            "alternation": study_day_alternation(study_day=study_day),
            "statuses": Registration.Status.choices,
            "workshops": Workshop.objects.filter(study_day=study_day, is_active=True),
            "filters": {
                "q": request.GET.get("q", "")[:200],
                "status": request.GET.get("status", ""),
                "workshop": request.GET.get("workshop", ""),
                "paid": request.GET.get("paid", ""),
            },
            "querystring": request.GET.urlencode(),
        },
    )


def _registration_of_day(request, page_id: int, registration_id: int):
    study_day = get_object_or_404(StudyDayPage, pk=page_id)
    # The selector is the permission check: only editors get registrations from it.
    registration = get_object_or_404(
        registrations_for_organisers(user=request.user, study_day=study_day), pk=registration_id
    )
    return study_day, registration


@require_POST
def registration_action_view(request, page_id: int, registration_id: int):
    """Promote, or mark paid: changes an organiser can make undone. Cancelling asks first."""
    study_day, registration = _registration_of_day(request, page_id, registration_id)
    action = request.POST.get("action")
    try:
        if action == "promote":
            registration_promote(user=request.user, registration=registration)
            messages.success(
                request, _("%(name)s is ingeschreven.") % {"name": registration.full_name}
            )
        elif action in {"paid", "unpaid"}:
            registration_mark_paid(
                user=request.user, registration=registration, paid=action == "paid"
            )
            messages.success(request, _("Betaling aangepast."))
        else:
            messages.error(request, _("Onbekende actie."))
    except RegistrationError as error:
        messages.error(request, error.message)
    return redirect("studydays_admin:registrations", page_id=study_day.pk)


def registration_cancel_view(request, page_id: int, registration_id: int):
    """Says whose registration is cancelled and what follows; only the confirmation cancels."""
    study_day, registration = _registration_of_day(request, page_id, registration_id)
    listing_url = reverse("studydays_admin:registrations", args=[study_day.pk])
    if not registration.is_active:
        messages.error(request, _("Deze inschrijving is al geannuleerd."))
        return redirect(listing_url)
    if request_confirmed(request):
        try:
            promoted = registration_cancel_by_editor(user=request.user, registration=registration)
        except RegistrationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "Inschrijving van %(name)s geannuleerd; %(count)s persoon van de wachtlijst gehaald.",
                    "Inschrijving van %(name)s geannuleerd; %(count)s personen van de wachtlijst gehaald.",
                    len(promoted),
                )
                % {"name": registration.full_name, "count": len(promoted)},
            )
        return redirect(listing_url)
    return TemplateResponse(
        request,
        "studydays/admin/registration_cancel.html",
        {"study_day": study_day, "registration": registration, "listing_url": listing_url},
    )


EXPORT_HEADER = [
    "Status",
    "Voornaam",
    "Familienaam",
    "E-mailadres",
    "Organisatie",
    "Workshops",
    "Antwoorden",
    "Betaald",
    "Ingeschreven op",
]


def _export_rows(registrations):
    for registration in registrations:
        workshops = "; ".join(c.workshop.title for c in registration.workshop_choices.all())
        answers = "; ".join(
            f"{item.get('label', '')}: {item.get('answer', '')}"
            for item in registration.answers.values()
            if isinstance(item, dict)
        )
        yield [
            safe_cell(value)
            for value in (
                registration.get_status_display(),
                registration.first_name,
                registration.last_name,
                registration.email,
                registration.organisation,
                workshops,
                answers,
                _("ja") if registration.paid else _("nee"),
                timezone.localtime(registration.created_at).strftime("%d/%m/%Y %H:%M"),
            )
        ]


def export_view(request, page_id: int, file_format: str):
    study_day = get_object_or_404(StudyDayPage, pk=page_id)
    registrations = _filtered(request, study_day)
    filename = f"inschrijvingen-{study_day.slug}"
    if file_format == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Inschrijvingen"
        sheet.append(EXPORT_HEADER)
        for row in _export_rows(registrations):
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 only with a BOM
    writer = csv.writer(response, delimiter=";")
    writer.writerow(EXPORT_HEADER)
    writer.writerows(_export_rows(registrations))
    return response


def checkin_view(request, page_id: int):
    study_day = get_object_or_404(StudyDayPage, pk=page_id)
    registrations = registrations_for_organisers(
        user=request.user, study_day=study_day, status=Registration.Status.REGISTERED
    ).order_by("last_name", "first_name")
    return TemplateResponse(
        request,
        "studydays/admin/checkin.html",
        {"study_day": study_day, "registrations": registrations},
    )


def message_view(request, page_id: int):
    study_day = get_object_or_404(StudyDayPage, pk=page_id)
    # Refuses non-editors before showing the form.
    registrations_for_organisers(user=request.user, study_day=study_day)
    form = RegistrantsMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = registrants_message(
                user=request.user,
                study_day=study_day,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                include_waiting=form.cleaned_data["include_waiting"],
            )
        except RegistrationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "Bericht verstuurd naar %(count)s persoon.",
                    "Bericht verstuurd naar %(count)s personen.",
                    count,
                )
                % {"count": count},
            )
            return redirect("studydays_admin:registrations", page_id=study_day.pk)
    return TemplateResponse(
        request, "studydays/admin/message.html", {"study_day": study_day, "form": form}
    )
