"""The Whoosh backend with its extra capabilities hidden, as modelsearch's own backends present
themselves: the site search then takes the path it takes on every other backend."""

from modelsearch_whoosh import WhooshSearchBackend
from modelsearch_whoosh.backend import WhooshSearchResults


class GenericSearchResults(WhooshSearchResults):
    supports_results_and_facet = False


class SearchBackend(WhooshSearchBackend):
    supports_highlight = False
    supports_suggestions = False
    results_class = GenericSearchResults
