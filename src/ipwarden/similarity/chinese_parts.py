"""The parts of Chinese marks that containment weighs: a prefix of age or size, a place name, the name that
opens a mark, the mark less its first character, and dictionary words that a shorter mark's characters
would cut across (``word_aspects.containment`` decides which applies)."""

from __future__ import annotations

from collections.abc import Callable

from ipwarden.similarity.aspect_types import quoted as _q
from ipwarden.similarity.forms import MarkForms
from ipwarden.similarity.normalize import normalise
from ipwarden.similarity.resources import glosses, lexicon

__all__ = [
    "LESS_FIRST",
    "NAME_OPENING",
    "PLACED",
    "PREFIXED",
    "less_first",
    "name_opening",
    "placed",
    "prefixed",
    "word_across",
]

NAME_OPENING = 0.85  # 百度 ~ 百度地图: as a coined Latin query opening the earlier mark
PLACED = 0.85  # 同仁堂 ~ 北京同仁堂, 茅台 ~ 贵州茅台: the same mark but for a place name before it


def name_opening(q: MarkForms, c: MarkForms) -> bool:
    """The Chinese query opens a longer earlier mark and is a name, no dictionary word or one CC-CEDICT
    glosses only by its own reading (百度 'Baidu' in 百度地图, 娃哈哈 in 娃哈哈AD钙奶): as a coined Latin
    query opening the earlier mark (``word_aspects._coined_leading``); an ordinary word (熊猫 'panda') is a
    part."""
    if not q.cjk or q.core_compact != q.cjk or len(q.cjk) < 2:
        return False
    if not c.core_compact.startswith(q.cjk) or len(c.core_compact) <= len(q.cjk) or word_across(c.cjk, q.cjk):
        return False
    senses = glosses(q.cjk)
    return not senses or any(normalise(s).replace(" ", "") == q.pinyin_compact for s in senses)


LESS_FIRST = 0.8  # 聚德 ~ 全聚德, 星尔克 ~ 鸿星尔克: above other parts of a longer Chinese mark (0.75)


def less_first(q: MarkForms, c: MarkForms) -> bool:
    """The Chinese query is all of a Chinese earlier mark of three characters or more but its first (星尔克
    for 鸿星尔克, 迪达斯 for 阿迪达斯): the most of the mark a shorter name can keep, and the way imitations
    shorten a famous name, where other parts of a longer mark (百事 in 百事可乐) say less."""
    same_script = q.core_compact == q.cjk and c.core_compact == c.cjk
    # 大福 'great blessing' is a word of its own, not 周大福 shortened
    return same_script and len(c.cjk) >= 3 and q.cjk == c.cjk[1:] and not glosses(q.cjk)


PREFIXED = 0.85  # 凤祥 ~ 老凤祥, 小白兔 ~ 大白兔: the same mark but for a prefix of age, size or novelty


def _weak_opening(q: MarkForms, c: MarkForms, opening: Callable[[str], str]) -> tuple[str, str, str] | None:
    """Two Chinese marks that are one but for a weak element opening the earlier mark (``opening`` gives it,
    "" if none), which the query lacks or has another of: (the earlier mark's, the query's or "", the rest,
    two characters at least); None if not so."""
    if not q.cjk or not c.cjk or q.core_compact != q.cjk or c.core_compact != c.cjk:
        return None
    theirs = opening(c.cjk)
    rest = c.cjk[len(theirs) :]
    if not theirs or len(rest) < 2:
        return None
    if q.cjk == rest:
        return theirs, "", rest
    ours = opening(q.cjk)
    if ours and ours != theirs and q.cjk[len(ours) :] == rest:
        return theirs, ours, rest
    return None


def prefixed(q: MarkForms, c: MarkForms) -> str:
    """Why two Chinese marks are one but for a prefix of age, size, novelty or genuineness (lexicon.yaml,
    ``chinese_prefixes``) that the earlier mark has and the query lacks (凤祥 ~ 老凤祥) or has another of
    (小白兔 ~ 大白兔): the rest, two characters at least, is the dominant element; "" if not so."""
    prefixes = lexicon().chinese_prefixes
    found = _weak_opening(q, c, lambda text: text[0] if text[0] in prefixes else "")
    if found is None:
        return ""
    theirs, ours, rest = found
    named = f"{_q(theirs)} ({_q(prefixes[theirs])})"
    if not ours:
        return (
            f"the earlier mark {_q(c.cjk)} is the query with {named} before it, a prefix of age, size or "
            "novelty that many brand names open with"
        )
    return (
        f"the same element {_q(rest)} as the earlier mark {_q(c.cjk)}, after another prefix of age, size "
        f"or novelty: {_q(ours)} ({_q(prefixes[ours])}) for {named}"
    )


def word_across(text: str, inner: str) -> str:
    """A dictionary word of ``text`` that begins or ends inside ``inner`` where it occurs (白象牙: 象牙
    'ivory' across 白象), so that the query reads as other words; "" when every occurrence stands alone."""
    for start in (i for i in range(len(text) - len(inner) + 1) if text.startswith(inner, i)):
        end = start + len(inner)
        for at in range(len(text) - 1):
            for size in (2, 3, 4):
                stop = at + size
                if stop > len(text) or not (at < start < stop or at < end < stop):
                    continue
                if not (start <= at and stop <= end) and glosses(text[at:stop]):
                    return text[at:stop]
    return ""


def _place_opening(text: str) -> str:
    """The place name ``text`` opens with (lexicon.yaml ``chinese_places``), the longest; "" if none."""
    places = lexicon().chinese_places
    return next((text[:n] for n in (4, 3, 2) if text[:n] in places), "")


def placed(q: MarkForms, c: MarkForms) -> str:
    """Why two Chinese marks are one but for a place name that the earlier mark opens with and the query
    lacks (同仁堂 ~ 北京同仁堂, 茅台 ~ 贵州茅台) or has another of (天津同仁堂 ~ 北京同仁堂): the rest, two
    characters at least, is the dominant element, a place name being no mark on its own (PRC Trademark
    Law, Art. 10(2)); "" if not so."""
    found = _weak_opening(q, c, _place_opening)
    if found is None:
        return ""
    theirs, ours, rest = found
    where = lexicon().chinese_places
    if not ours:
        return (
            f"the earlier mark {_q(c.cjk)} is the query after the place name {_q(theirs)} ({where[theirs]}), "
            "which cannot distinguish goods on its own"
        )
    return (
        f"the same element {_q(rest)} as the earlier mark {_q(c.cjk)}, after another place name: "
        f"{_q(ours)} ({where[ours]}) for {_q(theirs)} ({where[theirs]})"
    )
