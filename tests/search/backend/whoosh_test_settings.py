"""Backend configuration helpers shared by the Whoosh backend tests."""

BACKEND_PATH = "modelsearch_whoosh"

# The plain Whoosh path: Whoosh's own codec and matchers instead of the packed codec and the
# block scorer.
PLAIN_WHOOSH = {"PACKED_CODEC": False, "BLOCK_SCORER": False}


def whoosh_backends_setting(path, **options):
    """A backend configuration pointing at ``path``, under both setting names modelsearch reads.

    Index changes are written at once (a test case's own transaction never commits) unless
    ``WRITE_AFTER_COMMIT=True`` is passed.
    """
    conf = {
        "default": {
            "BACKEND": BACKEND_PATH,
            "PATH": str(path),
            "OUTBOX_MODEL": "cano_search.PendingIndexUpdate",
            "WRITE_AFTER_COMMIT": False,
            **options,
        }
    }
    return {"MODELSEARCH_BACKENDS": conf, "WAGTAILSEARCH_BACKENDS": conf}
