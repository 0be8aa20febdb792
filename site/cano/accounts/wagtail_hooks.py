from django.conf import settings
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cano.home.personal_data import PersonalDataStore, duration_text
from cano.hooks import PERSONAL_DATA_STORES

from .models import Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Organisaties"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "short_name", "region", "website"]
    list_filter = ["region"]
    search_fields = ["name", "short_name"]


register_snippet(OrganisationViewSet)


@hooks.register(PERSONAL_DATA_STORES)
def personal_data_stores():
    return [
        PersonalDataStore(
            what=_("Je account: naam, e-mailadres, organisatie en wachtwoord (versleuteld)"),
            purpose=_("Aanmelden en samenwerken in de medewerkerszone"),
            retention=_("Zolang je account bestaat"),
            order=10,
        ),
        PersonalDataStore(
            what=_("Mislukte aanmeldpogingen: e-mailadres en IP-adres"),
            purpose=_("Het platform beschermen tegen het raden van wachtwoorden"),
            retention=duration_text(settings.LOGIN_FAILURE_WINDOW),
            order=11,
        ),
        PersonalDataStore(
            what=_("Je agendalink: een geheime sleutel in de link waarop je agenda-app abonneert"),
            purpose=_("Je intervisies, werkgroepvergaderingen en studiedagen in je eigen agenda"),
            retention=_("Tot je een nieuwe link maakt of je account verwijderd wordt"),
            order=12,
        ),
    ]
