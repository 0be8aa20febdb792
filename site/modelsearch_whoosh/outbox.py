"""Index changes kept in the database until the index has taken them (an outbox).

A change to indexed content adds a row (model label, primary key) in the transaction that makes
the change, on the change's database. After the commit the index is written and exactly the rows
written for are removed, by id: a row added for the same object meanwhile is a later change and
stays. A process killed between the commit and the index write leaves its rows behind; whoever
writes the index next (at most once per ``CATCH_UP_INTERVAL`` seconds per process), a search in
a process that has not caught up for that long, or ``backend.apply_pending()`` applies
them. Several processes applying the same rows at once only write the same committed state twice.

The rows live in the model the backend's ``OUTBOX_MODEL`` option names (see ``Outbox``); without
one the backend keeps the changes of an open transaction in memory only.
"""

import logging
import threading
import time
from functools import reduce
from operator import or_

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Q
from django.utils import timezone

logger = logging.getLogger("modelsearch_whoosh")

# Rows applied per index commit when catching up: one database read of the objects and one
# index commit per batch.
BATCH_SIZE = 500
# Rows per DELETE statement: two parameters each, within SQLite's 999 of older builds.
DELETE_CHUNK = 400


class Outbox:
    """The outbox rows of one model, named ``"app_label.ModelName"`` by the backend's
    ``OUTBOX_MODEL`` option; without one (``None``) nothing is kept.

    The model needs three fields: ``model_label`` (a string of up to 100 characters),
    ``object_pk`` (a string of up to 255) and ``created`` (a date and time, indexed).
    """

    def __init__(self, model_label=None):
        self.model_label = model_label

    def _model(self):
        if self.model_label is None:
            return None
        return apps.get_model(self.model_label)

    @property
    def enabled(self):
        return self.model_label is not None

    def record(self, alias, keys):
        """Add a row for each ``(model label, pk)`` key on ``alias``; their handles.

        A handle is ``(id, created)``: SQLite may give a rolled-back row's id to a later row, and
        the creation time tells the two apart, so a handle never removes a row it was not made
        for.
        """
        model = self._model()
        if model is None or not keys:
            return []
        created = timezone.now()
        rows = model.objects.using(alias).bulk_create(
            [model(model_label=label, object_pk=pk, created=created) for label, pk in keys]
        )
        return [(row.pk, created) for row in rows]

    def discard(self, alias, handles):
        """Remove the rows of ``handles`` (their changes are in the index).

        A failure is logged and leaves the rows, which are then applied once more later: the
        same committed state written again.
        """
        model = self._model()
        if model is None or not handles:
            return
        try:
            for start in range(0, len(handles), DELETE_CHUNK):
                chunk = handles[start : start + DELETE_CHUNK]
                match = reduce(or_, (Q(pk=row_id, created=created) for row_id, created in chunk))
                model.objects.using(alias).filter(match).delete()
        except Exception:
            logger.exception("Could not remove %d applied pending index change(s)", len(handles))

    def pending(self, alias, limit, before=None):
        """``(keys, handles)`` of up to ``limit`` rows, oldest first (created up to ``before``)."""
        model = self._model()
        if model is None:
            return [], []
        rows = model.objects.using(alias).order_by("created", "pk")
        if before is not None:
            rows = rows.filter(created__lte=before)
        rows = list(rows.values_list("pk", "created", "model_label", "object_pk")[:limit])
        keys = list(dict.fromkeys((label, pk) for _id, _created, label, pk in rows))
        return keys, [(row_id, created) for row_id, created, _label, _pk in rows]

    def committed(self, alias=DEFAULT_DB_ALIAS):
        """Handles of every row committed so far (a rebuild that starts now covers their
        changes)."""
        model = self._model()
        if model is None:
            return []
        return list(model.objects.using(alias).values_list("pk", "created"))

    def backlog(self, alias=DEFAULT_DB_ALIAS):
        """``(number of rows, creation time of the oldest or None)``."""
        model = self._model()
        if model is None:
            return 0, None
        rows = model.objects.using(alias)
        oldest = rows.order_by("created").values_list("created", flat=True).first()
        return (rows.count() if oldest is not None else 0), oldest


def in_transaction(alias):
    """True inside an atomic block on ``alias``: its changes are written once it commits."""
    return connections[alias].in_atomic_block


class CatchUp:
    """When this process last looked for rows left by others, per database and index."""

    def __init__(self):
        self._lock = threading.Lock()
        self._next = {}

    def due(self, alias, path, interval):
        """True (and the next look scheduled ``interval`` seconds on) when a look is due."""
        now = time.monotonic()
        key = (alias, path)
        with self._lock:
            if self._next.get(key, 0.0) > now:
                return False
            self._next[key] = now + interval
            return True

    def again(self, alias, path):
        """Make the next look due at once (a full batch suggests more rows are waiting)."""
        with self._lock:
            self._next.pop((alias, path), None)


catch_up = CatchUp()
