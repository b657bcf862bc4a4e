"""How scored hits become a page: the ranking order, copies of one text kept from filling it, and the places
at its foot kept for what the hits above lack. Scores and tiers are never changed here, only the order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from ipwarden.similarity.aspect_types import AspectKind
from ipwarden.similarity.forms import prepare
from ipwarden.similarity.index import IndexedMark
from ipwarden.similarity.policy import RiskTier
from ipwarden.similarity.scoring import Assessment

__all__ = [
    "KIND_SLOTS",
    "OTHER_GOODS_REASON",
    "SAME_TEXT",
    "each_kind",
    "kept_for_other_goods",
    "rank_key",
    "spread",
    "text_of",
    "tie_order",
    "twins_left_out",
]

SAME_TEXT = 3  # rights with one mark text shown before other marks; the rest follow them


def spread(ranked: list[tuple[IndexedMark, Assessment]], same: int) -> list[tuple[IndexedMark, Assessment]]:
    """Ranked hits with at most ``same`` rights per mark text ahead of the marks that follow.

    One word filed in twenty offices is one conflict: twenty copies of it on the first page would hide a
    translation or a sound-alike that the person clearing the name also needs to see. The copies are not
    dropped, only listed after the other hits, in their own order.
    """
    seen: dict[str, int] = {}
    first: list[tuple[IndexedMark, Assessment]] = []
    later: list[tuple[IndexedMark, Assessment]] = []
    for item in ranked:
        text = text_of(item[0])
        seen[text] = seen.get(text, 0) + 1
        (first if seen[text] <= same else later).append(item)
    return first + later


def text_of(row: IndexedMark) -> str:
    return row.forms.compact if row.forms is not None else prepare(row.mark).compact


def twins_left_out(
    page: list[tuple[IndexedMark, Assessment]], ranked: list[tuple[IndexedMark, Assessment]]
) -> dict[int, int]:
    """Place on the page → how many rights past the page have that hit's mark text, score and tier (on
    the last such hit of the page only).

    Twenty rights of one word for the same goods are twenty possible opponents: the page shows a few, and
    says how many more there are rather than letting them look like one conflict.
    """
    shown = {row.id for row, _ in page}
    left: dict[tuple[str, float, RiskTier], int] = {}
    for row, a in ranked:
        if row.id not in shown:
            key = (text_of(row), a.score, a.risk)
            left[key] = left.get(key, 0) + 1
    last: dict[tuple[str, float, RiskTier], int] = {}
    for at, (row, a) in enumerate(page):
        key = (text_of(row), a.score, a.risk)
        if key in left:
            last[key] = at
    return {at: left[key] for key, at in last.items()}


KIND_SLOTS = 2  # places at the foot of a page kept for a kind of likeness the hits above lack
_LIKENESS = {AspectKind.RHYME: AspectKind.SOUND}  # a rhyme is a likeness of sound, not a kind of its own
_OTHER_GOODS = "other goods"  # the place kept for the strongest likeness among marks for unrelated goods
OTHER_GOODS_REASON = (
    "listed at the foot of the page as the closest mark for other goods: ranked below the rest, yet a "
    "well-known mark is protected beyond its goods"
)
_OTHER_GOODS_MIN = 0.85  # the text similarity such a mark needs: the same or all but the same mark in letters
_OTHER_GOODS_KINDS = frozenset({AspectKind.SPELLING, AspectKind.LOOKALIKE, AspectKind.CONTAINMENT})


def _kind_of(a: Assessment) -> AspectKind | str | None:
    """What a hit stands for at the foot of a page: its kind of likeness, or a mark for other goods."""
    if a.relation == "unrelated":
        return _OTHER_GOODS
    return _LIKENESS.get(a.aspects[0].kind, a.aspects[0].kind) if a.aspects else None


def _worth_a_place(a: Assessment) -> bool:
    if a.relation == "unrelated":
        return (
            a.text_score >= _OTHER_GOODS_MIN and bool(a.aspects) and a.aspects[0].kind in _OTHER_GOODS_KINDS
        )
    return a.risk is not RiskTier.LOW


def rank_key(classes: tuple[int, ...]) -> Callable[[tuple[IndexedMark, Assessment]], tuple[Any, ...]]:
    """Best score first; among equal scores the mark that covers more of the query's classes, then a
    registered right before an application, then a fixed arbitrary order (:func:`tie_order`).

    A million marks hold many identical or near-identical texts: which of them fill the first page must
    follow what matters to the person clearing the name (the classes applied for, a right already granted).
    """
    wanted = set(classes)

    def key(item: tuple[IndexedMark, Assessment]) -> tuple[Any, ...]:
        row, a = item
        return (
            -a.score,
            -a.text_score,
            -len(wanted & set(row.classes)),
            row.status != "registered",
            tie_order(row.id),
        )

    return key


def tie_order(right_id: str) -> bytes:
    """A hash of the id: the same order for equal hits on every run and for any input order, yet one that no
    way of naming ids can lean on (ids in alphabetical order would put one office's or one importer's
    rights ahead of every other's equal hit)."""
    return hashlib.blake2b(right_id.encode(), digest_size=8).digest()


def each_kind(
    ranked: list[tuple[IndexedMark, Assessment]], limit: int, slots: int = KIND_SLOTS
) -> list[tuple[IndexedMark, Assessment]]:
    """The first ``limit`` hits, with the last ``slots`` places going first to the best hit of each kind of
    likeness (containment, sound, meaning...) that no hit above them shows, if it reaches medium risk, and
    to the closest mark for unrelated goods, if none above is one and it is the same or all but the same
    mark in letters (:data:`_OTHER_GOODS_MIN`; a sound-alike for other goods says too little).

    Ten near spellings of a short word (KOR, KORY, KROS for KORS) would otherwise hide the earlier mark
    that holds the word itself (MICHAEL KORS): a clearance report shows every kind of conflict it found.
    A mark for other goods ranks low, rightly, yet a well-known one is protected beyond its goods (TRIPS
    Art. 16(3); EUTMR Art. 8(5); 15 U.S.C. 1125(c): VOGUE against COUNTRY VOGUES for dresses), and the
    person clearing the name is the one who knows whether it is.
    """
    head = max(0, limit - slots)
    if len(ranked) <= limit or head == limit:
        return ranked[:limit]
    shown = {_kind_of(a) for _, a in ranked[:head]}
    kept: list[int] = []  # positions in ``ranked`` of the hits of a kind not shown above
    for at in range(head, len(ranked)):
        a = ranked[at][1]
        kind = _kind_of(a)
        if kind is not None and kind not in shown and _worth_a_place(a):
            shown.add(kind)
            kept.append(at)
            if len(kept) == slots:
                break
    kept += [at for at in range(head, limit) if at not in kept][: limit - head - len(kept)]
    return ranked[:head] + [ranked[at] for at in sorted(kept)]


def kept_for_other_goods(
    page: list[tuple[IndexedMark, Assessment]], ranked: list[tuple[IndexedMark, Assessment]], limit: int
) -> set[str]:
    """The ids of the marks for other goods that :func:`each_kind` brought onto the page from below it."""
    natural = {row.id for row, _ in ranked[:limit]}
    return {row.id for row, a in page if _kind_of(a) == _OTHER_GOODS and row.id not in natural}
