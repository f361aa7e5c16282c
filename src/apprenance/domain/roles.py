"""Roles of the people in a territory, with their inclusive French and English labels."""

from __future__ import annotations

import unicodedata

ROLES: dict[str, dict[str, str]] = {
    "etudiant": {"fr": "étudiant·e-facilitateur·rice", "en": "student-facilitator"},
    "habitant": {"fr": "habitant·e-entrepreneur·e", "en": "resident-entrepreneur"},
    "elu": {"fr": "élu·e", "en": "elected official"},
    "agent": {"fr": "agent·e", "en": "local agent"},
}

_ALIASES: dict[str, str] = {
    "etudiant": "etudiant",
    "etudiante": "etudiant",
    "student": "etudiant",
    "facilitateur": "etudiant",
    "facilitatrice": "etudiant",
    "student-facilitator": "etudiant",
    "habitant": "habitant",
    "habitante": "habitant",
    "resident": "habitant",
    "habitant-entrepreneur": "habitant",
    "elu": "elu",
    "elue": "elu",
    "elected": "elu",
    "elected-official": "elu",
    "agent": "agent",
    "agente": "agent",
    "staff": "agent",
    "local-agent": "agent",
}


def fold(text: str) -> str:
    """Lower-case, without accents: the key used for accent-insensitive comparisons."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def parse_role(text: str) -> str | None:
    """The canonical role id for ``text`` (French or English, any case/accents), or None."""
    key = fold(text.strip()).replace(" ", "-").replace("·", "").replace("_", "-")
    return _ALIASES.get(key)


def role_label(role: str, lang: str) -> str:
    """The label of ``role`` in ``lang`` (the id itself when unknown)."""
    return ROLES.get(role, {}).get(lang, role)
