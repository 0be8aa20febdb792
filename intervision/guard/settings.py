"""The editors' names: extra names to flag and words never to flag, kept in the database and
read through the cache, which a save or delete clears."""

from django.core.cache import cache
from django.db import DatabaseError

from intervision.models import GuardName

CACHE_KEY = "intervision:guard:editor-names"


def editor_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    cached = cache.get(CACHE_KEY)
    if cached is not None:
        return cached
    try:
        rows = list(GuardName.objects.values_list("name", "exempt"))
    except DatabaseError:
        # Before the first migration the lists alone apply.
        return (), ()
    value = (
        tuple(name for name, exempt in rows if not exempt),
        tuple(name for name, exempt in rows if exempt),
    )
    cache.set(CACHE_KEY, value, None)
    return value


def clear_editor_names(**kwargs) -> None:
    cache.delete(CACHE_KEY)
