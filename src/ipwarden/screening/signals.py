"""Signals that need context beyond the listing text: price, seller history, images, stay-down titles.

Each function returns explained :class:`Reason` objects; the Screener adds them up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ipwarden.screening.config import ScreeningConfig
from ipwarden.screening.images import ImageIndex, ImageRef, phash_bytes
from ipwarden.screening.interfaces import ImageStore, ReferencePrices, RemovedListing, SellerHistory
from ipwarden.screening.models import Family, Listing, Reason
from ipwarden.screening.staydown import StayDownIndex

__all__ = ["ClaimedBrand", "image_reasons", "price_reasons", "seller_reasons", "stay_down_reasons"]

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
    authorisation check (image position, ref, distance). Unreadable images raise ListingError."""
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
        for distance, ref in index.matches(value, max_distance):
            if ref.kind in seen_kinds:
                continue
            seen_kinds.add(ref.kind)
            if ref.kind == "protected":
                protected.append((position, ref, distance))
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


def stay_down_reasons(
    listing: Listing, index: StayDownIndex, removed: dict[str, RemovedListing], config: ScreeningConfig
) -> list[Reason]:
    if not len(index) or not listing.title:
        return []
    matches = index.match_title(listing.title)
    if not matches:
        return []
    best = matches[0]
    source = removed.get(best.listing_id)
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
