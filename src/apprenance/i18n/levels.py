"""Words of a competence's level (0 to 3, ``domain.certificate.competence_level``): one set
for every page and document that shows a level, the portfolio and the PDF certificate alike,
so that a level reads the same wherever a learner, a recruiter or a registrar sees it."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "level.0": {"fr": "découverte", "en": "discovery"},
    "level.1": {"fr": "premiers pas", "en": "first steps"},
    "level.2": {"fr": "pratique", "en": "practice"},
    "level.3": {"fr": "maîtrise", "en": "mastery"},
    "level.legend": {
        "fr": "Niveau selon les heures pondérées : 1 premiers pas (≥ 8 h), 2 pratique (≥ 30 h), "
            "3 maîtrise (≥ 100 h) ; en deçà : découverte. Une activité compte pour chaque "
            "compétence qu'elle mobilise, selon son poids.",
        "en": "Level from the weighted hours: 1 first steps (≥ 8 h), 2 practice (≥ 30 h), 3 "
            "mastery (≥ 100 h); below: discovery. An activity counts for each competence it "
            "draws on, by its weight.",
    },
}


def level_text(level: int, lang: str) -> str:
    """How a level is written: its number and its word, ``1 · premiers pas``."""
    words = MESSAGES.get(f"level.{level}", {})
    return f"{level} · {words.get(lang) or words.get('fr') or level}"
