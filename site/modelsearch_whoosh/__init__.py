"""Whoosh search backend for modelsearch (Wagtail's search framework).

Use ``"modelsearch_whoosh"`` as BACKEND in MODELSEARCH_BACKENDS (or WAGTAILSEARCH_BACKENDS);
its options, guarantees and limits are in this package's README.md.
"""

from .backend import SearchBackend, WhooshSearchBackend
from .helpers import highlight, suggest
from .storage import SearchIndexUnavailable

__all__ = ["SearchBackend", "SearchIndexUnavailable", "WhooshSearchBackend", "highlight", "suggest"]
