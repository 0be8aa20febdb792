"""What personal data the platform keeps, why, and for how long: the privacy statement's table.

Each app that keeps personal data offers its stores through the `register_personal_data_stores`
hook (a function returning a list of `PersonalDataStore`), with its retention worked out from the
same settings its purge reads. The privacy page renders them through `PersonalDataBlock`, so
the statement cannot drift from what the purges do.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail import hooks

from cano.hooks import PERSONAL_DATA_STORES

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR


@dataclass(frozen=True)
class PersonalDataStore:
    what: str
    purpose: str
    retention: str
    order: int = 100


def personal_data_stores() -> list[PersonalDataStore]:
    stores = [store for hook in hooks.get_hooks(PERSONAL_DATA_STORES) for store in hook()]
    return sorted(stores, key=lambda store: store.order)


def duration_text(seconds: int) -> str:
    """A period in Dutch in its largest whole unit: `3 dagen`, `24 uur`, `15 minuten`."""
    seconds = int(seconds)
    if seconds and seconds % DAY == 0:
        days = seconds // DAY
        return ngettext("%(count)d dag", "%(count)d dagen", days) % {"count": days}
    if seconds and seconds % HOUR == 0:
        return _("%(count)d uur") % {"count": seconds // HOUR}
    minutes = max(1, round(seconds / MINUTE))
    return ngettext("%(count)d minuut", "%(count)d minuten", minutes) % {"count": minutes}


def months_text(months: int) -> str:
    return ngettext("%(count)d maand", "%(count)d maanden", months) % {"count": months}
