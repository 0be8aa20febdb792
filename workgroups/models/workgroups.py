import uuid
from pathlib import Path

from modelcluster.fields import ParentalKey

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cano.confirm import request_confirmed
from cano.files.selectors import collection_is_restricted
from cano.files.serving import file_response
from cano.home.blocks import SAFE_RICH_TEXT_FEATURES
from cano.home.mixins import IntroMixin
from cano.ical import calendar_download
from cano.richtext import RichTextAutocompleteField, RichTextSearchField
from cano.templatetags.cano_format import short_datetime
from workgroups.forms import WorkgroupUpdateEditForm, WorkgroupUpdateForm


class WorkgroupIndexPage(IntroMixin, Page):
    """The list of workgroups in the staff area; workgroup pages are its children."""

    content_panels = [*Page.content_panels, *IntroMixin.content_panels]
    search_fields = [*Page.search_fields, *IntroMixin.search_fields]
    parent_page_types = ["home.StaffAreaPage"]
    subpage_types = ["workgroups.WorkgroupPage"]
    search_type_label = _("Werkgroep")

    class Meta:
        verbose_name = _("overzicht werkgroepen")

    def get_context(self, request, *args, **kwargs):
        # workgroups.selectors imports this module's pages.
        from workgroups.selectors import workgroups_listed

        context = super().get_context(request, *args, **kwargs)
        context["workgroups"] = workgroups_listed(index=self, user=request.user)
        return context


class WorkgroupPage(RoutablePageMixin, Page):
    """A standing workgroup on a theme: what it does, who is in it, when it meets, its documents.

    Members join and leave and post updates on this page from the front end.
    """

    theme = models.ForeignKey(
        "workgroups.Theme",
        verbose_name=_("thema"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workgroups",
    )
    intro = models.TextField(_("korte omschrijving"), max_length=400, blank=True)
    description = RichTextField(_("beschrijving"), features=SAFE_RICH_TEXT_FEATURES, blank=True)
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contactpersoon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("theme"),
        FieldPanel("intro"),
        FieldPanel("description"),
        FieldPanel("contact_person"),
        InlinePanel("meetings", label=_("Vergaderingen")),
        InlinePanel(
            "documents",
            label=_("Documenten"),
            help_text=_("Alleen documenten uit een collectie die afgeschermd is voor medewerkers."),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("description"),
        index.SearchField("document_titles"),
        index.FilterField("theme"),
    ]
    parent_page_types = ["workgroups.WorkgroupIndexPage"]
    subpage_types = []
    search_type_label = _("Werkgroep")

    class Meta:
        verbose_name = _("werkgroep")
        verbose_name_plural = _("werkgroepen")

    def document_titles(self):
        return " ".join(item.document.title for item in self.documents.all() if item.document)

    def get_context(self, request, *args, **kwargs):
        # workgroups.selectors imports this module's pages.
        from workgroups.selectors import workgroup_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(
            workgroup_page_context(
                workgroup=self, user=request.user, page_number=request.GET.get("pagina")
            )
        )
        context["update_form"] = WorkgroupUpdateForm() if context["is_member"] else None
        return context

    # The routes below import services and selectors where they run: both import these pages.

    @path("")
    def detail(self, request):
        return self.render(request)

    @path("lid-worden/", name="join")
    @method_decorator(require_POST)
    def join(self, request):
        from workgroups.services import workgroup_join

        workgroup_join(workgroup=self, user=request.user)
        messages.success(request, _("Je bent nu lid van %(name)s.") % {"name": self.title})
        return redirect(self.url)

    @path("verlaten/", name="leave")
    @method_decorator(require_POST)
    def leave(self, request):
        from workgroups.services import workgroup_leave

        workgroup_leave(workgroup=self, user=request.user)
        messages.success(request, _("Je bent geen lid meer van %(name)s.") % {"name": self.title})
        return redirect(self.url)

    @path("updates/", name="update_create")
    @method_decorator(require_POST)
    def update_create(self, request):
        from workgroups.selectors import workgroup_is_member
        from workgroups.services import workgroup_update_create

        if not workgroup_is_member(workgroup=self, user=request.user):
            raise PermissionDenied(_("Alleen leden van deze werkgroep kunnen een update plaatsen."))
        form = WorkgroupUpdateForm(request.POST, request.FILES)
        if not form.is_valid():
            response = self.render(request, context_overrides={"update_form": form})
            response.status_code = 400
            return response
        workgroup_update_create(
            workgroup=self,
            author=request.user,
            body=form.cleaned_data["body"],
            link=form.cleaned_data["link"],
            attachment=form.cleaned_data["attachment"],
        )
        _report_saved(
            request,
            form,
            saved=_("Je update is geplaatst."),
            cleaned=_(
                "Je update is geplaatst. Onveilige code (zoals scripts) hebben we eruit gehaald."
            ),
        )
        return redirect(self.url)

    @path("vergaderingen/<id:meeting_id>/agenda/", name="meeting_ics")
    def meeting_ics(self, request, meeting_id):
        """One meeting as a calendar file, for whoever may open the workgroup's page."""
        from workgroups.selectors import meeting_calendar_event

        meeting = get_object_or_404(self.meetings.all(), pk=meeting_id)
        return calendar_download(
            request, meeting_calendar_event(meeting), filename="vergadering.ics"
        )

    @path("updates/<id:update_id>/bewerken/", name="update_edit")
    def update_edit(self, request, update_id):
        from workgroups.services import workgroup_update_edit

        update = self._update_editable_by(request.user, update_id)
        if request.method != "POST":
            form = WorkgroupUpdateEditForm(initial={"body": update.body, "link": update.link})
            return self._render_update_edit(request, update, form)
        form = WorkgroupUpdateEditForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render_update_edit(request, update, form, status=400)
        workgroup_update_edit(
            update=update,
            user=request.user,
            body=form.cleaned_data["body"],
            link=form.cleaned_data["link"],
            attachment=form.cleaned_data["attachment"],
            remove_attachment=form.cleaned_data["remove_attachment"],
        )
        _report_saved(
            request,
            form,
            saved=_("Je update is gewijzigd."),
            cleaned=_("Update gewijzigd. Onveilige code (zoals scripts) hebben we eruit gehaald."),
        )
        return redirect(f"{self.url}#update-{update.pk}")

    @path("updates/<id:update_id>/verwijderen/", name="update_delete")
    def update_delete(self, request, update_id):
        """Asks first, saying what goes; only the confirmation form's POST deletes."""
        from workgroups.services import workgroup_update_delete

        update = self._update_editable_by(request.user, update_id)
        if not request_confirmed(request):
            return TemplateResponse(
                request,
                "workgroups/update_delete.html",
                {"page": self, "self": self, "update": update},
            )
        removed = _update_removed_message(update)
        workgroup_update_delete(update=update, user=request.user)
        messages.success(request, removed)
        return redirect(self.url)

    @path("updates/<id:update_id>/bijlage/", name="update_attachment")
    def update_attachment(self, request, update_id):
        """The attachment of an update, for whoever may read it (the page is staff-only too)."""
        from workgroups.selectors import workgroup_updates_visible_to

        update = get_object_or_404(
            workgroup_updates_visible_to(request.user), pk=update_id, workgroup=self
        )
        if not update.attachment:
            raise Http404
        return file_response(request, update.attachment, filename=update.attachment_name)

    def _update_editable_by(self, user, update_id):
        from workgroups.selectors import update_can_edit

        update = get_object_or_404(WorkgroupUpdate, pk=update_id, workgroup=self)
        if not update_can_edit(update=update, user=user):
            raise PermissionDenied(_("Je kunt deze update niet wijzigen."))
        return update

    def _render_update_edit(self, request, update, form, status=200):
        return TemplateResponse(
            request,
            "workgroups/update_edit.html",
            {"page": self, "self": self, "update": update, "form": form},
            status=status,
        )


class WorkgroupMeeting(Orderable):
    page = ParentalKey(WorkgroupPage, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("datum en uur"))
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), max_length=2000, blank=True)

    panels = [FieldPanel("starts_at"), FieldPanel("location"), FieldPanel("agenda")]

    class Meta(Orderable.Meta):
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")

    def __str__(self):
        return f"{self.page.title}: {short_datetime(self.starts_at)}"


class WorkgroupDocument(Orderable):
    page = ParentalKey(WorkgroupPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documenten")

    def clean(self):
        document = getattr(self, "document", None)
        if document is not None and not collection_is_restricted(document.collection):
            raise ValidationError(
                {
                    "document": _(
                        "Dit document staat in een publieke collectie. Kies een document uit "
                        "een collectie die afgeschermd is voor medewerkers."
                    )
                }
            )


class WorkgroupMembership(models.Model):
    """A staff member in a workgroup; joined from the workgroup page, not a page revision."""

    workgroup = models.ForeignKey(
        WorkgroupPage, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="workgroup_memberships",
    )
    joined_at = models.DateTimeField(_("lid sinds"), default=timezone.now)

    class Meta:
        ordering = ["user__first_name", "user__last_name"]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["workgroup", "user"], name="unique_workgroup_member")
        ]

    def __str__(self):
        return f"{self.user} in {self.workgroup.title}"


def update_attachment_path(instance, filename):
    # A random name: the original one may say more than it should and must not be guessable.
    return f"werkgroepen/updates/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class WorkgroupUpdate(index.Indexed, models.Model):
    """A short message a member posts on the workgroup's page, with an optional link or file."""

    workgroup = models.ForeignKey(
        WorkgroupPage,
        verbose_name=_("werkgroep"),
        on_delete=models.CASCADE,
        related_name="updates",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="workgroup_updates",
    )
    # Sanitised HTML; the form limits the text a member types, this bounds what is stored.
    body = models.TextField(_("bericht"), validators=[MaxLengthValidator(20000)])
    link = models.URLField(_("link"), max_length=500, blank=True)
    attachment = models.FileField(
        _("bijlage"), upload_to=update_attachment_path, max_length=255, blank=True
    )
    attachment_name = models.CharField(_("naam van de bijlage"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("geplaatst op"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    panels = [
        FieldPanel("body"),
        FieldPanel("link"),
        MultiFieldPanel([FieldPanel("attachment_name")], heading=_("Bijlage")),
    ]
    search_fields = [
        RichTextSearchField("body"),
        index.SearchField("attachment_name"),
        RichTextAutocompleteField("body"),
        index.FilterField("workgroup_id"),
        index.FilterField("created_at"),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("update")
        verbose_name_plural = _("updates")

    def __str__(self):
        return _("Update van %(author)s in %(workgroup)s") % {
            "author": self.author or _("een oud-lid"),
            "workgroup": self.workgroup.title,
        }

    @property
    def was_edited(self):
        return (self.updated_at - self.created_at).total_seconds() > 60


def _update_removed_message(update):
    """What a delete removed, in words: the update by its date and the attachment by its name."""
    posted = short_datetime(update.created_at)
    if update.attachment:
        return _("De update van %(posted)s is verwijderd, met de bijlage %(attachment)s.") % {
            "posted": posted,
            "attachment": update.attachment_name or update.attachment.name,
        }
    return _("De update van %(posted)s is verwijderd.") % {"posted": posted}


def _report_saved(request, form, *, saved, cleaned):
    """Say the update was saved, and whether unsafe markup was taken out of it."""
    if form.hostile_markup_removed:
        messages.warning(request, cleaned)
    else:
        messages.success(request, saved)
