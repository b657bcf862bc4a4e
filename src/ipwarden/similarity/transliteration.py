"""How well a Chinese name can be the transliteration of a Western mark, by aligning its syllables with the
mark's consonants.

A Chinese name for a Western brand keeps the mark's syllable onsets and turns its clusters and final
consonants into syllables of their own or drops them: CHESTERFIELD is 切斯特菲尔德 qie si te fei er de, the
s of -st- written si, the t of it te, the l of -field er; VALENTINO is 华伦天奴 hua lun tian nu, the va
written hua, the n of -len- the -n of lun. A dictionary lists only the best-known of these names, and
exact keys miss the rest (a dropped consonant, an added syllable), so the two are aligned the way a
transliterator writes one from the other: each syllable's initial against one of the mark's consonants,
a syllable's -n or -ng against a following n or m, filler syllables (si, te, de, er ...) for lone consonants,
and the cheaper losses those names are known for (a consonant that ends a syllable, a vowel-initial
syllable for a vowel).
"""

from __future__ import annotations

from functools import lru_cache

from ipwarden.similarity.chinese import english_spelling, transliteration_key
from ipwarden.similarity.normalize import normalise
from ipwarden.similarity.phonetics import latin_key

__all__ = ["latin_consonants", "transliteration_fit", "written_keys", "written_spellings"]

_VOWELS = frozenset("aeiouy")
# Latin spellings of one consonant sound, longest first, by class: P b/p, F f/ph, V v, W w, T t/d/th,
# K k/c/q/g, S s/z/soft c, J sh/ch/j/soft g, L l/r, M, N, H, Y (consonantal y)
_DIGRAPHS = (
    ("tsch", "J"),
    ("sch", "J"),
    ("tch", "J"),
    ("ch", "J"),
    ("sh", "J"),
    ("ph", "F"),
    ("th", "T"),
    ("ck", "K"),
    ("gn", "N"),
    ("qu", "K"),
    ("dg", "J"),
)
_LETTER = dict(zip("bpfvwtdkgqcszjxlrmnh", "PPFVWTTKKKKSSJSLLMNH", strict=True))
# Pinyin initials by the class of Western consonant they write (j, q, x are "X": ji/qi/xi write a Western
# gi, ki, chi, si or hi, as Mandarin has no ki or si before i)
_INITIAL = {"zh": "J", "ch": "J", "sh": "J", "b": "P", "p": "P", "f": "F", "d": "T", "t": "T", "g": "K"}
_INITIAL |= {"k": "K", "h": "H", "j": "X", "q": "X", "x": "X", "z": "S", "c": "S", "s": "S", "r": "L"}
_INITIAL |= {"l": "L", "m": "M", "n": "N", "w": "W", "y": "Y"}
# cost of writing a Western consonant class (first) with a pinyin initial class (second); 1.0 otherwise
_NEAR = {
    ("V", "F"): 0.1,
    ("V", "W"): 0.1,
    ("V", "H"): 0.3,
    ("V", "P"): 0.5,
    ("W", "H"): 0.2,
    ("W", "F"): 0.3,
    ("W", ""): 0.3,
    ("F", "H"): 0.4,
    ("F", "P"): 0.5,
    ("P", "F"): 0.5,
    ("H", "X"): 0.3,
    ("H", "K"): 0.5,
    ("H", ""): 0.3,
    ("K", "X"): 0.2,
    ("K", "H"): 0.4,
    ("S", "J"): 0.2,
    ("S", "X"): 0.2,
    ("J", "X"): 0.1,
    ("J", "S"): 0.3,
    ("J", "K"): 0.4,
    ("L", "N"): 0.3,
    ("L", ""): 0.2,
    ("N", "L"): 0.3,
    ("Y", ""): 0.2,
    ("Y", "X"): 0.4,
}
# syllables that write a lone Western consonant, with that consonant (the s of -st-, a final t, d, l or m)
_FILLER_CONSONANT = {
    "si": "s",
    "shi": "sh",
    "zi": "z",
    "ci": "ts",
    "chi": "ch",
    "te": "t",
    "de": "d",
    "ke": "k",
    "ge": "g",
}
_FILLER_CONSONANT |= {"bu": "b", "pu": "p", "fu": "f", "le": "l", "lu": "l", "mu": "m", "er": "r"}
_FILLERS = frozenset(_FILLER_CONSONANT) | {"ji", "qi", "xi"}
_DROP_CODA = 0.35  # a consonant that ends a syllable or a word, left out (TIMBERLAND 天木兰: the r, the d)
_DROP_ONSET = 0.9  # a consonant that begins a syllable, left out
_EXTRA_SYLLABLE = 0.6  # a syllable that writes nothing of the mark
_EXTRA_VOWEL = 0.15  # a vowel-initial syllable (a, ai, ao, o, ya, wu ...) that writes a vowel of the mark
_FILLER_FOR_ONSET = 0.2  # a full syllable where the mark has a lone consonant, not a filler


def _letters(word: str) -> str:
    letters = "".join(ch for ch in word if "a" <= ch <= "z")
    if len(letters) > 3 and letters.endswith("e") and letters[-2] not in _VOWELS:
        letters = letters[:-1]  # DOVE, COLGATE: the final e is silent
    return letters


def _units(letters: str) -> list[tuple[str, int]]:
    """The consonant sounds of one word's letters, each with the index of the letter after it."""
    units: list[tuple[str, int]] = []  # class, index of the next letter
    i = 0
    while i < len(letters):
        ch = letters[i]
        if ch in _VOWELS and not (ch == "y" and i == 0 and len(letters) > 1 and letters[1] in _VOWELS):
            i += 1
            continue
        digraph, cls = next(((d, c) for d, c in _DIGRAPHS if letters.startswith(d, i)), ("", ""))
        if digraph:
            i += len(digraph)
        elif ch == "y":
            cls, i = "Y", i + 1
        elif ch == "x":
            units.append(("K", i + 1))
            cls, i = "S", i + 1
        elif ch in "cg" and letters[i + 1 : i + 2] in ("e", "i", "y"):
            cls, i = ("S" if ch == "c" else "J"), i + 1
        elif ch == "h" and units and units[-1][1] == i:
            i += 1  # an h after a consonant is silent
            continue
        elif ch == "w" and i and letters[i - 1] in _VOWELS and letters[i + 1 : i + 2] not in _VOWELS:
            i += 1  # ow, aw, ew: a vowel
            continue
        else:
            cls, i = _LETTER.get(ch, ""), i + 1
        if cls and not (units and units[-1][0] == cls and units[-1][1] == i - 1):
            units.append((cls, i))
        elif cls and units:
            units[-1] = (cls, i)
    return units


@lru_cache(maxsize=65_536)
def latin_consonants(text: str) -> tuple[tuple[str, bool], ...]:
    """The consonant sounds of a Latin mark, each with whether a vowel follows it (an onset) or not (a coda:
    the end of a syllable, a word or a cluster's first consonant); doubled letters and a silent final e
    are one sound and none."""
    out: list[tuple[str, bool]] = []
    for word in normalise(text).split(" "):
        letters = _letters(word)
        units = _units(letters)
        out.extend((cls, letters[nxt : nxt + 1] in _VOWELS and nxt < len(letters)) for cls, nxt in units)
    return tuple(out)


def _initial(syllable: str) -> str:
    head = syllable[:2] if syllable[:2] in ("zh", "ch", "sh") else syllable[:1]
    return _INITIAL.get(head, "")


def _cost(latin: str, chinese: str) -> float:
    return 0.0 if latin == chinese else _NEAR.get((latin, chinese), 1.0)


@lru_cache(maxsize=65_536)
def transliteration_fit(latin_text: str, syllables: tuple[str, ...]) -> float:
    """How well ``syllables`` (pinyin, toneless) write the consonants of ``latin_text``: 1.0 for every
    consonant kept in order with its own initial, lower for each consonant lost or syllable added; 0.0 when
    either side is empty."""
    units = latin_consonants(latin_text)
    if not units or not syllables:
        return 0.0
    n, m = len(units), len(syllables)
    inf = float("inf")
    # best[i][j]: least cost of writing the first i consonants with the first j syllables
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = best[i][j]
            if here == inf:
                continue
            if i < n:  # the consonant is left out
                drop = _DROP_ONSET if units[i][1] else _DROP_CODA
                best[i + 1][j] = min(best[i + 1][j], here + drop)
            if j >= m:
                continue
            syllable = syllables[j]
            initial = _initial(syllable)
            if not initial:  # a vowel-initial syllable: a vowel of the mark, or its r or l (er)
                best[i][j + 1] = min(best[i][j + 1], here + _EXTRA_VOWEL)
                if i < n and syllable == "er" and not units[i][1]:
                    best[i + 1][j + 1] = min(best[i + 1][j + 1], here + _cost(units[i][0], "L"))
                continue
            best[i][j + 1] = min(best[i][j + 1], here + _EXTRA_SYLLABLE)
            if i >= n:
                continue
            cls, onset = units[i]
            cost = _cost(cls, initial)
            if initial in ("W", "Y") and cost >= 1.0:  # wei, yi: a glide, read as a vowel of the mark
                cost = min(cost, _NEAR.get((cls, ""), 1.0) + _EXTRA_VOWEL)
            if not onset and syllable not in _FILLERS:
                cost += _FILLER_FOR_ONSET
            step = here + cost
            best[i + 1][j + 1] = min(best[i + 1][j + 1], step)
            # the syllable's -n or -ng writes a following n or m that ends a syllable (lun for -len-)
            if syllable.endswith(("n", "ng")) and i + 1 < n and units[i + 1][0] in ("N", "M"):
                best[i + 2][j + 1] = min(best[i + 2][j + 1], step + (0.0 if not units[i + 1][1] else 0.3))
    return max(0.0, 1.0 - best[n][m] / max(n, m))


_MAX_SPELLINGS = 64


def _syllable_spellings(syllable: str, first: bool) -> list[str]:
    """How a Western spelling may have had the syllable: as English spells it by ear, its lone consonant
    when it is a filler, without its -n or -ng, hu- as w-, ji/qi as ki."""
    spelled = english_spelling((syllable,))
    out = [spelled]
    if syllable in _FILLER_CONSONANT and not first:
        out += [_FILLER_CONSONANT[syllable], ""]
    if spelled.endswith(("n", "ng")) and len(spelled) > 2:
        out.append(spelled.removesuffix("g").removesuffix("n"))
    if syllable.startswith("hu") and len(syllable) > 2:
        out.append("w" + syllable[2:])
    if syllable[:1] in ("j", "q"):
        out.append("k" + syllable[1:])
    return list(dict.fromkeys(out))


def written_spellings(syllables: tuple[str, ...]) -> tuple[str, ...]:
    """Latin spellings a Chinese name may transliterate, for looking up the marks' consonant keys (德芙 de
    fu: defu, def, de; 凯文克莱: kaiwenkelai, kaiweklai ...), at most 64."""
    if not 1 <= len(syllables) <= 8:
        return ()
    spellings = [""]
    for at, syllable in enumerate(syllables):
        options = _syllable_spellings(syllable, at == 0)
        spellings = [s + o for s in spellings for o in options][: _MAX_SPELLINGS * 4]
    return tuple(dict.fromkeys(spellings))[:_MAX_SPELLINGS]


_CLASSES = "PTKFLSMN"
_MAX_EDITED = 6  # base keys whose one-consonant variants are looked up too
_MIN_KEY = 4  # shorter keys are shared by thousands of marks (VREM, VROUM ... for 沃尔玛 wo er ma: FLM)


def written_keys(syllables: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The transliteration keys (:func:`~ipwarden.similarity.chinese.transliteration_key`) a Latin mark
    written as this Chinese name may have: those of :func:`written_spellings` (four classes at least), and
    those with one more consonant, which the name left out (a coda: TIMBERLAND's r, a final n or t)."""
    base = {transliteration_key(latin_key(s)) for s in written_spellings(syllables)}
    base = {k for k in base if len(k) >= 2}
    edited: set[str] = set()
    for key in sorted(base, key=lambda k: (-len(k), k))[:_MAX_EDITED]:
        for at in range(1, len(key) + 1):
            edited.update(key[:at] + cls + key[at:] for cls in _CLASSES)
    strong = frozenset(k for k in base if len(k) >= _MIN_KEY)
    return strong, frozenset(k for k in edited if len(k) >= _MIN_KEY) - strong


# -- syllable shapes: the onsets with their vowels, for the short names that consonants alone cannot tell --
# A two-syllable name keeps two or three consonants, which thousands of marks share (德芙 de fu: DF, the key
# of DEFU, DIVA, DOVE, TOFU ...); the vowels after them tell DOVE (do-ve) from DIVA. Vowels are compared in
# three classes a Chinese final can write: a; e, i, y; o, u. Consonants in classes a little wider than above
# (v and w with f, sh and soft g with s). A shape reads onsets as class + vowel ("Tu"), a vowel-initial
# syllable as "_" + vowel and a coda as its class alone ("F"); l and r codas are left out, as the names
# drop them (JORDAN 乔丹 qiao dan).
_SHAPE_VOWEL = {"a": "a", "e": "i", "i": "i", "y": "i", "o": "u", "u": "u"}
_SHAPE_VOWEL_PAIRS = {"ai": "i", "ay": "i", "ei": "i", "ey": "i", "ee": "i", "ea": "i", "ie": "i"}
_SHAPE_VOWEL_PAIRS |= {"au": "u", "aw": "u", "ou": "u", "ow": "u", "oo": "u", "eu": "u", "oa": "u", "oe": "u"}
_SHAPE_CONSONANT = {"V": "F", "W": "F", "J": "S"}
_SHAPE_MAX_ONSETS = 3
_SHAPE_MAX_KEYS = 256


def _shape_vowel(letters: str, at: int) -> str:
    return _SHAPE_VOWEL_PAIRS.get(letters[at : at + 2]) or _SHAPE_VOWEL.get(letters[at : at + 1], "")


def _hiatus(letters: str, at: int) -> bool:
    """Two vowels at ``at`` that are two syllables, not one sound written with two letters."""
    pair = letters[at : at + 2]
    return len(pair) == 2 and pair[1] in _VOWELS and pair not in _SHAPE_VOWEL_PAIRS and pair[0] != pair[1]


@lru_cache(maxsize=65_536)
def latin_shapes(text: str) -> frozenset[str]:
    """The syllable shapes of a short Latin mark (three onsets at most): all of its sounds, and its onsets
    with n and m codas only (LAFITE: La Fi T and La Fi, for 拉菲 la fei); two parts at least."""
    full: list[str] = []
    reduced: list[str] = []
    onsets = 0
    for word in normalise(text).split(" "):
        letters = _letters(word)
        if not letters:
            continue
        if letters[0] in _VOWELS and not (letters[0] == "y" and letters[1:2] in _VOWELS):
            full.append("_" + _shape_vowel(letters, 0))
            reduced.append(full[-1])
            onsets += 1
        for cls, nxt in _units(letters):
            shape = _SHAPE_CONSONANT.get(cls, cls)
            if nxt < len(letters) and letters[nxt] in _VOWELS:
                full.append(shape + _shape_vowel(letters, nxt))
                reduced.append(full[-1])
                onsets += 1
                if _hiatus(letters, nxt):  # KIA ki-a, CASIO ca-si-o: the second vowel is a syllable
                    full.append("_" + _shape_vowel(letters, nxt + 1))
                    reduced.append(full[-1])
                    onsets += 1
            elif shape != "L":
                full.append(shape)
                if shape in ("N", "M"):
                    reduced.append(shape)
    if not 1 <= onsets <= _SHAPE_MAX_ONSETS:
        return frozenset()
    out = {"".join(full)} if len(full) >= 2 else set()
    if len(reduced) >= 2 and sum(len(t) == 2 for t in reduced) >= 2:
        out.add("".join(reduced))
    return frozenset(out)


# the vowel classes a pinyin final (without its -n or -ng) can write; e is a schwa, i after z, c, s, zh,
# ch, sh and r a buzz: either can write any vowel
_FINAL_VOWELS = {"a": "a", "ia": "ai", "ua": "a", "ai": "ai", "uai": "ai", "ao": "au", "iao": "au"}
_FINAL_VOWELS |= {"e": "aiu", "ei": "i", "ui": "i", "ie": "i", "ve": "iu", "ue": "iu", "i": "i", "o": "u"}
_FINAL_VOWELS |= {"uo": "u", "ou": "u", "iu": "u", "u": "u", "v": "iu", "io": "u", "iou": "u", "uei": "i"}
_SHAPE_INITIAL = {"J": ("S",), "X": ("K", "S"), "W": ("F", "_"), "Y": ("Y", "_"), "": ("_",)}
_BUZZ = frozenset({"z", "c", "s", "zh", "ch", "sh", "r"})
_INITIALS = frozenset("bpmfdtnlgkhjqxrzcsyw")


def _syllable_options(syllable: str, first: bool) -> list[tuple[str, ...]]:
    """The shape parts one syllable may write: an onset with its vowel (and an n coda for -n, -ng), or,
    after the first, a filler syllable's lone consonant (or nothing, for le, lu, er)."""
    head = syllable[:2] if syllable[:2] in ("zh", "ch", "sh") else syllable[:1]
    head = head if head[:1] in _INITIALS else ""
    final = syllable[len(head) :]
    nasal = final.endswith(("n", "ng")) and final not in ("n", "ng")
    nucleus = final.removesuffix("g").removesuffix("n") if nasal else final
    vowels = "aiu" if (nucleus == "i" and head in _BUZZ) else _FINAL_VOWELS.get(nucleus, "aiu")
    initial = _INITIAL.get(head, "")
    consonants = _SHAPE_INITIAL.get(initial, (initial,))
    if head == "h" and final.startswith("u"):
        consonants = ("H", "F")  # hua writes va, hu wo
    out: list[tuple[str, ...]] = []
    for c in consonants:
        for v in vowels:
            out.append((c + v,))
            if nasal:
                out.append((c + v, "N"))
    if not first and syllable in _FILLERS:
        lone = _FILLER_CONSONANT.get(syllable, "k")
        cls = _LETTER.get(lone[:1], "") if lone not in ("sh", "ts", "ch") else "S"
        shape = "" if cls == "L" else _SHAPE_CONSONANT.get(cls, cls)
        out.append((shape,) if shape else ())
        if syllable in ("ji", "qi", "xi"):
            out.append(("S",))
    return out


@lru_cache(maxsize=16_384)
def written_shapes(syllables: tuple[str, ...]) -> frozenset[str]:
    """The syllable shapes of the Latin marks a Chinese name of two or three syllables may write, at most
    256 (德芙 de fu: Tu F for DOVE, Ti Fu, Ta Fu ...); none for other lengths."""
    if not 2 <= len(syllables) <= _SHAPE_MAX_ONSETS:
        return frozenset()
    shapes: list[tuple[str, ...]] = [()]
    for at, syllable in enumerate(syllables):
        options = _syllable_options(syllable, at == 0)
        shapes = [s + o for s in shapes for o in options][: _SHAPE_MAX_KEYS * 4]
    return frozenset(["".join(s) for s in shapes if len(s) >= 2][:_SHAPE_MAX_KEYS])
