"""The HTTP API (FastAPI). Thin: each route parses input, calls a domain service and shapes the answer.

Every error leaves as the one JSON body ``{"error": {"code", "message", "hint"?, "details"?}}``
(see docs/api.md); a test pins that shape.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ipwarden import __version__
from ipwarden.config import Settings
from ipwarden.errors import IpwardenError

__all__ = ["create_app", "error_body"]


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message}
    body.update({k: v for k, v in extra.items() if v is not None})
    return {"error": body}


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; routers for each domain are mounted from ``ipwarden.web.routes``."""
    from ipwarden.web.routes import mount_routes

    settings = settings or Settings.from_env()
    app = FastAPI(
        title="ipwarden",
        version=__version__,
        description="Rights registry, clearance search, listing screening and evidence log.",
    )
    app.state.settings = settings

    @app.exception_handler(IpwardenError)
    async def _domain_error(_: Request, err: IpwardenError) -> JSONResponse:
        return JSONResponse(err.to_dict(), status_code=err.http_status)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, err: RequestValidationError) -> JSONResponse:
        problems = [
            {
                "field": ".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "body")),
                "reason": e.get("msg", "invalid"),
            }
            for e in err.errors()
        ]
        first = problems[0] if problems else {"field": "", "reason": "invalid request"}
        message = f"invalid value for '{first['field']}': {first['reason']}"
        return JSONResponse(
            error_body("invalid_input", message, details={"problems": problems}), status_code=422
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, err: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(err.status_code, "http_error")
        return JSONResponse(error_body(code, str(err.detail)), status_code=err.status_code)

    @app.get("/v1/health", tags=["meta"])
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    mount_routes(app)
    return app
