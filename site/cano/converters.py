"""Ids read from URLs and query strings, bounded to what a database column can hold.

Django's ``int`` converter accepts any number of digits; a 40-digit id then reaches the
database driver, which raises (OverflowError on SQLite) instead of finding nothing.
"""

from django.urls import register_converter

# The largest value of a BigAutoField, and of an SQLite INTEGER.
MAX_ID = 2**63 - 1


def parse_id(raw) -> int | None:
    """``raw`` as a positive id a database can look up, or None when it cannot be one."""
    text = str(raw or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None


class IdConverter:
    """``<id:name>`` in a URL: like ``<int:name>``, but an id out of range is a 404."""

    regex = "[0-9]+"

    def to_python(self, value):
        parsed = parse_id(value)
        if parsed is None:
            # Django reads a ValueError as "this pattern does not match".
            raise ValueError(value)
        return parsed

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")
