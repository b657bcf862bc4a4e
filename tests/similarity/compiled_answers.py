"""Clearance answers as text lines, to compare two builds of the similarity code (compiled and pure Python).

    python tests/similarity/compiled_answers.py > out.txt

Indexes the development registry and every probe set's registry, then prints, for every development case
and probe query, each hit with its exact score, risk, aspects and reasons; the mark forms and index keys
of every registry mark (what the index is built from); and the suggestions for a few seller names. The
first line says which build answered.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from similarity_support import dev_data, dev_negatives, rights

from ipwarden import native
from ipwarden.registry.memory import InMemoryRightsStore
from ipwarden.similarity.forms import forms_to_bytes, prepare
from ipwarden.similarity.index import open_index
from ipwarden.similarity.keys import mark_keys
from ipwarden.similarity.query import SearchQuery
from ipwarden.similarity.services import SearchService

PROBES = Path(__file__).parent / "probes"
SELLER_NAMES = ("NIKEY", "STARBUX", "康师父", "LAOGANMA", "APPEL PIE")


def _sets() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    registry = dev_data()["registry"] + dev_negatives()["registry"]
    cases = dev_data()["cases"] + dev_negatives()["cases"]
    for path in sorted(PROBES.glob("*.yaml")):
        part = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        registry += part.get("registry") or []
        cases += part.get("cases") or []
    return registry, cases


def lines() -> Iterator[str]:
    registry, cases = _sets()
    store = InMemoryRightsStore()
    store.upsert_rights(rights(registry))
    for r in registry:
        forms = prepare(str(r["mark"]))
        yield f"{r['id']}\t{forms_to_bytes(forms).hex()}\t{' '.join(sorted(mark_keys(forms)))}"
    with tempfile.TemporaryDirectory() as folder:
        index = open_index(Path(folder) / "index", store)
        service = SearchService(index, store)
        for case in cases:
            query = SearchQuery.parse(str(case["query"]), classes=case.get("classes") or [])
            hits = [
                [h.id, repr(h.score), h.risk.value, list(h.aspects), list(h.reasons)]
                for h in service.search(query).hits
            ]
            yield json.dumps([case["query"], case.get("classes"), hits], ensure_ascii=False)
        for name in SELLER_NAMES:
            yield json.dumps(service.suggest(name, classes=[25, 30]).to_dict(), ensure_ascii=False)
        index.close()


if __name__ == "__main__":
    print("compiled" if native.compiled("similarity") else "pure")
    for line in lines():
        print(line)
