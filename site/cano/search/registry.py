"""What the site-wide search looks in besides pages.

Pages are searched through `cano.home.selectors.pages_visible_to`. Non-page content (intervision
cases, contributions, lessons learned, workgroup updates, ...) is registered here by its app in
`AppConfig.ready()`, each with the selector that returns what a user may see, so search applies the
same rule as the app's own pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class SearchSource:
    model: type[Model]
    # The result type shown to the visitor, in Dutch: "Intervisie", "Les", "Werkgroep", ...
    label: str
    # The selector: (user) -> queryset of this model's objects the user may see.
    visible_to: Callable[[object], QuerySet]
    # (obj) -> the URL of the object's page.
    url: Callable[[Model], str]
    # (obj) -> the date shown with the result, or None.
    date: Callable[[Model], date | datetime | None] = lambda obj: None
    # (obj) -> the title shown with the result.
    title: Callable[[Model], str] = str


_sources: dict[type[Model], SearchSource] = {}


def register(source: SearchSource) -> None:
    _sources[source.model] = source


def sources() -> list[SearchSource]:
    return list(_sources.values())
