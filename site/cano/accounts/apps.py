from django.apps import AppConfig

from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "cano.accounts"
    label = "accounts"
    verbose_name = "Accounts"


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the organisation on the create and edit forms."""

    user_viewset = "cano.accounts.viewsets.UserViewSet"
