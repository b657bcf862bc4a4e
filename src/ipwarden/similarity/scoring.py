"""Combines the aspects into one explained assessment of a (query, earlier mark) pair.

``compare`` is pure text; ``assess`` adds the goods relation and the risk policy. Both return every aspect
that fired so that the reasons can be checked by a person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ipwarden.similarity.aspects import ASPECTS, Aspect, AspectKind
from ipwarden.similarity.concepts import (
    common_surname,
    conceptual_difference,
    descriptive_earlier_mark,
    shared_descriptive_opening,
    short_marks,
    weak_earlier_mark,
)
from ipwarden.similarity.forms import MarkForms
from ipwarden.similarity.policy import GoodsRelation, RiskPolicy, RiskTier, default_policy

__all__ = ["Assessment", "TextMatch", "assess", "combine", "compare", "family_match", "goods_relation"]


@dataclass(frozen=True, slots=True)
class TextMatch:
    score: float  # 0..1: the best aspect plus a small bonus per corroborating aspect
    aspects: tuple[Aspect, ...]  # best first
    concept: str | None = None  # why a clear meaning of the query sets it apart (at most medium risk)
    weak: str | None = None  # why the likeness reaches only the same goods (policy.weak_cap decides)

    @property
    def best(self) -> Aspect | None:
        return self.aspects[0] if self.aspects else None

    def corroborated(self, policy: RiskPolicy) -> bool:
        return bool(_corroborating(self.aspects, policy))


@dataclass(frozen=True, slots=True)
class Assessment:
    score: float  # ranking score 0..1 (text similarity weighted by the goods relation)
    text_score: float
    risk: RiskTier
    relation: GoodsRelation
    reasons: tuple[str, ...]
    aspects: tuple[Aspect, ...]


def compare(
    q: MarkForms, c: MarkForms, policy: RiskPolicy | None = None, mark_classes: Iterable[int] = ()
) -> TextMatch:
    """Run every text aspect; score = best aspect + bonus per other aspect above the corroboration floor.

    ``mark_classes``: the earlier mark's classes, for the words that describe its goods.
    """
    policy = policy or default_policy()
    match = combine([a for f in ASPECTS if (a := f(q, c)) is not None], policy)
    concept = weak = None
    if policy.concept_min_headwords is not None:
        concept = conceptual_difference(q, c, match.aspects, policy.concept_min_headwords)
    if concept is None and policy.descriptive_prefixes is not None and match.aspects:
        concept = shared_descriptive_opening(q, c, mark_classes, policy.descriptive_prefixes, match.aspects)
    if policy.weak_words is not None and match.aspects:
        weak = weak_earlier_mark(c, policy.weak_words)
    if weak is None and policy.surnames is not None and match.aspects:
        weak = common_surname(c, policy.surnames)
    if weak is None and policy.descriptive_words is not None and match.aspects:
        weak = descriptive_earlier_mark(c, mark_classes, policy.descriptive_words, policy.beside_words)
    if weak is None and policy.short_mark_letters is not None and match.aspects:
        weak = short_marks(q, c, match.aspects, policy.short_mark_letters)
    return TextMatch(match.score, match.aspects, concept, weak) if concept or weak else match


def combine(aspects: Iterable[Aspect], policy: RiskPolicy | None = None) -> TextMatch:
    """Best aspect first; score = best + the corroboration bonus for each other strong aspect."""
    policy = policy or default_policy()
    fired = sorted(aspects, key=lambda a: -a.score)
    if not fired:
        return TextMatch(0.0, ())
    extra = len(_corroborating(fired, policy))
    score = min(1.0, fired[0].score + policy.corroboration_bonus * extra)
    return TextMatch(round(score, 4), tuple(fired))


def _corroborating(fired: Sequence[Aspect], policy: RiskPolicy) -> list[Aspect]:
    """The other strong aspects that agree with the best one. A sound aspect does not agree with a rhyme:
    it hears the rhyme's keys as close again, one likeness counted twice."""
    others = [a for a in fired[1:] if a.score >= policy.corroboration_min]
    if fired and fired[0].kind is AspectKind.RHYME:
        others = [a for a in others if a.kind is not AspectKind.SOUND]
    return others


def goods_relation(
    query_classes: Iterable[int], mark_classes: Iterable[int], relation: Callable[[int, int], str]
) -> tuple[GoodsRelation, str]:
    """The closest relation between any query class and any class of the mark, with its reason.

    ``relation`` answers "same", "related", "loosely_related" (related, but too loosely for a high risk:
    see :meth:`RiskPolicy.loosely_related`) or "unrelated" for two classes.
    """
    wanted, has = sorted(set(query_classes)), sorted(set(mark_classes))
    if not wanted or not has:
        return "unspecified", "goods: no classes to compare" if wanted else "goods: any class (none given)"
    same = [c for c in wanted if c in has]
    if same:
        return "same", f"goods: same class {', '.join(map(str, same))}"
    found = [(a, b, relation(a, b)) for a in wanted for b in has]
    related = [(a, b) for a, b, r in found if r == "related"]
    if related:
        pairs = ", ".join(f"{a}~{b}" for a, b in related[:3])
        return "related", f"goods: related classes ({pairs})"
    loose = [(a, b) for a, b, r in found if r == "loosely_related"]
    if loose:
        pairs = ", ".join(f"{a}~{b}" for a, b in loose[:3])
        return "loosely_related", (
            f"goods: related classes ({pairs}) by trade practice only, not by an office's list or a "
            "decision that suffices alone, which keeps the risk at medium at most"
        )
    listed = ", ".join(map(str, has))
    return "unrelated", (
        f"goods: unrelated (query class {', '.join(map(str, wanted))}; earlier mark class {listed}), "
        "which lowers the risk even for a similar or identical mark"
    )


def assess(
    match: TextMatch,
    relation: GoodsRelation,
    goods_reason: str,
    policy: RiskPolicy | None = None,
    extra_reasons: tuple[str, ...] = (),
) -> Assessment:
    """Ranking score, tier and the reasons, per the policy."""
    policy = policy or default_policy()
    best = match.best
    tier = policy.tier(match.score, relation, match.corroborated(policy), best.kind.value if best else "")
    reasons = [r for a in match.aspects for r in a.reasons]
    if match.concept:
        tier = RiskTier.MEDIUM if tier is RiskTier.HIGH else tier
        reasons.append(match.concept)
    adds_matter = any(a.kind is AspectKind.CONTAINMENT for a in match.aspects)
    if match.weak and policy.weak_cap(match.weak, relation, adds_matter):
        tier = RiskTier.MEDIUM if tier is RiskTier.HIGH else tier
        reasons.append(match.weak)
    reasons.extend(extra_reasons)
    reasons.append(goods_reason)
    return Assessment(
        score=round(match.score * policy.goods_weight[relation], 4),
        text_score=match.score,
        risk=tier,
        relation=relation,
        reasons=tuple(dict.fromkeys(reasons)),
        aspects=match.aspects,
    )


def family_match(score: float, via_mark: str, family: str) -> TextMatch:
    """A mark surfaced because its owner family also owns a hit (STARBUCKS via 星巴克)."""
    why = f"owner family {family!r}: same owner as the hit {via_mark!r}"
    return TextMatch(round(score * 0.9, 4), (Aspect(AspectKind.FAMILY, round(score * 0.9, 4), (why,)),))
