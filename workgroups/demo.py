"""Demo content for this app, called by `manage.py seed_demo`; must be idempotent."""


def seed(*, home, staff_area, users, stdout) -> None:
    """Add this app's demo content under the given pages."""
