"""Backend configuration helpers shared by the Whoosh backend tests."""

BACKEND_PATH = "cano.search.whoosh"


def whoosh_backends_setting(path, **options):
    """A backend configuration pointing at ``path``, under both setting names modelsearch reads."""
    conf = {"default": {"BACKEND": BACKEND_PATH, "PATH": str(path), **options}}
    return {"MODELSEARCH_BACKENDS": conf, "WAGTAILSEARCH_BACKENDS": conf}
