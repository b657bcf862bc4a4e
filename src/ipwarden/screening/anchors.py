"""Anchors of a cue's regex, found by parsing it: literals a text must contain for the regex to match.

A cue's regex is run only when its anchors occur in the text (one Aho-Corasick pass over the anchors of
every cue), and a cue that needs a CJK, kana or Hangul character is not run on text of ASCII only. Both
are necessary conditions of a match, so the hits are those of running every regex on every text.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["anchors_of", "needs_wide"]

_WIDE = 0x2E80  # CJK, kana, Hangul and later: no case mapping reaches ASCII, so IGNORECASE cannot either


def _parse(pattern: str) -> Any:
    parser: Any = importlib.import_module("re._parser")  # the stdlib's own regex parser
    return parser.parse(pattern.casefold())


def _options(items: Any) -> list[set[str]]:
    """Sets of literals, each of which every match of the parsed regex ``items`` contains one of.

    A run of literals and small classes of single characters is one set of strings (qualit[ée] ->
    qualité, qualite), so that an anchor is not cut short at the class ("qualit" would be in "quality")."""
    options: list[set[str]] = []
    current = {""}
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            current = {c + chr(arg) for c in current}
            continue
        small = name == "IN" and len(arg) <= 4 and all(str(o) == "LITERAL" for o, _ in arg)
        if small and len(current) * len(arg) <= 16:
            current = {c + chr(x) for c in current for _, x in arg}  # [sa], (?:a|а)
            continue
        if current != {""}:
            options.append(current)
        current = {""}
        found: set[str] | None = None
        if small:
            found = {chr(c) for _, c in arg}
        elif name == "SUBPATTERN":
            found = _required(arg[-1])
        elif name == "BRANCH":
            alternatives = [_required(alt) for alt in arg[1]]
            if alternatives and all(alternatives):
                found = set().union(*(a for a in alternatives if a))
        elif name in ("MAX_REPEAT", "MIN_REPEAT") and arg[0] >= 1:
            found = _required(arg[2])
            if found and arg[0] >= 2 and arg[2].getwidth() == (1, 1) and len(found) <= 4:
                # one character repeated (a|а){3,5}: two of them in a row is a far rarer anchor than one
                found = {x + y for x in found for y in found}
        if found:
            options.append(found)
    if current != {""}:
        options.append(current)
    return options


def _strength(option: set[str]) -> tuple[int, int]:
    return min(len(x) for x in option), -len(option)


def _required(items: Any) -> set[str] | None:
    """Literals of which every match of the parsed regex ``items`` contains at least one (None if unknown)."""
    options = _options(items)
    return max(options, key=_strength) if options else None


def anchors_of(pattern: str) -> list[set[str]] | None:
    """Anchor sets of ``pattern``, strongest first: the regex can only match text containing one literal
    of each set (found by parsing it). Sets of literals shorter than 4 characters are left out, except
    the strongest: "same|identical ... original" needs both words, and "as" would be found everywhere."""
    try:
        options = _options(_parse(pattern))
    except Exception:  # an odd but valid pattern: just always run it
        return None
    if not options:
        return None
    ranked = sorted(options, key=_strength, reverse=True)
    kept = [ranked[0], *(o for o in ranked[1:] if _strength(o)[0] >= 4)]
    return [{a.casefold() for a in option} for option in kept]


def _wide(items: Any) -> bool:
    """Whether every match of the parsed regex ``items`` contains a character at or above U+2E80."""
    for op, arg in items:
        name = str(op)
        if name == "LITERAL" and arg >= _WIDE:
            return True
        if (
            name == "IN"
            and arg
            and all(
                (str(o) == "LITERAL" and a >= _WIDE) or (str(o) == "RANGE" and a[0] >= _WIDE) for o, a in arg
            )
        ):
            return True
        if name == "SUBPATTERN" and _wide(arg[-1]):
            return True
        if name == "ASSERT" and _wide(arg[1]):  # (?<=[가-힣])st: the looked-at text is there too
            return True
        if name == "BRANCH" and arg[1] and all(_wide(alt) for alt in arg[1]):
            return True
        if name in ("MAX_REPEAT", "MIN_REPEAT") and arg[0] >= 1 and _wide(arg[2]):
            return True
    return False


def needs_wide(pattern: str) -> bool:
    """Whether ``pattern`` can only match text with a CJK, kana or Hangul character (False if unsure)."""
    try:
        return _wide(_parse(pattern))
    except Exception:  # an odd but valid pattern: assume it may match anything
        return False
