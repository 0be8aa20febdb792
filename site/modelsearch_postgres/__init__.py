"""A PostgreSQL full-text backend for modelsearch: see README.md."""

from .backend import PostgresSearchBackend, SearchBackend

__all__ = ["PostgresSearchBackend", "SearchBackend"]
