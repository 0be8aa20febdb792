"""On PostgreSQL with RUM: the RUM index moves from the search document to the rank vector (the
same words, the first four positions of each), which PostgreSQL fills for the existing entries;
no rebuild needed."""

from django.db import migrations

from modelsearch_postgres import schema


def install(apps, schema_editor):
    schema.install(schema_editor.connection, language="dutch")


class Migration(migrations.Migration):
    dependencies = [("cano_search", "0003_postgres_search_stored_document")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop, elidable=False)]
