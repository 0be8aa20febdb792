"""What the task worker records beside django-tasks-db's own rows, so a dead worker's work is
noticed (heartbeats) and a task run again does not repeat what it already did (steps)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """The last sign of life of one `db_worker` process.

    django-tasks-db stores which workers ran a task (`worker_ids`) but not whether they still
    live; a RUNNING task whose worker stopped beating is run again (see services.tasks_reclaim).
    """

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    started_at = models.DateTimeField(_("gestart op"), default=timezone.now)
    last_seen = models.DateTimeField(_("laatst gezien"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("werkproces")
        verbose_name_plural = _("werkprocessen")

    def __str__(self):
        return self.worker_id


class TaskStep(models.Model):
    """One side effect (usually one e-mail) a task run has taken on, committed before it happens.

    A task run again after its worker died keeps its id, so it skips the steps an earlier attempt
    claimed: each step happens at most once, and a crash leaves at most the one step in progress
    undone.
    """

    task_result_id = models.CharField(max_length=64)
    key = models.CharField(max_length=200)
    claimed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("taakstap")
        verbose_name_plural = _("taakstappen")
        constraints = [
            models.UniqueConstraint(fields=["task_result_id", "key"], name="cano_tasks_step_once")
        ]

    def __str__(self):
        return f"{self.task_result_id}: {self.key}"
