"""``SearchService.suggest``: proposals are clear of the conflicts by a margin and do not keep their opening."""

from __future__ import annotations

from pathlib import Path

import pytest
from similarity_support import dev_store

from ipwarden.similarity.forms import prepare
from ipwarden.similarity.index import open_index
from ipwarden.similarity.services import SearchService


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> SearchService:
    store = dev_store()
    return SearchService(open_index(Path(tmp_path_factory.mktemp("suggest")) / "index", store), store)


def test_suggestions_leave_the_conflicting_opening_and_sound(service: SearchService) -> None:
    result = service.suggest("NIKEY", classes=[25], offices=["US", "CN"])
    assert not result.original.clear and result.original.closest is not None
    assert result.original.closest.mark in ("NIKE", "耐克")
    assert len(result.suggestions) == 5
    nike = prepare("NIKE")
    for s in result.suggestions:
        assert s.clear and s.high == 0 and s.medium == 0
        assert not s.name.startswith("NI"), s.name
        assert prepare(s.name).latin_key != nike.latin_key, s.name
        assert s.margin is not None and s.margin >= 0.1, s
        assert s.to_dict()["margin"] == s.margin


def test_suggestion_evidence_names_the_closest_mark(service: SearchService) -> None:
    result = service.suggest("DAISONIX", classes=[7])
    for s in result.suggestions:
        if s.closest is not None:
            assert s.closest.score <= 0.62 - 0.1 + 1e-9, s
