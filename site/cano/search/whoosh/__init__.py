"""Whoosh search backend for modelsearch (Wagtail's search framework).

Use ``"cano.search.whoosh"`` as BACKEND in WAGTAILSEARCH_BACKENDS.
"""

from .backend import SearchBackend, WhooshSearchBackend
from .helpers import highlight, suggest
from .storage import SearchIndexUnavailable

__all__ = ["SearchBackend", "SearchIndexUnavailable", "WhooshSearchBackend", "highlight", "suggest"]
