"""Mark reasons: the matcher's hits in one listing, explained for a reviewer, one claim per owner.

Everything about a hit that does not depend on where it sits in the listing (which of the mark's rights
to show for the listing's market and category, whether the goods are related, the right's description)
is worked out once per (mark, market, category) and cached, so a listing pays per hit only for what is
its own: the words as written, the span, authorisation and referential use.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence

from ipwarden.registry.models import Authorisation, Right, RightKind
from ipwarden.screening.config import ScreeningConfig
from ipwarden.screening.cues import CueHit, CueMatcher
from ipwarden.screening.matcher import MarkHit, MarkMatcher, RightRef
from ipwarden.screening.models import Family, Listing, Reason
from ipwarden.screening.signals import ClaimedBrand

__all__ = ["MarkReasons", "authorisation_for", "authorisation_reason"]

_FIELDS = ("brand", "title", "description")
_POSTPOSITION = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_CACHE_LIMIT = 200_000

# (chosen right, goods related to its classes, detail text after "of the mark ")
_Choice = tuple[RightRef, bool, str]
# a mark mention whose reason is written only if it is kept: (hit, right, detail tail, field, weight)
_Pending = tuple[MarkHit, RightRef, str, str, float]


def authorisation_for(
    auths: Sequence[Authorisation], listing: Listing, right_id: str | None, family: str | None, on: dt.date
) -> Authorisation | None:
    """The first of the seller's authorisations covering this right in the listing's market on ``on``."""
    for auth in auths:
        probe = Right(id=right_id or "", kind=RightKind.TRADEMARK, office="", owner_family=family)
        if auth.covers(right=probe, market=listing.market, on=on):
            return auth
    return None


def authorisation_reason(
    config: ScreeningConfig,
    auth: Authorisation,
    right_id: str | None,
    owner: str | None,
    *,
    where: str,
    span: tuple[int, int] | None,
) -> Reason:
    return Reason(
        "authorisation.covered",
        Family.AUTHORISATION,
        0.0,
        f"{config.version}/authorisation.covered",
        f"seller {auth.seller_id} is {auth.kind.value} under authorisation {auth.id}"
        + (f" for {', '.join(auth.territories)}" if auth.territories else " worldwide")
        + ": no infringement signal for this right",
        right_id=right_id,
        owner=owner,
        field=where,
        span=span,
        evidence=auth.id,
    )


class MarkReasons:
    """Explains mark hits; built once per screener (its caches are per process, bounded)."""

    def __init__(
        self,
        matcher: MarkMatcher,
        config: ScreeningConfig,
        referential: CueMatcher,
        rule_version: str,
        owner_key: Mapping[str, str],
    ) -> None:
        self.matcher = matcher
        self.config = config
        self._referential = referential
        self._rule_version = rule_version
        self._owner_key = owner_key
        self._window = int(config.get("mark", "referential_window_tokens"))
        self._limit = int(config.get("mark", "max_reasons"))
        self._unrelated = config.get("mark", "unrelated_goods_factor")
        self._bonus = config.get("mark", "brand_field_bonus")
        self._rules: dict[str, tuple[str, float]] = {}  # signal -> (rule, weight)
        self._choices: dict[tuple[int, str | None, frozenset[int]], _Choice] = {}
        self._weights: dict[tuple[str, bool, str], float] = {}  # (how, relevant, field) -> weight

    def __reduce__(
        self,
    ) -> tuple[type[MarkReasons], tuple[MarkMatcher, ScreeningConfig, CueMatcher, str, Mapping[str, str]]]:
        # rebuilt with empty caches when unpickled: a compiled class has no __dict__ to copy
        return (
            MarkReasons,
            (self.matcher, self.config, self._referential, self._rule_version, self._owner_key),
        )

    # -- per mark, cached ----------------------------------------------------------------------------
    def _choice(self, hit: MarkHit, market: str | None, classes: frozenset[int]) -> _Choice:
        key = (hit.group, market, classes)
        found = self._choices.get(key) if hit.group >= 0 else None
        if found is not None:
            return found
        right = _pick(hit.rights, market, classes)
        relevant = not classes or not right.classes or bool(classes & set(right.classes))
        others = len(hit.rights) - 1
        tail = (
            f"{right.mark!r} ({right.owner or 'owner unknown'}, "
            f"{right.office}, classes {', '.join(map(str, right.classes)) or '-'})"
            + (f" and {others} other right(s) with this mark" if others > 0 else "")
            + ("" if relevant else "; goods look unrelated to the right's classes")
        )
        found = (right, relevant, tail)
        if hit.group >= 0:
            if len(self._choices) >= _CACHE_LIMIT:
                self._choices.clear()
            self._choices[key] = found
        return found

    def _rule(self, signal: str) -> tuple[str, float]:
        found = self._rules.get(signal)
        if found is None:
            found = self._rules[signal] = (f"{self.config.version}/{signal}", self.config.weight(signal))
        return found

    # -- per listing ---------------------------------------------------------------------------------
    def reasons(
        self,
        listing: Listing,
        folded: Mapping[str, str],
        classes: frozenset[int],
        auths: Sequence[Authorisation],
        today: Callable[[], dt.date],
    ) -> tuple[list[ClaimedBrand], list[Reason]]:
        """The strongest mark reason per owner (at most ``mark.max_reasons``) and the brands claimed."""
        # per owner: the strongest reason so far, as (weight, reason) or, for a plain mark mention,
        # (weight, what to build it from): the reason text is written only for the mentions kept
        best: dict[str, tuple[float, Reason | _Pending]] = {}
        brands: list[ClaimedBrand] = []
        claimed: set[str] = set()
        owner_key, choices, weights = self._owner_key, self._choices, self._weights
        market = listing.market
        for name in _FIELDS:
            text = getattr(listing, name) or ""
            if not text:
                continue
            referential: list[CueHit] | None = None
            for hit in self.matcher.find(text, brand_field=name == "brand", classes=classes):
                right, relevant, tail = choices.get((hit.group, market, classes)) or self._choice(
                    hit, market, classes
                )
                if hit.common and not (name == "brand" or hit.brand_context or (classes and relevant)):
                    continue
                reason: Reason | None = None
                if auths:
                    on = listing.date or today()
                    for ref in hit.rights:
                        auth = authorisation_for(auths, listing, ref.id, ref.family, on)
                        if auth is not None:
                            reason = authorisation_reason(
                                self.config, auth, ref.id, ref.owner, where=name, span=hit.span
                            )
                            break
                if reason is None:
                    fold = folded[name]
                    if len(fold) == len(text):
                        if referential is None:
                            referential = self._referential.find(fold)
                        cue = self._referential_cue(referential, text, hit.span) if referential else None
                        if cue is not None:
                            reason = self._referential_reason(hit, right, name, cue)
                    if reason is None:
                        weight = weights.get((hit.how, relevant, name)) or self._mark_weight(
                            hit.how, relevant, name
                        )
                        brand = right.family or hit.mark
                        if brand not in claimed:
                            claimed.add(brand)
                            brands.append((brand, right.id, right.owner, hit.text))
                        # one owner's several marks (CASIO, G-SHOCK, 卡西欧) are one claim
                        key = owner_key.get(right.id, hit.mark)
                        if key not in best or weight > best[key][0]:
                            best[key] = (weight, (hit, right, tail, name, weight))
                        continue
                key = owner_key.get(reason.right_id or "", hit.mark)
                if key not in best or reason.weight > best[key][0]:
                    best[key] = (reason.weight, reason)
        kept = [
            found if isinstance(found, Reason) else self._mark_reason(*found) for _, found in best.values()
        ]
        ordered = sorted(kept, key=lambda r: (-r.weight, r.signal, r.evidence or ""))
        return brands, ordered[: self._limit]

    def _mark_weight(self, how: str, relevant: bool, name: str) -> float:
        """The weight of a plain mark mention (``_mark_reason``'s), cached per kind, relevance and field."""
        key = (how, relevant, name)
        found = self._weights.get(key)
        if found is None:
            weight = self._rule(f"mark.{how}")[1]
            if not relevant:
                weight *= self._unrelated
            if name == "brand":
                weight = min(1.0, weight + self._bonus)
            found = self._weights[key] = weight
        return found

    def _mark_reason(self, hit: MarkHit, right: RightRef, tail: str, name: str, weight: float) -> Reason:
        signal = f"mark.{hit.how}"
        rule = self._rule(signal)[0]
        return Reason(
            signal,
            Family.MARK,
            weight,
            rule,
            f"{hit.how} mention {hit.text!r} of the mark {tail}",
            right_id=right.id,
            owner=right.owner,
            field=name,
            span=hit.span,
            evidence=hit.text,
        )

    def _referential_reason(self, hit: MarkHit, right: RightRef, name: str, cue: str) -> Reason:
        return Reason(
            "referential.use",
            Family.REFERENTIAL,
            0.0,
            f"{self._rule_version}/referential.use",
            f"{hit.text!r} follows {cue!r}: describes compatibility, not the product's origin",
            right_id=right.id,
            owner=right.owner,
            field=name,
            span=hit.span,
            evidence=hit.text,
        )

    def _referential_cue(self, hits: list[CueHit], text: str, span: tuple[int, int]) -> str | None:
        window = self._window
        for hit in hits:
            if hit.guard is not None:
                continue
            if hit.span[0] >= span[1] and _POSTPOSITION.search(hit.text):
                # Japanese/Korean put the word after the name: "Galaxy S24 対応 ケース", "갤럭시 호환 케이스"
                if len(text[span[1] : hit.span[0]].split()) <= window:
                    return hit.text
                continue
            if hit.span[1] > span[0]:
                continue
            gap = text[hit.span[1] : span[0]]
            cjk_gap = all(not c.isascii() for c in gap.strip())
            if len(gap.split()) <= window and (len(gap) <= 40 or (cjk_gap and len(gap.strip()) <= 6)):
                return hit.text
        return None


def _pick(rights: Sequence[RightRef], market: str | None, classes: frozenset[int]) -> RightRef:
    """The right to show: one in the listing's classes first, then the market's office, then EM/WO."""

    def rank(ref: RightRef) -> tuple[int, int, str]:
        office = 0 if market and ref.office == market else 1 if ref.office in ("EM", "WO") else 2
        relevant = 0 if classes and classes & set(ref.classes) else 1
        return (relevant, office, ref.id)

    return min(rights, key=rank)
