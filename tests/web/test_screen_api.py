"""POST /v1/screen answers with the same result the batch mode writes, and 422 for a bad listing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ipwarden.config import Settings
from ipwarden.registry.memory import InMemoryRightsStore
from ipwarden.registry.models import GoodsServices, MarkType, Party, Right, RightKind, Status
from ipwarden.screening.runner import result_line
from ipwarden.screening.services import Screener
from ipwarden.web.app import create_app


@pytest.fixture(scope="module")
def screener() -> Screener:
    store = InMemoryRightsStore()
    store.upsert_rights(
        [
            Right(
                id="US-NIKE",
                kind=RightKind.TRADEMARK,
                office="US",
                mark_text="NIKE",
                mark_type=MarkType.WORD,
                owner=Party("Nike, Inc."),
                owner_family="nike",
                status=Status.REGISTERED,
                goods_services=(GoodsServices(25),),
            )
        ]
    )
    return Screener.from_store(store)


@pytest.fixture
def client(screener: Screener, tmp_path: Path) -> TestClient:
    app = create_app(Settings.from_env(home=tmp_path))
    app.state.screener = screener
    return TestClient(app)


def test_screen_listing(client: TestClient, screener: Screener) -> None:
    listing = {"id": "L-1", "title": "N1KE Air Max 90 replica", "category": "shoes", "market": "US"}
    response = client.post("/v1/screen", json=listing)
    assert response.status_code == 200
    body = response.json()
    assert body["decision"] == "block"
    assert {r["signal"] for r in body["reasons"]} == {"mark.lookalike", "cue.counterfeit"}
    assert json.loads(result_line(screener.screen_raw(listing))) == body


@pytest.mark.parametrize(
    ("listing", "field"),
    [({"id": "L-2", "title": "socks", "price": "abc"}, "price"), ({"title": "no id"}, "id")],
)
def test_bad_listing_is_422_with_common_body(
    client: TestClient, listing: dict[str, object], field: str
) -> None:
    response = client.post("/v1/screen", json=listing)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_listing" and f"field '{field}'" in error["message"]


def test_not_an_object(client: TestClient) -> None:
    response = client.post("/v1/screen", json=["a"])
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_input"
