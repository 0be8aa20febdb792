from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .models import Organisation


class OrganisationFieldMixin(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(), required=False, label=_("Organisatie")
    )


class CanoUserCreationForm(OrganisationFieldMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"organisation"}


class CanoUserEditForm(OrganisationFieldMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"organisation"}


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return CanoUserEditForm if for_update else CanoUserCreationForm
