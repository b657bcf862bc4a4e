"""A phonetic key for Latin-script marks, finer than Soundex and tuned to how brand names are respelled.

Knock-offs respell by sound: PH for F, K/Q for C, KS for X, doubled letters, swapped vowels (KOKA-KOLA for
COCA-COLA, DAISON for DYSON, NAIKE for NIKE), digits for number words (TAKE 10 for TAKETEN). The key keeps
consonant *order* (unlike Soundex, which keeps only four symbols and the first letter verbatim) and folds
the spellings of one sound into one symbol; vowels count only at the start.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ipwarden.similarity.normalize import normalise

__all__ = [
    "ear_key",
    "ear_spelling",
    "glide_key",
    "italian_key",
    "labial_keys",
    "latin_key",
    "letters_said",
    "loose_key",
    "number_words",
    "one_labial",
    "one_liquid",
    "plural_key",
    "said_spelling",
    "silent_h",
    "soft_g_key",
    "spelled_as_said",
    "vowel_key",
]

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_NUMBER = re.compile(r"\d+")
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"^(?:kn|gn|pn)", "n"),
        (r"^wr", "r"),
        (r"^ps", "s"),
        (r"^x", "s"),
        (r"ph", "f"),
        (r"gh", "g"),
        (r"sch", "sk"),
        (r"tch", "ch"),
        (r"ck", "k"),
        (r"qu", "kw"),
        (r"q", "k"),
        (r"x+", "ks"),  # EXXON said as EXON
        (r"[sc]z", "X"),  # Polish sz and cz (SZANEL, GUCZI)
        (r"c(?=[eiy])", "s"),
        (r"(?:sh|ch)", "X"),
        (r"c", "k"),
        (r"dg", "j"),
        (r"th", "t"),
        (r"z", "s"),
        (r"(?<=[a-zX])h", ""),
        (r"(?<=.)w(?![aeiouy])", ""),
    )
)


def _say(number: int) -> str:
    if number < 20:
        return _UNITS[number]
    if number < 100:
        tens, unit = divmod(number, 10)
        return _TENS[tens] + (_UNITS[unit] if unit else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        return _UNITS[hundreds] + "hundred" + (_say(rest) if rest else "")
    return " ".join(_UNITS[int(d)] for d in str(number))


def number_words(text: str) -> str:
    """Digits spelled out in English (``10`` → ``ten``, ``4u`` → ``fouru``) so TAKE 10 sounds like TAKETEN."""
    return _NUMBER.sub(lambda m: _say(int(m.group())) if len(m.group()) <= 3 else _say(10**6), text)


_LETTER_NAMES = {  # the English names of the letters, as a buyer says a mark written in them
    "a": "ay", "b": "bee", "c": "see", "d": "dee", "e": "ee", "f": "ef", "g": "gee", "h": "aitch",
    "i": "eye", "j": "jay", "k": "kay", "l": "el", "m": "em", "n": "en", "o": "oh", "p": "pee", "q": "cue",
    "r": "ar", "s": "es", "t": "tee", "u": "you", "v": "vee", "w": "doubleyou", "x": "ex", "y": "why",
    "z": "zee",
}  # fmt: skip
_RUNS = re.compile(r"[a-z]+|\d+")
_MAX_SPELLED = 3  # XL, NRG, TV: a run of letters without a vowel is said letter by letter


@lru_cache(maxsize=65_536)
def letters_said(text: str, numbers: bool = False) -> str:
    """The mark as said when its lone letters, and short runs of letters with no vowel, are read as the
    letters' names and its digits as number words (B WEAR 'bee wear', 4U 'four you', NRG 'en ar gee');
    "" when it has none, which is when it is said as it is written. With ``numbers``, digits alone are
    read too (TRUE1 'true one')."""
    said: list[str] = []
    spelled = False
    for run in _RUNS.findall(normalise(text)):
        if run.isdigit():
            said.append(number_words(run))
            spelled = spelled or numbers
        elif len(run) == 1 or (len(run) <= _MAX_SPELLED and not set(run) & set("aeiouy")):
            said.extend(_LETTER_NAMES[ch] for ch in run)
            spelled = True
        else:
            said.append(run)
    return " ".join(said) if spelled else ""


@lru_cache(maxsize=65_536)
def _folded(text: str) -> str:
    letters = "".join(ch for ch in number_words(normalise(text)) if "a" <= ch <= "z")
    for pattern, repl in _RULES:
        letters = pattern.sub(repl, letters)
    return re.sub(r"(.)\1+", r"\1", letters)


@lru_cache(maxsize=65_536)
def latin_key(text: str) -> str:
    """Sound key of the Latin letters in ``text`` (other scripts are ignored; empty if none).

    KOKA-KOLA and COCA-COLA → ``KKKL``; DAISON and DYSON → ``DSN``; PHOTO and FOTO → ``FT``.
    """
    folded = _folded(text)
    if not folded:
        return ""
    head, rest = folded[0], folded[1:]
    return (("A" if head in "aeiouy" else head) + re.sub(r"[aeiouy]", "", rest)).upper()


@lru_cache(maxsize=65_536)
def vowel_key(text: str) -> str:
    """The folded spelling with vowels kept as one class ``a``: separates NIKE from NOKIA-like near keys."""
    return re.sub(r"[aeiouy]+", "a", _folded(text)).upper()


_FINAL_I = re.compile(r"(?<=[^aeiou])(?:ie|ey|y|i)$")


@lru_cache(maxsize=65_536)
def spelled_as_said(latin: str) -> str:
    """The spelling with what only looks different folded: doubled consonants single and a final -ie, -ey,
    -y or -i written ``i``; SONIE and SONY are both ``soni``, LEGGO and LEGO both ``lego`` (NIKEE keeps its
    added letter). Two marks with one sound key are told apart by how far apart *these* spellings are."""
    single = re.sub(r"([^aeiou])\1+", r"\1", latin)
    return _FINAL_I.sub("i", single)


_UNVOICED = str.maketrans("BDGVJ", "PTKFX")


def loose_key(key: str) -> str:
    """A sound key with voiced and unvoiced pairs folded (b/p, d/t, g/k, v/f, j/sh) and a leading vowel or h
    dropped: BEPSI ~ PEPSI, ERMES ~ HERMES. Looser than :func:`latin_key`, so it only backs up a near match.
    """
    folded = key.translate(_UNVOICED)
    return folded[1:] if len(folded) > 2 and folded[0] in "AH" else folded


def liquid_keys(key: str) -> tuple[str, ...]:
    """The sound key with its L and R swapped, each or together (LLKS → RLKS, LRKS, RRKS): one sound in
    Japanese and Korean (ROLEX and LOLEX are both ロレックス), so buyers there say the two marks alike. At
    most three of them, so a key gives at most seven others."""
    at = [i for i, ch in enumerate(key) if ch in "LR"]
    if not at or len(at) > 3 or len(key) < 3:
        return ()
    out: list[str] = []
    for mask in range(1, 2 ** len(at)):
        chars = list(key)
        for bit, i in enumerate(at):
            if mask >> bit & 1:
                chars[i] = "R" if chars[i] == "L" else "L"
        out.append("".join(chars))
    return tuple(out)


def glide_key(text: str) -> str:
    """The sound key with an initial J read as Y or an initial Y as J ("" when the text starts otherwise).

    J is Y in Spanish, German, Dutch and the Scandinavian languages (JAGUAR is said 'yaguar'), so a
    respelling with Y keeps the sound of a mark written with J (YAGUAR ~ JAGUAR), and the other way round.
    """
    letters = normalise(text).replace(" ", "")
    if len(letters) < 3 or letters[0] not in "jy" or letters[1] not in "aeiou":
        return ""
    return latin_key(("y" if letters[0] == "j" else "j") + letters[1:])


# Italian spellings of sounds English writes otherwise (GUCCI is said 'goochi', MOSCHINO 'moskino')
_ITALIAN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"sch", "sk"),
        (r"ch", "k"),
        (r"sc(?=[ei])", "sh"),
        (r"cc?(?=i[aou])", "ch"),
        (r"cc?(?=[ei])", "ch"),
        (r"gg?i(?=[aou])", "j"),
        (r"gg?(?=[ei])", "j"),
        (r"gn", "ny"),
    )
)


@lru_cache(maxsize=65_536)
def italian_key(text: str) -> str:
    """The sound key of the text read with Italian spelling rules ("" when they change nothing).

    GUCCI read in Italian is GX, the key of GOOCHI; VERSACE is VRSX, the key of VERSACHE. Marks of Italian
    origin are respelled by how they are said, so they are compared under this reading as well.
    """
    letters = "".join(ch for ch in normalise(text) if "a" <= ch <= "z")
    if "c" not in letters and "g" not in letters:  # every rule below reads a c or a g
        return ""
    italian = letters
    for pattern, repl in _ITALIAN:
        italian = pattern.sub(repl, italian)
    if italian == letters:
        return ""
    key = latin_key(italian)
    return "" if key == latin_key(letters) else key


_SOFT_G = re.compile(r"g(?=[eiy])")


def soft_g_key(text: str) -> str:
    """The sound key with a g before e, i or y said as j, as English mostly says it (GEEP 'jeep', GINN
    'jin'); "" when the text has no such g."""
    letters = "".join(ch for ch in normalise(text) if "a" <= ch <= "z")
    soft = _SOFT_G.sub("j", letters)
    return latin_key(soft) if soft != letters else ""


# Letters that Czech, Slovak, Polish and the South Slavic languages write for one English digraph: ŠANEL is
# said 'shanel'. Normalisation would drop the haček and leave S, C, Z, so they are read before it.
_SLAVIC = str.maketrans({"š": "sh", "ś": "sh", "č": "ch", "ć": "ch", "ž": "zh", "ź": "zh", "ż": "zh"})
# German, Dutch and Scandinavian spellings of sounds English writes otherwise, read back into English
# spelling: SCHELL is 'shell', TSCHUPA 'chupa', PAUERADE 'powerade', SPRIJT 'sprite', WODAFONE 'vodafone',
# JOPLAIT 'yoplait', GOEGLE 'google'. W and V are read first, together (w before a vowel is v, v is f).
_GERMANIC: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"tsch", "ch"),
        (r"sch", "sh"),
        (r"au", "ow"),
        (r"ij", "i"),
        (r"oe", "oo"),
        (r"(?<=[a-z])j", "y"),
    )
)
_W_AND_V = re.compile(r"w(?=[aeiouy])|v")


@lru_cache(maxsize=65_536)
def ear_spelling(text: str) -> str:
    """The text read by a German, Dutch, Scandinavian or Slavic speaker and spelled back in English ("" when
    that changes nothing): ŠVEPS and SCHWEPPES are both said 'shveps', VIAT is FIAT, KRAUN is CROWN."""
    slavic = text.lower().translate(_SLAVIC)
    read = "".join(ch for ch in normalise(slavic) if "a" <= ch <= "z" or "0" <= ch <= "9")
    plain = "".join(ch for ch in normalise(text) if "a" <= ch <= "z" or "0" <= ch <= "9")
    if slavic == text.lower():  # German w and v (a Slavic spelling writes v as said: ŠVEPS)
        read = _W_AND_V.sub(lambda m: "v" if m.group() == "w" else "f", read)
    for pattern, repl in _GERMANIC:
        read = pattern.sub(repl, read)
    return "" if read == plain else read


@lru_cache(maxsize=65_536)
def ear_key(text: str) -> str:
    """The sound key of :func:`ear_spelling` ("" when it is the plain key): a respelling by ear of a mark,
    or a mark of German or Slavic origin said as its own language says it, share this key."""
    read = ear_spelling(text)
    if not read:
        return ""
    key = latin_key(read)
    return "" if key == latin_key(text) else key


# English spellings of one vowel or consonant sound, read as one spelling: NYKEE and NIKE are both 'naiki'
# only once the silent e lengthens the i, MAYZOO and MEIZU both 'meisu', OWDEE and AUDI both 'audi'
_SAID: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"([^aeiouy])\1+", r"\1"),
        (r"a(?=[^aeiouy]e$)", "E"),  # capitals: a sound already read, not read again
        (r"[iy](?=[^aeiouy]e$)", "I"),
        (r"o(?=[^aeiouy]e$)", "O"),
        (r"u(?=[^aeiouy]e$)", "U"),
        (r"(?<=[^aeiouy])e$", ""),
        (r"igh", "I"),
        (r"^(?:kn|gn|pn)", "n"),
        (r"^wr", "r"),
        (r"^wh", "w"),
        (r"ph", "f"),
        (r"(?:tch|sch|sh|ch)", "S"),
        (r"c(?=[eiy])", "s"),
        (r"(?:ck|c|q)", "k"),
        (r"x", "ks"),
        (r"z", "s"),
        (r"(?:ee|ea|ie|ey$|y$)", "i"),
        (r"(?:ay|ei|ey)", "E"),
        (r"(?:ow|au|aw)", "A"),
        (r"(?:oo|ou|ew|ue)", "U"),
        (r"(?:oa|oe$|oh)", "O"),
        (r"(?<=[^aeiou])y(?=[^aeiou])", "I"),
        (r"(?<=[aeiou])h", ""),
    )
)
_SAID_SOUNDS = str.maketrans({"E": "ei", "I": "ai", "O": "o", "U": "u", "A": "au", "S": "sh"})


@lru_cache(maxsize=65_536)
def said_spelling(latin: str) -> str:
    """The Latin letters with each English spelling of a sound written one way: ee, ea and a final y are i;
    ay, ei ei; a y between consonants ai; ow, au au; oo, ew u; a, i before a silent final e ei, ai; ph f;
    ck, c, q k. Two marks with one sound key are told apart by how far apart *these* are (SOHNEE and SONY
    are both 'soni', MAYZOO and MEIZU 'meisu')."""
    letters = "".join(ch for ch in latin.lower() if "a" <= ch <= "z")
    for pattern, repl in _SAID:
        letters = pattern.sub(repl, letters)
    return letters.translate(_SAID_SOUNDS)


_FRENCH_ACCENTS = frozenset("éèêëàâçôûîïœù")
_FRENCH_LOOK = re.compile(r"eau|ault|aux$|eux$|eu|geo|gn[aeiou]|ch[lr]|ot$|ois$|ais$|aud$")
_FRENCH_SPELLING = (
    ("eaux", "o"),
    ("eau", "o"),
    ("ault", "o"),
    ("aux", "o"),
    ("oeu", "u"),
    ("eu", "u"),
    ("geo", "jo"),
    ("qu", "k"),
    ("ph", "f"),
    ("th", "t"),
    ("gn", "ny"),
    ("oi", "wa"),
    ("ou", "u"),
    ("ai", "e"),
    ("ei", "e"),
    ("au", "o"),
)


@lru_cache(maxsize=65_536)
def french_reading(text: str) -> str:
    """How French reads a mark that looks French (an accent, or eau, ault, eu, geo, gn, chl, a silent final
    -ot, -ois, -ais, -aud): RENAULT 'reno', PEUGEOT 'pujo', CHLOÉ 'kloe'; "" for other marks. Buyers who
    heard the name write what they heard (RENO, PUJO, KLOEY), which no English reading of the spelling
    reaches: eau, au, ault as o, eu as u, ge and gi as je and ji, ch as sh (k before l or r), qu as k, gn as
    ny, oi as wa, ou as u, ai and ei as e, a silent initial h, and a silent final t, d, s, x, z or p."""
    words = normalise(text).split()
    if not words or not any(w.isascii() and w.isalpha() for w in words):
        return ""
    accented = any(ch in _FRENCH_ACCENTS for ch in text.lower())
    if not accented and not any(_FRENCH_LOOK.search(w) for w in words):
        return ""
    out: list[str] = []
    for word in words:
        w = word[1:] if word.startswith("h") else word
        for spelled, said in _FRENCH_SPELLING:
            w = w.replace(spelled, said)
        w = re.sub(r"ch(?=[lr])", "k", w).replace("ch", "sh")
        w = re.sub(r"g(?=[eiy])", "j", w)
        w = re.sub(r"c(?=[eiy])", "s", w).replace("c", "k")
        w = re.sub(r"(?<=[aeiouy])[tdsxzp]$", "", w)
        out.append(re.sub(r"(.)\1+", r"\1", w))
    return "".join(out)


def french_key(spelling: str) -> str:
    """A spelling with each run of vowels one ``a`` and a final h dropped, under which a French reading and
    the spellings by ear of it meet (reno, RENOH; kloe, KLOEY)."""
    return re.sub(r"[aeiouy]+", "a", spelling.lower().removesuffix("h"))


def silent_h(with_h: str, without: str) -> bool:
    """``with_h`` is ``without`` said with a silent initial H: the same first letter after it, same keys."""
    rest = with_h[1:]
    return (
        with_h[:1] == "h"
        and len(rest) >= 3
        and rest[:1] == without[:1]
        and latin_key(rest) == latin_key(without)
        and vowel_key(rest) == vowel_key(without)
    )


def plural_key(key: str) -> str:
    """The sound key without a final S (the plural or possessive), or "" when nothing would be left."""
    return key[:-1] if len(key) >= 3 and key.endswith("S") else ""


def one_liquid(text: str) -> str:
    """The text with l written as r, for comparing spellings where l and r are one sound."""
    return text.replace("l", "r")


_ONE_LABIAL = str.maketrans("v", "b")


def one_labial(text: str) -> str:
    """The text with v written as b: one sound in Spanish, and close in Greek and Portuguese (betacism), so
    VEEP and BEEP are said alike there."""
    return text.translate(_ONE_LABIAL)


def labial_keys(key: str) -> tuple[str, ...]:
    """The sound key with each B written as V and each V as B, one at a time (VP → BP): at most two,
    so a key gives at most two others."""
    at = [i for i, ch in enumerate(key) if ch in "BV"]
    if not at or len(at) > 2:
        return ()
    return tuple(key[:i] + ("V" if key[i] == "B" else "B") + key[i + 1 :] for i in at)
