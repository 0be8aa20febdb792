import factory
import wagtail_factories

from cano.home.models import HomePage, StaffAreaPage, StandardPage


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page published through a revision, as an editor publishes it, so its publish rules run.

    For page types with such rules. `published=False` keeps the page as saved, e.g. a draft
    built with `live=False`.
    """

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def published(self, create, extracted, **kwargs):
        if create and extracted is not False:
            self.save_revision().publish()


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "CANO Vlaanderen"
    hero_title = "Samen leren in de jeugdhulp"


class StaffAreaPageFactory(PublishedPageFactory):
    class Meta:
        model = StaffAreaPage

    title = "Medewerkers"
    slug = "medewerkers"


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = "Over CANO"
