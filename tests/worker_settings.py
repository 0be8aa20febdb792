"""Settings of a real `db_worker` process started by the tests: the test settings, with the
database-backed task queue and mail recorded to a file (another process cannot read locmem)."""

import os

from cano.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "tests.mail_backends.SlowFileRecordingBackend"

# The test's own Whoosh index, so the test sees what the worker wrote; the worker's own
# transactions commit, so its index writes wait for the commit as in production.
if "CANO_TEST_WHOOSH_PATH" in os.environ:
    WAGTAILSEARCH_BACKENDS = MODELSEARCH_BACKENDS = {
        "default": {
            **WAGTAILSEARCH_BACKENDS["default"],  # noqa: F405
            "PATH": os.environ["CANO_TEST_WHOOSH_PATH"],
            "WRITE_AFTER_COMMIT": True,
        }
    }
