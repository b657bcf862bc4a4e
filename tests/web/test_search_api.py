"""GET /v1/search and /v1/suggest through the real app (in-process ASGI client): hits, 422 and 409 bodies."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from ipwarden.config import Settings
from ipwarden.registry.memory import InMemoryRightsStore
from ipwarden.registry.models import GoodsServices, Party, Right, RightKind, Status
from ipwarden.similarity.index import open_index
from ipwarden.similarity.services import SearchService
from ipwarden.web.app import create_app

MARKS = [
    ("D-US-NIKE", "NIKE", "US", 25, "nike"),
    ("D-CN-NAIKE", "耐克", "CN", 25, "nike"),
    ("D-US-DYSON", "DYSON", "US", 7, None),
    ("D-US-COACH", "COACH", "US", 18, None),
]


def dev_store() -> InMemoryRightsStore:
    store = InMemoryRightsStore()
    store.upsert_rights(
        [
            Right(
                id=i,
                kind=RightKind.TRADEMARK,
                office=o,
                mark_text=m,
                status=Status.REGISTERED,
                goods_services=(GoodsServices(c),),
                owner=Party("Owner " + m),
                owner_family=f,
            )
            for i, m, o, c, f in MARKS
        ]
    )
    return store


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    store = dev_store()
    home = tmp_path_factory.mktemp("web")
    app = create_app(Settings(home=home, db_url=f"sqlite:///{home / 'unused.db'}"))
    app.state.search_service = SearchService(open_index(home / "index", store), store)
    return TestClient(app)


def test_search_hits(client: TestClient) -> None:
    response = client.get(
        "/v1/search", params=[("q", "NAIKE"), ("class", "25"), ("class", "18"), ("limit", "5")]
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["query"]["classes"] == [25, 18]
    first = body["hits"][0]
    assert set(first) >= {"id", "mark", "owner", "office", "classes", "status", "score", "risk", "reasons"}
    naike = next(h for h in body["hits"] if h["id"] == "D-CN-NAIKE")
    assert naike["risk"] == "high" and first["risk"] == "high"
    assert "sound: 'NAIKE' = pinyin of '耐克' ('nai ke')" in naike["reasons"]
    assert len(body["hits"]) <= 5


def test_search_office_filter(client: TestClient) -> None:
    body = client.get("/v1/search", params={"q": "NIKE", "office": "CN"}).json()
    assert body["hits"] and {h["office"] for h in body["hits"]} == {"CN"}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": ""}, "the query is empty"),
        ({"q": "   "}, "the query is empty"),
        ({"q": "x" * 10_000}, "the limit is 200"),
        ({"q": "NI\x1bKE"}, "control character"),
        ({"q": "🎉🎉"}, "no letters or digits"),
        ({"q": "NIKE", "class": "0"}, "is not a Nice class"),
        ({"q": "NIKE", "class": "46"}, "is not a Nice class"),
        ({"q": "NIKE", "class": "abc"}, "is not a Nice class"),
        ({"q": "NIKE", "office": "XX"}, "unknown office code"),
        ({"q": "NIKE", "limit": "0"}, "limit"),
    ],
)
def test_bad_input_422_common_body(client: TestClient, params: dict[str, str], message: str) -> None:
    response = client.get("/v1/search", params=params)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_input" and message in error["message"]


def test_missing_query_422(client: TestClient) -> None:
    response = client.get("/v1/search")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_input"


def test_suggest(client: TestClient) -> None:
    response = client.get("/v1/suggest", params=[("name", "DAISON"), ("class", "7"), ("office", "US,EU")])
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["original"]["clear"] is False and body["original"]["closest"]["id"] == "D-US-DYSON"
    assert all(s["clear"] for s in body["suggestions"])


def test_openapi_documents_search(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "/v1/search" in paths and "/v1/suggest" in paths
