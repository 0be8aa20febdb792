from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cano.files.selectors import collection_is_restricted
from workgroups.blocks import ModuleStreamBlock


class CanoklasIndexPage(RoutablePageMixin, Page):
    """The CANOklas: the overview of learning modules, filterable by tag and level, with tag pages.

    Public itself; each module is staff-only unless it is marked public.
    """

    intro = models.TextField(_("introductie"), max_length=600, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage", "home.StaffAreaPage"]
    subpage_types = ["workgroups.ModulePage"]
    search_type_label = _("CANOklas")

    class Meta:
        verbose_name = _("CANOklas")

    @path("")
    def overview(self, request):
        return self._render_overview(request, tag_slug=request.GET.get("tag", ""))

    @path("tag/<str:tag>/", name="tag")
    def tag(self, request, tag):
        return self._render_overview(request, tag_slug=tag)

    def _render_overview(self, request, *, tag_slug):
        # workgroups.selectors imports this module's pages.
        from workgroups.selectors import canoklas_overview_context

        context = canoklas_overview_context(
            index=self,
            user=request.user,
            tag_slug=tag_slug,
            level=request.GET.get("niveau", ""),
            page_number=request.GET.get("pagina"),
        )
        if tag_slug and context["selected_tag"] is None:
            raise Http404
        return self.render(request, context_overrides=context)


class ModulePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "workgroups.ModulePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ModulePage(Page):
    """A CANOklas learning module: text, images, video, documents, exercises and quotes.

    Staff-only unless "publiek" is ticked; the view restriction follows that flag on every publish.
    """

    class Level(models.TextChoices):
        BASIC = "basic", _("Basis")
        INTERMEDIATE = "intermediate", _("Verdieping")
        ADVANCED = "advanced", _("Gevorderd")

    intro = models.TextField(_("korte omschrijving"), max_length=400, blank=True)
    body = StreamField(ModuleStreamBlock(), verbose_name=_("inhoud"), blank=True)
    audience = models.CharField(
        _("doelgroep"),
        max_length=200,
        blank=True,
        help_text=_("Voor wie is deze module? Bv. nieuwe begeleiders, teamcoaches."),
    )
    duration_minutes = models.PositiveIntegerField(_("duur (minuten)"), null=True, blank=True)
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices, default=Level.BASIC)
    tags = ClusterTaggableManager(through=ModulePageTag, blank=True, verbose_name=_("tags"))
    is_public = models.BooleanField(
        _("publiek"),
        default=False,
        help_text=_("Aangevinkt: iedereen ziet deze module. Anders alleen ingelogde medewerkers."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldRowPanel([FieldPanel("duration_minutes"), FieldPanel("level")]),
                FieldPanel("tags"),
                FieldPanel("is_public"),
            ],
            heading=_("Over deze module"),
        ),
        FieldPanel("body"),
        InlinePanel("related_modules", label=_("Verwante modules")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("audience"),
        index.SearchField("document_titles"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("level"),
        index.FilterField("is_public"),
    ]
    parent_page_types = ["workgroups.CanoklasIndexPage"]
    subpage_types = []
    search_type_label = _("CANOklas")

    class Meta:
        verbose_name = _("CANOklas-module")
        verbose_name_plural = _("CANOklas-modules")

    def document_titles(self):
        return " ".join(
            block.value["document"].title
            for block in self.body
            if block.block_type == "document" and block.value.get("document")
        )

    def clean(self):
        super().clean()
        if self.is_public:
            return
        for block in self.body:
            if block.block_type not in ("document", "image"):
                continue
            item = block.value.get(block.block_type)
            if item is not None and not collection_is_restricted(item.collection):
                raise ValidationError(
                    _(
                        "“%(title)s” staat in een publieke collectie, maar deze module is alleen "
                        "voor medewerkers. Kies bestanden uit een afgeschermde collectie of maak "
                        "de module publiek."
                    )
                    % {"title": item.title}
                )

    def get_context(self, request, *args, **kwargs):
        # workgroups.selectors imports this module's pages.
        from workgroups.selectors import modules_related

        context = super().get_context(request, *args, **kwargs)
        context["related"] = modules_related(module=self, user=request.user)
        return context


class RelatedModule(Orderable):
    page = ParentalKey(ModulePage, on_delete=models.CASCADE, related_name="related_modules")
    module = models.ForeignKey(
        ModulePage, verbose_name=_("module"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("module")]

    class Meta(Orderable.Meta):
        verbose_name = _("verwante module")
        verbose_name_plural = _("verwante modules")
