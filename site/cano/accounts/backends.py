"""Django's model backend, reading what every request asks of an account in fewer queries."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q


class AccountBackend(ModelBackend):
    """Loads the account with its groups, which menus, view restrictions and the staff checks
    all ask for, and reads its own and its groups' permissions in one query instead of two."""

    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.prefetch_related("groups").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        # The attribute Django's own backend caches them in, so code that clears it still works.
        if not hasattr(user_obj, "_perm_cache"):
            permissions = Permission.objects.all()
            if not user_obj.is_superuser:
                permissions = permissions.filter(Q(user=user_obj) | Q(group__user=user_obj))
            user_obj._perm_cache = {
                f"{app_label}.{codename}"
                for app_label, codename in permissions.values_list(
                    "content_type__app_label", "codename"
                ).distinct()
            }
        return user_obj._perm_cache
