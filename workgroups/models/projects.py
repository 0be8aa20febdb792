from modelcluster.fields import ParentalKey, ParentalManyToManyField

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cano.home.blocks import SAFE_RICH_TEXT_FEATURES
from cano.home.mixins import IntroMixin


class ProjectIndexPage(IntroMixin, Page):
    """The overview of shared projects, filterable by theme and status; projects are its children."""

    content_panels = [*Page.content_panels, *IntroMixin.content_panels]
    search_fields = [*Page.search_fields, *IntroMixin.search_fields]
    parent_page_types = ["home.StaffAreaPage", "workgroups.WorkgroupIndexPage"]
    subpage_types = ["workgroups.ProjectPage"]
    search_type_label = _("Project")

    class Meta:
        verbose_name = _("overzicht projecten")

    def get_context(self, request, *args, **kwargs):
        # workgroups.selectors imports this module's pages.
        from workgroups.selectors import project_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(
            project_index_context(
                index=self,
                user=request.user,
                theme=request.GET.get("thema", ""),
                status=request.GET.get("status", ""),
            )
        )
        return context


class ProjectPage(Page):
    """A shared project around a common theme, run by one or more workgroups with partners."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("In voorbereiding")
        RUNNING = "running", _("Lopend")
        PAUSED = "paused", _("Gepauzeerd")
        FINISHED = "finished", _("Afgerond")

    theme = models.ForeignKey(
        "workgroups.Theme",
        verbose_name=_("thema"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    intro = models.TextField(_("korte omschrijving"), max_length=400, blank=True)
    goal = RichTextField(_("doel"), features=SAFE_RICH_TEXT_FEATURES, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("einde"), null=True, blank=True)
    workgroups = ParentalManyToManyField(
        "workgroups.WorkgroupPage",
        verbose_name=_("werkgroepen"),
        blank=True,
        related_name="projects",
    )
    partner_organisations = ParentalManyToManyField(
        "accounts.Organisation",
        verbose_name=_("CANO-organisaties"),
        blank=True,
        related_name="workgroup_projects",
    )
    results = RichTextField(_("resultaten"), features=SAFE_RICH_TEXT_FEATURES, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("theme"),
        FieldPanel("intro"),
        FieldPanel("goal"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            ],
            heading=_("Stand van zaken"),
        ),
        FieldPanel("workgroups"),
        FieldPanel("partner_organisations"),
        InlinePanel("external_partners", label=_("Externe partners")),
        InlinePanel("milestones", label=_("Tijdlijn")),
        FieldPanel("results"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("goal"),
        index.SearchField("results"),
        index.FilterField("status"),
        index.FilterField("theme"),
    ]
    parent_page_types = ["workgroups.ProjectIndexPage"]
    subpage_types = []
    search_type_label = _("Project")

    class Meta:
        verbose_name = _("gedeeld project")
        verbose_name_plural = _("gedeelde projecten")


class ProjectPartner(Orderable):
    """An external partner: a sport or culture club, a school, a municipality, ..."""

    class Kind(models.TextChoices):
        SPORT = "sport", _("Sportclub")
        CULTURE = "culture", _("Cultuurvereniging")
        EDUCATION = "education", _("Onderwijs")
        GOVERNMENT = "government", _("Overheid")
        OTHER = "other", _("Andere")

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="external_partners")
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    website = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("website")]

    class Meta(Orderable.Meta):
        verbose_name = _("externe partner")
        verbose_name_plural = _("externe partners")

    def __str__(self):
        return self.name


class ProjectMilestone(Orderable):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField(_("datum"))
    title = models.CharField(_("mijlpaal"), max_length=200)
    description = models.TextField(_("toelichting"), max_length=1000, blank=True)

    panels = [FieldPanel("date"), FieldPanel("title"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("tijdlijn")

    def __str__(self):
        return self.title
