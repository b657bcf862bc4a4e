"""The listing screener: one object, built once, used the same way online, in batch and on Spark.

``Screener.screen(listing)`` returns a :class:`ScreeningResult` with a risk in [0, 1], a decision from the
configured thresholds, and one explained reason per signal. Risk is a noisy-OR of the reasons' weights,
so two independent weak signals add up and no single weak one blocks. Authorised and referential mark
mentions are kept in the reasons with weight 0 so a reviewer sees why they did not count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ipwarden.errors import IpwardenError
from ipwarden.registry.interfaces import RightsStore
from ipwarden.registry.models import Authorisation
from ipwarden.screening.config import ScreeningConfig, category_classes
from ipwarden.screening.cues import CueMatcher, GiMatcher, fold
from ipwarden.screening.errors import ListingError
from ipwarden.screening.images import ImageIndex, ImageRef, phash_bytes
from ipwarden.screening.interfaces import ImageStore, ReferencePrices, RemovedListings, SellerHistory
from ipwarden.screening.lexicon import CueKind, Lexicon, load_lexicon
from ipwarden.screening.marks import MarkReasons, authorisation_for, authorisation_reason
from ipwarden.screening.matcher import MarkMatcher
from ipwarden.screening.models import Decision, Family, Listing, Reason, ScreeningResult
from ipwarden.screening.parse import listing_from_dict, listing_id_of
from ipwarden.screening.signals import (
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


def _decide(risk: float, thresholds: tuple[float, float]) -> Decision:
    """``thresholds`` is (block, review), read from the configuration once per screener."""
    if risk >= thresholds[0]:
        return Decision.BLOCK
    if risk >= thresholds[1]:
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
        self._owner_key = {
            ref.id: ref.family or ref.owner or ref.mark for ref in matcher.rights()
        }  # right id -> owner family (authorisations of image matches, one claim per owner)
        self._mark_reasons = MarkReasons(
            matcher, self.config, self._referential, self.rule_version, self._owner_key
        )
        self._classes: dict[str | None, frozenset[int]] = {}  # listing category -> Nice classes
        self._thresholds = (self.config.threshold("block"), self.config.threshold("review"))

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
        today: dt.date | None = listing.date

        def on() -> dt.date:  # today's date is looked up only when a rule needs it
            nonlocal today
            if today is None:
                today = dt.date.today()
            return today

        folded = {name: fold(text) if (text := getattr(listing, name)) else "" for name in _FIELDS}
        classes = self._classes.get(listing.category)
        if classes is None:
            if len(self._classes) > 10_000:
                self._classes.clear()
            classes = self._classes[listing.category] = category_classes(listing.category)
        auths = self._auth.get(listing.seller_id, ()) if listing.seller_id else ()
        brands, reasons = self._mark_reasons.reasons(listing, folded, classes, auths, on)
        reasons.extend(self._cues(folded))
        reasons.extend(self._gi(listing, folded))
        if brands:
            reasons.extend(price_reasons(listing, brands, self.context.prices, self.config))
        if listing.images:
            image_found, protected = image_reasons(listing, self.context.images, self._images, self.config)
            reasons.extend(image_found)
            for position, ref, distance in protected:
                right_id = ref.right_id
                auth = self._authorised_for(listing, right_id, self._owner_key.get(right_id or ""), on())
                if auth is not None:
                    where = f"images[{position}]"
                    reasons.append(
                        authorisation_reason(self.config, auth, right_id, ref.owner, where=where, span=None)
                    )
                else:
                    reasons.append(protected_image_reason(listing, position, ref, distance, self.config))
        reasons.extend(stay_down_reasons(listing, self._stay_down, self._removed, self.config))
        if listing.seller_id and self.context.sellers is not None:
            reasons.extend(seller_reasons(listing, self.context.sellers, on(), self.config))
        if listing.reviews:
            reasons.extend(self._reviews(listing))
        risk = _risk(reasons)
        decision = _decide(risk, self._thresholds)
        return ScreeningResult(listing.id, risk, decision, tuple(reasons), tuple(notes))

    def screen_many(self, raws: Iterable[Mapping[str, Any]]) -> list[ScreeningResult]:
        return [self.screen_raw(raw) for raw in raws]

    # -- authorisations -----------------------------------------------------------------------------
    def _authorised_for(
        self, listing: Listing, right_id: str | None, family: str | None, on: dt.date
    ) -> Authorisation | None:
        if not listing.seller_id:
            return None
        return authorisation_for(self._auth.get(listing.seller_id, ()), listing, right_id, family, on)

    # -- lexicon signals -----------------------------------------------------------------------------
    def _cues(self, folded: Mapping[str, str]) -> list[Reason]:
        out: dict[str, Reason] = {}
        for name in _FIELDS:
            if not folded[name]:
                continue
            for hit in self._counterfeit.find(folded[name]):
                key = hit.cue.term
                if hit.guard is not None:
                    if key not in out:
                        out[key] = Reason(
                            "cue.guarded",
                            Family.COUNTERFEIT_CUE,
                            0.0,
                            f"{self.rule_version}/cue.guarded",
                            f"{hit.text!r} ({hit.cue.language}) is in an innocent context: {hit.guard!r}",
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
        goods_cache: list[frozenset[str]] = []

        def goods() -> frozenset[str]:  # worked out only if a GI name occurs (rare), then once
            if not goods_cache:
                goods_cache.append(
                    frozenset(normalise(" ".join(filter(None, [listing.category, listing.title]))).split())
                    if listing.category
                    else frozenset()
                )
            return goods_cache[0]

        out: dict[str, Reason] = {}
        for name in ("title", "description", "brand"):
            if not folded[name]:
                continue
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
                        f"buyer review {position + 1} says the goods are not genuine "
                        f"({hit.text!r}, {hit.cue.language})",
                        field=f"reviews[{position}]",
                        span=hit.span,
                        evidence=hit.text,
                    )
                )
                break
        return out
