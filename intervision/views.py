"""Front-end views of intervision. Every read goes through `selectors`, every write through
`services`; anything outside the member's groups is a 404."""

import functools
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cano.accounts.selectors import user_is_staff_member
from cano.files.serving import file_response
from cano.ical import calendar_download

from . import selectors, services
from .forms import (
    CaseCloseForm,
    CaseForm,
    ContributionForm,
    HideContributionForm,
    NotificationPreferenceForm,
)


def staff_required(view):
    """Anonymous visitors log in first; logged-in accounts outside staff get a 404."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user_is_staff_member(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return never_cache(wrapped)


def members_only(view):
    """For case URLs: anyone who is not in the group, logged in or not, gets the same 404."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not user_is_staff_member(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return never_cache(wrapped)


def _apply_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _save_edit(request, form, update, *, conflict, denied, denied_url, saved, saved_url):
    """Apply a valid edit form with ``update(cleaned_data)``: a redirect, or None to show it again.

    An edit saved meanwhile elsewhere (another tab) and validation errors go back into the form,
    so nothing typed is lost; an edit no longer allowed returns to ``denied_url``.
    """
    try:
        update(form.cleaned_data)
    except services.ConcurrentEditError:
        form.add_error(None, conflict)
    except ValidationError as error:
        _apply_errors(form, error)
    except PermissionDenied:
        messages.error(request, denied)
        return redirect(denied_url)
    else:
        messages.success(request, saved)
        return redirect(saved_url)
    return None


def _keep_uploads(request, form) -> None:
    """A case form that comes back keeps its new documents: a browser never fills a file field
    again, and the member should not have to choose them once more after the guard's question."""
    services.pending_uploads_store(
        owner=request.user,
        submission_token=form.submission_token_value,
        uploads=form.acceptable_documents,
    )
    form.show_kept_uploads()


@staff_required
def my_intervision_view(request):
    """'Mijn intervisie': the member's groups, their cases and the latest lessons learned."""
    user = request.user
    groups = list(selectors.group_overview_for_user(user))
    cases = (
        selectors.cases_visible_to(user)
        .select_related("group", "author")
        .order_by("status", "-created_at")[:30]
    )
    return TemplateResponse(
        request,
        "intervision/my_intervision.html",
        {
            "groups": groups,
            "cases": cases,
            "lessons": selectors.lessons_visible_to(user)[:5],
        },
    )


@staff_required
def notification_preference_view(request):
    """Saves the choice made on the account page, where every app's e-mail settings are."""
    settings_url = reverse("accounts:account") + "#intervisie-e-mails"
    if request.method != "POST":
        return redirect(settings_url)
    form = NotificationPreferenceForm(request.POST)
    if form.is_valid():
        services.notification_preference_set(
            user=request.user, frequency=form.cleaned_data["frequency"]
        )
        messages.success(request, _("Je voorkeur voor e-mails is bewaard."))
        return redirect(settings_url)
    messages.error(request, _("Kies een van de mogelijkheden."))
    return redirect(settings_url)


@members_only
def group_detail_view(request, slug):
    group = selectors.group_get_for_user(user=request.user, slug=slug)
    return TemplateResponse(
        request,
        "intervision/group_detail.html",
        {
            "group": group,
            "meetings": group.meetings.upcoming(),
            "cases": group.cases.select_related("author").order_by("status", "-created_at"),
            "is_facilitator": selectors.user_facilitates_group(user=request.user, group=group),
        },
    )


@members_only
def meeting_ics_view(request, slug, pk):
    """One meeting of the user's group as a calendar file ("Zet in je agenda")."""
    group = selectors.group_get_for_user(user=request.user, slug=slug)
    meeting = get_object_or_404(group.meetings.all(), pk=pk)
    return calendar_download(
        request, selectors.meeting_calendar_event(meeting), filename="intervisie.ics"
    )


@members_only
def case_create_view(request, slug):
    group = selectors.group_get_for_user(user=request.user, slug=slug)
    if request.method == "POST":
        form = CaseForm(request.POST, request.FILES, group=group, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                case = services.case_create(
                    group=group,
                    author=request.user,
                    title=data["title"],
                    question=data["question"],
                    context=data["context"],
                    method=data["method"],
                    meeting=data["meeting"],
                    documents=data["documents"],
                    kept_uploads=data["kept_uploads"],
                    submission_token=data["submission_token"],
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Je casus staat klaar voor de groep."))
                return redirect(case.get_absolute_url())
        _keep_uploads(request, form)
    else:
        form = CaseForm(group=group, user=request.user, initial={"method": group.default_method})
    return TemplateResponse(
        request, "intervision/case_form.html", {"form": form, "group": group, "case": None}
    )


@members_only
def case_detail_view(request, pk):
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    return _render_case(request, case, ContributionForm(case=case))


def _render_case(request, case, contribution_form, status=200):
    user = request.user
    return TemplateResponse(
        request,
        "intervision/case_detail.html",
        {
            "case": case,
            "group": case.group,
            "sections": selectors.case_discussion(user=user, case=case),
            "documents": case.documents.all(),
            "contribution_form": contribution_form,
            "can_edit": selectors.user_can_edit_case(user=user, case=case),
            "can_contribute": selectors.user_can_contribute(user=user, case=case),
            "can_mark_discussed": selectors.user_can_mark_discussed(user=user, case=case),
            "can_close": selectors.user_can_close_case(user=user, case=case),
            "is_facilitator": selectors.user_facilitates_group(user=user, group=case.group),
            "is_following": case.followers.filter(pk=user.pk).exists(),
            "lesson": getattr(case, "lesson", None),
            "erased_after": selectors.case_erased_after(case),
            "edit_window": selectors.contribution_edit_window(),
            "now_user": user,
        },
        status=status,
    )


@members_only
def case_edit_view(request, pk):
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    denied = _("Deze casus kan je niet meer bewerken.")
    if not selectors.user_can_edit_case(user=request.user, case=case):
        messages.error(request, denied)
        return redirect(case.get_absolute_url())
    if request.method == "POST":
        form = CaseForm(request.POST, request.FILES, group=case.group, user=request.user)
        if form.is_valid():

            def update(data):
                services.case_update(
                    case=case,
                    user=request.user,
                    expected_version=data["version"] or 0,
                    title=data["title"],
                    question=data["question"],
                    context=data["context"],
                    method=data["method"],
                    meeting=data["meeting"],
                    documents=data["documents"],
                    kept_uploads=data["kept_uploads"],
                    submission_token=data["submission_token"],
                )

            done = _save_edit(
                request,
                form,
                update,
                conflict=_(
                    "Iemand anders heeft deze casus intussen bewaard (bv. in een ander "
                    "tabblad). Je tekst is niet bewaard: kopieer hem, herlaad de casus en "
                    "voeg je wijzigingen opnieuw toe."
                ),
                denied=denied,
                denied_url=case.get_absolute_url(),
                saved=_("Je wijzigingen zijn bewaard."),
                saved_url=case.get_absolute_url(),
            )
            if done:
                return done
        _keep_uploads(request, form)
    else:
        form = CaseForm(
            group=case.group,
            user=request.user,
            initial={
                "title": case.title,
                "question": case.question,
                "context": case.context,
                "method": case.method,
                "meeting": case.meeting,
                "version": case.version,
            },
        )
    return TemplateResponse(
        request, "intervision/case_form.html", {"form": form, "group": case.group, "case": case}
    )


@members_only
def case_document_view(request, pk, document_pk):
    document = selectors.case_document_get_for_user(
        user=request.user, case_pk=pk, document_pk=document_pk
    )
    return file_response(request, document.file, filename=_document_download_name(document))


def _document_download_name(document) -> str:
    # The title, which the member chose, with the stored file's type so the download opens.
    suffix = Path(document.file.name).suffix
    title = document.title[:80] or "document"
    return title if title.lower().endswith(suffix) else f"{title}{suffix}"


@members_only
@require_POST
def case_mark_discussed_view(request, pk):
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    try:
        services.case_mark_discussed(case=case, user=request.user)
    except PermissionDenied:
        messages.error(request, _("Dit kan je voor deze casus niet doen."))
    else:
        messages.success(request, _("De casus is als besproken gemarkeerd."))
    return redirect(case.get_absolute_url())


@members_only
def case_close_view(request, pk):
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    if not selectors.user_can_close_case(user=request.user, case=case):
        messages.error(request, _("Deze casus kan je (nog) niet afsluiten."))
        return redirect(case.get_absolute_url())
    if request.method == "POST":
        form = CaseCloseForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            publish = data["publish_lesson"]
            try:
                services.case_close(
                    case=case,
                    user=request.user,
                    takeaway=data["takeaway"],
                    lesson_title=data["lesson_title"] if publish else "",
                    lesson_body=data["lesson_body"] if publish else "",
                )
            except ValidationError as error:
                _apply_errors(form, error)
            except PermissionDenied:
                messages.error(request, _("Deze casus kan je (nog) niet afsluiten."))
                return redirect(case.get_absolute_url())
            else:
                messages.success(request, _("De casus is afgesloten."))
                return redirect(case.get_absolute_url())
    else:
        form = CaseCloseForm()
    return TemplateResponse(request, "intervision/case_close.html", {"form": form, "case": case})


@members_only
@require_POST
def case_follow_view(request, pk):
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    follow = request.POST.get("follow") == "1"
    services.case_follow(case=case, user=request.user, follow=follow)
    messages.success(
        request,
        _("Je volgt deze casus.") if follow else _("Je volgt deze casus niet meer."),
    )
    return redirect(case.get_absolute_url())


@members_only
@require_POST
def contribution_create_view(request, pk):
    case = selectors.case_get_for_user(user=request.user, pk=pk)
    if not selectors.user_can_contribute(user=request.user, case=case):
        messages.error(request, _("Deze casus is afgesloten; reageren kan niet meer."))
        return redirect(case.get_absolute_url())
    form = ContributionForm(request.POST, case=case)
    if form.is_valid():
        data = form.cleaned_data
        try:
            contribution = services.contribution_create(
                case=case,
                author=request.user,
                body=data["body"],
                phase=data["phase"],
                submission_token=data["submission_token"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Je bijdrage is geplaatst."))
            return redirect(contribution.get_absolute_url())
    return _render_case(request, case, form, status=200)


@members_only
def contribution_edit_view(request, pk):
    contribution = selectors.contribution_get_for_user(user=request.user, pk=pk)
    case = contribution.case
    denied = _("Deze bijdrage kan je niet meer bewerken.")
    if not selectors.user_can_edit_contribution(user=request.user, contribution=contribution):
        messages.error(request, denied)
        return redirect(case.get_absolute_url())
    if request.method == "POST":
        form = ContributionForm(request.POST, case=case)
        if form.is_valid():
            done = _save_edit(
                request,
                form,
                lambda data: services.contribution_update(
                    contribution=contribution,
                    user=request.user,
                    expected_version=data["version"] or 0,
                    body=data["body"],
                    phase=data["phase"],
                ),
                conflict=_(
                    "Deze bijdrage is intussen gewijzigd of verborgen. Je tekst is niet "
                    "bewaard: kopieer hem en probeer opnieuw."
                ),
                denied=denied,
                denied_url=case.get_absolute_url(),
                saved=_("Je bijdrage is bijgewerkt."),
                saved_url=contribution.get_absolute_url(),
            )
            if done:
                return done
    else:
        form = ContributionForm(
            case=case,
            initial={
                "body": contribution.body,
                "phase": contribution.phase,
                "version": contribution.version,
            },
        )
    return TemplateResponse(
        request,
        "intervision/contribution_form.html",
        {"form": form, "case": case, "contribution": contribution},
    )


@members_only
def contribution_moderate_view(request, pk):
    """A facilitator hides a reply (or restores it), always with a reason."""
    contribution = selectors.contribution_get_for_user(user=request.user, pk=pk)
    case = contribution.case
    if not selectors.user_facilitates_group(user=request.user, group=case.group):
        raise Http404
    if request.method == "POST":
        form = HideContributionForm(request.POST)
        if form.is_valid():
            service = (
                services.contribution_restore
                if contribution.is_hidden
                else services.contribution_hide
            )
            service(
                contribution=contribution,
                moderator=request.user,
                reason=form.cleaned_data["reason"],
            )
            messages.success(
                request,
                _("De bijdrage is teruggezet.")
                if not contribution.is_hidden
                else _("De bijdrage is verborgen."),
            )
            return redirect(contribution.get_absolute_url())
    else:
        form = HideContributionForm()
    return TemplateResponse(
        request,
        "intervision/contribution_moderate.html",
        {"form": form, "case": case, "contribution": contribution},
    )


@staff_required
def lesson_list_view(request):
    return TemplateResponse(
        request,
        "intervision/lesson_list.html",
        {"lessons": selectors.lessons_visible_to(request.user).select_related("group")},
    )


@staff_required
def lesson_detail_view(request, pk):
    lesson = selectors.lesson_get_for_user(user=request.user, pk=pk)
    return TemplateResponse(request, "intervision/lesson_detail.html", {"lesson": lesson})
