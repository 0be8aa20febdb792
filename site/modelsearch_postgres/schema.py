"""What the backend needs in the database: extensions, text search configurations, indexes.

Everything here is idempotent and skips what the server does not offer (an extension that is not
installed, a role that may not create one), so a project calls `install()` from a migration and
again after adding an extension. Ranking from the index needs the RUM access method; without it a
GIN index on the same document expression is created and the backend ranks its matches itself.
"""

import logging
import re

from django.db import DatabaseError, transaction

logger = logging.getLogger("modelsearch_postgres")

INDEX_TABLE = "modelsearch_indexentry"
WORD_TABLE = "modelsearch_postgres_word"
RUM_INDEX = "modelsearch_postgres_document_rum"
GIN_INDEX = "modelsearch_postgres_document_gin"
AUTOCOMPLETE_RUM_INDEX = "modelsearch_postgres_autocomplete_rum"
WORD_TRIGRAM_INDEX = "modelsearch_postgres_word_trgm"

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_WORD_MAPPINGS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"


def config_names(language: str) -> dict[str, str]:
    """The text search configurations made for ``language`` (a PostgreSQL configuration name such
    as ``dutch``): ``stemmed`` (stemming, stop words, accents folded), ``exact`` (the typed form:
    stop words and accents only) and ``simple`` (autocomplete: accents only)."""
    if not _NAME.match(language):
        raise ValueError(f"Not a text search configuration name: {language!r}")
    return {
        "stemmed": f"modelsearch_{language}",
        "exact": f"modelsearch_{language}_exact",
        "simple": "modelsearch_simple",
    }


def document_sql(exact_config: str, table: str = INDEX_TABLE) -> str:
    """The indexed document: the stemmed title and body vectors and the title's typed words.

    The query side (`backend.Document`) compiles to the same expression, which is what lets
    PostgreSQL answer it from the expression index.
    """
    return (
        f'(("{table}"."title" || "{table}"."body") || '
        f"setweight(to_tsvector('{exact_config}'::regconfig, "
        f'COALESCE("{table}"."title_text", \'\'::text)), \'A\'::"char"))'
    )


def _try(connection, sql: str) -> bool:
    """Run ``sql`` in a savepoint; False (and a log line) when the server refuses."""
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(sql)
    except DatabaseError as error:
        logger.info("Skipped: %s (%s)", sql.split("(")[0].strip(), str(error).strip())
        return False
    return True


def extension_installed(connection, name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = %s", [name])
        return cursor.fetchone() is not None


def index_exists(connection, name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_class WHERE relname = %s AND relkind = 'i'", [name])
        return cursor.fetchone() is not None


def _config_exists(connection, name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [name])
        return cursor.fetchone() is not None


def _create_configs(connection, language: str, unaccent: bool) -> None:
    names = config_names(language)
    folding = "unaccent, " if unaccent else ""
    stem_dictionary = f"{language}_stem"
    statements = []
    if not _config_exists(connection, names["stemmed"]):
        statements += [
            f"CREATE TEXT SEARCH CONFIGURATION {names['stemmed']} (COPY = {language})",
            f"ALTER TEXT SEARCH CONFIGURATION {names['stemmed']} ALTER MAPPING FOR "
            f"{_WORD_MAPPINGS} WITH {folding}{stem_dictionary}",
        ]
    if not _config_exists(connection, names["exact"]):
        dictionary = f"modelsearch_{language}_words"
        statements += [
            f"DROP TEXT SEARCH DICTIONARY IF EXISTS {dictionary}",
            f"CREATE TEXT SEARCH DICTIONARY {dictionary} (TEMPLATE = simple, STOPWORDS = {language})",
            f"CREATE TEXT SEARCH CONFIGURATION {names['exact']} (COPY = simple)",
            f"ALTER TEXT SEARCH CONFIGURATION {names['exact']} ALTER MAPPING FOR "
            f"{_WORD_MAPPINGS} WITH {folding}{dictionary}",
        ]
    if not _config_exists(connection, names["simple"]):
        statements.append(f"CREATE TEXT SEARCH CONFIGURATION {names['simple']} (COPY = simple)")
        if unaccent:
            statements.append(
                f"ALTER TEXT SEARCH CONFIGURATION {names['simple']} ALTER MAPPING FOR "
                f"{_WORD_MAPPINGS} WITH unaccent, simple"
            )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


# (connection alias, database name) -> whether the RUM index is there; filled on first use.
_rum_ready: dict[tuple[str, str], bool] = {}


def ranks_in_index(connection) -> bool:
    """Whether searches can take their top results from the RUM index (checked once a process)."""
    key = (connection.alias, connection.settings_dict["NAME"])
    if key not in _rum_ready:
        _rum_ready[key] = index_exists(connection, RUM_INDEX)
    return _rum_ready[key]


def forget_index_kind() -> None:
    """Look again for the RUM index on the next search (after indexes changed outside install)."""
    _rum_ready.clear()


def install(connection, *, language: str = "dutch", rum: bool = True) -> dict[str, bool]:
    """Create what the backend uses, as far as the server allows; returns what is available.

    ``rum=False`` builds the GIN index even where RUM is available (the fallback path).
    """
    if connection.vendor != "postgresql":
        return {}
    _rum_ready.clear()
    names = config_names(language)
    wanted = ("unaccent", "pg_trgm", "rum") if rum else ("unaccent", "pg_trgm")
    available = {
        name: extension_installed(connection, name)
        or _try(connection, f"CREATE EXTENSION IF NOT EXISTS {name}")
        for name in wanted
    }
    available.setdefault("rum", False)
    _create_configs(connection, language, available["unaccent"])
    document = document_sql(names["exact"])
    with connection.cursor() as cursor:
        if available["rum"]:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {RUM_INDEX} ON {INDEX_TABLE} "
                f"USING rum ({document} rum_tsvector_ops)"
            )
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {AUTOCOMPLETE_RUM_INDEX} ON {INDEX_TABLE} "
                "USING rum (autocomplete rum_tsvector_ops)"
            )
            cursor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")
        else:
            cursor.execute(f"DROP INDEX IF EXISTS {RUM_INDEX}")
            cursor.execute(f"DROP INDEX IF EXISTS {AUTOCOMPLETE_RUM_INDEX}")
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON {INDEX_TABLE} USING gin ({document})"
            )
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {WORD_TABLE} (word text PRIMARY KEY)")
        if available["pg_trgm"]:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {WORD_TRIGRAM_INDEX} ON {WORD_TABLE} "
                "USING gin (word gin_trgm_ops)"
            )
    return available


def uninstall(connection, *, language: str = "dutch") -> None:
    """Remove the indexes, the word table and the configurations (not the extensions)."""
    if connection.vendor != "postgresql":
        return
    _rum_ready.clear()
    names = config_names(language)
    with connection.cursor() as cursor:
        for index in (RUM_INDEX, GIN_INDEX, AUTOCOMPLETE_RUM_INDEX):
            cursor.execute(f"DROP INDEX IF EXISTS {index}")
        cursor.execute(f"DROP TABLE IF EXISTS {WORD_TABLE}")
        for name in names.values():
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        cursor.execute(f"DROP TEXT SEARCH DICTIONARY IF EXISTS modelsearch_{language}_words")
