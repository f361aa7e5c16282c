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
    # evidence and evaluation
    "progress.hours": {"fr": "{have} h sur {need} h {where}", "en": "{have} h of {need} h {where}"},
    "progress.count.one": {"fr": "{have} activité sur {need} {where}",
                           "en": "{have} activity of {need} {where}"},
    "progress.count": {"fr": "{have} activités sur {need} {where}",
                       "en": "{have} activities of {need} {where}"},
    "progress.distinct.project.one": {"fr": "{have} projet sur {need} {where}",
                                      "en": "{have} project of {need} {where}"},
    "progress.distinct.project": {"fr": "{have} projets sur {need} {where}",
                                  "en": "{have} projects of {need} {where}"},
    "progress.distinct.function.one": {"fr": "{have} fonction vitale sur {need} {where}",
                                       "en": "{have} vital function of {need} {where}"},
    "progress.distinct.function": {"fr": "{have} fonctions vitales sur {need} {where}",
                                   "en": "{have} vital functions of {need} {where}"},
    "progress.distinct.territory.one": {"fr": "{have} territoire sur {need} {where}",
                                        "en": "{have} territory of {need} {where}"},
    "progress.distinct.territory": {"fr": "{have} territoires sur {need} {where}",
                                    "en": "{have} territories of {need} {where}"},
    "progress.distinct.activity.one": {"fr": "{have} type d'activité sur {need} {where}",
                                       "en": "{have} activity type of {need} {where}"},
    "progress.distinct.activity": {"fr": "{have} types d'activité sur {need} {where}",
                                   "en": "{have} activity types of {need} {where}"},
    "progress.distinct.month.one": {"fr": "{have} mois actif sur {need} {where}",
                                    "en": "{have} active month of {need} {where}"},
    "progress.distinct.month": {"fr": "{have} mois actifs sur {need} {where}",
                                "en": "{have} active months of {need} {where}"},
    "progress.attestations.one": {"fr": "{have} activité attestée {role} sur {need} {where}",
                                  "en": "{have} attested activity {role} of {need} {where}"},
    "progress.attestations": {"fr": "{have} activités attestées {role} sur {need} {where}",
                              "en": "{have} attested activities {role} of {need} {where}"},
    "progress.span_days": {"fr": "{have} jours de présence sur {need} {where}",
                           "en": "{have} days of residence of {need} {where}"},
    "progress.badges.one": {"fr": "{have} badge sur {need} parmi {ids}",
                            "en": "{have} badge of {need} among {ids}"},
    "progress.badges": {"fr": "{have} badges sur {need} parmi {ids}",
                        "en": "{have} badges of {need} among {ids}"},
    "evaluate.done": {"fr": "{evaluated} apprenant·es évalué·es, {new} nouveaux badges.",
                      "en": "{evaluated} learners evaluated, {new} new awards."},
    "awards.none": {"fr": "Aucun badge décerné.", "en": "No awards."},
}


def number(value: float, lang: str) -> str:
    """``value`` for people: at most 2 decimals, no trailing zeros, decimal comma in French."""
    out = f"{value:.2f}".rstrip("0").rstrip(".")
    if out == "-0":
        out = "0"
    return out.replace(".", ",") if lang == "fr" else out


def t_plural(key: str, lang: str, count: float, **values: Any) -> str:
    """``key`` (or ``key.one`` when ``count`` < 2, as French counts) formatted with values."""
    if count < 2 and f"{key}.one" in MESSAGES:
        key = f"{key}.one"
    return t(key, lang, **values)


def t(key: str, lang: str, **values: Any) -> str:
    """The message ``key`` in ``lang`` (French when missing), formatted with ``values``."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry["fr"]
    return template.format(**values)


# issuing
MESSAGES.update({
    "ob3.criteria": {"fr": "Règles du badge évaluées sur les activités enregistrées.",
                     "en": "The badge's rules, evaluated on the recorded activities."},
    "ob3.pillar_hours": {"fr": "Heures pondérées : {pillar}", "en": "Weighted hours: {pillar}"},
    "ob3.project": {"fr": "projet {project}", "en": "project {project}"},
    "ob3.witness": {"fr": "témoin", "en": "witness"},
    "ob3.attested": {"fr": "attestée par : {roles}", "en": "attested by: {roles}"},
    "ob3.more_name": {"fr": "Autres activités", "en": "Other activities"},
    "ob3.more": {"fr": "{count} autres activités ({hours} h) du {first} au {last}.",
                 "en": "{count} more activities ({hours} h) from {first} to {last}."},
})
