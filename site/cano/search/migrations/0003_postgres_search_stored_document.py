"""On PostgreSQL: the search document becomes a stored generated column of the index table, with
the RUM (or GIN) index on that column instead of on an expression, so phrase rechecks and ranking
read stored vectors. Existing entries are filled by the column's generation; no rebuild needed."""

from django.db import migrations

from modelsearch_postgres import schema


def install(apps, schema_editor):
    schema.install(schema_editor.connection, language="dutch")


class Migration(migrations.Migration):
    dependencies = [("cano_search", "0002_postgres_search_extensions")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop, elidable=False)]
