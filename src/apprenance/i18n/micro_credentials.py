"""The micro-credential elements (EU Council Recommendation 2022, Annex I) as people read them
in credentials and certificates, and the Europass (ELM) export."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "mc.title": {"fr": "Micro-certification", "en": "Micro-credential"},
    "mc.reference": {
        "fr": "Éléments de la Recommandation du Conseil de l'UE du 16 juin 2022 (annexe I)",
        "en": "Elements of the EU Council Recommendation of 16 June 2022 (Annex I)",
    },
    "mc.learner": {"fr": "Personne", "en": "Learner"},
    "mc.awarding_body": {"fr": "Organisme émetteur", "en": "Awarding body"},
    "mc.country": {"fr": "Pays de l'émetteur", "en": "Country of the issuer"},
    "mc.issued_on": {"fr": "Date de délivrance", "en": "Date of issue"},
    "mc.learning_outcomes": {"fr": "Acquis d'apprentissage", "en": "Learning outcomes"},
    "mc.workload": {"fr": "Charge de travail", "en": "Notional workload"},
    "mc.workload_value": {
        "fr": "{ects} ECTS (recommandation)", "en": "{ects} ECTS (recommendation)",
    },
    "mc.workload_hours": {
        "fr": "{ects} ECTS (recommandation), {hours} heures", "en":
        "{ects} ECTS (recommendation), {hours} hours",
    },
    "mc.eqf_level": {"fr": "Niveau CEC / EQF", "en": "EQF level"},
    "mc.eqf_value": {"fr": "niveau {level}", "en": "level {level}"},
    "mc.eqf_not_applicable": {
        "fr": "sans objet (apprentissage non formel)",
        "en": "not applicable (non-formal learning)",
    },
    "mc.nqf_level": {"fr": "Niveau du cadre national", "en": "National framework level"},
    "mc.assessment": {"fr": "Type d'évaluation", "en": "Type of assessment"},
    "mc.participation": {"fr": "Forme de participation", "en": "Form of participation"},
    "mc.participation.on-site": {"fr": "sur place", "en": "on site"},
    "mc.participation.online": {"fr": "en ligne", "en": "online"},
    "mc.participation.blended": {"fr": "hybride", "en": "blended"},
    "mc.quality_assurance": {"fr": "Assurance qualité", "en": "Quality assurance"},
    "mc.prerequisites": {"fr": "Prérequis", "en": "Prerequisites"},
    "mc.stacks_into": {"fr": "S'intègre au parcours", "en": "Stacks into"},
    "mc.made_of": {"fr": "Se compose de", "en": "Made of"},
    "mc.outcome_framework": {"fr": "Acquis d'apprentissage de {name}",
                             "en": "Learning outcomes of {name}"},
    "mc.eqf_framework": {"fr": "Cadre européen des certifications (CEC)",
                         "en": "European Qualifications Framework (EQF)"},
    "elm.written": {
        "fr": "Attestation Europass (ELM 3) de {learner} pour « {title} » écrite dans {path} "
              "({signed}).",
        "en": "Europass credential (ELM 3) of {learner} for \"{title}\" written to {path} "
              "({signed}).",
    },
    "elm.unsigned": {
        "fr": "non signée : l'établissement y appose son cachet eIDAS",
        "en": "unsigned: the institution adds its eIDAS seal",
    },
    "elm.signed": {
        "fr": "signée par {issuer} (preuve Data Integrity eddsa-rdfc-2022, pas un cachet eIDAS)",
        "en": "signed by {issuer} (Data Integrity proof eddsa-rdfc-2022, not an eIDAS seal)",
    },
    "elm.no_pathway": {
        "fr": "{learner} n'a obtenu aucun parcours{which} : rien à exporter",
        "en": "{learner} has earned no pathway{which}: nothing to export",
    },
}
