"""Site-wide search: one query across pages and registered content, filtered by who is asking.

Every caller (the search page, autocomplete, suggestions) goes through `site_search` or
`site_autocomplete`; both start from the same visibility selectors, so counts, facets, snippets and
suggestions never mention what the visitor may not open.
"""

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from modelsearch.backends import get_search_backend
from modelsearch.backends.base import FilterFieldError
from modelsearch.utils import parse_query_string
from wagtail.models import Page, get_page_models

from cano.accounts.models import User
from cano.home.selectors import pages_visible_to
from cano.hooks import SearchSource, search_sources
from cano.richtext import rich_text_plain

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
PER_PAGE = 10
MAX_PAGE = 50
OR_WORDS = re.compile(r"\s+(?:OF|OR)\s+")
SNIPPET_CHARS = 220


class SearchUnavailable(Exception):
    """The search backend failed; the page shows a message instead of results."""


@dataclass
class SearchHit:
    title: str
    url: str
    type_label: str
    snippet: str  # HTML-safe
    date: date | datetime | None
    score: float


@dataclass
class Facet:
    label: str
    count: int
    selected: bool


@dataclass
class SearchOutcome:
    query: str = ""
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    facets: list[Facet] = field(default_factory=list)
    suggestion: str | None = None
    page: int = 1
    num_pages: int = 0
    messages: list[str] = field(default_factory=list)
    selected_type: str = ""


def query_clean(raw: str) -> tuple[str, list[str]]:
    """Strip control characters and excess whitespace; cap the length. Returns (query, messages)."""
    messages = []
    text = "".join(
        " " if unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"} else char
        for char in (raw or "")[: MAX_QUERY_LENGTH * 10]
    )
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or text[:MAX_QUERY_LENGTH]
        messages.append(
            _("Je zoekopdracht was te lang en is ingekort tot %(n)s tekens.")
            % {"n": MAX_QUERY_LENGTH}
        )
    return text, messages


def query_build(text: str):
    """Words are combined with AND; `OF`/`OR` between words switches to any-of; quotes make phrases."""
    operator = "and"
    if OR_WORDS.search(text):
        text = OR_WORDS.sub(" ", text)
        operator = "or"
    _filters, query = parse_query_string(text, operator=operator)
    return query


def page_type_label(model) -> str:
    return str(getattr(model, "search_type_label", "") or model._meta.verbose_name.capitalize())


def _page_label_groups() -> dict[str, list[int]]:
    """Dutch type label -> content type ids of the page models that carry it."""
    groups: dict[str, list[int]] = {}
    for model in get_page_models():
        if model is Page:
            continue
        groups.setdefault(page_type_label(model), []).append(
            ContentType.objects.get_for_model(model).pk
        )
    return groups


def _search(queryset, query):
    """Search any queryset (plain model managers have no .search())."""
    return get_search_backend().search(query, queryset)


def _snippet(obj, query_text: str, backend) -> str:
    # Backends are asked what they can do; modelsearch's own lack these attributes.
    if getattr(backend, "supports_highlight", False):
        return backend.highlight(obj, query_text, max_chars=SNIPPET_CHARS)
    # Other backends: the start of the object's own description, with matching words marked.
    text = ""
    for name in ("search_description", "intro", "teaser", "description", "text", "body"):
        value = getattr(obj, name, "")
        if value and isinstance(value, str):
            text = rich_text_plain(value)
            break
    text = " ".join(text.split())[:SNIPPET_CHARS]
    words = sorted(set(re.findall(r"\w{3,}", query_text.lower())), key=len, reverse=True)
    if not words:
        return escape(text)
    alternatives = "|".join(map(re.escape, words))
    pattern = re.compile(rf"(?i)\b(?:{alternatives})\w*")
    pieces = []
    last = 0
    for match in pattern.finditer(text):
        pieces += [escape(text[last : match.start()]), f"<mark>{escape(match.group(0))}</mark>"]
        last = match.end()
    pieces.append(escape(text[last:]))
    return "".join(pieces)


def _page_date(page):
    value = getattr(page, "search_result_date", None)
    if callable(value):
        value = value()
    return value or page.last_published_at


def _page_facets(pages, query, page_groups, by_type=None) -> dict[str, int]:
    """Result counts per page type label.

    ``by_type`` is a content type facet already computed for ``pages`` and ``query``; without it,
    one facet query where the backend has facets, else one count per label.
    """
    if by_type is None:
        try:
            by_type = _search(pages, query).facet("content_type_id")
        except (NotImplementedError, FilterFieldError):
            by_type = None
    counts: dict[str, int] = {}
    for label, type_ids in page_groups.items():
        if by_type is None:
            count = _search(pages.filter(content_type_id__in=type_ids), query).count()
        else:
            count = sum(by_type.get(type_id, 0) for type_id in type_ids)
        if count:
            counts[label] = count
    return counts


def site_search(
    *,
    user: User | AnonymousUser,
    raw_query: str,
    selected_type: str = "",
    page: int = 1,
) -> SearchOutcome:
    """Search everything the user may see; facets always count every type, results follow the filter."""
    text, messages = query_clean(raw_query)
    outcome = SearchOutcome(query=text, messages=messages)
    if not text:
        return outcome
    query = query_build(text)
    backend = get_search_backend()
    page = max(1, min(page, MAX_PAGE))
    outcome.page = page
    needed = page * PER_PAGE
    try:
        page_groups = _page_label_groups()
        pages = pages_visible_to(user)
        sources = [(source, source.visible_to(user)) for source in search_sources()]
        labels = set(page_groups) | {source.label for source, _qs in sources}
        selected_type = selected_type if selected_type in labels else ""
        outcome.selected_type = selected_type
        # Sources this visitor may see nothing of (`.none()`) need no index query at all.
        sources = [(source, qs) for source, qs in sources if not qs.query.is_empty()]

        candidates: list[tuple[float, SearchSource | None, Model]] = []
        by_type = None
        if not selected_type:
            results = _search(pages, query).annotate_score("_score")[:needed]
            if getattr(results, "supports_results_and_facet", False):
                # The ranked pages and their counts per type from one index pass.
                found, by_type = results.results_and_facet("content_type_id")
                candidates += [(obj._score or 0.0, None, obj) for obj in found]
        counts = _page_facets(pages, query, page_groups, by_type)
        for source, queryset in sources:
            wanted = not selected_type or source.label == selected_type
            results = _search(queryset, query).annotate_score("_score")
            if wanted:
                found = list(results[:needed])
                candidates += [(obj._score or 0.0, source, obj) for obj in found]
                # Fewer than asked for is every match: no separate count query.
                count = len(found) if len(found) < needed else results.count()
            else:
                count = results.count()
            if count:
                counts[source.label] = counts.get(source.label, 0) + count
        outcome.total = counts.get(selected_type, 0) if selected_type else sum(counts.values())
        outcome.facets = [
            Facet(label=label, count=count, selected=label == selected_type)
            for label, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ]

        if by_type is None and (not selected_type or selected_type in page_groups):
            if selected_type:
                pages = pages.filter(content_type_id__in=page_groups[selected_type])
            results = _search(pages, query).annotate_score("_score")
            candidates += [(obj._score or 0.0, None, obj) for obj in results[:needed]]
        candidates.sort(key=lambda item: item[0], reverse=True)
        outcome.hits = _hits(candidates[(page - 1) * PER_PAGE : needed], text, backend)
        outcome.num_pages = min(MAX_PAGE, -(-outcome.total // PER_PAGE))
        if not counts:
            outcome.suggestion = suggestion_for(user=user, text=text, backend=backend)
    except Exception as error:
        logger.exception("Search failed for a query of %d characters", len(text))
        raise SearchUnavailable from error
    return outcome


def _hits(window, text, backend) -> list[SearchHit]:
    page_ids = [obj.pk for _score, source, obj in window if source is None]
    specific_pages = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).specific()}
    hits = []
    for score, source, obj in window:
        if source is None:
            page = specific_pages.get(obj.pk)
            if page is None:
                continue
            hits.append(
                SearchHit(
                    title=page.title,
                    url=page.url,
                    type_label=page_type_label(type(page)),
                    snippet=_snippet(page, text, backend),
                    date=_page_date(page),
                    score=score,
                )
            )
        else:
            hits.append(
                SearchHit(
                    title=source.title(obj),
                    url=source.url(obj),
                    type_label=source.label,
                    snippet=_snippet(obj, text, backend),
                    date=source.date(obj),
                    score=score,
                )
            )
    return hits


def _visible_count(user, text, backend) -> int:
    query = query_build(text)
    total = _search(pages_visible_to(user), query).count()
    for source in search_sources():
        if total:
            break
        total += _search(source.visible_to(user), query).count()
    return total


def suggestion_for(*, user, text: str, backend) -> str | None:
    """A corrected query from the index's words, offered only if it finds something this user may see."""
    if not getattr(backend, "supports_suggestions", False):
        return None
    candidate = backend.suggest(text)
    if not candidate or candidate == text:
        return None
    return candidate if _visible_count(user, candidate, backend) else None


def site_autocomplete(*, user, raw_query: str, limit: int = 8) -> list[dict]:
    text, _messages = query_clean(raw_query)
    if len(text) < 2:
        return []
    suggestions = []
    pages = get_search_backend().autocomplete(text, pages_visible_to(user))[:limit]
    specific = {
        page.pk: page for page in Page.objects.filter(pk__in=[p.pk for p in pages]).specific()
    }
    for page in pages:
        page = specific.get(page.pk)
        if page is not None:
            suggestions.append(
                {"title": page.title, "url": page.url, "type": page_type_label(type(page))}
            )
    for source in search_sources():
        try:
            objects = get_search_backend().autocomplete(text, source.visible_to(user))[:3]
            suggestions.extend(
                {"title": source.title(obj), "url": source.url(obj), "type": source.label}
                for obj in objects
            )
        except Exception:  # a model without autocomplete fields contributes nothing
            logger.debug("No autocomplete for %s", source.model.__name__)
    return suggestions[:limit]


def index_backlog(*, max_age: float) -> dict:
    """``{"search": "ok"}``, or ``"behind"`` with the number of waiting index changes when the
    oldest has waited longer than ``max_age`` seconds (see the backend's ``OUTBOX_MODEL``)."""
    # Only a backend with an outbox keeps changes it has not written yet.
    outbox = getattr(get_search_backend(), "outbox", None)
    count, oldest = outbox.backlog() if outbox is not None else (0, None)
    if oldest is None or (timezone.now() - oldest).total_seconds() <= max_age:
        return {"search": "ok"}
    return {"search": "behind", "search_backlog": count}
