"""The HTTP app's common behaviour: health, and one JSON error shape for every failure."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.testclient import TestClient

from ipwarden.config import Settings
from ipwarden.errors import InputError
from ipwarden.web.app import create_app


def _client(tmp_path_factory: object = None) -> TestClient:
    app = create_app(Settings.from_env())
    router = APIRouter()

    @router.get("/v1/_test/fail")
    def fail() -> None:
        raise InputError("query 'q' is empty", hint="give a mark to search for")

    @router.get("/v1/_test/typed")
    def typed(n: int) -> dict[str, int]:
        return {"n": n}

    app.include_router(router)
    return TestClient(app)


def test_health() -> None:
    response = _client().get("/v1/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_domain_error_uses_the_common_body() -> None:
    response = _client().get("/v1/_test/fail")
    assert response.status_code == 422
    assert response.json() == {
        "error": {
            "code": "invalid_input",
            "message": "query 'q' is empty",
            "hint": "give a mark to search for",
        }
    }


def test_validation_error_uses_the_common_body_and_names_the_field() -> None:
    response = _client().get("/v1/_test/typed", params={"n": "abc"})
    assert response.status_code == 422
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == "invalid_input"
    assert "'n'" in body["error"]["message"]


def test_unknown_route_uses_the_common_body() -> None:
    response = _client().get("/v1/nowhere")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
