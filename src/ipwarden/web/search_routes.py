"""``GET /v1/search`` and ``GET /v1/suggest``: clearance search over HTTP.

The search service is built once per app (registry from the app's database, index in its index folder,
built on first use if missing) and reused; ``app.state.search_service`` may be set by an embedding
application. Bad input answers 422 with the common error body; a stale index answers 409.
"""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from ipwarden.config import Settings
from ipwarden.similarity.query import MAX_LIMIT, SearchQuery
from ipwarden.similarity.services import SearchService

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["search"])
_lock = threading.Lock()


def _service(request: Request) -> SearchService:
    state = request.app.state
    service: SearchService | None = getattr(state, "search_service", None)
    if service is None:
        with _lock:
            service = getattr(state, "search_service", None)
            if service is None:
                from ipwarden.similarity.index import open_index
                from ipwarden.storage import open_store

                settings: Settings = state.settings
                store = open_store(settings.db_url)
                service = SearchService(open_index(settings.index_dir, store), store)
                state.search_service = service
    return service


@router.get("/search", summary="Find confusingly similar marks")
def search(  # noqa: PLR0917 - the framework maps each parameter to an option
    request: Request,
    q: Annotated[str, Query(description="The mark, in any script (at most 200 characters).")],
    class_: Annotated[list[str] | None, Query(alias="class", description="Nice class 1-45; repeat.")] = None,
    goods: Annotated[str | None, Query(description="Goods/services in words, mapped to classes.")] = None,
    office: Annotated[
        list[str] | None, Query(description="Office code (US, CN, EM, WO, ...); repeat.")
    ] = None,
    status: Annotated[list[str] | None, Query(description="Status filter; default: live rights.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10,
) -> dict[str, Any]:
    """Ranked hits ``{id, mark, owner, office, classes, status, score, risk, reasons}``, best first."""
    query = SearchQuery.parse(
        q, classes=class_ or [], goods=goods, offices=office or [], statuses=status or [], limit=limit
    )
    return _service(request).search(query).to_dict()


@router.get("/suggest", summary="Propose variants of a name that are clear of conflicts")
def suggest(
    request: Request,
    name: Annotated[str, Query(description="The name you would like to use.")],
    class_: Annotated[list[str] | None, Query(alias="class", description="Nice class 1-45; repeat.")] = None,
    office: Annotated[list[str] | None, Query(description="Office code; repeat or comma-separate.")] = None,
    count: Annotated[int, Query(ge=1, le=20)] = 5,
) -> dict[str, Any]:
    """The name's own conflicts and up to ``count`` clear variants, each with its closest earlier mark."""
    query = SearchQuery.parse(name, classes=class_ or [], offices=office or [], field="name")
    return (
        _service(request)
        .suggest(name, classes=query.classes, offices=query.offices or (), count=count)
        .to_dict()
    )
