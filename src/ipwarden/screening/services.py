"""The listing screener: one object, built once, used the same way online, in batch and on Spark.

``Screener.screen(listing)`` returns a :class:`ScreeningResult` with a risk in [0, 1], a decision from the
configured thresholds, and one explained reason per signal. Risk is a noisy-OR of the reasons' weights,
so two independent weak signals add up and no single weak one blocks. Authorised and referential mark
mentions are kept in the reasons with weight 0 so a reviewer sees why they did not count.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ipwarden.errors import IpwardenError
from ipwarden.registry.interfaces import RightsStore
from ipwarden.registry.models import Authorisation, Right, RightKind
from ipwarden.screening.config import ScreeningConfig, category_classes
from ipwarden.screening.cues import CueHit, CueMatcher, GiMatcher, fold
from ipwarden.screening.errors import ListingError
from ipwarden.screening.images import ImageIndex, ImageRef, phash_bytes
from ipwarden.screening.interfaces import ImageStore, ReferencePrices, RemovedListings, SellerHistory
from ipwarden.screening.lexicon import CueKind, Lexicon, load_lexicon
from ipwarden.screening.matcher import MarkHit, MarkMatcher, RightRef
from ipwarden.screening.models import Decision, Family, Listing, Reason, ScreeningResult
from ipwarden.screening.parse import listing_from_dict, listing_id_of
from ipwarden.screening.signals import (
    ClaimedBrand,
    image_reasons,
    price_reasons,
    protected_image_reason,
    seller_reasons,
    stay_down_reasons,
)
from ipwarden.screening.staydown import StayDownIndex
from ipwarden.similarity.normalize import normalise

__all__ = ["ProtectedImage", "Screener", "ScreeningContext", "error_result"]

_FIELDS = ("brand", "title", "description")
_POSTPOSITION = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True, slots=True)
class ProtectedImage:
    id: str
    path: str
    right_id: str | None = None
    owner: str | None = None
    label: str | None = None


@dataclass
class ScreeningContext:
    """The screener's optional inputs beyond the registry; each is a Protocol with file and memory forms."""

    prices: ReferencePrices | None = None
    sellers: SellerHistory | None = None
    removed: RemovedListings | None = None
    images: ImageStore | None = None
    protected_images: Sequence[ProtectedImage] = field(default_factory=tuple)


def error_result(listing_id: str, err: IpwardenError, line: int | None = None) -> ScreeningResult:
    body: dict[str, Any] = {"code": err.code, "message": err.message}
    if err.hint:
        body["hint"] = err.hint
    if "field" in err.details:
        body["field"] = err.details["field"]
    return ScreeningResult(listing_id, 0.0, Decision.ERROR, error=body, line=line)


def _decide(risk: float, config: ScreeningConfig) -> Decision:
    if risk >= config.threshold("block"):
        return Decision.BLOCK
    if risk >= config.threshold("review"):
        return Decision.REVIEW
    return Decision.ALLOW


def _risk(reasons: Iterable[Reason]) -> float:
    keep = 1.0
    for reason in reasons:
        if reason.weight > 0:
            keep *= 1.0 - min(reason.weight, 1.0)
    return 1.0 - keep


class Screener:
    """Screens listings against the registry's marks, the lexicon and the context sources."""

    def __init__(
        self,
        matcher: MarkMatcher,
        *,
        config: ScreeningConfig | None = None,
        lexicon: Lexicon | None = None,
        authorisations: Sequence[Authorisation] = (),
        context: ScreeningContext | None = None,
    ) -> None:
        self.config = config or ScreeningConfig.load()
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        self.matcher = matcher
        self.context = context or ScreeningContext()
        window = int(self.config.get("cues", "guard_window"))
        self._counterfeit = CueMatcher(self.lexicon.of_kind(CueKind.COUNTERFEIT), window)
        self._referential = CueMatcher(self.lexicon.of_kind(CueKind.REFERENTIAL), window)
        self._feedback = CueMatcher(self.lexicon.of_kind(CueKind.FEEDBACK), window)
        self._gis = GiMatcher(self.lexicon.gis, window, self.lexicon.evocations)
        self._auth: dict[str, list[Authorisation]] = {}
        for auth in authorisations:
            self._auth.setdefault(auth.seller_id, []).append(auth)
        self._removed = {r.id: r for r in (self.context.removed.all() if self.context.removed else ())}
        self._stay_down = StayDownIndex(
            self.config.get("stay_down", "min_jaccard"), self.config.get("stay_down", "min_containment")
        )
        self._stay_down.add_titles((r.id, r.title) for r in self._removed.values())
        self._images = self._image_index()
        self._ref_cache: tuple[str, list[CueHit]] | None = None  # referential hits of the field in hand
        self._owner_key = {
            ref.id: ref.family or ref.owner or ref.mark for ref in matcher.rights()
        }  # right id -> owner family (authorisations of image matches, one claim per owner)

    @classmethod
    def from_store(
        cls,
        store: RightsStore,
        *,
        config: ScreeningConfig | None = None,
        lexicon: Lexicon | None = None,
        context: ScreeningContext | None = None,
    ) -> Screener:
        """Build from a registry: every live word/combined trademark, family aliases, all authorisations."""
        matcher = MarkMatcher.build(store.iter_rights(), store.list_families())
        return cls(
            matcher,
            config=config,
            lexicon=lexicon,
            authorisations=store.list_authorisations(),
            context=context,
        )

    def _image_index(self) -> ImageIndex:
        entries: list[tuple[int, ImageRef]] = []
        store = self.context.images
        if store is None:
            return ImageIndex()
        for item in self.context.protected_images:
            value = phash_bytes(store.read(item.path), f"protected image {item.id}")
            entries.append(
                (value, ImageRef(item.id, "protected", item.right_id, item.owner, item.label, item.path))
            )
        for removed in self._removed.values():
            for path in removed.images:
                try:
                    value = phash_bytes(store.read(path), f"removed listing {removed.id} image {path}")
                except ListingError:
                    continue  # an unreadable image of an old listing must not stop screening
                entries.append(
                    (value, ImageRef(removed.id, "removed", removed.right_id, removed.owner, None, path))
                )
        return ImageIndex(entries)

    @property
    def rule_version(self) -> str:
        return f"{self.config.version}+lex:{self.lexicon.version}"

    # -- entry points --------------------------------------------------------------------------------
    def screen_raw(self, raw: Any, *, where: str = "listing", line: int | None = None) -> ScreeningResult:
        """Validate and screen one raw JSON object; bad input becomes an error result, never an exception."""
        fallback = f"line-{line}" if line is not None else "unknown"
        try:
            listing, notes = listing_from_dict(raw, self.config, where)
            result = self.screen(listing, notes=notes)
        except IpwardenError as err:
            return error_result(listing_id_of(raw, fallback), err, line)
        if line is not None:
            result = ScreeningResult(
                result.id, result.risk, result.decision, result.reasons, result.notes, result.error, line
            )
        return result

    def screen(self, listing: Listing, *, notes: Sequence[str] = ()) -> ScreeningResult:
        """Screen one validated listing. Raises ListingError for an unreadable image."""
        on = listing.date or dt.date.today()
        reasons: list[Reason] = []
        folded = {name: fold(getattr(listing, name) or "") for name in _FIELDS}
        classes = category_classes(listing.category)
        brands, mark_reasons = self._marks(listing, folded, classes, on)
        reasons.extend(mark_reasons)
        reasons.extend(self._cues(folded))
        reasons.extend(self._gi(listing, folded))
        reasons.extend(price_reasons(listing, brands, self.context.prices, self.config))
        image_found, protected = image_reasons(listing, self.context.images, self._images, self.config)
        reasons.extend(image_found)
        for position, ref, distance in protected:
            auth = self._authorised_for(listing, ref.right_id, self._owner_key.get(ref.right_id or ""), on)
            if auth is not None:
                reasons.append(self._auth_reason(auth, ref.right_id, ref.owner, f"images[{position}]", None))
            else:
                reasons.append(protected_image_reason(listing, position, ref, distance, self.config))
        reasons.extend(stay_down_reasons(listing, self._stay_down, self._removed, self.config))
        reasons.extend(seller_reasons(listing, self.context.sellers, on, self.config))
        reasons.extend(self._reviews(listing))
        risk = _risk(reasons)
        return ScreeningResult(listing.id, risk, _decide(risk, self.config), tuple(reasons), tuple(notes))

    def screen_many(self, raws: Iterable[Mapping[str, Any]]) -> list[ScreeningResult]:
        return [self.screen_raw(raw) for raw in raws]

    # -- marks and authorisations --------------------------------------------------------------------
    def _authorised_for(
        self, listing: Listing, right_id: str | None, family: str | None, on: dt.date
    ) -> Authorisation | None:
        if not listing.seller_id:
            return None
        for auth in self._auth.get(listing.seller_id, ()):
            probe = Right(id=right_id or "", kind=RightKind.TRADEMARK, office="", owner_family=family)
            if auth.covers(right=probe, market=listing.market, on=on):
                return auth
        return None

    def _auth_reason(
        self,
        auth: Authorisation,
        right_id: str | None,
        owner: str | None,
        where: str,
        span: tuple[int, int] | None,
    ) -> Reason:
        return Reason(
            "authorisation.covered",
            Family.AUTHORISATION,
            0.0,
            f"{self.config.version}/authorisation.covered",
            f"seller {auth.seller_id} is {auth.kind.value} under authorisation {auth.id}"
            + (f" for {', '.join(auth.territories)}" if auth.territories else " worldwide")
            + ": no infringement signal for this right",
            right_id=right_id,
            owner=owner,
            field=where,
            span=span,
            evidence=auth.id,
        )

    def _pick(self, rights: Sequence[RightRef], market: str | None, classes: frozenset[int]) -> RightRef:
        def rank(ref: RightRef) -> tuple[int, int, str]:
            office = 0 if market and ref.office == market else 1 if ref.office in ("EM", "WO") else 2
            relevant = 0 if classes and classes & set(ref.classes) else 1
            return (relevant, office, ref.id)

        return min(rights, key=rank)

    def _referential_cue(self, folded: str, text: str, span: tuple[int, int]) -> str | None:
        window = int(self.config.get("mark", "referential_window_tokens"))
        cached = self._ref_cache
        if cached is None or cached[0] is not folded:
            cached = self._ref_cache = (folded, self._referential.find(folded))
        for hit in cached[1]:
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

    def _marks(
        self, listing: Listing, folded: Mapping[str, str], classes: frozenset[int], on: dt.date
    ) -> tuple[list[ClaimedBrand], list[Reason]]:
        best: dict[str, Reason] = {}
        brands: list[ClaimedBrand] = []
        for name in _FIELDS:
            text = getattr(listing, name) or ""
            for hit in self.matcher.find(text, brand_field=name == "brand", classes=classes):
                reason, brand = self._mark_reason(
                    listing, hit, field_name=name, text=text, folded=folded[name], classes=classes, on=on
                )
                if reason is None:
                    continue
                # one owner's several marks (CASIO, G-SHOCK, 卡西欧) are one claim, not independent signals
                key = self._owner_key.get(reason.right_id or "", hit.mark)
                if key not in best or reason.weight > best[key].weight:
                    best[key] = reason
                if brand is not None and brand[0] not in {b[0] for b in brands}:
                    brands.append(brand)
        limit = int(self.config.get("mark", "max_reasons"))
        ordered = sorted(best.values(), key=lambda r: (-r.weight, r.signal, r.evidence or ""))
        return brands, ordered[:limit]

    def _mark_reason(
        self,
        listing: Listing,
        hit: MarkHit,
        *,
        field_name: str,
        text: str,
        folded: str,
        classes: frozenset[int],
        on: dt.date,
    ) -> tuple[Reason | None, ClaimedBrand | None]:
        right = self._pick(hit.rights, listing.market, classes)
        relevant = not classes or not right.classes or bool(classes & set(right.classes))
        if hit.common and not (field_name == "brand" or hit.brand_context or (classes and relevant)):
            return None, None
        for ref in hit.rights:
            auth = self._authorised_for(listing, ref.id, ref.family, on)
            if auth is not None:
                return self._auth_reason(auth, ref.id, ref.owner, field_name, hit.span), None
        referential = self._referential_cue(folded, text, hit.span) if len(folded) == len(text) else None
        if referential is not None:
            return (
                Reason(
                    "referential.use",
                    Family.REFERENTIAL,
                    0.0,
                    f"{self.rule_version}/referential.use",
                    f"{hit.text!r} follows {referential!r}: "
                    "describes compatibility, not the product's origin",
                    right_id=right.id,
                    owner=right.owner,
                    field=field_name,
                    span=hit.span,
                    evidence=hit.text,
                ),
                None,
            )
        signal = f"mark.{hit.how}"
        weight = self.config.weight(signal)
        if not relevant:
            weight *= self.config.get("mark", "unrelated_goods_factor")
        if field_name == "brand":
            weight = min(1.0, weight + self.config.get("mark", "brand_field_bonus"))
        others = len(hit.rights) - 1
        detail = (
            f"{hit.how} mention {hit.text!r} of the mark {right.mark!r} ({right.owner or 'owner unknown'}, "
            f"{right.office}, classes {', '.join(map(str, right.classes)) or '-'})"
            + (f" and {others} other right(s) with this mark" if others > 0 else "")
            + ("" if relevant else "; goods look unrelated to the right's classes")
        )
        reason = Reason(
            signal,
            Family.MARK,
            weight,
            f"{self.config.version}/{signal}",
            detail,
            right_id=right.id,
            owner=right.owner,
            field=field_name,
            span=hit.span,
            evidence=hit.text,
        )
        return reason, (right.family or hit.mark, right.id, right.owner, hit.text)

    # -- lexicon signals -----------------------------------------------------------------------------
    def _cues(self, folded: Mapping[str, str]) -> list[Reason]:
        out: dict[str, Reason] = {}
        for name in _FIELDS:
            for hit in self._counterfeit.find(folded[name]):
                key = hit.cue.term
                if hit.guard is not None:
                    if key not in out:
                        out[key] = Reason(
                            "cue.guarded",
                            Family.COUNTERFEIT_CUE,
                            0.0,
                            f"{self.rule_version}/cue.guarded",
                            f"{hit.text!r} ({hit.cue.language}) is in an innocent context "
                            f"(guard {hit.guard!r})",
                            field=name,
                            span=hit.span,
                            evidence=hit.text,
                        )
                    continue
                signal = "cue.counterfeit"
                weight = hit.cue.weight if hit.cue.weight is not None else self.config.weight(signal)
                if key not in out or out[key].weight < weight:
                    out[key] = Reason(
                        signal,
                        Family.COUNTERFEIT_CUE,
                        weight,
                        f"{self.rule_version}/{signal}",
                        f"counterfeit cue {hit.cue.term!r} ({hit.cue.language}) in the {name}",
                        field=name,
                        span=hit.span,
                        evidence=hit.text,
                    )
        return list(out.values())

    def _gi(self, listing: Listing, folded: Mapping[str, str]) -> list[Reason]:
        if not len(self._gis):
            return []
        goods = frozenset(normalise(" ".join(filter(None, [listing.category, listing.title]))).split())
        goods = goods if listing.category else frozenset()
        out: dict[str, Reason] = {}
        for name in ("title", "description", "brand"):
            for hit in self._gis.find(
                folded[name], goods_words=goods, origin=listing.origin, market=listing.market
            ):
                if hit.guard is not None or (hit.from_origin and not hit.evocation) or hit.gi.name in out:
                    continue
                signal = "gi.evocation" if hit.evocation else "gi.name"
                weight = self.config.weight(signal)
                if not hit.protected_in_market:
                    weight *= self.config.get("gi", "outside_protection_factor")
                out[hit.gi.name] = Reason(
                    signal,
                    Family.GI,
                    weight,
                    f"{self.rule_version}/{signal}",
                    f"protected geographical indication {hit.gi.name!r} "
                    f"({hit.gi.product}, origin {hit.gi.origin}; "
                    f"{hit.gi.source})"
                    + (" evoked with style/type/imitation wording" if hit.evocation else "")
                    + ("" if hit.from_origin else "; the listing does not show goods from that origin")
                    + ("" if hit.protected_in_market else f"; not listed as protected in {listing.market}"),
                    owner=f"GI {hit.gi.name} ({hit.gi.origin})",
                    field=name,
                    span=hit.span,
                    evidence=hit.text,
                )
        return list(out.values())

    def _reviews(self, listing: Listing) -> list[Reason]:
        out: list[Reason] = []
        for position, review in enumerate(listing.reviews):
            for hit in self._feedback.find(fold(review)):
                if hit.guard is not None:
                    continue
                signal = "feedback.review"
                out.append(
                    Reason(
                        signal,
                        Family.FEEDBACK,
                        self.config.weight(signal),
                        f"{self.rule_version}/{signal}",
                        f"buyer review says the goods are not genuine ({hit.cue.term!r}, {hit.cue.language})",
                        field=f"reviews[{position}]",
                        span=hit.span,
                        evidence=hit.text,
                    )
                )
                break
        return out
