"""``POST /v1/screen``: screen one listing online with the same Screener the batch and Spark modes use.

The screener is built once per app (registry from the app's database, context folder from
``IPWARDEN_SCREEN_CONTEXT``) and reused; ``app.state.screener`` may be set by an embedding application.
A bad listing answers 422 with the common error body naming the field.

The handler is ``async``: screening one text listing takes well under a millisecond, less than a hop to
the thread pool, so it runs on the event loop (only the first request, which may build the screener,
goes to a worker thread). The answer is serialised once, with orjson, and not validated again.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Body, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ipwarden.config import Settings
from ipwarden.screening.parse import listing_from_dict
from ipwarden.screening.services import Screener

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["screening"])
_lock = threading.Lock()

_EXAMPLE = {
    "id": "L-1001",
    "seller_id": "S-77",
    "title": "N1KE Air Max 90 replica 1:1",
    "category": "shoes",
    "price": 25,
    "currency": "USD",
    "market": "US",
}


def _screener(request: Request) -> Screener:
    state = request.app.state
    screener: Screener | None = getattr(state, "screener", None)
    if screener is None:
        with _lock:
            screener = getattr(state, "screener", None)
            if screener is None:
                from ipwarden.screening.factory import build_screener
                from ipwarden.storage import open_store

                settings: Settings = state.settings
                context = os.environ.get("IPWARDEN_SCREEN_CONTEXT")
                screener = build_screener(
                    open_store(settings.db_url), context_dir=Path(context) if context else None
                )
                state.screener = screener
    return screener


@router.post("/screen", summary="Screen one listing", response_model=dict[str, Any])
async def screen(request: Request, listing: Annotated[dict[str, Any], Body(examples=[_EXAMPLE])]) -> Response:
    """Risk in [0, 1], decision (allow/review/block) and one explained reason per signal."""
    screener: Screener | None = getattr(request.app.state, "screener", None)
    if screener is None:
        screener = await run_in_threadpool(_screener, request)
    parsed, notes = listing_from_dict(listing, screener.config, "request body")
    if parsed.images:  # reading and hashing images is I/O: keep it off the event loop
        result = await run_in_threadpool(screener.screen, parsed, notes=notes)
    else:
        result = screener.screen(parsed, notes=notes)  # an unreadable image raises ListingError: 422
    return Response(orjson.dumps(result.to_dict()), media_type="application/json")
