"""The owner-family merge rule, declared links and the family service."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ipwarden.registry.families import FamilyIndex, FamilyService, assign_family, family_key
from ipwarden.registry.memory import InMemoryRightsStore
from ipwarden.registry.models import OwnerFamily, Party, Right, RightKind

LEGAL_SUFFIXES = [
    "Inc.", ", Inc.", "INC", "Incorporated", "Corp.", "Corporation", "Co.", "Company", "Co., Ltd.",
    "Ltd", "Limited", "LLC", "L.L.C.", "PLC", "GmbH", "GmbH & Co. KG", "AG", "S.A.", "SA", "S.p.A.",
    "SARL", "S.A.R.L.", "B.V.", "N.V.", "K.K.", "Kabushiki Kaisha", "株式会社", "有限公司",
    "股份有限公司", "集团", "Co.,Ltd.", "Pty Ltd", "A/S", "AB", "Oy", "Sp. z o.o.", "s.r.o.", "S.L.",
    "Group Holding Limited", "S.A. de C.V.",
]  # fmt: skip

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9)


@given(st.text(max_size=60))
def test_family_key_is_idempotent(name: str) -> None:
    key = family_key(name)
    assert family_key(key) == key


@given(st.text(max_size=60))
def test_family_key_has_only_letters_digits_and_marks(name: str) -> None:
    key = family_key(name)
    assert all(c.isalnum() or unicodedata.category(c)[0] == "M" for c in key)


@given(
    words=st.lists(WORD, min_size=1, max_size=3),
    suffix=st.sampled_from(LEGAL_SUFFIXES),
    case=st.integers(0, 2),
)
def test_legal_forms_case_and_punctuation_do_not_split_a_family(
    words: list[str], suffix: str, case: int
) -> None:
    base = " ".join(words)
    assume(family_key(base) == "".join(words))  # the base itself holds no legal-form word
    variant = f"{base} {suffix}" if suffix[0] != "," else f"{base}{suffix}"
    variant = (variant.upper(), variant.title(), variant)[case]
    assert family_key(variant) == family_key(base)
    assert family_key(f"The {base}, {suffix}") == family_key(base)


@pytest.mark.parametrize(
    "variants",
    [
        ["NIKE, INC.", "Nike Inc", "nike, inc", "Nike, Inc. (Oregon corporation)", "Ｎｉｋｅ Ｉｎｃ"],
        ["The Coca-Cola Company", "Coca Cola Co.", "COCA-COLA CO", "The CocaCola Company"],
        ["L'Oréal S.A.", "LOREAL SA", "L’OREAL"],
        ["Procter & Gamble Company", "The Procter and Gamble Co."],
        ["Kabushiki Kaisha Toshiba", "Toshiba K.K.", "TOSHIBA CORPORATION", "Toshiba Corp."],
        ["ソニー株式会社", "株式会社ソニー", "ソニーグループ株式会社".replace("グループ", "")],
        ["耐克（中国）有限公司", "耐克股份有限公司", "耐克集团", "耐克"],
        ["Sony Group Corporation", "Sony Corp", "SONY KABUSHIKI KAISHA"],
        ["Société Générale", "SOCIETE GENERALE S.A."],
        ["Volkswagen AG", "VOLKSWAGEN AKTIENGESELLSCHAFT".replace("AKTIENGESELLSCHAFT", "AG")],
        ["Grupo Bimbo, S.A.B. de C.V.", "GRUPO BIMBO SAB DE CV"],
        ["Alibaba Group Holding Limited", "Alibaba Group", "ALIBABA"],
        ["삼성전자 주식회사", "삼성전자주식회사"],
        ['ООО "Ромашка"', "Ромашка ООО"],
    ],
)
def test_real_name_variants_share_a_key(variants: list[str]) -> None:
    keys = {family_key(v) for v in variants}
    assert len(keys) == 1, keys


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Apple Inc.", "Apple Corps Ltd"),  # different companies; "Corps" is part of the name
        ("Nike, Inc.", "Nikon Corporation"),
        ("Samsung Electronics Co., Ltd.", "Samsung C&T Corporation"),
        ("耐克", "nike"),  # scripts are joined only by declared aliases
    ],
)
def test_distinct_owners_stay_apart(one: str, other: str) -> None:
    assert family_key(one) != family_key(other)


def test_the_last_word_is_never_stripped() -> None:
    assert family_key("The Limited, Inc.") == "limited"
    assert family_key("Company") == "company"
    assert family_key("有限公司") == "有限公司"
    assert family_key("  ., ") == ""


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Kabushiki Kaisha Hitachi", "hitachi"),
        ("Yugen Kaisha Foo", "foo"),
        ("Sony Kabushiki Kaisha", "sony"),
        ("The Coca-Cola Company", "cocacola"),
        ("PT Indofood Sukses Makmur Tbk", "indofoodsuksesmakmur"),
        ("Acme S. de R.L. de C.V.", "acme"),
        ("Acme Sp. z o.o.", "acme"),
        ("ООО Ромашка", "ромашка"),
        ("Foo & Bar and", "fooandbar"),
    ],
)
def test_multi_word_legal_forms_at_either_end(name: str, key: str) -> None:
    assert family_key(name) == key


def _tm(rid: str, owner: str | None, family: str | None = None) -> Right:
    return Right(
        id=rid,
        kind=RightKind.TRADEMARK,
        office="US",
        owner=Party(owner) if owner else None,
        owner_family=family,
    )


NIKE = OwnerFamily("nike", "Nike, Inc.", ("耐克", "NIKE INNOVATE C.V."))


def test_assign_family_prefers_declared_links() -> None:
    families = [NIKE]
    assert assign_family(_tm("1", "Nike Inc"), families).owner_family == "nike"
    assert assign_family(_tm("2", "耐克（中国）有限公司"), families).owner_family == "nike"
    assert assign_family(_tm("3", "Nike Innovate CV"), families).owner_family == "nike"
    assert assign_family(_tm("4", "Acme Widgets LLC"), families).owner_family == "acmewidgets"
    declared = _tm("5", "Nike Inc", family="converse")
    assert assign_family(declared, families) is declared
    assert assign_family(_tm("6", None), families).owner_family is None
    assert assign_family(_tm("7", "—"), families).owner_family is None
    assert assign_family(_tm("8", "耐克"), {"耐克公司": "nike"}).owner_family == "nike"
    assert assign_family(_tm("9", "耐克"), None).owner_family == "耐克"


def test_family_index_resolves_conflicting_claims_deterministically() -> None:
    index = FamilyIndex([OwnerFamily("b", "Shared Name"), OwnerFamily("a", "Shared Name Inc"), NIKE])
    assert index.family_of("SHARED NAME LTD") == "a"
    assert index.conflicts == [("sharedname", ("a", "b"))]
    assert index["耐克"] == "nike"
    assert index.family_of("Unknown Owner GmbH") == "unknownowner"
    assert index.family_of(None) is None


def test_family_service_declares_assigns_and_relinks() -> None:
    store = InMemoryRightsStore()
    service = FamilyService(store)
    store.upsert_rights(
        service.assign([_tm("US-1", "耐克股份有限公司"), _tm("US-2", "Nike Inc"), _tm("US-3", "Acme")])
    )
    assert [r.owner_family for r in store.iter_rights()] == ["耐克", "nike", "acme"]

    service.declare([NIKE])
    assert store.get_family("nike") == NIKE
    assert service.relink(batch_size=1) == 1
    assert [r.owner_family for r in store.iter_rights()] == ["nike", "nike", "acme"]
    assert [r.id for r in store.rights_of_family("nike")] == ["US-1", "US-2"]
    assert service.relink() == 0


@pytest.mark.parametrize(
    ("name", "key"),
    [("YUGEN INC.", "yugen"), ("The Yugen Inc", "yugen"), ("Godo Kaisha", "godo"), ("PT Yugen Tbk", "yugen")],
)
def test_a_name_that_is_itself_a_legal_form_word_keeps_its_name(name: str, key: str) -> None:
    assert family_key(name) == key
    assert family_key(key) == key
