"""`manage.py update_index`: the familiar Wagtail name for rebuilding the search index."""

from modelsearch.management.commands.rebuild_modelsearch_index import Command as RebuildCommand


class Command(RebuildCommand):
    help = "Rebuild the search index (alias of rebuild_modelsearch_index)."
