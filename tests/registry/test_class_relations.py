"""Class relatedness: real pairs from the USPTO coordinated-class practice, case law and trade practice."""

from __future__ import annotations

import pytest

from ipwarden.errors import InputError
from ipwarden.registry.nice import class_relation, class_relations, related_classes, relations_of


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (25, 18),  # clothing / bags: USPTO coordinated
        (25, 14),
        (25, 35),
        (9, 42),
        (9, 38),
        (29, 30),
        (32, 33),  # In re Chatam
        (1, 31),  # In re Viterra: fertilizers and seeds
        (5, 3),
        (5, 10),
        (43, 30),
        (43, 33),
        (41, 9),
        (41, 16),
        (35, 12),  # retail of goods of any class
    ],
)
def test_related_pairs(a: int, b: int) -> None:
    assert class_relation(a, b) == "related"
    assert class_relation(b, a) == "related"
    assert b in related_classes(a) and a in related_classes(b)


@pytest.mark.parametrize(("a", "b"), [(25, 1), (9, 31), (33, 19), (43, 6), (45, 7), (40, 25)])
def test_unrelated_pairs(a: int, b: int) -> None:
    assert class_relation(a, b) == "unrelated"


def test_same_class() -> None:
    assert class_relation(25, 25) == "same"
    assert 25 not in related_classes(25)


def test_every_relation_names_a_basis_and_source() -> None:
    rels = class_relations()
    assert len(rels) > 50
    assert {r.basis for r in rels} == {"uspto-coordinated", "case-law", "editorial"}
    for rel in rels:
        assert len(rel.classes) == 2 and rel.source.strip()
    uspto = [r for r in relations_of(25) if min(r.classes - {25}) == 18]
    assert uspto[0].basis == "uspto-coordinated" and "uspto.gov" in uspto[0].source
    assert any(r.basis == "editorial" and "no legal authority" in r.source for r in relations_of(25))


def test_retail_services_relate_to_every_goods_class_only() -> None:
    assert set(range(1, 35)) <= related_classes(35)
    assert class_relation(35, 40) == "unrelated"


def test_bad_class_is_an_input_error() -> None:
    with pytest.raises(InputError):
        class_relation(0, 25)
    with pytest.raises(InputError):
        related_classes(46)
