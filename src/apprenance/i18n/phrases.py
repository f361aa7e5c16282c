"""Messages kept in any language until someone reads them: an i18n key and its values.

A verifier's check message often carries a reason found deeper down (a proof that does not
verify, the checks a status list failed, an Open Badges 2.0 document that lacks a property).
Carried as a ``Phrase`` (or ``Phrases`` joined), the reason is translated with the message
that holds it: ``Check.text("fr")`` is French all through, while ``str()`` of a phrase is its
English text (the JSON reports' ``message``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from apprenance.i18n import t


class Phrase:
    """The message ``key`` with its values (themselves phrases, or plain values), given as a
    dict or as keywords."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, params: dict[str, Any] | None = None, /,
                 **values: Any) -> None:
        self.key = key
        self.params = {**(params or {}), **values}

    def text(self, lang: str) -> str:
        return t(self.key, lang, **localized(self.params, lang))

    def __str__(self) -> str:
        return self.text("en")

    def __repr__(self) -> str:
        return f"Phrase({self.key!r}, {self.params!r})"


@dataclass(frozen=True)
class Phrases:
    """Several messages in a row (``"; "`` between them, French ``" ; "``)."""

    parts: tuple[Any, ...]
    sep: str = "; "

    @classmethod
    def of(cls, parts: Iterable[Any], sep: str = "; ") -> Phrases:
        return cls(tuple(parts), sep)

    def text(self, lang: str) -> str:
        sep = t("punct.semicolon", lang) if self.sep == "; " else self.sep  # French: " ; "
        return sep.join(_one(p, lang) for p in self.parts)

    def __str__(self) -> str:
        return self.text("en")

    def __bool__(self) -> bool:
        return bool(self.parts)


def _one(value: Any, lang: str) -> Any:
    if isinstance(value, Phrase | Phrases):
        return value.text(lang)
    text = getattr(value, "text", None)  # a verifier's Check: its message in ``lang``
    return text(lang) if callable(text) else value


def localized(params: dict[str, Any], lang: str) -> dict[str, Any]:
    """``params`` with every phrase in it turned into its text in ``lang``."""
    return {name: _one(value, lang) for name, value in params.items()}


def say(key: str, lang: str, /, **params: Any) -> str:
    """``t`` for messages whose values may be phrases."""
    return t(key, lang, **localized(params, lang))


def reason_of(exc: Exception) -> object:
    """An error's message in any language when it carries one (an ``Ob2Problem``'s
    ``phrase``), else its text."""
    return getattr(exc, "phrase", None) or getattr(exc, "message", None) or str(exc)
