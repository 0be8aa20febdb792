"""Settings of `bench/pg_search.py`: the test settings on a PostgreSQL database of its own.

CANO_BENCH_PG_URL names the database (dropped and filled by the benchmark); CANO_BENCH_PG_BACKEND
is `rum` or `gin` (the package's backend; which index it finds decides the path) or `plain`
(modelsearch's own PostgreSQL backend with the Dutch configuration).
"""

import os

import dj_database_url

from cano.settings.test import *  # noqa: F403

DATABASES = {"default": dj_database_url.parse(os.environ["CANO_BENCH_PG_URL"])}

if os.environ.get("CANO_BENCH_PG_BACKEND") == "plain":
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "modelsearch.backends.database", "SEARCH_CONFIG": "dutch"}
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "modelsearch_postgres", "LANGUAGE": "dutch"}}
MODELSEARCH_BACKENDS = WAGTAILSEARCH_BACKENDS

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "modelsearch.test.testapp"]  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False}
