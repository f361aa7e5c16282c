"""Words only French text uses, to check that a document written in English has none left:
the words of the French messages of some areas of the i18n catalog (and of the catalog's
French labels) that no English message or label uses."""

from __future__ import annotations

import re
from collections.abc import Iterable

from apprenance.domain.catalog import Catalog
from apprenance.i18n import MESSAGES

WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(re.sub(r"\{[^}]*\}", " ", text))}


def french_only_words(prefixes: Iterable[str], catalog: Catalog | None = None) -> set[str]:
    """The words of the French messages whose key starts with one of ``prefixes`` (and of
    ``catalog``'s French labels) that appear in no English message or label."""
    prefixes = tuple(prefixes)
    french: set[str] = set()
    english: set[str] = set()
    for key, entry in MESSAGES.items():
        english |= _words(entry.get("en", ""))
        if key.startswith(prefixes):
            french |= _words(entry.get("fr", ""))
    if catalog is not None:
        for item in [*catalog.concepts.values(), *catalog.badges.values()]:
            label = getattr(item, "label", None) or getattr(item, "name", None)
            if isinstance(label, dict):
                french |= _words(str(label.get("fr", "")))
                english |= _words(str(label.get("en", "")))
    return french - english


def french_words_in(text: str, words: set[str]) -> set[str]:
    """The words of ``words`` that ``text`` holds."""
    return _words(text) & words
