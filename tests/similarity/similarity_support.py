"""Shared helpers for the clearance search tests: the development registry and a small store builder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ipwarden.registry.memory import InMemoryRightsStore
from ipwarden.registry.models import GoodsServices, Party, Right, RightKind, Status

DEV_CASES = Path(__file__).with_name("dev_cases.yaml")
DEV_NEGATIVES = Path(__file__).with_name("dev_negatives.yaml")


def dev_case_files() -> list[Path]:
    """dev_cases.yaml and the further case files beside it (dev_cases_<topic>.yaml), in name order."""
    return [DEV_CASES, *sorted(DEV_CASES.parent.glob("dev_cases_*.yaml"))]


def dev_data() -> dict[str, Any]:
    """The development registry and cases of every case file, merged."""
    data: dict[str, Any] = {"registry": [], "cases": []}
    for path in dev_case_files():
        part = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        data["registry"] += part.get("registry") or []
        data["cases"] += part.get("cases") or []
    return data


def dev_negatives() -> dict[str, Any]:
    """The development negatives (pairs that must not rate high); their cases may cite dev_cases marks."""
    data: dict[str, Any] = yaml.safe_load(DEV_NEGATIVES.read_text(encoding="utf-8"))
    return data


def right(
    id: str,
    mark: str | None,
    classes: list[int],
    *,
    office: str = "US",
    owner: str = "Owner",
    family: str | None = None,
    status: str = "registered",
) -> Right:
    return Right(
        id=id,
        kind=RightKind.TRADEMARK,
        office=office,
        mark_text=mark,
        status=Status(status),
        goods_services=tuple(GoodsServices(c) for c in classes),
        owner=Party(owner),
        owner_family=family,
    )


def rights(entries: list[dict[str, Any]]) -> list[Right]:
    """The rights of registry entries as the case files write them (id, mark, classes, office, owner...)."""
    return [
        right(
            r["id"],
            r["mark"],
            r["classes"],
            office=r["office"],
            owner=r["owner"],
            family=r.get("family"),
            status=r.get("status", "registered"),
        )
        for r in entries
    ]


def dev_store() -> InMemoryRightsStore:
    store = InMemoryRightsStore()
    store.upsert_rights(rights(dev_data()["registry"] + dev_negatives()["registry"]))
    return store
