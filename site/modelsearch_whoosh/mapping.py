"""Translation between indexed Django models and Whoosh documents."""

import contextlib
import datetime
import decimal
import uuid

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str

from modelsearch.backends.base import get_model_root
from modelsearch.index import (
    AutocompleteField,
    FilterField,
    Indexed,
    RelatedFields,
    SearchField,
)

INT_TYPES = {
    "AutoField",
    "SmallAutoField",
    "BigAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "PositiveBigIntegerField",
}
FLOAT_TYPES = {"FloatField", "DecimalField"}
EPOCH = datetime.datetime(1, 1, 1)
MISSING_INT = 2**63 - 1


def content_type_label(model):
    return f"{model._meta.app_label}.{model.__name__}".lower()


def all_content_types(model):
    """The model's own label and those of its indexed concrete ancestors."""
    labels = [content_type_label(model)]
    for base in model.__mro__[1:]:
        if (
            isinstance(base, type)
            and issubclass(base, Indexed)
            and issubclass(base, models.Model)
            and not base._meta.abstract
            and base is not model
        ):
            labels.append(content_type_label(base))
    return labels


def document_key(obj):
    return model_document_key(type(obj), obj.pk)


def model_document_key(model, pk):
    return f"{content_type_label(get_model_root(model))}:{pk}"


def _is_to_many(field):
    return bool(getattr(field, "many_to_many", False) or getattr(field, "one_to_many", False))


def value_kind(field, model):
    """Classify a FilterField as int, float, bool, date, datetime or str."""
    internal = field.get_type(model)
    if internal in INT_TYPES:
        return "int"
    if internal in FLOAT_TYPES:
        return "float"
    if internal in ("BooleanField", "NullBooleanField"):
        return "bool"
    if internal == "DateField":
        return "date"
    if internal == "DateTimeField":
        return "datetime"
    return "str"


class FilterColumn:
    """A FilterField reached through zero or more RelatedFields, as a Whoosh field."""

    def __init__(self, path, kind, multi):
        self.path = path
        self.kind = kind
        self.multi = multi
        prefix = {"int": "i", "bool": "i", "date": "i", "datetime": "i", "float": "f"}.get(
            kind, "s"
        )
        self.name = ("m" if multi else "f") + prefix + "__" + path

    @property
    def numeric(self):
        return self.kind != "str"

    def encode(self, value):
        """Convert a Python value to what the index stores for this column."""
        if isinstance(value, models.Model):
            value = value.pk
        if value is None:
            return None
        if self.kind in ("int", "bool"):
            return int(value)
        if self.kind == "float":
            return float(value)
        if self.kind in ("date", "datetime"):
            if isinstance(value, datetime.datetime):
                if timezone.is_aware(value):
                    value = timezone.make_naive(value, datetime.UTC)
            elif isinstance(value, datetime.date):
                value = datetime.datetime(value.year, value.month, value.day)
            else:
                return None
            return (value - EPOCH) // datetime.timedelta(microseconds=1)
        if isinstance(value, datetime.time):
            return value.isoformat()
        if isinstance(value, (uuid.UUID, decimal.Decimal)):
            return str(value)
        return force_str(value)

    def decode(self, value):
        """Convert a stored column value back to Python (used by facets)."""
        if value is None or value == MISSING_INT or value == "":
            return None
        if self.kind == "int":
            return int(value)
        if self.kind == "bool":
            return bool(value)
        if self.kind == "float":
            return float(value)
        if self.kind in ("date", "datetime"):
            moment = EPOCH + datetime.timedelta(microseconds=int(value))
            if self.kind == "date":
                return moment.date()
            return moment.replace(tzinfo=datetime.UTC)
        return value


def filter_column(field_path, model):
    """FilterColumn for a path as returned by ``_get_filter_field_path_for_column``."""
    names = []
    multi = False
    for field in field_path[:-1]:
        relation = field.get_field(model)
        multi = multi or _is_to_many(relation)
        names.append(field.field_name)
        model = relation.related_model
    leaf = field_path[-1]
    with contextlib.suppress(FieldDoesNotExist):
        multi = multi or _is_to_many(leaf.get_field(model))
    names.append(leaf.get_attname(model))
    return FilterColumn("__".join(names), value_kind(leaf, model), multi)


def text_column(path):
    return "t__" + path


def phrase_column(text_field):
    """The phrase field beside a full-text field."""
    return "p__" + text_field[len("t__") :]


def autocomplete_column(path):
    return "a__" + path


def prepare_text(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return "\n".join(prepare_text(item) for item in value)
    if isinstance(value, dict):
        return "\n".join(prepare_text(item) for item in value.values())
    return force_str(value)


def _related_objects(field, obj):
    value = field.get_value(obj)
    if value is None:
        return []
    if isinstance(value, (models.Manager, models.QuerySet)):
        return list(value.all())
    if callable(value):
        value = value()
    return [value]


def _filter_values(value):
    if isinstance(value, (models.Manager, models.QuerySet)):
        return list(value.values_list("pk", flat=True))
    if isinstance(value, (list, tuple, set)):
        return [item.pk if isinstance(item, models.Model) else item for item in value]
    return [value]


class DocumentBuilder:
    """Builds the Whoosh document for a model instance."""

    def __init__(self, model):
        self.model = model
        self.content_types = all_content_types(model)
        pk_field = model._meta.pk
        while isinstance(pk_field, models.ForeignKey | models.OneToOneField):
            pk_field = pk_field.target_field
        self.int_pk = pk_field.get_internal_type() in INT_TYPES

    def build(self, obj):
        doc = {
            "doc_id": document_key(obj),
            "pk": force_str(obj.pk),
            "content_type": self.content_types,
        }
        if self.int_pk:
            doc["pk_int"] = int(obj.pk)
        texts = {}
        filters = {}
        self._collect(obj, type(obj), obj.get_search_fields(), "", texts, filters, False)
        for name, parts in texts.items():
            text = "\n".join(part for part in parts if part)
            if text:
                doc[name] = text
                if name.startswith("t__"):
                    # The same string object: the phrase field reuses its tokens.
                    doc[phrase_column(name)] = text
        present = []
        for name, (column, values) in filters.items():
            values = [value for value in values if value is not None]
            if not values:
                continue
            present.append(column.path)
            doc[name] = values if column.multi else values[0]
        doc["has_value"] = present
        return doc

    def _collect(self, obj, model, search_fields, prefix, texts, filters, multi):
        for field in search_fields:
            if isinstance(field, RelatedFields):
                try:
                    relation = field.get_field(model)
                except FieldDoesNotExist:
                    continue
                sub_multi = multi or _is_to_many(relation)
                for sub_obj in _related_objects(field, obj):
                    self._collect(
                        sub_obj,
                        type(sub_obj),
                        field.fields,
                        prefix + field.field_name + "__",
                        texts,
                        filters,
                        sub_multi,
                    )
            elif isinstance(field, FilterField):
                try:
                    leaf_multi = multi or _is_to_many(field.get_field(model))
                except FieldDoesNotExist:
                    leaf_multi = multi
                column = FilterColumn(
                    prefix + field.get_attname(model), value_kind(field, model), leaf_multi
                )
                values = [column.encode(v) for v in _filter_values(field.get_value(obj))]
                filters.setdefault(column.name, (column, []))[1].extend(values)
            elif isinstance(field, AutocompleteField):
                value = prepare_text(field.get_value(obj))
                texts.setdefault(autocomplete_column(prefix + field.field_name), []).append(value)
            elif isinstance(field, SearchField):
                value = prepare_text(field.get_value(obj))
                texts.setdefault(text_column(prefix + field.field_name), []).append(value)


def text_fields_with_boosts(model, search_fields=None, prefix="", boost=1.0, autocomplete=False):
    """Yield ``(whoosh_field, boost)`` for every full-text column of ``model``."""
    wanted = AutocompleteField if autocomplete else SearchField
    for field in search_fields if search_fields is not None else model.get_search_fields():
        if isinstance(field, RelatedFields):
            try:
                related_model = field.get_field(model).related_model
            except FieldDoesNotExist:
                continue
            yield from text_fields_with_boosts(
                related_model, field.fields, prefix + field.field_name + "__", boost, autocomplete
            )
        elif isinstance(field, wanted):
            name = prefix + field.field_name
            column = autocomplete_column(name) if autocomplete else text_column(name)
            yield column, boost * float(getattr(field, "boost", None) or 1.0)
