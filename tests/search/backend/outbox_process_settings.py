"""Settings of the processes the outbox tests start (and kill): the project's test settings, on
the database of ``DATABASE_URL`` and the Whoosh index of ``CANO_TEST_WHOOSH_PATH``."""

import os

from cano.settings.test import *  # noqa: F403

WAGTAILSEARCH_BACKENDS = MODELSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "modelsearch_whoosh",
        "PATH": os.environ["CANO_TEST_WHOOSH_PATH"],
        "LANGUAGE": "nl",
        "OUTBOX_MODEL": "cano_search.PendingIndexUpdate",
    }
}
