"""What the backend needs in the database: extensions, text search configurations, indexes.

Everything here is idempotent and skips what the server does not offer (an extension that is not
installed, a role that may not create one), so a project calls `install()` from a migration and
again after adding an extension. The document (stemmed title and body, the title's typed words) is a stored
generated column of the index table, filled when an entry is written. Ranking from the index needs
the RUM access method, on a second stored column, the rank vector: the same words with the first
`POSITIONS_KEPT` positions of each. Without RUM a GIN index on the document is created and the
backend ranks its matches itself.
"""

import logging
import re

from django.db import DatabaseError, transaction

logger = logging.getLogger("modelsearch_postgres")

INDEX_TABLE = "modelsearch_indexentry"
WORD_TABLE = "modelsearch_postgres_word"
DOCUMENT_COLUMN = "modelsearch_postgres_document"
RANK_COLUMN = "modelsearch_postgres_rank"
RANK_FUNCTION = "modelsearch_postgres_first_positions"
RUM_INDEX = "modelsearch_postgres_rank_rum"
# Made by earlier versions of the package; install() drops them.
RETIRED_INDEXES = ("modelsearch_postgres_document_rum",)
GIN_INDEX = "modelsearch_postgres_document_gin"
AUTOCOMPLETE_RUM_INDEX = "modelsearch_postgres_autocomplete_rum"
WORD_TRIGRAM_INDEX = "modelsearch_postgres_word_trgm"
# The full-text indexes a rebuild drops, by name and definition, until it builds them again.
SET_ASIDE_TABLE = "modelsearch_postgres_set_aside_index"

# How many positions of each word the rank vector keeps. RUM's score counts the n-th occurrence of
# a word 1/n² as much as the first (the first two make 76% of what any number can): with more,
# its ordered scan decodes and compares positions that barely change the order.
POSITIONS_KEPT = 2

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


def document_sql(exact_config: str) -> str:
    """The indexed document: the stemmed title and body vectors and the title's typed words.

    It is the generation expression of the stored `DOCUMENT_COLUMN`: computed once when an entry
    is written, so matching, phrase rechecks and ranking read the stored vector.
    """
    return (
        '(("title" || "body") || '
        f"setweight(to_tsvector('{exact_config}'::regconfig, "
        "COALESCE(\"title_text\", ''::text)), 'A'::\"char\"))"
    )


def _first_positions_sql() -> str:
    # u.positions[1] || u.weights[1] || coalesce(',' || u.positions[2] || u.weights[2], '') ...
    return " || ".join(
        f"u.positions[{n}] || u.weights[{n}]"
        if n == 1
        else f"coalesce(',' || u.positions[{n}] || u.weights[{n}], '')"
        for n in range(1, POSITIONS_KEPT + 1)
    )


# `RANK_FUNCTION(tsvector)`: the vector with each word's first POSITIONS_KEPT positions, written
# through the vector's text form (quotes doubled, backslashes escaped), the positions spelled out
# one by one: about 0.2 ms for a document of 700 words, half of what an array subquery per word
# costs.
RANK_FUNCTION_SQL = (
    # Names and a count from this module's constants.
    f"CREATE OR REPLACE FUNCTION {RANK_FUNCTION}(vector tsvector) RETURNS tsvector "  # noqa: S608
    "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ "
    r"SELECT coalesce(string_agg('''' || replace(replace(u.lexeme, '\', '\\'), '''', '''''') "
    f"|| '''' || coalesce(':' || {_first_positions_sql()}, ''), ' '), '')::tsvector "
    "FROM unnest(vector) AS u $$"
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


def _column_expression(connection, column: str = DOCUMENT_COLUMN) -> str | None:
    """The generation expression of a generated column, or None when there is no column."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a "
            "JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
            "WHERE a.attrelid = %s::regclass AND a.attname = %s AND NOT a.attisdropped",
            [INDEX_TABLE, column],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _index_definition(connection, name: str) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_indexdef(c.oid) FROM pg_class c WHERE c.relname = %s "
            "AND c.relkind = 'i'",
            [name],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _install_document(connection, exact_config: str, rank: bool) -> None:
    """The stored document column for ``exact_config`` and, with ``rank``, the rank vector's; an
    older index (on an expression, or on a column made for another configuration) is dropped
    to be built again."""
    columns = {DOCUMENT_COLUMN: document_sql(exact_config)}
    if rank:
        with connection.cursor() as cursor:
            cursor.execute(RANK_FUNCTION_SQL)
        columns[RANK_COLUMN] = f"{RANK_FUNCTION}({document_sql(exact_config)})"
    with connection.cursor() as cursor:
        for index in RETIRED_INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {index}")
        for column, wanted in columns.items():
            expression = _column_expression(connection, column)
            if expression is not None and f"'{exact_config}'" not in expression:
                # Dropping the column drops the indexes on it.
                cursor.execute(f"ALTER TABLE {INDEX_TABLE} DROP COLUMN {column}")
                expression = None
            if expression is None:
                cursor.execute(
                    f"ALTER TABLE {INDEX_TABLE} ADD COLUMN {column} tsvector "
                    f"GENERATED ALWAYS AS ({wanted}) STORED"
                )
        for index, column in ((RUM_INDEX, RANK_COLUMN), (GIN_INDEX, DOCUMENT_COLUMN)):
            definition = _index_definition(connection, index)
            if definition is not None and f"({column}" not in definition:
                cursor.execute(f"DROP INDEX {index}")


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
    """Whether searches can take their top results from the RUM index (checked once a process).

    An index a rebuild has set aside counts as there: a process started during the rebuild ranks
    as the others do, and is fast again once the rebuild has built the index.
    """
    key = (connection.alias, connection.settings_dict["NAME"])
    if key not in _rum_ready:
        _rum_ready[key] = index_exists(connection, RUM_INDEX) or _set_aside(connection, RUM_INDEX)
    return _rum_ready[key]


def _set_aside(connection, name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [SET_ASIDE_TABLE])
        if cursor.fetchone()[0] is None:
            return False
        # The table name is the package's constant.
        cursor.execute(f"SELECT 1 FROM {SET_ASIDE_TABLE} WHERE name = %s", [name])  # noqa: S608
        return cursor.fetchone() is not None


def forget_index_kind() -> None:
    """Look again for the RUM index on the next search (after indexes changed outside install)."""
    _rum_ready.clear()


def _settle(cursor, connection) -> None:
    """Inside a transaction, check the deferred constraints now: PostgreSQL changes no index of a
    table with pending checks."""
    if connection.in_atomic_block:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def set_aside_indexes(connection) -> list[str]:
    """Drop the full-text (GIN and RUM) indexes of the index table, keeping their definitions.

    A full rebuild writes every entry again; building an index once from all entries is many
    times faster than updating it entry by entry (for RUM, about ten times). Searches keep working
    meanwhile, without the indexes: each compares every entry. `restore_indexes()` builds them
    again; `install()` does too, should a rebuild have stopped half way.
    """
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        _settle(cursor, connection)
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {SET_ASIDE_TABLE} (name text PRIMARY KEY, definition text)"
        )
        cursor.execute(
            "SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam "
            "WHERE i.indrelid = %s::regclass AND am.amname IN ('gin', 'rum')",
            [INDEX_TABLE],
        )
        indexes = cursor.fetchall()
        for name, definition in indexes:
            cursor.execute(
                f"INSERT INTO {SET_ASIDE_TABLE} (name, definition) VALUES (%s, %s) "  # noqa: S608
                "ON CONFLICT (name) DO UPDATE SET definition = EXCLUDED.definition",
                [name, definition],
            )
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
    return [name for name, _definition in indexes]


def restore_indexes(connection) -> list[str]:
    """Build the indexes `set_aside_indexes()` dropped; returns their names."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [SET_ASIDE_TABLE])
        if cursor.fetchone()[0] is None:
            return []
        cursor.execute(f"SELECT name, definition FROM {SET_ASIDE_TABLE} ORDER BY name")  # noqa: S608
        indexes = cursor.fetchall()
        _settle(cursor, connection)
        # A bulk build sorts in memory what fits; the default 64 MB spills a large RUM index.
        cursor.execute("SET maintenance_work_mem = '512MB'")
        try:
            for name, definition in indexes:
                if not index_exists(connection, name):
                    cursor.execute(definition)
                cursor.execute(f"DELETE FROM {SET_ASIDE_TABLE} WHERE name = %s", [name])  # noqa: S608
        finally:
            cursor.execute("RESET maintenance_work_mem")
    _rum_ready.clear()
    return [name for name, _definition in indexes]


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
    restore_indexes(connection)
    _install_document(connection, names["exact"], rank=available["rum"])
    document = DOCUMENT_COLUMN
    with connection.cursor() as cursor:
        if available["rum"]:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {RUM_INDEX} ON {INDEX_TABLE} "
                f"USING rum ({RANK_COLUMN} rum_tsvector_ops)"
            )
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {AUTOCOMPLETE_RUM_INDEX} ON {INDEX_TABLE} "
                "USING rum (autocomplete rum_tsvector_ops)"
            )
            cursor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")
        else:
            cursor.execute(f"DROP INDEX IF EXISTS {RUM_INDEX}")
            cursor.execute(f"DROP INDEX IF EXISTS {AUTOCOMPLETE_RUM_INDEX}")
            # Every write would compute a vector nothing reads.
            cursor.execute(f"ALTER TABLE {INDEX_TABLE} DROP COLUMN IF EXISTS {RANK_COLUMN}")
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
    restore_indexes(connection)
    _rum_ready.clear()
    names = config_names(language)
    with connection.cursor() as cursor:
        for index in (RUM_INDEX, GIN_INDEX, AUTOCOMPLETE_RUM_INDEX, *RETIRED_INDEXES):
            cursor.execute(f"DROP INDEX IF EXISTS {index}")
        cursor.execute(f"DROP TABLE IF EXISTS {WORD_TABLE}")
        cursor.execute(f"DROP TABLE IF EXISTS {SET_ASIDE_TABLE}")
        cursor.execute(f"ALTER TABLE {INDEX_TABLE} DROP COLUMN IF EXISTS {RANK_COLUMN}")
        cursor.execute(f"ALTER TABLE {INDEX_TABLE} DROP COLUMN IF EXISTS {DOCUMENT_COLUMN}")
        cursor.execute(f"DROP FUNCTION IF EXISTS {RANK_FUNCTION}(tsvector)")
        for name in names.values():
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        cursor.execute(f"DROP TEXT SEARCH DICTIONARY IF EXISTS modelsearch_{language}_words")
