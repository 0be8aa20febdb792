"""On PostgreSQL: the extensions (unaccent, pg_trgm, rum), the Dutch text search configurations
and the document index the PostgreSQL search backend uses. Nothing on other databases; an
extension the server does not offer is skipped (without rum the index is GIN)."""

from django.db import migrations

from modelsearch_postgres import schema


def install(apps, schema_editor):
    schema.install(schema_editor.connection, language="dutch")


def uninstall(apps, schema_editor):
    schema.uninstall(schema_editor.connection, language="dutch")


class Migration(migrations.Migration):
    dependencies = [
        ("cano_search", "0001_pending_index_updates"),
        ("modelsearch", "0004_rename_modelsear_autocom_476c89_gin_modelsearch_autocom_ea8581_gin_and_more"),
    ]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
