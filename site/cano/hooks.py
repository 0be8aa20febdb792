"""How the domain apps plug into the shared package: the names of the Wagtail hooks `cano` reads.

`cano` is the bottom floor and imports no domain app. An app offers its pieces by registering a
function under one of these hooks in its `wagtail_hooks.py`, which Wagtail imports at start-up:

- search sources: non-page content the site search looks in (`SearchSource`);
- dashboard sections: the app's block on the staff area's dashboard;
- account sections: the app's block on the member's own account page (registrations, groups,
  e-mail settings);
- home page context: what the front page shows of the app (the latest issue, the next study day);
- demo seeds: the app's part of `manage.py seed_demo`;
- personal data stores: the rows of the privacy statement's table (`cano.home.personal_data`);
- calendar events: a user's items in their personal calendar feed (`CalendarEvent`);
- staff menu items: the app's direct link in staff's main menu (an app that is no page).

Hooks with an `order` run from low to high; the accessors here return them in that order.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet

from wagtail import hooks

SEARCH_SOURCES = "register_search_sources"
DASHBOARD_SECTIONS = "register_dashboard_sections"
ACCOUNT_SECTIONS = "register_account_sections"
HOME_PAGE_CONTEXT = "register_home_page_context"
DEMO_SEEDS = "register_demo_seeds"
PERSONAL_DATA_STORES = "register_personal_data_stores"
CALENDAR_EVENTS = "register_calendar_events"
STAFF_MENU_ITEMS = "register_staff_menu_items"


@dataclass(frozen=True)
class SearchSource:
    """Non-page content the site search looks in, with the selector that says who sees what.

    Pages are searched through `cano.home.selectors.pages_visible_to`; a source brings its own
    rule, so search applies the same one as the app's own pages.
    """

    model: type[Model]
    # The result type shown to the visitor, in Dutch: "Intervisie", "Les", "Werkgroep", ...
    label: str
    # The selector: (user) -> queryset of this model's objects the user may see.
    visible_to: Callable[[object], QuerySet]
    # (obj) -> the URL of the object's page.
    url: Callable[[Model], str]
    # (obj) -> the date shown with the result, or None.
    date: Callable[[Model], dt.date | dt.datetime | None] = lambda obj: None
    # (obj) -> the title shown with the result.
    title: Callable[[Model], str] = str


@dataclass(frozen=True)
class CalendarEvent:
    """One item of a user's personal calendar feed (`cano.calendar`).

    A feed ends up in calendar apps and their sync services: an event carries what the user may
    see on the site, and no private text beyond a title (never a case's content).
    """

    # Stable from one fetch to the next, so a calendar app updates the event instead of adding
    # it again: "<kind>-<pk>@cano-vlaanderen".
    uid: str
    summary: str
    # An aware datetime, or a date for an event without an hour (shown as all-day).
    starts_at: dt.datetime | dt.date
    ends_at: dt.datetime | dt.date | None = None
    location: str = ""
    # The event's page on the site: a path, made absolute when the calendar is written.
    url: str = ""


# () -> the app's sources.
SearchSourcesHook = Callable[[], list[SearchSource]]
# (*, user) -> the context of the app's dashboard block (its `template` included), or None.
DashboardSectionHook = Callable[..., dict[str, Any] | None]
# (*, user) -> the context of the app's block on the account page (its `template` included), or None.
AccountSectionHook = Callable[..., dict[str, Any] | None]
# (*, request) -> variables for the home page's template: pages the visitor may see, as of today.
# Cached per visibility class until a page changes or the day turns (`home_page_cards_for`).
HomePageContextHook = Callable[..., dict[str, Any]]
# (*, home, staff_area, users, stdout) -> None; must be idempotent.
DemoSeedHook = Callable[..., None]
# (*, user) -> the user's events of the app.
CalendarEventsHook = Callable[..., Iterable[CalendarEvent]]
# () -> {"title": ..., "url": ...}: the same for every staff member (menus are cached per
# visibility class, not per person).
StaffMenuItemHook = Callable[[], dict[str, str]]


def register_search_sources(fn: SearchSourcesHook) -> SearchSourcesHook:
    hooks.register(SEARCH_SOURCES, fn)
    return fn


def register_dashboard_section(fn: DashboardSectionHook, *, order: int) -> DashboardSectionHook:
    """Sections appear on the dashboard from low `order` to high."""
    hooks.register(DASHBOARD_SECTIONS, fn, order=order)
    return fn


def register_account_section(fn: AccountSectionHook, *, order: int) -> AccountSectionHook:
    """Sections appear on the account page from low `order` to high."""
    hooks.register(ACCOUNT_SECTIONS, fn, order=order)
    return fn


def register_home_page_context(fn: HomePageContextHook) -> HomePageContextHook:
    hooks.register(HOME_PAGE_CONTEXT, fn)
    return fn


def register_demo_seed(fn: DemoSeedHook, *, order: int) -> DemoSeedHook:
    """Seeds run from low `order` to high: later apps may use what earlier ones made."""
    hooks.register(DEMO_SEEDS, fn, order=order)
    return fn


def register_calendar_events(fn: CalendarEventsHook) -> CalendarEventsHook:
    hooks.register(CALENDAR_EVENTS, fn)
    return fn


def register_staff_menu_item(fn: StaffMenuItemHook, *, order: int) -> StaffMenuItemHook:
    """Items appear in staff's menu from low `order` to high, before the staff area's pages."""
    hooks.register(STAFF_MENU_ITEMS, fn, order=order)
    return fn


def search_sources() -> list[SearchSource]:
    return [source for hook in hooks.get_hooks(SEARCH_SOURCES) for source in hook()]


def dashboard_sections(*, user) -> list[dict[str, Any]]:
    sections = (hook(user=user) for hook in hooks.get_hooks(DASHBOARD_SECTIONS))
    return [section for section in sections if section]


def account_sections(*, user) -> list[dict[str, Any]]:
    sections = (hook(user=user) for hook in hooks.get_hooks(ACCOUNT_SECTIONS))
    return [section for section in sections if section]


def home_page_context(*, request) -> dict[str, Any]:
    context = {}
    for hook in hooks.get_hooks(HOME_PAGE_CONTEXT):
        context.update(hook(request=request))
    return context


def demo_seeds() -> list[DemoSeedHook]:
    return list(hooks.get_hooks(DEMO_SEEDS))


def calendar_events(*, user) -> list[CalendarEvent]:
    return [event for hook in hooks.get_hooks(CALENDAR_EVENTS) for event in hook(user=user)]


def staff_menu_items() -> list[dict[str, str]]:
    return [hook() for hook in hooks.get_hooks(STAFF_MENU_ITEMS)]
