"""Alembic migrations of the registry schema, run to head by :func:`ipwarden.storage.open_store`."""
