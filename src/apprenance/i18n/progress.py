"""Progress towards a badge, as sentences (one form and plural forms)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "progress.hours": {"fr": "{have} h sur {need} h {where}", "en": "{have} h of {need} h {where}"},
    "progress.count.one": {
        "fr": "{have} activité sur {need} {where}",
        "en": "{have} activity of {need} {where}",
    },
    "progress.count": {
        "fr": "{have} activités sur {need} {where}",
        "en": "{have} activities of {need} {where}",
    },
    "progress.distinct.project.one": {
        "fr": "{have} projet sur {need} {where}",
        "en": "{have} project of {need} {where}",
    },
    "progress.distinct.project": {
        "fr": "{have} projets sur {need} {where}",
        "en": "{have} projects of {need} {where}",
    },
    "progress.distinct.function.one": {
        "fr": "{have} fonction vitale sur {need} {where}",
        "en": "{have} vital function of {need} {where}",
    },
    "progress.distinct.function": {
        "fr": "{have} fonctions vitales sur {need} {where}",
        "en": "{have} vital functions of {need} {where}",
    },
    "progress.distinct.territory.one": {
        "fr": "{have} territoire sur {need} {where}",
        "en": "{have} territory of {need} {where}",
    },
    "progress.distinct.territory": {
        "fr": "{have} territoires sur {need} {where}",
        "en": "{have} territories of {need} {where}",
    },
    "progress.distinct.activity.one": {
        "fr": "{have} type d'activité sur {need} {where}",
        "en": "{have} activity type of {need} {where}",
    },
    "progress.distinct.activity": {
        "fr": "{have} types d'activité sur {need} {where}",
        "en": "{have} activity types of {need} {where}",
    },
    "progress.distinct.month.one": {
        "fr": "{have} mois actif sur {need} {where}",
        "en": "{have} active month of {need} {where}",
    },
    "progress.distinct.month": {
        "fr": "{have} mois actifs sur {need} {where}",
        "en": "{have} active months of {need} {where}",
    },
    "progress.attestations.one": {
        "fr": "{have} activité attestée sur {need} {where}{role}",
        "en": "{have} attested activity of {need} {where}{role}",
    },
    "progress.attestations": {
        "fr": "{have} activités attestées sur {need} {where}{role}",
        "en": "{have} attested activities of {need} {where}{role}",
    },
    "progress.span_days": {
        "fr": "{have} jours de présence sur {need} {where}",
        "en": "{have} days of residence of {need} {where}",
    },
    "progress.badges.one": {
        "fr": "{have} badge sur {need} parmi {ids}",
        "en": "{have} badge of {need} among {ids}",
    },
    "progress.badges": {
        "fr": "{have} badges sur {need} parmi {ids}",
        "en": "{have} badges of {need} among {ids}",
    },
    "progress.witnesses": {"fr": " (témoins : {role})", "en": " (witnesses: {role})"},
    "progress.since": {"fr": "depuis le {day}", "en": "since {day}"},
    "progress.until": {"fr": "jusqu'au {day}", "en": "until {day}"},
}
