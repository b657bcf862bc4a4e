"""Mounts each domain's router. One import and one line per domain."""

from __future__ import annotations

from fastapi import FastAPI

from ipwarden.web import evidence_routes, screen_routes, search_routes

__all__ = ["mount_routes"]


def mount_routes(app: FastAPI) -> None:
    """Include every domain router (registry, search, screening, evidence)."""
    app.include_router(evidence_routes.router)
    app.include_router(screen_routes.router)
    app.include_router(search_routes.router)
