"""Signals that need context beyond the listing text: price, seller history, images, stay-down titles.

Each function returns explained :class:`Reason` objects; the Screener adds them up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rapidfuzz.distance import OSA

from ipwarden.screening.config import ScreeningConfig
from ipwarden.screening.images import ImageIndex, ImageRef, phash_bytes
from ipwarden.screening.interfaces import ImageStore, ReferencePrices, RemovedListing, SellerHistory
from ipwarden.screening.models import Family, Listing, Reason
from ipwarden.screening.staydown import StayDownIndex, words

__all__ = [
    "ClaimedBrand",
    "image_reasons",
    "price_reasons",
    "repeats_removed_words",
    "seller_reasons",
    "stay_down_reasons",
]

ClaimedBrand = tuple[str, str | None, str | None, str]  # (brand key, right id, owner, mark as written)


def _rule(config: ScreeningConfig, signal: str) -> str:
    return f"{config.version}/{signal}"


def price_reasons(
    listing: Listing,
    brands: Sequence[ClaimedBrand],
    prices: ReferencePrices | None,
    config: ScreeningConfig,
) -> list[Reason]:
    """A price far below the brand's reference, else far below the category's robust median."""
    if prices is None or listing.price is None or not brands:
        return []
    price = listing.price
    for key, right_id, owner, written in brands:
        ref = prices.reference(key, listing.category, listing.market)
        if ref is None or (ref.currency and listing.currency and ref.currency != listing.currency):
            continue
        ratio = config.get("price", "below_reference_ratio")
        if ref.price > 0 and price < ratio * ref.price:
            signal = "price.below_reference"
            return [
                Reason(
                    signal,
                    Family.PRICE,
                    config.weight(signal),
                    _rule(config, signal),
                    f"price {price:g} {listing.currency or ''} is {price / ref.price:.0%} of the {written!r} "
                    f"reference {ref.price:g} ({ref.basis}); threshold {ratio:.0%}",
                    right_id=right_id,
                    owner=owner,
                    field="price",
                    evidence=f"{price:g}",
                )
            ]
        return []  # a reference exists and the price is plausible: the category median is not consulted
    if not listing.category:
        return []
    stats = prices.category_stats(listing.category, listing.market)
    if stats is None or (stats.currency and listing.currency and stats.currency != listing.currency):
        return []
    scale = 1.4826 * stats.mad
    z = (price - stats.median) / scale if scale > 0 else float("-inf") if price < stats.median else 0.0
    ratio = config.get("price", "below_median_ratio")
    if price < ratio * stats.median and z < config.get("price", "robust_z"):
        signal = "price.below_category"
        key, right_id, owner, written = brands[0]
        return [
            Reason(
                signal,
                Family.PRICE,
                config.weight(signal),
                _rule(config, signal),
                f"price {price:g} for a {written!r} listing is {price / stats.median:.0%} of the "
                f"{listing.category!r} median {stats.median:g} in {listing.market or 'all markets'} "
                f"(robust z {z:.1f}, n={stats.count})",
                right_id=right_id,
                owner=owner,
                field="price",
                evidence=f"{price:g}",
            )
        ]
    return []


def seller_reasons(
    listing: Listing, sellers: SellerHistory | None, on: dt.date, config: ScreeningConfig
) -> list[Reason]:
    if sellers is None or not listing.seller_id:
        return []
    record = sellers.get(listing.seller_id)
    if record is None:
        return []
    out: list[Reason] = []
    if record.removed:
        signal = "seller.removed"
        out.append(
            Reason(
                signal,
                Family.SELLER,
                config.weight(signal),
                _rule(config, signal),
                f"seller {record.seller_id} was removed earlier for infringement",
                field="seller_id",
                evidence=record.seller_id,
            )
        )
    if record.strikes > 0:
        signal = "seller.strikes"
        weight = min(record.strikes * config.weight(signal), config.get("seller", "max_strikes_weight"))
        out.append(
            Reason(
                signal,
                Family.SELLER,
                weight,
                _rule(config, signal),
                f"seller has {record.strikes} upheld infringement strike(s)",
                field="seller_id",
                evidence=str(record.strikes),
            )
        )
    if record.created is not None:
        age = (on - record.created).days
        if 0 <= age < config.get("seller", "new_account_days"):
            signal = "seller.new_account"
            out.append(
                Reason(
                    signal,
                    Family.SELLER,
                    config.weight(signal),
                    _rule(config, signal),
                    f"seller account is {age} day(s) old",
                    field="seller_id",
                    evidence=record.created.isoformat(),
                )
            )
    shared = sellers.removed_sharing(record.seller_id, record.identifiers)
    if shared:
        signal = "seller.shared_identifier"
        out.append(
            Reason(
                signal,
                Family.SELLER,
                config.weight(signal),
                _rule(config, signal),
                f"seller shares identifiers with removed seller(s) {', '.join(shared[:5])}",
                field="seller_id",
                evidence=";".join(shared[:5]),
            )
        )
    return out


def image_reasons(
    listing: Listing,
    store: ImageStore | None,
    index: ImageIndex,
    config: ScreeningConfig,
) -> tuple[list[Reason], list[tuple[int, ImageRef, int]]]:
    """Reasons for images close to protected or removed images, and the protected matches for the
    authorisation check (image position, ref, distance). A picture nearer to a protected picture than to
    a removed listing's is the owner's picture, not a re-listing. Unreadable images raise ListingError."""
    if not listing.images:
        return [], []
    if store is None:
        return [], []
    limit = int(config.get("images", "max_images"))
    max_distance = int(config.get("images", "max_distance"))
    out: list[Reason] = []
    protected: list[tuple[int, ImageRef, int]] = []
    for position, path in enumerate(listing.images[:limit]):
        value = phash_bytes(store.read(path), f"images[{position}] {path!r}")
        if not len(index):
            continue
        seen_kinds: set[str] = set()
        found = index.matches(value, max_distance)
        # The rights holder's own picture (a protected one at least as near as the removed listing's) is
        # not the removed seller's fingerprint: authorised sellers use it too, and image.protected covers it.
        owners = min((d for d, r in found if r.kind == "protected"), default=max_distance + 1)
        for distance, ref in found:
            if ref.kind in seen_kinds:
                continue
            seen_kinds.add(ref.kind)
            if ref.kind == "protected":
                protected.append((position, ref, distance))
                continue
            if owners <= distance:
                continue
            signal = "stay_down.image"
            out.append(
                Reason(
                    signal,
                    Family.STAY_DOWN,
                    config.weight(signal),
                    _rule(config, signal),
                    f"images[{position}] matches an image of removed listing {ref.id} "
                    f"(pHash distance {distance}/64)",
                    right_id=ref.right_id,
                    owner=ref.owner,
                    field=f"images[{position}]",
                    evidence=f"{path} ~ {ref.path or ref.id} d={distance}",
                )
            )
    return out, protected


def protected_image_reason(
    listing: Listing, position: int, ref: ImageRef, distance: int, config: ScreeningConfig
) -> Reason:
    signal = "image.protected"
    return Reason(
        signal,
        Family.IMAGE,
        config.weight(signal),
        _rule(config, signal),
        f"images[{position}] matches protected image {ref.label or ref.id} "
        f"of {ref.owner or 'a rights holder'} "
        f"(pHash distance {distance}/64)",
        right_id=ref.right_id,
        owner=ref.owner,
        field=f"images[{position}]",
        evidence=f"{listing.images[position]} ~ {ref.path or ref.id} d={distance}",
    )


def repeats_removed_words(title: str, removed_title: str) -> bool:
    """Whether ``title`` repeats every word of ``removed_title`` (any order, extra words allowed).

    A word may carry a small spelling edit (one letter or swap in words of 4-7 letters, two from 8), as
    re-listers disguise a word or two; words with digits (sizes, model codes) must be exact. A genuine
    listing of the same product shares the product's name but not the rest of the removed seller's
    wording, so it lacks some of these words even when its characters are a near-duplicate.
    """
    mine = words(title)
    for word in words(removed_title) - mine:
        limit = 0 if len(word) < 4 or any(c.isdigit() for c in word) else 1 if len(word) < 8 else 2
        if not limit or not any(OSA.distance(word, other, score_cutoff=limit) <= limit for other in mine):
            return False
    return True


def stay_down_reasons(
    listing: Listing, index: StayDownIndex, removed: dict[str, RemovedListing], config: ScreeningConfig
) -> list[Reason]:
    """A title that matches a removed listing's: by the same seller, or repeating all of its words.

    The index finds near-duplicates by character shingles or word containment; a match then counts when
    the seller is the removed listing's seller or the listing repeats every word of the removed title
    (:func:`repeats_removed_words`). Titles that are little more than the product's name ("Samsung Galaxy
    Z Flip6 smartphone neu") are otherwise matched by every genuine listing of that product.
    """
    if not len(index) or not listing.title:
        return []
    best = source = None
    for match in index.match_title(listing.title):
        found = removed.get(match.listing_id)
        same_seller = found is not None and bool(listing.seller_id) and found.seller_id == listing.seller_id
        if found is None or same_seller or repeats_removed_words(listing.title, found.title):
            best, source = match, found
            break
    if best is None:
        return []
    signal = "stay_down.title"
    return [
        Reason(
            signal,
            Family.STAY_DOWN,
            config.weight(signal),
            _rule(config, signal),
            f"title matches removed listing {best.listing_id} (shingle Jaccard {best.jaccard:.2f}, "
            f"{best.containment:.0%} of its words)"
            + (f", removed {source.removed_on.isoformat()}" if source and source.removed_on else ""),
            right_id=source.right_id if source else None,
            owner=source.owner if source else None,
            field="title",
            evidence=source.title if source else best.listing_id,
        )
    ]
