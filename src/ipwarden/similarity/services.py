"""Clearance search as a service: query → ranked, explained, risk-rated hits; and clear-name suggestions.

``SearchService(index, store).search(SearchQuery.parse("NAIKE", classes=[25]))``. The index finds
candidates; every candidate is scored by the pure aspect functions; the goods relation and the risk policy
turn that into a tier; owner families bring in the same owner's marks in other scripts.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ipwarden.registry.interfaces import RightsStore
from ipwarden.registry.models import LIVE_STATUSES
from ipwarden.similarity.forms import MarkForms, prepare, prepare_query
from ipwarden.similarity.index import IndexedMark, SearchIndex
from ipwarden.similarity.policy import RiskPolicy, RiskTier, default_policy
from ipwarden.similarity.query import SearchQuery
from ipwarden.similarity.ranking import (
    KIND_SLOTS,
    OTHER_GOODS_REASON,
    SAME_TEXT,
    each_kind,
    kept_for_other_goods,
    rank_key,
    spread,
    twins_left_out,
)
from ipwarden.similarity.resources import warm_up
from ipwarden.similarity.scoring import Assessment, assess, combine, compare, family_match, goods_relation

__all__ = ["SearchHit", "SearchResult", "SearchService", "SuggestResult", "Suggestion"]

ClassRelation = Callable[[int, int], str]
_CANDIDATES = 120
_FAMILY_SOURCES = 5
_OPENINGS = ("bo", "da", "lu", "ma", "ro", "sa", "te", "vi", "zu", "ka", "fe", "qu")
_SYLLABLES = ("ba", "de", "lo", "mi", "ra", "sen", "tor", "va", "zel", "qui", "nor", "fa", "dex", "lun")
_MARGIN = 0.1  # a suggestion's closest earlier mark must stay this far below the medium-risk threshold
_MAX_TRIES = 60


@lru_cache(maxsize=1)
def _relation_bases() -> dict[frozenset[int], frozenset[str]]:
    """The bases (uspto-coordinated, case-law, editorial) on which each pair of classes is related."""
    from ipwarden.registry.nice import class_relations

    bases: dict[frozenset[int], set[str]] = {}
    for rel in class_relations():
        bases.setdefault(rel.classes, set()).add(rel.basis)
    return {pair: frozenset(found) for pair, found in bases.items()}


def _default_relation(policy: RiskPolicy) -> ClassRelation:
    """The Nice relation table, with related pairs the policy finds too loose for a high risk marked so."""
    from ipwarden.registry.nice import class_relation

    def relation(a: int, b: int) -> str:
        found = class_relation(a, b)
        if found == "related" and policy.loosely_related(
            a, b, _relation_bases().get(frozenset((a, b)), frozenset())
        ):
            return "loosely_related"
        return found

    return relation


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    mark: str
    owner: str | None
    office: str
    classes: tuple[int, ...]
    status: str
    score: float
    risk: RiskTier
    reasons: tuple[str, ...]
    aspects: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "mark": self.mark,
            "owner": self.owner,
            "office": self.office,
            "classes": list(self.classes),
            "status": self.status,
            "score": self.score,
            "risk": self.risk.value,
            "reasons": list(self.reasons),
            "aspects": list(self.aspects),
        }


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: SearchQuery
    hits: tuple[SearchHit, ...]
    classes: tuple[int, ...]  # the classes compared (given, plus those found for the goods description)
    goods_classes: tuple[int, ...]
    candidates: int
    elapsed_ms: float
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": {
                "text": self.query.text,
                "classes": list(self.classes),
                "goods": self.query.goods,
                "goods_classes": list(self.goods_classes),
                "offices": list(self.query.offices or []),
                "statuses": [s.value for s in (self.query.statuses or sorted(LIVE_STATUSES))],
                "limit": self.query.limit,
            },
            "hits": [h.to_dict() for h in self.hits],
            "candidates": self.candidates,
            "elapsed_ms": round(self.elapsed_ms, 2),
            "notes": list(self.notes),
        }


@dataclass(frozen=True, slots=True)
class Suggestion:
    name: str
    clear: bool
    closest: SearchHit | None
    high: int
    medium: int
    margin: float | None = None  # how far the closest mark's similarity is below the medium-risk threshold

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "clear": self.clear,
            "high": self.high,
            "medium": self.medium,
            "margin": self.margin,
            "closest": self.closest.to_dict() if self.closest else None,
        }


@dataclass(frozen=True, slots=True)
class SuggestResult:
    name: str
    original: Suggestion
    suggestions: tuple[Suggestion, ...]
    classes: tuple[int, ...]
    offices: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "classes": list(self.classes),
            "offices": list(self.offices),
            "original": self.original.to_dict(),
            "suggestions": [s.to_dict() for s in self.suggestions],
        }


class SearchService:
    """Searches one index over one store. ``recheck_seconds``: how often freshness is re-verified."""

    def __init__(
        self,
        index: SearchIndex,
        store: RightsStore,
        *,
        policy: RiskPolicy | None = None,
        relation: ClassRelation | None = None,
        recheck_seconds: float | None = 2.0,
        candidates: int = _CANDIDATES,
        same_text: int = SAME_TEXT,
        kind_slots: int = KIND_SLOTS,
    ) -> None:
        self.index = index
        self.store = store
        self.policy = policy or default_policy()
        self.relation = lru_cache(maxsize=4096)(relation or _default_relation(self.policy))
        self.recheck_seconds = recheck_seconds
        self.candidate_cap = candidates
        self.same_text = same_text
        self.kind_slots = kind_slots
        self._checked_at: float | None = None
        warm_up()

    def _ensure_fresh(self) -> None:
        now = time.monotonic()
        if self._checked_at is not None and (
            self.recheck_seconds is None or now - self._checked_at < self.recheck_seconds
        ):
            return
        self.index.ensure_fresh()
        self._checked_at = now

    def _goods_classes(self, goods: str | None) -> tuple[int, ...]:
        if not goods:
            return ()
        from ipwarden.registry.nice import load_classification

        found = [
            (c, hits[0].score) for c, hits in load_classification().search_classes(goods, limit=3) if hits
        ]
        if not found or found[0][1] < 0.25:
            return ()
        best = found[0][1]  # the best class, and any other about as good
        return tuple(c for c, score in found if score >= best - 0.1 and (score >= 0.5 or score == best))

    def _assess(
        self,
        query_forms: MarkForms,
        row: IndexedMark,
        classes: tuple[int, ...],
        seen: dict[tuple[str, tuple[int, ...]], Assessment | None],
    ) -> Assessment | None:
        """Score one candidate; None when no aspect reaches the policy's report floor.

        ``seen`` holds the assessments of this query so far by mark text and classes: a million marks
        repeat many texts (the same word filed in many offices), and each is compared once.
        """
        key = (row.mark, row.classes)
        if key in seen:
            return seen[key]
        match = compare(query_forms, row.forms or prepare(row.mark), self.policy, row.classes)
        found = None
        if match.score >= self.policy.report_floor:
            relation, why = goods_relation(classes, row.classes, self.relation)
            found = assess(match, relation, why, self.policy)
        seen[key] = found
        return found

    def _hit(
        self, row: IndexedMark, a: Assessment, twins_left_out: int = 0, other_goods: bool = False
    ) -> SearchHit:
        reasons = a.reasons
        if other_goods:
            reasons += (OTHER_GOODS_REASON,)
        if twins_left_out:
            many = "right" if twins_left_out == 1 else "rights"
            reasons += (
                f"{twins_left_out} more {many} found with the mark {row.mark!r}, this score and this risk "
                "not listed here (a higher limit lists them)",
            )
        return SearchHit(
            id=row.id,
            mark=row.mark,
            owner=row.owner,
            office=row.office,
            classes=row.classes,
            status=row.status,
            score=a.score,
            risk=a.risk,
            reasons=reasons,
            aspects=tuple(dict.fromkeys(x.kind.value for x in a.aspects)),
        )

    def search(self, query: SearchQuery) -> SearchResult:
        """Ranked hits, best first; each with a score in [0, 1], a risk tier and its reasons."""
        started = time.perf_counter()
        self._ensure_fresh()
        goods_classes = tuple(c for c in self._goods_classes(query.goods) if c not in query.classes)
        classes = query.classes + goods_classes
        statuses = [s.value for s in (query.statuses or LIVE_STATUSES)]
        ords = self.index.candidates(
            query.text, offices=query.offices, statuses=statuses, cap=self.candidate_cap, classes=classes
        )
        forms = prepare_query(query.text)
        scored: dict[str, tuple[IndexedMark, Assessment]] = {}
        seen: dict[tuple[str, tuple[int, ...]], Assessment | None] = {}
        for row in self.index.rows(ords):
            a = self._assess(forms, row, classes, seen)
            if a is not None:
                scored[row.id] = (row, a)
        self._add_families(scored, classes, query, statuses)
        ranked = spread(sorted(scored.values(), key=rank_key(classes)), self.same_text)
        page = each_kind(ranked, query.limit, self.kind_slots)
        more = twins_left_out(page, ranked)
        kept = kept_for_other_goods(page, ranked, query.limit)
        hits = tuple(self._hit(row, a, more.get(at, 0), row.id in kept) for at, (row, a) in enumerate(page))
        notes: list[str] = []
        if goods_classes:
            notes.append(
                f"goods description {query.goods!r} mapped to class {', '.join(map(str, goods_classes))}"
            )
        elif query.goods:
            notes.append(f"no Nice class found for goods {query.goods!r}; classes were not compared for it")
        elapsed = (time.perf_counter() - started) * 1000
        return SearchResult(query, hits, classes, goods_classes, len(ords), elapsed, tuple(notes))

    def _add_families(
        self,
        scored: dict[str, tuple[IndexedMark, Assessment]],
        classes: tuple[int, ...],
        query: SearchQuery,
        statuses: Sequence[str],
    ) -> None:
        """A strong hit on an owner's mark in one script surfaces the owner's marks in the others."""
        sources = sorted(
            (v for v in scored.values() if v[0].family and v[1].text_score >= 0.8),
            key=lambda v: -v[1].text_score,
        )[:_FAMILY_SOURCES]
        done: set[str] = set()
        for row, a in sources:
            family = row.family or ""
            if family in done:
                continue
            done.add(family)
            members = [
                r
                for r in self.store.rights_of_family(family)
                if r.id != row.id
                and r.mark_text
                and r.status.value in statuses
                and (query.offices is None or r.office in query.offices)
            ]
            for member in self.index.rows(self.index.ords_of([r.id for r in members][:50])):
                own = compare(
                    prepare(query.text), member.forms or prepare(member.mark), self.policy, member.classes
                )
                via = family_match(a.text_score, row.mark, family)
                match = combine([*own.aspects, *via.aspects], self.policy)
                relation, why = goods_relation(classes, member.classes, self.relation)
                scored[member.id] = (member, assess(match, relation, why, self.policy))

    def suggest(
        self, name: str, classes: Sequence[int] = (), offices: Sequence[str] | None = None, count: int = 5
    ) -> SuggestResult:
        """Names near ``name`` that are clear of every conflict by a margin, each with its evidence.

        A name that keeps the opening or the sound of a conflicting mark (NIKVANTA for NIKEY, over NIKE)
        is legal to propose but useless to a seller, so candidates are new openings on the name's tail and
        coined names; each must have no high- or medium-risk hit, its closest earlier mark must score at
        least ``_MARGIN`` below the medium threshold, and it must share neither the first two letters nor
        the sound key with any mark the name itself conflicts with.
        """
        base = SearchQuery.parse(name, classes=classes, offices=offices or (), field="name")
        original = self._verdict(base.text, base)
        conflicts = [h for h in self.search(self._query(base.text, base)).hits if h.risk is not RiskTier.LOW]
        stem = "".join(ch for ch in prepare(base.text).core_compact if ch.isalnum() and ch.isascii())
        found: list[Suggestion] = []
        for variant in self._variants(stem or "name")[:_MAX_TRIES]:
            if not self._distinct(variant, conflicts):
                continue
            verdict = self._verdict(variant, base)
            if verdict.clear and verdict.margin is not None and verdict.margin >= _MARGIN:
                found.append(verdict)
            if len(found) >= count:
                break
        return SuggestResult(base.text, original, tuple(found), base.classes, base.offices or ())

    @staticmethod
    def _variants(stem: str) -> list[str]:
        """New openings on the name's tail (NIKEY → BOKEY, DAKEY, ...), then coined three-syllable names."""
        tail = stem[2:] if len(stem) > 4 else stem[1:]
        seed = sum(ord(ch) * (i + 1) for i, ch in enumerate(stem))
        out = [opening + tail for opening in _OPENINGS]
        n = len(_SYLLABLES)
        out += ["".join(_SYLLABLES[(seed * k + (2 * k - 1) * i) % n] for k in (1, 7, 13)) for i in range(30)]
        return list(dict.fromkeys(v.upper() for v in out if v and v.lower() != stem.lower()))

    @staticmethod
    def _distinct(variant: str, conflicts: Sequence[SearchHit]) -> bool:
        mine = prepare(variant)
        for hit in conflicts:
            theirs = prepare(hit.mark)
            same_sound = bool(mine.latin_key) and mine.latin_key == theirs.latin_key
            if mine.compact[:2] == theirs.compact[:2] or same_sound:
                return False
        return True

    def _query(self, text: str, base: SearchQuery) -> SearchQuery:
        return SearchQuery(text, base.classes, None, base.offices, base.statuses, limit=20)

    def _verdict(self, text: str, base: SearchQuery) -> Suggestion:
        hits = self.search(self._query(text, base)).hits
        high = sum(1 for h in hits if h.risk is RiskTier.HIGH)
        medium = sum(1 for h in hits if h.risk is RiskTier.MEDIUM)
        relation = "same" if base.classes else "unspecified"
        threshold = self.policy.tiers[relation][1]
        closest = hits[0] if hits else None  # hits are ranked by score, best first
        margin = round(threshold - (closest.score if closest else 0.0), 3)
        return Suggestion(text, high == 0 and medium == 0, closest, high, medium, margin)
