"""Front-end views: workgroup page routes (join, leave, updates), overviews, protected images."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail.images import get_image_model

from cano.accounts.selectors import user_is_editor, user_is_staff_member
from cano.files.selectors import image_visible_to
from cano.files.serving import file_response

from . import selectors, services
from .forms import BODY_MAX_LENGTH, WorkgroupUpdateEditForm, WorkgroupUpdateForm
from .models import ModulePage, ProjectPage, Theme, WorkgroupUpdate

# Renditions the protected image view will make; anything else would let a visitor fill the disk.
PROTECTED_IMAGE_FILTERS = {"width-1000", "width-600", "fill-400x260"}


def _read_post(request):
    """request.POST and FILES, or None when the body is over the upload limit."""
    try:
        return request.POST, request.FILES
    except RequestDataTooBig:
        return None


def _too_big_form(form_class, **kwargs):
    """A form that says the request was too large, without complaining about empty fields."""
    form = form_class(data={}, **kwargs)
    form.full_clean()
    form.errors.clear()
    form.add_error(
        None,
        _(
            "Je bericht is veel te groot om te verwerken. Een update mag maximaal %(limit)d "
            "tekens tellen; bijlagen voeg je toe als bestand."
        )
        % {"limit": BODY_MAX_LENGTH},
    )
    return form


def workgroup_page_context(request, page, form=None):
    user = request.user
    is_member = selectors.workgroup_is_member(workgroup=page, user=user)
    updates = selectors.workgroup_updates_page(
        workgroup=page, user=user, page_number=request.GET.get("pagina")
    )
    for update in updates:
        update.can_edit = selectors.update_can_edit(update=update, user=user)
    return {
        "is_member": is_member,
        "members": selectors.workgroup_members(workgroup=page),
        "updates": updates,
        "projects": selectors.projects_of_workgroup(workgroup=page, user=user),
        "update_form": form if form is not None else (WorkgroupUpdateForm() if is_member else None),
        "is_editor": user_is_editor(user),
    }


def _require_post(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


def workgroup_join_view(request, page):
    if (refused := _require_post(request)) is not None:
        return refused
    services.workgroup_join(workgroup=page, user=request.user)
    messages.success(request, _("Je bent nu lid van %(name)s.") % {"name": page.title})
    return redirect(page.url)


def workgroup_leave_view(request, page):
    if (refused := _require_post(request)) is not None:
        return refused
    services.workgroup_leave(workgroup=page, user=request.user)
    messages.success(request, _("Je bent geen lid meer van %(name)s.") % {"name": page.title})
    return redirect(page.url)


def update_create_view(request, page):
    if (refused := _require_post(request)) is not None:
        return refused
    if not selectors.workgroup_is_member(workgroup=page, user=request.user):
        raise PermissionDenied(_("Alleen leden van deze werkgroep kunnen een update plaatsen."))
    data = _read_post(request)
    if data is None:
        form = _too_big_form(WorkgroupUpdateForm)
        return _with_status(page.render(request, context_overrides={"update_form": form}), 400)
    form = WorkgroupUpdateForm(*data)
    if not form.is_valid():
        response = page.render(request, context_overrides={"update_form": form})
        return _with_status(response, 400)
    services.workgroup_update_create(
        workgroup=page,
        author=request.user,
        body=form.cleaned_data["body"],
        link=form.cleaned_data["link"],
        attachment=form.cleaned_data["attachment"],
    )
    if form.hostile_markup_removed:
        messages.warning(
            request,
            _("Je update is geplaatst. Onveilige code (zoals scripts) hebben we eruit gehaald."),
        )
    else:
        messages.success(request, _("Je update is geplaatst."))
    return redirect(page.url)


def _with_status(response, status):
    response.status_code = status
    return response


def _update_for(page, update_id, user):
    update = get_object_or_404(WorkgroupUpdate, pk=update_id, workgroup=page)
    if not selectors.update_can_edit(update=update, user=user):
        raise PermissionDenied(_("Je kunt deze update niet wijzigen."))
    return update


def update_edit_view(request, page, update_id):
    update = _update_for(page, update_id, request.user)
    context = {"page": page, "self": page, "update": update}
    if request.method == "POST":
        data = _read_post(request)
        if data is None:
            form = _too_big_form(
                WorkgroupUpdateEditForm, initial={"body": update.body, "link": update.link}
            )
            return TemplateResponse(
                request, "workgroups/update_edit.html", {**context, "form": form}, status=400
            )
        form = WorkgroupUpdateEditForm(*data)
        if form.is_valid():
            services.workgroup_update_edit(
                update=update,
                user=request.user,
                body=form.cleaned_data["body"],
                link=form.cleaned_data["link"],
                attachment=form.cleaned_data["attachment"],
                remove_attachment=form.cleaned_data["remove_attachment"],
            )
            if form.hostile_markup_removed:
                messages.warning(
                    request,
                    _("Update gewijzigd. Onveilige code (zoals scripts) hebben we eruit gehaald."),
                )
            else:
                messages.success(request, _("Je update is gewijzigd."))
            return redirect(f"{page.url}#update-{update.pk}")
        return TemplateResponse(
            request, "workgroups/update_edit.html", {**context, "form": form}, status=400
        )
    form = WorkgroupUpdateEditForm(initial={"body": update.body, "link": update.link})
    return TemplateResponse(request, "workgroups/update_edit.html", {**context, "form": form})


def update_delete_view(request, page, update_id):
    if (refused := _require_post(request)) is not None:
        return refused
    update = _update_for(page, update_id, request.user)
    services.workgroup_update_delete(update=update, user=request.user)
    messages.success(request, _("De update is verwijderd."))
    return redirect(page.url)


def update_attachment_view(request, page, update_id):
    """The attachment of an update, for whoever may read the update (the page is staff-only too)."""
    update = get_object_or_404(
        selectors.workgroup_updates_visible_to(request.user), pk=update_id, workgroup=page
    )
    if not update.attachment:
        raise Http404
    return file_response(request, update.attachment, filename=update.attachment_name)


def project_index_context(request, page):
    theme = request.GET.get("thema", "")[:100]
    status = request.GET.get("status", "")[:20]
    if status not in ProjectPage.Status.values:
        status = ""
    return {
        "projects": selectors.projects_filtered(
            user=request.user, index=page, theme=theme, status=status
        ),
        "themes": Theme.objects.filter(projects__isnull=False).distinct(),
        "statuses": ProjectPage.Status.choices,
        "selected_theme": theme,
        "selected_status": status,
    }


def canoklas_overview_context(request, page, tag_slug=""):
    from taggit.models import Tag

    from django.core.paginator import Paginator

    level = request.GET.get("niveau", "")[:20]
    if level not in ModulePage.Level.values:
        level = ""
    tag_slug = tag_slug or request.GET.get("tag", "")[:100]
    tag = Tag.objects.filter(slug=tag_slug).first() if tag_slug else None
    if tag_slug and tag is None:
        raise Http404
    modules = selectors.modules_filtered(user=request.user, index=page, tag=tag_slug, level=level)
    return {
        "modules": Paginator(modules, selectors.MODULES_PER_PAGE).get_page(
            request.GET.get("pagina")
        ),
        "tags": selectors.module_tags(user=request.user, index=page),
        "levels": ModulePage.Level.choices,
        "selected_tag": tag,
        "selected_level": level,
        "is_staff_member": user_is_staff_member(request.user),
    }


def protected_image(request, image_id, filter_spec):
    """A rendition of an image, refused when its collection is staff-only and the visitor is not."""
    if filter_spec not in PROTECTED_IMAGE_FILTERS:
        raise Http404
    image = get_object_or_404(get_image_model(), pk=image_id)
    if not image_visible_to(image=image, user=request.user):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    rendition = image.get_rendition(filter_spec)
    return file_response(request, rendition.file, as_attachment=False, max_age=3600)
