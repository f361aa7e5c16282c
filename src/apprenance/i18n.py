"""Messages in French and English. ``t(key, lang, **values)`` formats one."""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, dict[str, str]] = {
    "init.created": {
        "fr": "Magasin créé ({url}), schéma {revision}.",
        "en": "Store created ({url}), schema {revision}.",
    },
    "init.upgraded": {
        "fr": "Magasin mis à jour ({url}) : schéma {before} → {revision}.",
        "en": "Store upgraded ({url}): schema {before} → {revision}.",
    },
    "init.current": {
        "fr": "Magasin déjà à jour ({url}), schéma {revision}.",
        "en": "Store already up to date ({url}), schema {revision}.",
    },
    "territory.loaded": {
        "fr": "Territoire {territory} : {projects} projets, {learners} apprenant·es "
        "({new} nouveaux).",
        "en": "Territory {territory}: {projects} projects, {learners} learners ({new} new).",
    },
    "error.internal": {
        "fr": "Erreur interne inattendue ({kind}). Relancez avec --debug pour le détail, "
        "et signalez-la.",
        "en": "Unexpected internal error ({kind}). Run again with --debug for details, "
        "and report it.",
    },
    "error.prefix": {"fr": "Erreur", "en": "Error"},
    "demo.done": {
        "fr": "Démo terminée. Tout est dans {home}",
        "en": "Demo finished. Everything is in {home}",
    },
}


def t(key: str, lang: str, **values: Any) -> str:
    """The message ``key`` in ``lang`` (French when missing), formatted with ``values``."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry["fr"]
    return template.format(**values)
