"""HTTP endpoints of the evidence ledger: add an item, fetch its proof, read the checkpoint.

``POST /v1/evidence/items?case=…&name=…`` takes the raw file bytes as the request body.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse

from ipwarden.config import Settings
from ipwarden.errors import InputError
from ipwarden.evidence.keys import KeyDir
from ipwarden.evidence.services import EvidenceService

__all__ = ["router"]

router = APIRouter(prefix="/v1/evidence", tags=["evidence"])
_MAX_UPLOAD = 256 * 1024 * 1024


def _service(request: Request) -> EvidenceService:
    settings: Settings = request.app.state.settings
    key_dir = Path(os.environ.get("IPWARDEN_KEY_DIR") or settings.home / "keys")
    keys = KeyDir(key_dir, os.environ.get("IPWARDEN_KEY_PASSPHRASE") or None)
    return EvidenceService(settings.evidence_dir, keys, origin=os.environ.get("IPWARDEN_LOG_ORIGIN") or None)


@router.post("/items", status_code=201)
async def add_item(  # noqa: PLR0917 - FastAPI maps parameters to query fields
    request: Request,
    case: Annotated[str, Query(min_length=1, description="Case reference.")],
    name: Annotated[str, Query(min_length=1, description="File name of the evidence.")],
    note: str | None = None,
    source_url: str | None = None,
    operator: str | None = None,
    submitter: str | None = None,
    capture_method: str = "upload",
) -> dict[str, Any]:
    """Store the request body as an evidence file and log it."""
    data = await request.body()
    if not data:
        raise InputError("the request body is empty", hint="send the evidence file's bytes as the body")
    if len(data) > _MAX_UPLOAD:
        raise InputError(f"the upload has {len(data)} bytes; the limit is {_MAX_UPLOAD}")
    svc = _service(request)
    receipt = svc.add_files(
        [(name, data)],
        case,
        note=note,
        source_url=source_url,
        operator=operator,
        submitter=submitter,
        capture_method=capture_method,
    )[0]
    return {"index": receipt.index, "sha256": receipt.sha256, "name": receipt.name, "size": receipt.size}


@router.get("/items/{index}")
def show_item(request: Request, index: int) -> dict[str, Any]:
    return _service(request).show(index)


@router.get("/items/{index}/proof", response_class=PlainTextResponse)
def item_proof(request: Request, index: int) -> PlainTextResponse:
    """The C2SP tlog-proof of the entry."""
    svc = _service(request)
    svc.show(index)
    return PlainTextResponse(svc.proof(index).to_bytes().decode())


@router.get("/checkpoint", response_class=PlainTextResponse)
def checkpoint(request: Request, witnessed: bool = False) -> PlainTextResponse:
    """The latest signed checkpoint, or the latest witness-cosigned one."""
    svc = _service(request)
    note = svc.witnessed() if witnessed else svc.state().note
    if not note:
        raise InputError("the evidence log has no checkpoint yet", hint="add evidence first")
    return PlainTextResponse(note.decode())
