import uuid
from pathlib import Path

from modelcluster.fields import ParentalKey

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cano.home.blocks import SAFE_RICH_TEXT_FEATURES
from cano.home.mixins import IntroMixin


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

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        # The index entry is written on post_save, before the document rows are saved; write it
        # again now so the documents' titles are in it.
        if kwargs.get("update_fields") is None:
            index.insert_or_update_object(self)
        return result

    def get_context(self, request, *args, **kwargs):
        from workgroups.views import workgroup_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(workgroup_page_context(request, self))
        return context

    @path("")
    def detail(self, request):
        return self.render(request)

    @path("lid-worden/", name="join")
    def join(self, request):
        from workgroups.views import workgroup_join_view

        return workgroup_join_view(request, self)

    @path("verlaten/", name="leave")
    def leave(self, request):
        from workgroups.views import workgroup_leave_view

        return workgroup_leave_view(request, self)

    @path("updates/", name="update_create")
    def update_create(self, request):
        from workgroups.views import update_create_view

        return update_create_view(request, self)

    @path("updates/<id:update_id>/bewerken/", name="update_edit")
    def update_edit(self, request, update_id):
        from workgroups.views import update_edit_view

        return update_edit_view(request, self, update_id)

    @path("updates/<id:update_id>/verwijderen/", name="update_delete")
    def update_delete(self, request, update_id):
        from workgroups.views import update_delete_view

        return update_delete_view(request, self, update_id)

    @path("updates/<id:update_id>/bijlage/", name="update_attachment")
    def update_attachment(self, request, update_id):
        from workgroups.views import update_attachment_view

        return update_attachment_view(request, self, update_id)


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
        return f"{self.page.title}: {timezone.localtime(self.starts_at):%d/%m/%Y %H:%M}"


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
        from cano.files.selectors import collection_is_restricted

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
        index.SearchField("body"),
        index.SearchField("attachment_name"),
        index.AutocompleteField("body"),
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
