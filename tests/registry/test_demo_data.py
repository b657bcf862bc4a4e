"""The bundled demo data: valid schema-A records, unique ids, families joining scripts, real references."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ipwarden.registry.demo import DEMO_FILES, demo_data_paths
from ipwarden.registry.importers.schema import record_from_dict
from ipwarden.registry.models import Authorisation, OwnerFamily, Right, RightKind

ROOT = Path(__file__).resolve().parents[2]
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


def _records() -> list[tuple[str, int, dict[str, Any]]]:
    out = []
    for path in demo_data_paths():
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            out.append((path.name, number, json.loads(line)))
    return out


def test_paths_are_the_packaged_files_in_import_order() -> None:
    paths = demo_data_paths()
    assert [p.name for p in paths] == list(DEMO_FILES)
    assert all(p.is_file() and p.suffix == ".jsonl" for p in paths)


def test_every_line_is_a_valid_record() -> None:
    schema = json.loads((ROOT / "docs" / "schema" / "ipwarden-record.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for name, number, data in _records():
        errors = [e.message for e in validator.iter_errors(data)]
        assert not errors, f"{name}:{number}: {errors}"
        record_from_dict(data)  # raises RecordError naming the field


def test_size_and_mix() -> None:
    rights = [record_from_dict(d) for _, _, d in _records()]
    tms = [r for r in rights if isinstance(r, Right) and r.kind is RightKind.TRADEMARK]
    assert 300 <= len(tms) <= 700
    assert {"US", "EM", "CN", "JP", "KR", "GB"} <= {r.office for r in tms}
    kinds = {r.kind for r in rights if isinstance(r, Right)}
    assert kinds == set(RightKind)
    gis = {
        r.mark_text for r in rights if isinstance(r, Right) and r.kind is RightKind.GEOGRAPHICAL_INDICATION
    }
    assert {"CHAMPAGNE", "PARMIGIANO REGGIANO", "SCOTCH WHISKY", "西湖龙井", "安溪铁观音"} <= gis
    assert sum(isinstance(r, Authorisation) for r in rights) >= 10


def test_ids_unique() -> None:
    ids = [(d.get("record", "right"), d["id"]) for _, _, d in _records()]
    assert len(ids) == len(set(ids))


def test_chinese_marks_link_to_the_family_of_the_latin_marks() -> None:
    records = [record_from_dict(d) for _, _, d in _records()]
    families = {r.id: r for r in records if isinstance(r, OwnerFamily)}
    rights = [r for r in records if isinstance(r, Right) and r.kind is RightKind.TRADEMARK]
    latin_by_family: dict[str, set[str]] = defaultdict(set)
    for right in rights:
        assert right.owner_family in families, right.id
        if right.mark_text and not _CJK.search(right.mark_text):
            latin_by_family[right.owner_family].add(right.mark_text)
    linked = 0
    for right in rights:
        if right.mark_text and _CJK.search(right.mark_text) and latin_by_family.get(str(right.owner_family)):
            linked += 1
    assert linked >= 60
    for family, latin, cjk in [
        ("nike", "NIKE", "耐克"),
        ("adidas", "ADIDAS", "阿迪达斯"),
        ("starbucks", "STARBUCKS", "星巴克"),
        ("apple", "APPLE", "苹果"),
        ("cocacola", "COCA-COLA", "可口可乐"),
        ("huawei", "HUAWEI", "华为"),
        ("xiaomi", "XIAOMI", "小米"),
        ("louisvuitton", "LOUIS VUITTON", "路易威登"),
        ("chanel", "CHANEL", "香奈儿"),
        ("tencent", "WECHAT", "微信"),
        ("alibaba", "TAOBAO", "淘宝"),
    ]:
        marks = {r.mark_text for r in rights if r.owner_family == family}
        assert {latin, cjk} <= marks, family
        # the family also knows the owner by a name in Chinese script, so CNIPA-style owner names join it
        assert any(_CJK.search(a) for a in (families[family].name, *families[family].aliases)), family


def test_decided_cases_keep_their_true_owners() -> None:
    rights = {r.id: r for _, _, d in _records() if isinstance(r := record_from_dict(d), Right)}
    xinbailun = next(r for r in rights.values() if r.mark_text == "新百伦")
    assert xinbailun.owner_family == "zhoulelun"  # not New Balance: Zhou Lelun's registration
    qiaodan = [r for r in rights.values() if r.mark_text == "乔丹"]
    assert qiaodan and all(r.owner_family == "qiaodan" and r.status.value == "cancelled" for r in qiaodan)
    iphone_18 = [r for r in rights.values() if r.mark_text == "IPHONE" and r.classes == (18,)]
    assert iphone_18 and iphone_18[0].owner_family == "xintongtiandi"


def test_registration_numbers_only_where_verified() -> None:
    numbered = {d["id"]: d["registration_number"] for _, _, d in _records() if d.get("registration_number")}
    # the only numbers given are taken from public USPTO records or well-documented decisions
    assert numbered == {
        "DEMO-US-JAVA": "2178784",
        "DEMO-US-MYSQL": "2713476",
        "DEMO-US-DESIGN": "3717416",
        "DEMO-US-RED-SOLE": "3361597",
        "DEMO-US-COCACOLA-BOTTLE-DESIGN": "D48160",
        "DEMO-US-APPLE-D618677": "D618677",
        "DEMO-US-APPLE-D593087": "D593087",
        "DEMO-US-APPLE-SLIDE-TO-UNLOCK": "8046721",
    }


@pytest.mark.parametrize("name", ["JAVA", "MYSQL"])
def test_numbered_marks_agree_with_the_shared_office_records(shared_data: Path, name: str) -> None:
    rights = {d["id"]: d for _, _, d in _records()}
    demo = rights[f"DEMO-US-{name}"]
    st66 = (shared_data / "st66" / f"rn{demo['registration_number']}-ST66.xml").read_text("utf-8")
    assert f"<MarkVerbalElementText>{name}</MarkVerbalElementText>" in st66
    assert f"<ApplicationNumber>{demo['application_number']}</ApplicationNumber>" in st66
    assert f"<ApplicationDate>{demo['filed']}" in st66


def test_authorisations_point_at_existing_rights_and_families() -> None:
    records = [record_from_dict(d) for _, _, d in _records()]
    right_ids = {r.id for r in records if isinstance(r, Right)}
    family_ids = {r.id for r in records if isinstance(r, OwnerFamily)}
    auths = [r for r in records if isinstance(r, Authorisation)]
    for auth in auths:
        assert auth.right_id in right_ids if auth.right_id else auth.owner_family in family_ids, auth.id
    assert any(a.valid_until and a.valid_until.year < 2026 for a in auths)  # a lapsed authorisation


def test_demo_imports_cleanly_and_families_join_scripts(tmp_path: Path) -> None:
    from ipwarden.registry.memory import InMemoryRightsStore
    from ipwarden.registry.services import import_files

    store = InMemoryRightsStore()
    summary = import_files(demo_data_paths(), store, home=tmp_path)
    assert all(f.rejected == 0 and f.completed for f in summary.files)
    assert store.count_rights() == sum(f.stored for f in summary.files) > 500
    nike = {r.mark_text for r in store.rights_of_family("nike")}
    assert {"NIKE", "耐克", "JUST DO IT"} <= nike
    assert "新百伦" not in {r.mark_text for r in store.rights_of_family("newbalance")}
