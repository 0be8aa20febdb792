"""Which pages a visitor may see: the one rule for menus, lists, feeds and search."""

import hashlib
import uuid
from typing import Any

from asgiref.local import Local

from django.core.cache import cache
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.templatetags.wagtailcore_tags import slugurl

from cano.accounts.selectors import user_group_names
from cano.hooks import home_page_context, staff_menu_items

from .models import ContactSettings, PageTreeVersion, StaffAreaPage, StatementPagesSettings

# A new version replaces every cached menu and path list; this bounds how long unused ones linger.
PAGE_TREE_CACHE_TIMEOUT = 24 * 60 * 60
# The page tree's version as read in the current request (per thread and async context).
_request_memo = Local()


def page_restrictions_failed_by(user):
    """The view restrictions this user does not pass (anonymous visitors pass none)."""
    restrictions = PageViewRestriction.objects.all()
    if not getattr(user, "is_authenticated", False):
        return restrictions
    if user.is_superuser:
        return restrictions.filter(restriction_type=PageViewRestriction.PASSWORD)
    passed = Q(restriction_type=PageViewRestriction.LOGIN) | Q(
        restriction_type=PageViewRestriction.GROUPS, groups__in=user.groups.all()
    )
    return restrictions.exclude(pk__in=restrictions.filter(passed).values("pk"))


def pages_visible_to(user, queryset=None):
    """Live pages the user may open: no view restriction above them that they fail.

    Filters on `path`, which search backends index, so it also narrows searches in the index.
    """
    queryset = (queryset if queryset is not None else Page.objects.all()).live()
    for path in _failed_restriction_paths(user):
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def _failed_restriction_paths(user):
    """Paths of the restricted pages the user may not open.

    Kept on the user for the request (one search asks once per kind of content) and in the cache
    for everyone of the same visibility class until a page or a view restriction changes.
    """
    if not hasattr(user, "_cano_failed_restriction_paths"):
        key = f"cano:failed-restriction-paths:{page_tree_version()}:{_visibility_class(user)}"
        paths = cache.get(key)
        if paths is None:
            # From the few restrictions to their pages: joined the other way round, the
            # database walked every page of the site (3.4 ms at 50,000 pages, 0.3 ms this way).
            failed_pages = page_restrictions_failed_by(user).values("page_id")
            paths = list(
                Page.objects.filter(pk__in=failed_pages).order_by().values_list("path", flat=True)
            )
            cache.set(key, paths, PAGE_TREE_CACHE_TIMEOUT)
        user._cano_failed_restriction_paths = paths
    return user._cano_failed_restriction_paths


def _visibility_class(user) -> str:
    """Who `pages_visible_to` treats alike: anonymous visitors, superusers, or a set of groups."""
    if not getattr(user, "is_authenticated", False):
        return "anonymous"
    if user.is_superuser:
        return "superuser"
    names = "\n".join(sorted(user_group_names(user)))
    return "groups-" + hashlib.sha256(names.encode()).hexdigest()[:16]


def page_tree_cache_clear() -> None:
    """Make every cached menu, footer and list of restricted paths stale, in every process.

    Called when a page or a view restriction changes (`cano.home.receivers`). A new random token
    rather than a counter: a change rolled back leaves a token nobody reads again.
    """
    token = uuid.uuid4().hex
    if not PageTreeVersion.objects.filter(pk=1).update(token=token):
        PageTreeVersion.objects.update_or_create(pk=1, defaults={"token": token})
    if getattr(_request_memo, "active", False):
        _request_memo.token = token


def page_tree_version() -> str:
    """The current version of the page tree: read from the database once per request, and at
    every call outside a request (a task worker lives for days)."""
    token = getattr(_request_memo, "token", None)
    if token is None:
        token = PageTreeVersion.objects.filter(pk=1).values_list("token", flat=True).first()
        if token is None:
            token = PageTreeVersion.objects.get_or_create(
                pk=1, defaults={"token": uuid.uuid4().hex}
            )[0].token
        if getattr(_request_memo, "active", False):
            _request_memo.token = token
    return token


def page_tree_version_request_started() -> None:
    """A request begins: the version is read afresh, then kept until it ends."""
    _request_memo.active, _request_memo.token = True, None


def page_tree_version_request_finished() -> None:
    _request_memo.active, _request_memo.token = False, None


def navigation_for(*, request: HttpRequest) -> dict[str, Any]:
    """The main menu's and the footer's links for this visitor, as `pages_visible_to` allows.

    Built once per site and visibility class and kept in the cache until a page or a view
    restriction changes (`cano.home.receivers`): menus no longer cost a page-tree read per request.
    """
    site = Site.find_for_request(request)
    if site is None:
        return {
            "menu": [],
            "footer": [],
            "staff_area_url": None,
            "newsletter_url": None,
            "study_days_url": None,
            "staff_menu": [],
            "statements": _statement_links_build(None),
        }
    return _page_tree_cached(
        f"navigation:{site.pk}", request.user, lambda: _navigation_build(request, site)
    )


def menu_children_for(*, request: HttpRequest, page: Page) -> list[dict[str, str]]:
    """The page's children shown in menus that the visitor may open, as links.

    Cached like the main menu, per site, page and visibility class.
    """
    site = Site.find_for_request(request)
    children = Page.objects.child_of(page).in_menu()
    return _page_tree_cached(
        f"menu-children:{site.pk if site else ''}:{page.pk}",
        request.user,
        lambda: _links(request, pages_visible_to(request.user, children)),
    )


def home_page_cards_for(*, request: HttpRequest) -> dict[str, Any]:
    """What the home page shows beside its own fields: the apps' cards (the latest issue, the
    next study day) and the staff area.

    All of it is pages this visitor may see, some of them from today on: cached per visibility
    class until a page changes or the day turns.
    """
    return _page_tree_cached(
        f"home-page-cards:{timezone.localdate().isoformat()}",
        request.user,
        lambda: {
            **home_page_context(request=request),
            "staff_area": StaffAreaPage.objects.live().first(),
        },
    )


def _page_tree_cached(name: str, user, build):
    """What `build` returns for this visibility class, until the page tree changes."""
    key = f"cano:{name}:{page_tree_version()}:{_visibility_class(user)}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, PAGE_TREE_CACHE_TIMEOUT)
    return value


def _navigation_build(request: HttpRequest, site: Site) -> dict[str, Any]:
    children = pages_visible_to(request.user, Page.objects.child_of(site.root_page))
    context = {"request": request}
    return {
        "menu": _links(request, children.in_menu()),
        "footer": _links(request, children.not_in_menu()),
        "staff_area_url": slugurl(context, "medewerkers"),
        "newsletter_url": slugurl(context, "nieuwsbrief"),
        "study_days_url": slugurl(context, "studiedagen"),
        "staff_menu": _staff_menu_build(request, site),
        "statements": statement_links(site=site),
    }


def _staff_menu_build(request: HttpRequest, site: Site) -> list[dict[str, str]]:
    """Staff's direct links: the apps' own sections (intervision), then the staff area's menu pages.

    Empty for whoever may not open the staff area, so the cache per visibility class holds.
    """
    staff_area = pages_visible_to(
        request.user, StaffAreaPage.objects.child_of(site.root_page)
    ).first()
    if staff_area is None:
        return []
    pages = pages_visible_to(request.user, staff_area.get_children().in_menu())
    return [*staff_menu_items(), *_links(request, pages)]


def statement_links(*, site: Site | None = None) -> dict[str, Any]:
    """The privacy and accessibility statements' and the contact page's URLs, and the contact details.

    What the footer and the consent texts link to, from the site's settings (the default site's
    when none is given: a form has no request). Cached like the menus; saving either setting or
    changing a page makes it stale.
    """
    key = f"cano:statement-links:{page_tree_version()}:{site.pk if site else 'default'}"
    links = cache.get(key)
    if links is None:
        if site is None:
            site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        links = _statement_links_build(site)
        cache.set(key, links, PAGE_TREE_CACHE_TIMEOUT)
    return links


def _statement_links_build(site: Site | None) -> dict[str, Any]:
    links: dict[str, Any] = {
        "privacy_url": "",
        "accessibility_url": "",
        "contact_url": "",
        "contact": None,
    }
    if site is None:
        return links
    pages = StatementPagesSettings.for_site(site)
    for name in ("privacy", "accessibility", "contact"):
        page = getattr(pages, f"{name}_page")
        if page is not None and page.live:
            links[f"{name}_url"] = page.specific.relative_url(site) or ""
    contact = ContactSettings.for_site(site)
    links["contact"] = {
        "organisation_name": contact.organisation_name,
        "address_lines": contact.address_lines,
        "email": contact.email,
        "phone": contact.phone,
        "phone_href": contact.phone_href,
        "phone_hours": contact.phone_hours,
    }
    return links


def _links(request: HttpRequest, pages) -> list[dict[str, str]]:
    # Specific pages: a page type may route its URL differently.
    return [
        {"title": page.title, "url": page.get_url(request=request) or ""}
        for page in pages.specific()
    ]


def privacy_statement_help() -> str:
    """The help text under a consent checkbox: a link to the privacy statement, if there is one.

    Set when the form is made (a form has no request; the statement may have moved); empty
    without a statement, so no field names a description that is not there.
    """
    url = statement_links()["privacy_url"]
    if not url:
        return ""
    return format_html('<a href="{}">{}</a>', url, gettext("Lees de privacyverklaring"))
