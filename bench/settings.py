"""Benchmark settings: the test settings, pointed at a throwaway database and index.

`bench/search.py` sets the environment variables below for each process it starts; nothing here
touches the development database or `var/search`. CANO_BENCH_DB is a SQLite file or a
`postgres://` URL; CANO_BENCH_BACKEND is `whoosh` (the embedded default), `database`
(modelsearch's database backend), `postgres` (the package `modelsearch_postgres`) or
`postgres-plain` (modelsearch's database backend on PostgreSQL with the Dutch configuration).
"""

import os

import dj_database_url

from cano.settings.test import *  # noqa: F403

_database = os.environ["CANO_BENCH_DB"]
if _database.startswith("postgres"):
    DATABASES = {"default": dj_database_url.parse(_database)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": _database,
            # Same SQLite setup as base.py: WAL and a lock timeout for concurrent writers.
            # IMMEDIATE transactions wait for the write lock instead of failing when a read
            # transaction has to be upgraded while another process writes.
            "OPTIONS": {
                "timeout": 30,
                "init_command": "PRAGMA journal_mode=WAL;",
                "transaction_mode": "IMMEDIATE",
            },
            "CONN_MAX_AGE": 0,
        }
    }

_backend = os.environ.get("CANO_BENCH_BACKEND", "whoosh")
if _backend == "database":
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "modelsearch.backends.database"}}
elif _backend == "postgres":
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "modelsearch_postgres", "LANGUAGE": "dutch"}}
elif _backend == "postgres-plain":
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "modelsearch.backends.database", "SEARCH_CONFIG": "dutch"}
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "modelsearch_whoosh",
            "PATH": os.environ.get("CANO_BENCH_INDEX", SEARCH_INDEX_DIR),  # noqa: F405
            "LANGUAGE": "nl",
            "OUTBOX_MODEL": "cano_search.PendingIndexUpdate",
        }
    }
if os.environ.get("CANO_BENCH_NO_AUTO_UPDATE"):
    WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False
MODELSEARCH_BACKENDS = WAGTAILSEARCH_BACKENDS

# modelsearch's test app is not needed here and would only add indexed models to the rebuild.
INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "modelsearch.test.testapp"]  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False}
