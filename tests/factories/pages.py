import wagtail_factories

from cano.home.models import HomePage, StaffAreaPage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "CANO Vlaanderen"
    hero_title = "Samen leren in de jeugdhulp"


class StaffAreaPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StaffAreaPage

    title = "Medewerkers"
    slug = "medewerkers"


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = "Over CANO"
