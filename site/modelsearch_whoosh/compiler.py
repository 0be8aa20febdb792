"""Compile modelsearch queries, filters and orderings into Whoosh queries."""

from whoosh import query as wq
from whoosh import sorting

from django.db.models import F, OrderBy, Subquery
from django.db.models.sql import Query
from django.db.models.sql.constants import MULTI, SINGLE

from modelsearch.backends.base import (
    BaseSearchQueryCompiler,
    OrderByFieldError,
    SearchFieldError,
)
from modelsearch.index import get_indexed_models
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText

from .mapping import (
    FilterColumn,
    content_type_label,
    filter_column,
    phrase_column,
    text_fields_with_boosts,
)


def _fuzzy_distance(word):
    # Same thresholds as Elasticsearch's "AUTO" fuzziness.
    if len(word) <= 2:
        return 0
    if len(word) <= 5:
        return 1
    return 2


class WhooshSearchQueryCompiler(BaseSearchQueryCompiler):
    DEFAULT_OPERATOR = "and"
    HANDLES_ORDER_BY_EXPRESSIONS = True
    autocomplete = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._filter_aliases = []

    # Fields

    def _searchable_model_fields(self):
        if self.autocomplete:
            return self.queryset.model.get_autocomplete_search_fields()
        return self.queryset.model.get_searchable_search_fields()

    def check(self):
        if not self.autocomplete:
            return super().check()
        fields, self.fields = self.fields, None
        try:
            super().check()
        finally:
            self.fields = fields
        allowed = {field.field_name for field in self._searchable_model_fields()}
        for name in self.fields or []:
            if name not in allowed:
                raise SearchFieldError(
                    f'Cannot autocomplete with field "{name}". Please add '
                    f'index.AutocompleteField("{name}") to {self.queryset.model.__name__}.search_fields.',
                    field_name=name,
                )

    def text_fields(self):
        """``{whoosh_field: boost}`` to search, including descendants' and related fields."""
        model = self.queryset.model
        boosts = {}
        if self.fields:
            wanted = set(self.fields)
            for field in self._searchable_model_fields():
                if field.field_name in wanted:
                    for column, boost in text_fields_with_boosts(
                        model, [field], autocomplete=self.autocomplete
                    ):
                        boosts[column] = max(boost, boosts.get(column, 0.0))
            return boosts
        models = [model] + [
            other
            for other in get_indexed_models()
            if other is not model and issubclass(other, model)
        ]
        for each in models:
            for column, boost in text_fields_with_boosts(each, autocomplete=self.autocomplete):
                boosts[column] = max(boost, boosts.get(column, 0.0))
        return boosts

    # Text query

    def whoosh_query(self, analyzer, exact_boost_for):
        """The Whoosh query; ``exact_boost_for(column)`` is the weight of a word's typed form
        (a term of the phrase field beside the full-text ``column``), or None where only its stem
        is searched."""
        fields = self.text_fields()
        if not fields and not isinstance(self.query, MatchAll):
            return wq.NullQuery
        return self._compile(self.query, fields, analyzer, exact_boost_for, 1.0)

    def _compile(self, query, fields, analyzer, exact_boost_for, boost):
        if isinstance(query, MatchAll):
            return wq.Every(boost=boost)
        if isinstance(query, And):
            return wq.And(
                [
                    self._compile(q, fields, analyzer, exact_boost_for, boost)
                    for q in query.subqueries
                ]
            )
        if isinstance(query, Or):
            return wq.Or(
                [
                    self._compile(q, fields, analyzer, exact_boost_for, boost)
                    for q in query.subqueries
                ]
            )
        if isinstance(query, Not):
            return wq.Not(self._compile(query.subquery, fields, analyzer, exact_boost_for, boost))
        if isinstance(query, Boost):
            return self._compile(
                query.subquery, fields, analyzer, exact_boost_for, boost * query.boost
            )
        if isinstance(query, PlainText):
            return self._plain_text(query, fields, analyzer, exact_boost_for, boost * query.boost)
        if isinstance(query, Phrase):
            return self._phrase(query, fields, analyzer, boost)
        if isinstance(query, Fuzzy):
            return self._fuzzy(query, fields, analyzer, boost)
        raise NotImplementedError(
            f"`{query.__class__.__name__}` is not supported by the Whoosh search backend."
        )

    def _combine(self, parts, operator):
        if not parts:
            return wq.NullQuery
        if len(parts) == 1:
            return parts[0]
        return wq.And(parts) if operator == "and" else wq.Or(parts)

    def _plain_text(self, query, fields, analyzer, exact_boost_for, boost):
        if self.autocomplete:
            words = analyzer.autocomplete_words(query.query_string)
            parts = [
                wq.Or([wq.Term(f, word, boost=boost * b) for f, b in fields.items()])
                for word in words
            ]
            return self._combine(parts, query.operator)
        exact_boosts = {field: exact_boost_for(field) for field in fields}
        parts = []
        for stem, exact in analyzer.words(query.query_string):
            terms = []
            for field, field_boost in fields.items():
                terms.append(wq.Term(field, stem, boost=boost * field_boost))
                if exact_boosts[field] is not None:
                    # The typed form is a term of the phrase field beside the full-text one.
                    terms.append(
                        wq.Term(
                            phrase_column(field),
                            exact,
                            boost=boost * field_boost * exact_boosts[field],
                        )
                    )
            parts.append(wq.Or(terms))
        return self._combine(parts, query.operator)

    def _phrase(self, query, fields, analyzer, boost):
        words = [exact for _stem, exact in analyzer.words(query.query_string)]
        if not words:
            return wq.NullQuery
        if len(words) == 1:
            return wq.Or(
                [wq.Term(phrase_column(f), words[0], boost=boost * b) for f, b in fields.items()]
            )
        return wq.Or(
            [wq.Phrase(phrase_column(f), words, boost=boost * b) for f, b in fields.items()]
        )

    def _fuzzy(self, query, fields, analyzer, boost):
        parts = []
        for stem, _exact in analyzer.words(query.query_string):
            parts.append(
                wq.Or(
                    [
                        wq.FuzzyTerm(
                            f, stem, boost=boost * b, maxdist=_fuzzy_distance(stem), prefixlength=1
                        )
                        for f, b in fields.items()
                    ]
                )
            )
        return self._combine(parts, query.operator)

    # Filters

    def content_type_query(self):
        return wq.Term("content_type", content_type_label(self.queryset.model))

    def whoosh_filter(self):
        """Return ``(whoosh_filter, exact)``; when not exact the database must filter too."""
        self._filter_aliases = []
        result = self._get_filters_from_queryset()
        query, exact = result if result else (None, True)
        multi_aliases = [alias for alias, multi in self._filter_aliases if multi]
        if len(multi_aliases) != len(set(multi_aliases)):
            # Several conditions on one to-many join must hold for the same related row,
            # which flattened index values cannot express.
            query, exact = None, False
        ct = self.content_type_query()
        if query is wq.NullQuery:
            return wq.NullQuery, exact
        if query is None:
            return ct, exact
        return wq.And([ct, query]), exact

    def _process_filter(self, column, lookup, value, check_only=False):
        if not check_only:
            field_path = self._get_filter_field_path_for_column(column)
            self._filter_aliases.append(
                (column.alias, filter_column(field_path, self.queryset.model).multi)
            )
        return super()._process_filter(column, lookup, value, check_only=check_only)

    def _resolve_subquery(self, value, result_type):
        db_alias = self.queryset.db
        query = value.query if isinstance(value, Subquery) else value
        rows = query.get_compiler(db_alias).execute_sql(result_type=result_type)
        if result_type == SINGLE:
            return rows[0] if rows else None
        return [row[0] for chunk in rows for row in chunk]

    def _process_lookup(self, field_path, lookup, value):
        column = filter_column(field_path, self.queryset.model)
        if hasattr(value, "resolve_expression") and not isinstance(value, (Query, Subquery)):
            return (None, False)
        if lookup == "exact":
            if isinstance(value, (Query, Subquery)):
                value = self._resolve_subquery(value, SINGLE)
            return (self._exact(column, value), True)
        if lookup == "in":
            if isinstance(value, (Query, Subquery)):
                values = self._resolve_subquery(value, MULTI)
            else:
                values = list(value)
            parts = [self._exact(column, v) for v in values if v is not None]
            parts = [p for p in parts if p is not wq.NullQuery]
            if not parts:
                return (wq.NullQuery, True)
            return (wq.Or(parts) if len(parts) > 1 else parts[0], True)
        if lookup == "isnull":
            has_value = wq.Term("has_value", column.path)
            return (wq.Not(has_value) if value else has_value, True)
        if lookup in ("gt", "gte", "lt", "lte"):
            encoded = column.encode(value)
            if encoded is None:
                return (None, False)
            low = encoded if lookup in ("gt", "gte") else None
            high = encoded if lookup in ("lt", "lte") else None
            return (self._range(column, low, high, lookup == "gt", lookup == "lt"), True)
        if lookup == "range":
            low, high = (column.encode(v) for v in value)
            if low is None or high is None:
                return (None, False)
            return (self._range(column, low, high, False, False), True)
        if lookup in ("startswith", "prefix") and not column.numeric:
            return (wq.Prefix(column.name, column.encode(value)), True)
        return (None, False)

    def _exact(self, column: FilterColumn, value):
        encoded = column.encode(value)
        if encoded is None:
            return wq.NullQuery
        if column.numeric:
            return wq.NumericRange(column.name, encoded, encoded)
        return wq.Term(column.name, encoded)

    def _range(self, column, low, high, startexcl, endexcl):
        if column.numeric:
            return wq.NumericRange(column.name, low, high, startexcl, endexcl)
        return wq.TermRange(column.name, low, high, startexcl, endexcl)

    def _process_match_none(self):
        return (wq.NullQuery, True)

    def _connect_filters(self, filters, connector, negated):
        if not filters:
            return None
        exact = all(ok for _q, ok in filters)
        if connector == "AND":
            # Dropping an inexact part of a conjunction leaves a superset, which the
            # database then narrows down.
            parts = [q for q, ok in filters if ok and q is not None]
            if any(q is wq.NullQuery for q in parts):
                # Whoosh drops NullQuery from an And when normalising, which would turn
                # "matches nothing" into "matches everything the other parts match".
                query = wq.NullQuery
            else:
                query = None if not parts else (wq.And(parts) if len(parts) > 1 else parts[0])
        else:
            if not exact or any(q is None for q, _ok in filters):
                query = None
            else:
                parts = [q for q, _ok in filters]
                query = wq.Or(parts) if len(parts) > 1 else parts[0]
        if negated:
            if not exact:
                return (None, False)
            if query is None:
                return (wq.NullQuery, True)
            if query is wq.NullQuery:
                return (None, True)
            return (wq.Not(query), True)
        return (query, exact)

    # Ordering

    def sort_facets(self, pk_column):
        """Whoosh sort keys for the queryset's ordering, or None to sort by relevance."""
        if self.order_by_relevance:
            return None
        facets = []
        for item in self.queryset.query.order_by:
            reverse = False
            if isinstance(item, OrderBy):
                if not isinstance(item.expression, F):
                    continue
                name, reverse = item.expression.name, item.descending
            else:
                name = item
                if name.startswith("-"):
                    name, reverse = name[1:], True
            if name == "pk":
                facets.append(sorting.FieldFacet(pk_column, reverse=reverse))
                continue
            field = self.filterable_field(name, action="sort", error_class=OrderByFieldError)
            column = filter_column([field], self.queryset.model)
            facets.append(sorting.FieldFacet(column.name, reverse=reverse))
        # A stable tie-break keeps pages from overlapping.
        facets.append(sorting.FieldFacet(pk_column, reverse=True))
        return facets

    def filterable_field(self, field_name, *, action, error_class):
        """The FilterField for field_name, else modelsearch's error naming the one to add."""
        field = self._get_filterable_field(field_name)
        if field is None:
            raise error_class(
                f'Cannot {action} search results with field "{field_name}". Please add '
                f'index.FilterField("{field_name}") to {self.queryset.model.__name__}.search_fields.',
                field_name=field_name,
            )
        return field


class WhooshAutocompleteQueryCompiler(WhooshSearchQueryCompiler):
    """Prefix search over autocomplete fields.

    The admin's searches send what an editor typed through ``parse_query_string`` to
    ``autocomplete()``: a quote in it gives ``And``/``Or`` of ``Phrase`` parts. Like modelsearch's
    PostgreSQL backend, every query shape is answered rather than refused; the prefix fields
    hold no positions, so a phrase or a fuzzy word is matched as all of its words.
    """

    autocomplete = True

    def _compile(self, query, fields, analyzer, exact_boost_for, boost):
        if isinstance(query, (Phrase, Fuzzy)):
            query = PlainText(query.query_string, operator="and")
        return super()._compile(query, fields, analyzer, exact_boost_for, boost)
