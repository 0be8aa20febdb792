"""Settings of a real `db_worker` process started by the tests: the test settings, with the
database-backed task queue and mail recorded to a file (another process cannot read locmem)."""

from cano.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "tests.mail_backends.SlowFileRecordingBackend"
