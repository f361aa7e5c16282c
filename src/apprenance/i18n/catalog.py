"""Messages of the catalog: frameworks, mappings, badges and their problems."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "catalog.invalid": {
        "fr": "Le catalogue n'est pas valide ({count} erreur(s)) :",
        "en": "The catalog is not valid ({count} error(s)):",
    },
    "catalog.import.invalid": {
        "fr": "Rien n'a été importé ({count} erreur(s)) :",
        "en": "Nothing imported ({count} error(s)):",
    },
    "catalog.problem.unreadable": {"fr": "{reason}", "en": "{reason}"},
    "catalog.problem.invalid-field": {"fr": "{reason}", "en": "{reason}"},
    "catalog.problem.unknown-kind": {
        "fr": "fichier YAML inconnu : ni prefixes, ni correspondance d'activités (activities:), "
            "ni badge (id: et rule:)",
        "en": "unknown YAML file: neither prefixes, an activity mapping (activities:) nor a "
            "badge (id: and rule:)",
    },
    "catalog.problem.duplicate-key": {
        "fr": "clé « {name} » en double (première à la ligne {first})",
        "en": "duplicate key '{name}' (first at line {first})",
    },
    "catalog.problem.duplicate-activity": {
        "fr": "type d'activité « {name} » défini deux fois (d'abord en {first})",
        "en": "activity type '{name}' is defined twice (first at {first})",
    },
    "catalog.problem.bad-id": {
        "fr": "« {id} » n'est pas un identifiant (lettres, chiffres, . _ -)",
        "en": "'{id}' is not an id (letters, digits, . _ -)",
    },
    "catalog.problem.no-label": {
        "fr": "concept sans skos:prefLabel",
        "en": "concept without a skos:prefLabel",
    },
    "catalog.problem.missing-label-lang": {
        "fr": "concept sans skos:prefLabel de langue « {language} »",
        "en": "concept without a skos:prefLabel in language '{language}'",
    },
    "catalog.problem.no-scheme": {
        "fr": "concept hors de tout schéma (ni skos:inScheme ni skos:topConceptOf)",
        "en": "concept outside any scheme (no skos:inScheme nor skos:topConceptOf)",
    },
    "catalog.problem.unknown-scheme": {
        "fr": "concept dans le schéma <{scheme}>, qu'aucun référentiel ne définit",
        "en": "concept in scheme <{scheme}>, which no framework defines",
    },
    "catalog.problem.unknown-broader": {
        "fr": "skos:broader désigne <{parent}>, qu'aucun référentiel ne définit",
        "en": "skos:broader names <{parent}>, which no framework defines",
    },
    "catalog.problem.broader-cycle": {
        "fr": "cycle dans skos:broader : {cycle}",
        "en": "cycle in skos:broader: {cycle}",
    },
    "catalog.problem.duplicate-notation": {
        "fr": "notation « {notation} » déjà prise par <{other}> dans le même schéma",
        "en": "notation '{notation}' is already used by <{other}> in the same scheme",
    },
    "catalog.problem.scheme-missing-title": {
        "fr": "schéma sans titre de langue « {language} »",
        "en": "scheme without a title in language '{language}'",
    },
    "catalog.problem.unknown-concept": {
        "fr": "concept inconnu : {ref}",
        "en": "unknown concept: {ref}",
    },
    "catalog.problem.pillar-sum": {
        "fr": "les poids des piliers font {total} au lieu de 1 (à 0,001 près)",
        "en": "pillar weights sum to {total}, not 1 (within 0.001)",
    },
    "catalog.problem.weight-range": {
        "fr": "le poids {weight} de {ref} n'est pas dans ]0, 1]",
        "en": "weight {weight} of {ref} is outside (0, 1]",
    },
    "catalog.problem.unknown-pillar": {
        "fr": "pilier inconnu : {pillar} (piliers : {known})",
        "en": "unknown pillar: {pillar} (pillars: {known})",
    },
    "catalog.problem.unknown-function": {
        "fr": "fonction vitale inconnue : {function} (fonctions : {known})",
        "en": "unknown vital function: {function} (functions: {known})",
    },
    "catalog.problem.unknown-activity": {
        "fr": "type d'activité inconnu : {activity}",
        "en": "unknown activity type: {activity}",
    },
    "catalog.problem.micro-credential-missing": {
        "fr": "{id} porte des crédits ECTS mais ne dit pas « {element} », un élément obligatoire "
              "d'une micro-certification (Recommandation du Conseil de l'UE 2022, annexe I ; "
              "eqf_level: not-applicable quand aucun niveau ne s'applique)",
        "en": "{id} carries ECTS credits but does not give '{element}', a mandatory element "
              "of a micro-credential (EU Council Recommendation 2022, Annex I; "
              "eqf_level: not-applicable when no level applies)",
    },
    "catalog.problem.missing-text": {
        "fr": "texte manquant dans la langue « {language} »",
        "en": "missing text in language '{language}'",
    },
    "catalog.problem.unknown-measure": {
        "fr": "mesure inconnue : {measure} (mesures : {known})",
        "en": "unknown measure: {measure} (measures: {known})",
    },
    "catalog.problem.unknown-filter": {
        "fr": "clé inconnue « {name} » dans une mesure {measure} (clés : {known})",
        "en": "unknown key '{name}' in a {measure} measure (keys: {known})",
    },
    "catalog.problem.rule-shape": {
        "fr": "une règle est une mesure (measure:) ou l'une de all:, any:, at_least: (trouvé : "
            "{found})",
        "en": "a rule is a measure (measure:) or one of all:, any:, at_least: (found: {found})",
    },
    "catalog.problem.at-least-shape": {
        "fr": "at_least demande n et of : {{n: 2, of: [...]}}",
        "en": "at_least needs n and of: {{n: 2, of: [...]}}",
    },
    "catalog.problem.rule-missing": {
        "fr": "le badge {id} n'a pas de règle (rule:) : seul un badge déclaré (kind: declared), "
            "délivré sur la déclaration de l'apprenant, s'en passe",
        "en": "the badge {id} has no rule (rule:): only a declared badge (kind: declared), "
            "issued on the learner's own declaration, may go without one",
    },
    "catalog.problem.declared-rule-unused": {
        "fr": "le badge déclaré {id} n'est délivré que sur la déclaration de l'apprenant : sa "
            "règle n'est jamais évaluée (retirez rule:)",
        "en": "the declared badge {id} is issued on the learner's declaration only: its rule "
            "is never evaluated (remove rule:)",
    },
    "catalog.problem.declared-in-rule": {
        "fr": "le badge {id} est déclaré : délivré sur la seule parole de l'apprenant, il ne "
            "compte ni pour un autre badge ni pour un parcours, donc jamais pour des ECTS "
            "(retirez-le de la règle)",
        "en": "the badge {id} is declared: issued on the learner's word alone, it counts "
            "toward no other badge or pathway, so never toward ECTS (take it out of the rule)",
    },
    "catalog.problem.rule-list": {
        "fr": "il faut une liste non vide de règles",
        "en": "expected a non-empty list of rules",
    },
    "catalog.problem.at-least-n": {
        "fr": "n doit être un nombre entier de 1 à {max}, pas {n}",
        "en": "n must be a whole number from 1 to {max}, not {n}",
    },
    "catalog.problem.bad-min": {
        "fr": "min doit être un nombre positif ou nul, pas {value}",
        "en": "min must be a number >= 0, not {value}",
    },
    "catalog.problem.distinct-of": {
        "fr": "of doit être l'un de {known}, pas {of}",
        "en": "of must be one of {known}, not {of}",
    },
    "catalog.problem.badges-ids": {
        "fr": "une mesure badges demande ids: [...]",
        "en": "a badges measure needs ids: [...]",
    },
    "catalog.problem.unknown-role": {
        "fr": "rôle inconnu : {role} (rôles : {known})",
        "en": "unknown role: {role} (roles: {known})",
    },
    "catalog.problem.bad-date": {
        "fr": "« {value} » n'est pas une date AAAA-MM-JJ",
        "en": "'{value}' is not a YYYY-MM-DD date",
    },
    "catalog.problem.unknown-badge": {"fr": "badge inconnu : {id}", "en": "unknown badge: {id}"},
    "catalog.problem.badge-cycle": {
        "fr": "cycle entre badges : {cycle}",
        "en": "cycle between badges: {cycle}",
    },
    "catalog.problem.duplicate-badge": {
        "fr": "badge « {id} » défini deux fois (d'abord en {first})",
        "en": "badge '{id}' is defined twice (first at {first})",
    },
    "catalog.problem.image-not-found": {
        "fr": "image introuvable : {path}",
        "en": "image not found: {path}",
    },
    "catalog.problem.image-outside": {
        "fr": "l'image {path} doit être dans le dossier du badge (chemin relatif, sans ../)",
        "en": "the image {path} must be in the badge's folder (a relative path, no ../)",
    },
    "catalog.problem.image-unsafe": {
        "fr": "image refusée : {reason}",
        "en": "image refused: {reason}",
    },
    "catalog.severity.error": {"fr": "erreur", "en": "error"},
    "catalog.severity.warning": {"fr": "avertissement", "en": "warning"},
    "catalog.imported": {
        "fr": "{concepts} concepts importés ({schemes}) depuis {files} fichier(s) ; écrit : "
            "{written}",
        "en": "Imported {concepts} concepts ({schemes}) from {files} file(s); written: {written}",
    },
    "catalog.checked.ok": {
        "fr": "{files} fichier(s) vérifié(s) : aucun problème.",
        "en": "{files} file(s) checked: no problem.",
    },
    "catalog.checked.problems": {
        "fr": "{files} fichier(s) vérifié(s) : {errors} erreur(s), {warnings} avertissement(s).",
        "en": "{files} file(s) checked: {errors} error(s), {warnings} warning(s).",
    },
    "catalog.problems.found": {
        "fr": "{count} problème(s) trouvé(s).",
        "en": "{count} problem(s) found.",
    },
    "catalog.schemes.header": {
        "fr": "{count} référentiels, {concepts} concepts :",
        "en": "{count} frameworks, {concepts} concepts:",
    },
    "catalog.concept.scheme": {"fr": "Référentiel", "en": "Framework"},
    "catalog.concept.definition": {"fr": "Définition", "en": "Definition"},
    "catalog.concept.broader": {"fr": "Plus large", "en": "Broader"},
    "catalog.concept.narrower": {"fr": "Plus précis", "en": "Narrower"},
    "catalog.concept.related": {"fr": "Correspondances", "en": "Matches"},
    "catalog.concept.activities": {"fr": "Activités", "en": "Activities"},
    "catalog.concept.badges": {"fr": "Badges", "en": "Badges"},
    "catalog.concept.not-found": {
        "fr": "Aucun concept « {ref} » dans le catalogue.",
        "en": "No concept '{ref}' in the catalog.",
    },
    "catalog.search.none": {
        "fr": "Aucun concept ne correspond à « {text} ».",
        "en": "No concept matches '{text}'.",
    },
    "catalog.search.count": {
        "fr": "{count} concept(s) pour « {text} » :",
        "en": "{count} concept(s) match '{text}':",
    },
    "catalog.exported": {
        "fr": "Export {fmt} écrit dans {path}.",
        "en": "{fmt} export written to {path}.",
    },
}
