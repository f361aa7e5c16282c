"""Suggesting a known activity type for free text ("atelier de cuisine des restes").

French and English, case- and accent-insensitive, with a light stemmer (plural and common
derivational suffixes) and stop words removed. Each activity type is described by the words of
its id, its labels and its keywords; a word shared by many types weighs less than a rare one,
and a keyword phrase found whole in the text weighs more than its words alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from apprenance.domain.catalog import ActivityType
from apprenance.domain.roles import fold

_WORD = re.compile(r"[a-z0-9]+")

_FRENCH_STOP_WORDS = (
    "a au aux avec ce ces dans de des du en et il elle ils elles je la le les leur leurs l d "
    "ma mes mon nos notre nous on ou par pas pour qu que qui sa se ses son sur ta tes ton un "
    "une vos votre vous y est sont ete etre avoir fait faire entre chez apres avant sans sous"
)
_ENGLISH_STOP_WORDS = (
    "an and are as at be by for from has have in is it its of on or our that the their them "
    "this to was we were with your you about after before into over"
)
STOP_WORDS = frozenset(f"{_FRENCH_STOP_WORDS} {_ENGLISH_STOP_WORDS}".split())

# Longest first; a suffix is removed only when at least four letters remain.
_SUFFIXES = (
    "issements", "issement", "atrices", "atrice", "ateurs", "ateur", "atives", "ative", "atifs",
    "atif", "ations", "ation", "ements", "ement", "ances", "ance", "ences", "ence", "ites",
    "ite", "euses", "euse", "eurs", "eur", "ings", "ing", "ives", "ive", "ies", "es", "ed",
    "er", "s", "x", "e",
)


def stem(word: str) -> str:
    """A light stem of one folded word: ``cuisines`` and ``cuisine`` give ``cuisin``."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def terms(text: str) -> list[str]:
    """The stems of the meaningful words of ``text``, in order."""
    return [stem(w) for w in _WORD.findall(fold(text).replace("'", " ")) if w not in STOP_WORDS]


@dataclass(frozen=True)
class _Entry:
    type_id: str
    words: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]  # keyword phrases of two words or more


class Suggester:
    """Picks the activity type whose words best match a text, or None when nothing matches."""

    PHRASE_BONUS = 1.5
    MIN_SCORE = 0.6  # one word shared by several types is not enough to suggest one

    def __init__(self, activity_types: Mapping[str, ActivityType]) -> None:
        entries: list[_Entry] = []
        for type_id in sorted(activity_types):
            kind = activity_types[type_id]
            texts = [type_id.replace("-", " "), *kind.label.values()]
            phrases: list[tuple[str, ...]] = []
            for words in kind.keywords.values():
                texts.extend(words)
                phrases.extend(p for p in (tuple(terms(w)) for w in words) if len(p) > 1)
            phrases.extend(p for p in (tuple(terms(x)) for x in texts[:3]) if len(p) > 1)
            bag = frozenset(w for text in texts for w in terms(text))
            entries.append(_Entry(type_id, bag, tuple(dict.fromkeys(phrases))))
        self._entries = tuple(entries)
        counts: dict[str, int] = {}
        for entry in entries:
            for word in entry.words:
                counts[word] = counts.get(word, 0) + 1
        self._weight = {word: 1.0 / n for word, n in counts.items()}

    def scores(self, text: str) -> dict[str, float]:
        """Every activity type with a positive score for ``text``."""
        found = terms(text)
        if not found:
            return {}
        present = set(found)
        out: dict[str, float] = {}
        for entry in self._entries:
            score = sum(self._weight[w] for w in present & entry.words)
            if score <= 0:
                continue
            score += self.PHRASE_BONUS * sum(1 for p in entry.phrases if _contains(found, p))
            out[entry.type_id] = score
        return out

    def suggest(self, *texts: str | None) -> str | None:
        """The best activity type for the given texts (e.g. activity, description), or None."""
        ranked = self.scores(" ".join(t for t in texts if t))
        best = max(sorted(ranked), key=lambda type_id: ranked[type_id], default=None)
        return best if best is not None and ranked[best] >= self.MIN_SCORE else None


def _contains(words: list[str], phrase: Iterable[str]) -> bool:
    """Whether ``phrase`` occurs in ``words`` as consecutive words."""
    wanted = list(phrase)
    n = len(wanted)
    return any(words[i : i + n] == wanted for i in range(len(words) - n + 1))
