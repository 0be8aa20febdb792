import factory
import wagtail_factories

from workgroups.models import (
    CanoklasIndexPage,
    ModulePage,
    ProjectIndexPage,
    ProjectPage,
    Theme,
    WorkgroupIndexPage,
    WorkgroupMembership,
    WorkgroupPage,
    WorkgroupUpdate,
)

from .pages import PublishedPageFactory


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class WorkgroupIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = WorkgroupIndexPage

    title = "Werkgroepen"
    slug = "werkgroepen"


class WorkgroupPageFactory(PublishedPageFactory):
    class Meta:
        model = WorkgroupPage

    title = factory.Sequence(lambda n: f"Werkgroep {n}")
    intro = "We wisselen ervaringen uit en werken samen aan projecten."
    theme = factory.SubFactory(ThemeFactory)


class WorkgroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkgroupMembership

    workgroup = None
    user = None


class WorkgroupUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkgroupUpdate

    body = factory.Sequence(lambda n: f"<p>Verslag van de vergadering nummer {n}.</p>")


class ProjectIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProjectIndexPage

    title = "Projecten"
    slug = "projecten"


class ProjectPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProjectPage

    title = factory.Sequence(lambda n: f"Project {n}")
    theme = factory.SubFactory(ThemeFactory)
    status = ProjectPage.Status.RUNNING


class CanoklasIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CanoklasIndexPage

    title = "CANOklas"
    slug = "canoklas"


class ModulePageFactory(PublishedPageFactory):
    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"Module {n}")
    intro = "Een korte module voor begeleiders."
    level = ModulePage.Level.BASIC
    duration_minutes = 45

    @factory.post_generation
    def tag_names(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)
            self.save_revision().publish()
