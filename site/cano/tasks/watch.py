"""The heartbeat of a `db_worker` process, beside the worker loop of django-tasks-db."""

import logging
import threading

from django.db import DatabaseError, close_old_connections, connection

from .selectors import heartbeat_interval
from .services import tasks_reclaim, worker_forget, worker_heartbeat

logger = logging.getLogger(__name__)


class WorkerWatch(threading.Thread):
    """Beats for the worker and reclaims dead workers' tasks, every heartbeat interval.

    It runs in a thread of its own so it keeps beating while the worker runs a long task; a
    killed process stops beating with it, which is how the others notice.
    """

    def __init__(self, *, worker_id: str):
        super().__init__(name=f"heartbeat-{worker_id[:8]}", daemon=True)
        self.worker_id = worker_id
        self._stopping = threading.Event()

    def begin(self) -> None:
        """Beat and reclaim once before the worker takes its first task, then keep doing so."""
        self._tick()
        self.start()

    def end(self) -> None:
        self._stopping.set()
        self.join(timeout=heartbeat_interval() + 5)
        try:
            worker_forget(worker_id=self.worker_id)
        except DatabaseError:
            logger.warning("Could not remove the heartbeat of a stopping worker.", exc_info=True)

    def run(self) -> None:
        try:
            while not self._stopping.wait(heartbeat_interval()):
                self._tick()
        finally:
            connection.close()

    def _tick(self) -> None:
        close_old_connections()
        try:
            worker_heartbeat(worker_id=self.worker_id)
            tasks_reclaim()
        except DatabaseError:
            # A locked or briefly unreachable database: the next beat tries again.
            logger.warning("Worker heartbeat failed.", exc_info=True)
