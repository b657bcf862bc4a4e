"""Fixtures of the registry tests."""

from bulk_support import make_store

__all__ = ["make_store"]
