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


# catalog
MESSAGES.update(
    {
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
            "fr": "fichier YAML inconnu : ni prefixes, ni correspondance d'activités "
            "(activities:), ni badge (id: et rule:)",
            "en": "unknown YAML file: neither prefixes, an activity mapping (activities:) "
            "nor a badge (id: and rule:)",
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
            "fr": "une règle est une mesure (measure:) ou l'une de all:, any:, at_least: "
            "(trouvé : {found})",
            "en": "a rule is a measure (measure:) or one of all:, any:, at_least: "
            "(found: {found})",
        },
        "catalog.problem.at-least-shape": {
            "fr": "at_least demande n et of : {{n: 2, of: [...]}}",
            "en": "at_least needs n and of: {{n: 2, of: [...]}}",
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
        "catalog.problem.unknown-badge": {
            "fr": "badge inconnu : {id}",
            "en": "unknown badge: {id}",
        },
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
            "fr": "{concepts} concepts importés ({schemes}) depuis {files} fichier(s) ; "
            "écrit : {written}",
            "en": "Imported {concepts} concepts ({schemes}) from {files} file(s); "
            "written: {written}",
        },
        "catalog.checked.ok": {
            "fr": "{files} fichier(s) vérifié(s) : aucun problème.",
            "en": "{files} file(s) checked: no problem.",
        },
        "catalog.checked.problems": {
            "fr": "{files} fichier(s) vérifié(s) : {errors} erreur(s), {warnings} "
            "avertissement(s).",
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
)


# certificates
MESSAGES.update(
    {
        "cert.kicker": {"fr": "ATTESTATION DE PARCOURS", "en": "CERTIFICATE OF LEARNING"},
        "cert.title.default": {"fr": "Apprentissages en territoire",
                               "en": "Learning in a territory"},
        "cert.awarded_to": {"fr": "délivrée à", "en": "awarded to"},
        "cert.summary": {
            "fr": "pour les apprentissages réalisés en menant des projets réels dans le "
            "territoire « {territory} », du {start} au {end} ({days} jours) : {activities} "
            "activités dans {projects} projets.",
            "en": "for what they learned by carrying out real projects in the territory "
            "“{territory}”, from {start} to {end} ({days} days): {activities} activities "
            "in {projects} projects.",
        },
        "cert.summary.empty": {
            "fr": "Aucune activité n'est encore enregistrée.",
            "en": "No activity is recorded yet.",
        },
        "cert.pathway.done": {"fr": "Parcours achevé le {date}.",
                              "en": "Pathway completed on {date}."},
        "cert.fig.hours": {"fr": "heures d'activité", "en": "hours of activity"},
        "cert.fig.ects": {"fr": "crédits ECTS recommandés", "en": "recommended ECTS credits"},
        "cert.fig.projects": {"fr": "projets", "en": "projects"},
        "cert.fig.competences": {"fr": "compétences atteintes", "en": "competences reached"},
        "cert.fig.badges": {"fr": "badges obtenus", "en": "badges earned"},
        "cert.sec.pillars": {"fr": "Heures par pilier de l'UNESCO",
                             "en": "Hours per UNESCO pillar"},
        "cert.sec.functions": {"fr": "Heures par fonction vitale",
                               "en": "Hours per vital function"},
        "cert.sec.projects": {"fr": "Projets", "en": "Projects"},
        "cert.sec.competences": {"fr": "Compétences", "en": "Competences"},
        "cert.sec.badges": {"fr": "Badges et parcours obtenus",
                            "en": "Badges and pathways earned"},
        "cert.sec.ects": {"fr": "Recommandation de crédits ECTS",
                          "en": "ECTS credit recommendation"},
        "cert.sec.issuer": {"fr": "Délivrée par", "en": "Issued by"},
        "cert.sec.verify": {"fr": "Vérifier", "en": "Verify"},
        "cert.col.project": {"fr": "Projet", "en": "Project"},
        "cert.col.functions": {"fr": "Fonctions vitales", "en": "Vital functions"},
        "cert.col.schemes": {"fr": "Dispositifs", "en": "Schemes"},
        "cert.col.hours": {"fr": "Heures", "en": "Hours"},
        "cert.col.competence": {"fr": "Compétence", "en": "Competence"},
        "cert.col.framework": {"fr": "Référentiel", "en": "Framework"},
        "cert.col.level": {"fr": "Niveau", "en": "Level"},
        "cert.col.activities": {"fr": "Activités", "en": "Activities"},
        "cert.col.attestations": {"fr": "Attestations", "en": "Attestations"},
        "cert.col.badge": {"fr": "Badge", "en": "Badge"},
        "cert.col.date": {"fr": "Date", "en": "Date"},
        "cert.level.0": {"fr": "découverte", "en": "discovery"},
        "cert.level.1": {"fr": "premiers pas", "en": "first steps"},
        "cert.level.2": {"fr": "pratique", "en": "practice"},
        "cert.level.3": {"fr": "maîtrise", "en": "mastery"},
        "cert.levels.legend": {
            "fr": "Niveau selon les heures pondérées : 1 premiers pas (≥ 8 h), 2 pratique "
            "(≥ 30 h), 3 maîtrise (≥ 100 h) ; en deçà : découverte. Une activité compte pour "
            "chaque compétence qu'elle mobilise, selon son poids.",
            "en": "Level from the weighted hours: 1 first steps (≥ 8 h), 2 practice (≥ 30 h), "
            "3 mastery (≥ 100 h); below: discovery. An activity counts for each competence it "
            "draws on, by its weight.",
        },
        "cert.kind.pathway": {"fr": "parcours", "en": "pathway"},
        "cert.competences.others": {
            "fr": "S'y ajoutent {count} compétence(s) mobilisée(s) à un niveau de découverte.",
            "en": "{count} more competence(s) were drawn on at discovery level.",
        },
        "cert.none": {"fr": "Aucun pour l'instant.", "en": "None yet."},
        "cert.ects.calc": {
            "fr": "{hours} ÷ {per} h par crédit = {raw}, arrondi à la demi-unité "
            "inférieure : {ects} crédits ECTS recommandés.",
            "en": "{hours} ÷ {per} h per credit = {raw}, rounded down to the half "
            "credit: {ects} recommended ECTS credits.",
        },
        "cert.ects.rule": {
            "fr": "Règle : un crédit ECTS pour {per} heures de travail de l'apprenant·e (le "
            "guide d'utilisation ECTS 2015 retient 25 à 30 heures), compté sur toutes les "
            "activités reconnues, arrondi à la demi-unité inférieure.",
            "en": "Rule: one ECTS credit for {per} hours of the learner's workload (the ECTS "
            "Users' Guide 2015 sets 25 to 30 hours), counted over every recognised activity, "
            "rounded down to the half credit.",
        },
        "cert.ects.pathway": {"fr": "Volume indicatif du parcours : {ects} crédits ECTS.",
                              "en": "Indicative volume of the pathway: {ects} ECTS credits."},
        "cert.ects.disclaimer": {
            "fr": "Il s'agit d'une recommandation : seul un établissement d'enseignement "
            "supérieur attribue des crédits ECTS, après avoir évalué les acquis.",
            "en": "This is a recommendation: only a higher-education institution awards ECTS "
            "credits, after assessing the learning outcomes.",
        },
        "cert.issued_on": {"fr": "Fait le {date}", "en": "Issued on {date}"},
        "cert.signature": {"fr": "Signature", "en": "Signature"},
        "cert.verify.text": {
            "fr": "Scannez le code ou ouvrez l'adresse ci-dessous. La preuve signée est jointe "
            "à ce PDF (« {file} ») : « apprenance verify » la contrôle hors ligne.",
            "en": "Scan the code or open the address below. The signed credential is attached "
            "to this PDF (“{file}”): “apprenance verify” checks it offline.",
        },
        "cert.verify.none": {
            "fr": "Aucune preuve signée n'a encore été délivrée : ce document ne peut pas "
            "être vérifié en ligne.",
            "en": "No signed credential has been issued yet: this document cannot be "
            "verified online.",
        },
        "cert.footer": {"fr": "page {page} sur {pages}", "en": "page {page} of {pages}"},
        "cert.meta.subject": {
            "fr": "Attestation de parcours et recommandation de crédits ECTS",
            "en": "Certificate of learning and ECTS credit recommendation",
        },
        "cert.attachment.clr": {
            "fr": "Relevé d'apprentissages signé (CLR 2.0)",
            "en": "Signed Comprehensive Learner Record (CLR 2.0)",
        },
        "cert.attachment": {"fr": "Preuve signée du parcours (Open Badges 3.0)",
                            "en": "Signed credential of the pathway (Open Badges 3.0)"},
        "cert.written": {"fr": "Certificat écrit : {path}", "en": "Certificate written: {path}"},
        "cert.batch.done": {
            "fr": "{written} certificat(s) écrit(s) dans {folder} ; {skipped} ignoré(s), "
            "{rate} par seconde.",
            "en": "{written} certificate(s) written to {folder}; {skipped} skipped, "
            "{rate} per second.",
        },
        "cert.batch.progress": {"fr": "Certificats", "en": "Certificates"},
        "verify.check.pdf": {"fr": "PDF", "en": "PDF"},
        "cert.usage": {
            "fr": "donnez un·e apprenant·e, ou --territory ID, ou --all (un seul des trois)",
            "en": "give one learner, or --territory ID, or --all (exactly one of them)",
        },
        "cert.export.done": {
            "fr": "{rows} ligne(s) exportée(s) ({fmt}) vers {path}.",
            "en": "{rows} row(s) exported ({fmt}) to {path}.",
        },
    }
)


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


# verify
MESSAGES.update({
    "verify.header": {"fr": "{source} ({format})", "en": "{source} ({format})"},
    "verify.check.parse": {"fr": "lecture", "en": "parse"},
    "verify.check.unbake": {"fr": "image", "en": "image"},
    "verify.check.terms": {"fr": "termes", "en": "terms"},
    "verify.check.signature": {"fr": "signature", "en": "signature"},
    "verify.check.issuer": {"fr": "émetteur", "en": "issuer"},
    "verify.check.window": {"fr": "validité", "en": "window"},
    "verify.check.status": {"fr": "statut", "en": "status"},
    "verify.check.recipient": {"fr": "titulaire", "en": "recipient"},
    "verify.check.structure": {"fr": "structure", "en": "structure"},
    "verify.check.verify": {"fr": "vérification", "en": "verify"},
    "verify.check.hosted": {"fr": "hébergé", "en": "hosted"},
    "verify.check.badge": {"fr": "badge", "en": "badge"},
    "verify.check.origin": {"fr": "origine", "en": "origin"},
    "verify.verdict.valid": {"fr": "VALIDE", "en": "VALID"},
    "verify.verdict.invalid": {"fr": "NON VALIDE", "en": "INVALID"},
    "verify.verdict.unreadable": {"fr": "ILLISIBLE", "en": "UNREADABLE"},
    "verify.summary": {
        "fr": "{total} justificatif(s) : {valid} valide(s), {invalid} non valide(s), "
        "{unreadable} illisible(s).",
        "en": "{total} credential(s): {valid} valid, {invalid} invalid, "
        "{unreadable} unreadable.",
    },
    "verify.failed.invalid": {
        "fr": "{count} justificatif(s) non valide(s).",
        "en": "{count} credential(s) did not verify.",
    },
    "verify.failed.unreadable": {
        "fr": "{count} entrée(s) illisible(s).",
        "en": "{count} input(s) could not be read.",
    },
})

# verify: what each check found, for people (CLI human output, web page) in French and English;
# the JSON reports keep the English text
MESSAGES.update({
    "verify.check.context": {"fr": "contexte", "en": "context"},
    "verify.check.nested": {"fr": "inclus", "en": "nested"},
    "verify.check.endorsed": {"fr": "recommande", "en": "endorses"},
    "verify.failed_checks": {"fr": "échec : {checks}", "en": "failed: {checks}"},
    "verify.nested_header": {"fr": "↳ {role}", "en": "↳ {role}"},
    "verify.facts.holder": {"fr": "titulaire", "en": "holder"},
    "verify.facts.achievement": {"fr": "badge", "en": "badge"},
    "verify.facts.issuer": {"fr": "émetteur", "en": "issuer"},
    "verify.facts.dates": {"fr": "dates", "en": "dates"},
    "verify.facts.dates_value": {"fr": "délivré le {issued}, valide du {start} au {end}",
                                 "en": "issued {issued}, valid from {start} until {end}"},
    "verify.facts.recipient.ok": {"fr": "c'est la personne indiquée",
                                  "en": "matches the recipient given"},
    "verify.facts.recipient.mismatch": {"fr": "ce n'est PAS la personne indiquée",
                                        "en": "does NOT match the recipient given"},
    "verify.msg.empty": {"fr": "entrée vide : aucune preuve à vérifier",
                         "en": "empty input: no credential to verify"},
    "verify.msg.bad_jwt": {"fr": "JWT illisible : {reason}", "en": "unreadable JWT: {reason}"},
    "verify.msg.not_json": {"fr": "ni JSON ni JWT : {reason}", "en": "not JSON: {reason}"},
    "verify.msg.not_object": {"fr": "le JSON n'est pas un objet",
                              "en": "the JSON is not an object"},
    "verify.msg.jwt_ok": {"fr": "VC-JWT ({alg})", "en": "VC-JWT ({alg})"},
    "verify.msg.json_ok": {"fr": "preuve au format JSON", "en": "JSON credential"},
    "verify.msg.context_ok": {"fr": "le premier contexte est {context}",
                              "en": "the first context is {context}"},
    "verify.msg.context_order": {
        "fr": "le premier @context doit être {expected} (trouvé : {found})",
        "en": "the first @context must be {expected} (found: {found})"},
    "verify.msg.context_none": {
        "fr": "aucun contexte du modèle Verifiable Credentials ({v2} ou {v1}) en premier",
        "en": "no Verifiable Credentials context ({v2} or {v1}) comes first"},
    "verify.msg.terms_ok": {"fr": "chaque terme est défini par les contextes de la preuve",
                            "en": "every term is defined by the credential's contexts"},
    "verify.msg.terms_bad": {"fr": "termes non définis : {problems}", "en": "{problems}"},
    "verify.msg.no_proof": {"fr": "aucune preuve prise en charge (trouvé : {found})",
                            "en": "no supported proof (found: {found})"},
    "verify.msg.proof_ignored": {
        "fr": "preuve ignorée : {proof} n'est pas pris en charge (une autre preuve doit tenir)",
        "en": "ignored a proof of an unsupported kind: {proof} (another proof must hold)"},
    "verify.msg.proof_bad": {"fr": "{proof} : {reason}", "en": "{proof}: {reason}"},
    "verify.msg.proof_ok": {"fr": "preuve {proof} vérifiée avec {method}",
                            "en": "{proof} proof verified with {method}"},
    "verify.msg.no_kid": {"fr": "l'en-tête du JWT ne nomme aucune clé (kid)",
                          "en": "the JWT header names no key (kid)"},
    "verify.msg.reason": {"fr": "{reason}", "en": "{reason}"},
    "verify.msg.jws_ok": {"fr": "JWS ({alg}) vérifié avec {method}",
                          "en": "JWS ({alg}) verified with {method}"},
    "verify.msg.key_other": {"fr": "la clé appartient à {controller}, l'émetteur est {issuer}",
                             "en": "the key belongs to {controller}, the issuer is {issuer}"},
    "verify.msg.key_unlisted": {"fr": "{issuer} ne déclare pas {method} pour signer des preuves",
                                "en": "{issuer} does not list {method} for assertions"},
    "verify.msg.key_ok": {"fr": "la clé {method} appartient à l'émetteur",
                          "en": "the key {method} belongs to the issuer"},
    "verify.msg.purpose": {"fr": "objet de la preuve inattendu : {purpose}",
                           "en": "proof purpose {purpose}"},
    "verify.msg.window_ok": {"fr": "valide du {start} au {end}",
                             "en": "valid from {start} until {end}"},
    "verify.msg.window_open": {"fr": "valide depuis le {start}, sans fin",
                               "en": "valid from {start}, no end"},
    "verify.msg.window_expired": {"fr": "expiré le {end} ({field})",
                                  "en": "expired on {end} ({field})"},
    "verify.msg.window_early": {"fr": "pas valide avant le {start} ({field})",
                                "en": "not valid before {start} ({field})"},
    "verify.msg.window_invalid": {"fr": "{field} n'est pas une date : {value}",
                                  "en": "{field} is not a date-time: {value}"},
    "verify.msg.recipient_ok": {"fr": "la preuve nomme bien cette personne", "en": "{how}"},
    "verify.msg.recipient_bad": {"fr": "la preuve ne nomme pas cette personne",
                                 "en": "the credential does not name this recipient"},
    "verify.msg.structure_ok": {"fr": "une preuve Open Badges 3.0",
                                "en": "an Open Badges 3.0 credential"},
    "verify.msg.structure_warn": {"fr": "écarts au modèle Open Badges 3.0 : {problems}",
                                  "en": "{problems}"},
    "verify.msg.structure_other": {
        "fr": "pas un badge Open Badges 3.0 ({types}) : structure OB 3.0 non contrôlée",
        "en": "not an Open Badges 3.0 badge ({types}): OB 3.0 structure not checked"},
    "verify.msg.nested_ok": {"fr": "{count} preuve(s) incluse(s), chacune valide",
                             "en": "{count} nested credential(s), each valid"},
    "verify.msg.nested_bad": {"fr": "preuve(s) incluse(s) non valide(s) : {roles}",
                              "en": "nested credential(s) not valid: {roles}"},
    "verify.msg.nested_deep": {"fr": "preuves incluses trop profondément (plus de {depth})",
                               "en": "credentials nested too deeply (more than {depth})"},
    "verify.msg.nested_unreadable": {"fr": "ce n'est pas une preuve (objet ou VC-JWT)",
                                     "en": "not a credential (an object or a VC-JWT)"},
    "verify.msg.endorsed_ok": {"fr": "recommande {target}", "en": "endorses {target}"},
    "verify.msg.endorsed_bad": {"fr": "recommande {found}, pas {target}",
                                "en": "endorses {found}, not {target}"},
    "verify.status.none": {"fr": "pas de credentialStatus", "en": "no credentialStatus"},
    "verify.status.not_object": {"fr": "credentialStatus n'est pas un objet",
                                 "en": "credentialStatus is not an object"},
    "verify.status.unsupported": {"fr": "type de statut non pris en charge : {type!r}",
                                  "en": "unsupported status type {type!r}"},
    "verify.status.index": {"fr": "statusListIndex n'est pas un nombre",
                            "en": "statusListIndex is not a number"},
    "verify.status.no_list": {"fr": "statusListCredential manque",
                              "en": "statusListCredential is missing"},
    "verify.status.fetch": {"fr": "liste de statut {url} introuvable : {reason}",
                            "en": "cannot fetch the status list: {reason}"},
    "verify.status.not_json": {"fr": "la liste de statut {url} n'est pas un objet JSON",
                               "en": "the status list is not a JSON object"},
    "verify.status.list_type": {"fr": "la liste de statut {url} n'est pas une {type}",
                                "en": "the status list is not a {type}"},
    "verify.status.other_issuer": {
        "fr": "la liste de statut {url} est émise par {list_issuer}, pas par l'émetteur de la "
              "preuve ({issuer})",
        "en": "the status list {url} is issued by {list_issuer}, not by the credential's "
              "issuer ({issuer})"},
    "verify.status.untrusted": {"fr": "la liste de statut {url} n'est pas fiable : {reason}",
                                "en": "the status list cannot be trusted: {reason}"},
    "verify.status.subject_type": {"fr": "le sujet de la liste {url} n'est pas une {type}",
                                   "en": "the status list subject is not a {type}"},
    "verify.status.purpose": {"fr": "la liste sert à {list!r}, l'entrée à {entry!r}",
                              "en": "the list's purpose is {list!r}, the entry's {entry!r}"},
    "verify.status.bits": {"fr": "liste de statut illisible : {reason}", "en": "{reason}"},
    "verify.status.revoked": {"fr": "révoqué (le bit {index} de {url} est levé)",
                              "en": "revoked (bit {index} of {url} is set)"},
    "verify.status.suspended": {"fr": "suspendu (le bit {index} de {url} est levé)",
                                "en": "suspended (bit {index} of {url} is set)"},
    "verify.status.clear": {"fr": "ni révoqué ni suspendu ({purpose} : bit {index} baissé)",
                            "en": "neither revoked nor suspended ({purpose}: bit {index} is "
                                  "clear)"},
})
MESSAGES.update({
    "endorsement.name": {"fr": "Attestation ({role}) : {badge}",
                         "en": "Attestation ({role}): {badge}"},
    "endorsement.description": {
        "fr": "{name} a attesté une activité qui compte pour ce badge ; l'émetteur a enregistré "
              "cette attestation et la signe.",
        "en": "{name} attested an activity that counts for this badge; the issuer recorded "
              "the attestation and signs it."},
    "endorsement.comment": {"fr": "{name} ({role}), le {day} : « {comment} »",
                            "en": "{name} ({role}), on {day}: \"{comment}\""},
    "endorsement.no_comment": {"fr": "{name} ({role}) a attesté l'activité du {day}.",
                               "en": "{name} ({role}) attested the activity of {day}."},
})
MESSAGES.update({
    "clr.name": {"fr": "Relevé de parcours : {pathways}", "en": "Pathway record: {pathways}"},
    "clr.name_all": {"fr": "Relevé des badges", "en": "Record of badges"},
    "clr.description": {"fr": "{count} certifications signées, avec les liens entre le parcours "
                              "et les badges qui le composent.",
                        "en": "{count} signed credentials, with the links between the pathway "
                              "and the badges it is made of."},
    "clr.done": {"fr": "CLR {id} ({count} certifications) écrit dans {out}.",
                 "en": "CLR {id} ({count} credentials) written to {out}."},
    "issuer.created": {"fr": "Émetteur {id} créé : {did}", "en": "Issuer {id} created: {did}"},
    "issuer.rotated": {"fr": "Émetteur {id} : nouvelle clé ({keys} au total), {did}",
                       "en": "Issuer {id}: new key ({keys} in all), {did}"},
    "issuer.none": {"fr": "Aucun émetteur (apprenance issuer init --name ...).",
                    "en": "No issuer yet (apprenance issuer init --name ...)."},
    "issue.done": {"fr": "{count} certifications délivrées dans {out}.",
                   "en": "{count} credentials issued into {out}."},
    "issue.problems": {"fr": "{count} badges n'ont pas pu être délivrés.",
                       "en": "{count} awards could not be issued."},
    "revoke.done": {"fr": "{id} révoquée (bit {index} de {list}).",
                    "en": "{id} revoked (bit {index} of {list})."},
})


# ingest
MESSAGES.update({
    "ingest.too_long": {"fr": "valeur trop longue (plus de {limit} caractères)",
                        "en": "value too long (over {limit} characters)"},
    "ingest.control": {"fr": "caractères de contrôle (NUL, tabulation, saut de ligne...) "
                             "interdits ici",
                       "en": "control characters (NUL, tab, line break...) are not allowed here"},
    "ingest.encoding.row": {
        "fr": "octets qui ne sont pas de l'UTF-8 dans cette ligne : enregistrez le fichier "
              "en UTF-8",
        "en": "bytes that are not UTF-8 on this line: save the file as UTF-8"},
    "ingest.date.missing": {"fr": "date manquante", "en": "missing date"},
    "ingest.date.format": {
        "fr": "« {value} » n'est pas une date ISO 8601 (AAAA-MM-JJ, ou AAAA-MM-JJThh:mm+01:00)",
        "en": "'{value}' is not an ISO 8601 date (YYYY-MM-DD, or YYYY-MM-DDThh:mm+01:00)"},
    "ingest.date.time": {"fr": "heure impossible dans « {value} »",
                         "en": "impossible time of day in '{value}'"},
    "ingest.date.offset": {"fr": "décalage horaire impossible dans « {value} »",
                           "en": "impossible UTC offset in '{value}'"},
    "ingest.date.month": {"fr": "date impossible « {value} » : il n'y a pas de mois {month}",
                          "en": "impossible date '{value}': there is no month {month}"},
    "ingest.date.year": {"fr": "année invraisemblable dans « {value} »",
                         "en": "implausible year in '{value}'"},
    "ingest.date.impossible": {
        "fr": "date impossible « {value} » : il n'y a pas de {day} {month}",
        "en": "impossible date '{value}': that month has no day {day}"},
    "ingest.duration.missing": {"fr": "durée manquante", "en": "missing duration"},
    "ingest.duration.iso": {
        "fr": "« {value} » n'est pas une durée ISO 8601 (par exemple PT1H30M)",
        "en": "'{value}' is not an ISO 8601 duration (e.g. PT1H30M)"},
    "ingest.duration.format": {
        "fr": "durée illisible « {value} » : des heures (1.5 ou 1,5) ou une durée ISO 8601 "
              "(PT1H30M)",
        "en": "unreadable duration '{value}': hours (1.5 or 1,5) or an ISO 8601 duration "
              "(PT1H30M)"},
    "ingest.duration.positive": {"fr": "la durée doit être positive, pas « {value} »",
                                 "en": "the duration must be above zero, not '{value}'"},
    "ingest.duration.too_long": {
        "fr": "durée invraisemblable « {value} » ({hours} h) : au plus 24 h par activité",
        "en": "implausible duration '{value}' ({hours} h): at most 24 h per activity"},
    "ingest.duration.calendar": {
        "fr": "durée en mois ou en années « {value} » : donnez des jours ou des heures",
        "en": "duration in months or years '{value}': give days or hours"},
    "ingest.duration.day_total": {
        "fr": "{participant} dépasserait 24 h le {day} ({before} h déjà, {total} h avec "
              "cette ligne)",
        "en": "{participant} would go over 24 h on {day} ({before} h already, {total} h with "
              "this row)"},
    "ingest.handle.missing": {"fr": "participant manquant", "en": "missing participant"},
    "ingest.handle.space": {
        "fr": "« {value} » contient une espace : un courriel ou un identifiant sans espace",
        "en": "'{value}' contains a space: an email or a handle without spaces"},
    "ingest.handle.formula": {
        "fr": "« {value} » commence par =, +, - ou @ : ce n'est pas un identifiant",
        "en": "'{value}' starts with =, +, - or @: not a handle"},
    "ingest.url": {"fr": "« {value} » n'est pas une URL http(s)",
                   "en": "'{value}' is not an http(s) URL"},
    "ingest.territory.unknown": {
        "fr": "territoire inconnu « {value} » (chargez-le avec `apprenance territory`)",
        "en": "unknown territory '{value}' (load it with `apprenance territory`)"},
    "ingest.project.unknown": {"fr": "projet inconnu « {value} » (territoire {territory})",
                               "en": "unknown project '{value}' (territory {territory})"},
    "ingest.project.elsewhere": {
        "fr": "le projet « {value} » appartient au territoire {owner}, pas à {territory}",
        "en": "project '{value}' belongs to territory {owner}, not {territory}"},
    "ingest.activity.missing": {"fr": "type d'activité manquant",
                                "en": "missing activity type"},
    "ingest.function.unknown": {"fr": "fonction vitale inconnue « {value} » ({known})",
                                "en": "unknown vital function '{value}' ({known})"},
    "ingest.role.unknown": {
        "fr": "rôle inconnu « {value} » (etudiant, habitant, elu ou agent)",
        "en": "unknown role '{value}' (etudiant, habitant, elu or agent)"},
    "ingest.witness.role": {
        "fr": "rôle de témoin inconnu « {value} » (etudiant, habitant, elu ou agent)",
        "en": "unknown witness role prefix '{value}' (etudiant, habitant, elu or agent)"},
    "ingest.witness.self": {"fr": "{value} ne peut pas être son propre témoin",
                            "en": "{value} cannot be their own witness (self-attestation)"},
    "ingest.header.bad_name": {"fr": "nom de la colonne {column} illisible ou trop long",
                               "en": "name of column {column} unreadable or too long"},
    "ingest.header.duplicate": {"fr": "colonne « {column} » en double dans l'en-tête",
                                "en": "duplicate column '{column}' in the header"},
    "ingest.header.missing": {"fr": "colonnes obligatoires absentes de l'en-tête : {columns}",
                              "en": "required columns missing from the header: {columns}"},
    "ingest.header.extras": {"fr": "plus de {limit} colonnes supplémentaires",
                             "en": "more than {limit} extra columns"},
    "ingest.header.unreadable": {"fr": "en-tête illisible", "en": "unreadable header"},
    "ingest.row.unreadable": {"fr": "ligne illisible : {error}",
                              "en": "unreadable row: {error}"},
    "ingest.row.separator": {
        "fr": "{got} champ(s) au lieu de {expected} : séparateur {other} au lieu de "
              "{separator} ?",
        "en": "{got} field(s) instead of {expected}: separator {other} instead of "
              "{separator}?"},
    "ingest.row.short": {"fr": "ligne tronquée : {got} champs au lieu de {expected}",
                         "en": "truncated row: {got} fields instead of {expected}"},
    "ingest.row.long": {"fr": "{got} champs au lieu de {expected} (séparateur en trop ?)",
                        "en": "{got} fields instead of {expected} (a stray separator?)"},
    "ingest.file.decode_from": {
        "fr": "fichier illisible à partir de la ligne {line} (encodage)",
        "en": "file unreadable from line {line} on (encoding)"},
    "ingest.file.decode": {"fr": "fichier illisible (encodage)",
                           "en": "file unreadable (encoding)"},
    "ingest.file.directory": {"fr": "c'est un dossier, pas un fichier",
                              "en": "this is a folder, not a file"},
    "ingest.file.unreadable": {"fr": "fichier illisible : {error}",
                               "en": "cannot read the file: {error}"},
    "ingest.file.empty": {"fr": "fichier vide", "en": "empty file"},
    "ingest.file.utf32": {"fr": "fichier en UTF-32 : enregistrez-le en UTF-8",
                          "en": "UTF-32 file: save it as UTF-8"},
    "ingest.file.spreadsheet": {
        "fr": "classeur (xlsx/xls), pas un CSV : exportez-le en « CSV UTF-8 »",
        "en": "a spreadsheet (xlsx/xls), not CSV: export it as 'CSV UTF-8'"},
    "ingest.file.utf16_no_bom": {
        "fr": "fichier en UTF-16 sans BOM : enregistrez-le en UTF-8",
        "en": "UTF-16 file without a BOM: save it as UTF-8"},
    "ingest.file.binary": {"fr": "fichier binaire (octets NUL), pas du texte",
                           "en": "binary file (NUL bytes), not text"},
    "ingest.file.not_utf8": {
        "fr": "fichier qui n'est pas en UTF-8 (octet {byte} « {char} » ligne {line}, "
              "sans doute Latin-1/Windows-1252) : enregistrez-le en UTF-8",
        "en": "file not in UTF-8 (byte {byte} '{char}' on line {line}, probably "
              "Latin-1/Windows-1252): save it as UTF-8"},
    "ingest.json.duplicate_key": {"fr": "clé « {name} » en double",
                                  "en": "duplicate key '{name}'"},
    "ingest.json.type": {"fr": "valeur de type {kind} : un texte est attendu",
                         "en": "a {kind} value: text expected"},
    "ingest.json.invalid": {"fr": "JSON invalide (colonne {column}) : {error}",
                            "en": "invalid JSON (column {column}): {error}"},
    "ingest.json.not_object": {"fr": "un objet JSON est attendu, pas {kind}",
                               "en": "a JSON object is expected, not {kind}"},
    "ingest.json.broken": {
        "fr": "JSON invalide ligne {line}, colonne {column} ({error}) : la suite du fichier "
              "n'est pas lue",
        "en": "invalid JSON at line {line}, column {column} ({error}): the rest of the file "
              "is not read"},
    "ingest.xapi.not_object": {"fr": "un objet est attendu, pas {kind}",
                               "en": "an object is expected, not {kind}"},
    "ingest.xapi.unknown_property": {"fr": "propriété « {name} » inconnue de xAPI",
                                     "en": "'{name}' is not an xAPI statement property"},
    "ingest.xapi.null": {"fr": "valeur null interdite par xAPI",
                         "en": "null value, forbidden by xAPI"},
    "ingest.xapi.uuid": {"fr": "« {value} » n'est pas un UUID",
                         "en": "'{value}' is not a UUID"},
    "ingest.xapi.version": {"fr": "version xAPI non prise en charge « {value} »",
                            "en": "unsupported xAPI version '{value}'"},
    "ingest.xapi.iri": {"fr": "« {value} » n'est pas un IRI absolu",
                        "en": "'{value}' is not an absolute IRI"},
    "ingest.xapi.verb": {"fr": "verbe hors du profil apprenance « {value} » (docs/xapi.md)",
                         "en": "verb outside the apprenance profile '{value}' (docs/xapi.md)"},
    "ingest.xapi.object_type": {
        "fr": "objet de type {value} : une activité (Activity) est attendue",
        "en": "object of type {value}: an Activity is expected"},
    "ingest.xapi.timestamp": {
        "fr": "horodatage manquant, sans heure ou hors ISO 8601 « {value} »",
        "en": "missing timestamp, one without a time or not ISO 8601 '{value}'"},
    "ingest.xapi.no_duration": {
        "fr": "result.duration manquant : apprenance a besoin du temps passé",
        "en": "result.duration missing: apprenance needs the time spent"},
    "ingest.xapi.group": {"fr": "un groupe comme acteur : une déclaration par personne",
                          "en": "a Group as actor: one statement per person, please"},
    "ingest.xapi.agent_type": {"fr": "objectType « {value} » : Agent attendu",
                               "en": "objectType '{value}': Agent expected"},
    "ingest.xapi.ifi": {
        "fr": "{count} identifiants ({names}) : un agent en a exactement un (mbox, "
              "mbox_sha1sum, openid ou account)",
        "en": "{count} identifiers ({names}): an agent has exactly one (mbox, mbox_sha1sum, "
              "openid or account)"},
    "ingest.xapi.mbox": {"fr": "« {value} » n'est pas un IRI mailto:",
                         "en": "'{value}' is not a mailto: IRI"},
    "ingest.xapi.sha1": {"fr": "« {value} » n'est pas une empreinte SHA-1",
                         "en": "'{value}' is not a SHA-1 hash"},
    "ingest.xapi.account_name": {"fr": "account.name manquant",
                                 "en": "missing account.name"},
    "ingest.xapi.void_ref": {
        "fr": "une annulation (voided) doit viser une déclaration (StatementRef)",
        "en": "a voiding statement must target a StatementRef"},
    "ingest.xapi.no_type": {
        "fr": "ni object.definition.type ni nom : impossible de savoir quelle activité",
        "en": "neither object.definition.type nor a name: cannot tell which activity"},
    "ingest.xapi.missing": {"fr": "propriété obligatoire manquante",
                            "en": "required property missing"},
    "ingest.xapi.void_unknown": {
        "fr": "annule la déclaration {target}, qui n'est pas enregistrée",
        "en": "voids statement {target}, which is not stored"},
    "ingest.id.conflict_line": {
        "fr": "identifiant « {id} » déjà pris ligne {line} par une autre activité",
        "en": "id '{id}' already used on line {line} by another activity"},
    "ingest.id.conflict_stored": {
        "fr": "identifiant « {id} » déjà pris par une autre activité enregistrée ({where})",
        "en": "id '{id}' already used by another stored activity ({where})"},
    "ingest.summary": {
        "fr": "{accepted} acceptée(s) dont {unmapped} non reconnue(s), {duplicates} "
              "doublon(s), {rejected} rejetée(s).",
        "en": "{accepted} accepted ({unmapped} unmapped), {duplicates} duplicate(s), "
              "{rejected} rejected."},
    "ingest.rejection": {"fr": "{file}:{line} [{field}] {reason}",
                         "en": "{file}:{line} [{field}] {reason}"},
    "ingest.more_rejections": {
        "fr": "... et {count} autre(s) : `apprenance rejects list`",
        "en": "... and {count} more: `apprenance rejects list`"},
    "ingest.strict": {"fr": "{rejected} ligne(s) rejetée(s) (--strict)",
                      "en": "{rejected} row(s) rejected (--strict)"},
    "rejects.none": {"fr": "Aucun rejet en attente.", "en": "No open rejects."},
    "rejects.exported": {"fr": "{count} rejet(s) exporté(s) dans {path}",
                         "en": "{count} reject(s) exported to {path}"},
    "unmapped.none": {"fr": "Toutes les activités sont reconnues.",
                      "en": "Every activity is mapped."},
    "unmapped.row.one": {"fr": "{type} : {n} activité, {hours} h — suggestion : {suggested}",
                         "en": "{type}: {n} activity, {hours} h — suggested: {suggested}"},
    "unmapped.row": {"fr": "{type} : {n} activités, {hours} h — suggestion : {suggested}",
                     "en": "{type}: {n} activities, {hours} h — suggested: {suggested}"},
    "assign.done": {"fr": "Activité {id} : type {type} (auparavant {before}).",
                    "en": "Activity {id}: type {type} (was {before})."},
    "assign.unknown_type": {"fr": "type d'activité inconnu du catalogue : {type}",
                            "en": "activity type not in the catalog: {type}"},
    "assign.unknown_activity": {"fr": "aucune activité d'identifiant {id}",
                                "en": "no activity with id {id}"},
})
MESSAGES.update({  # what xAPI refuses (importers.xapi_rules); one identifier per person
    "ingest.xapi.type_expected": {"fr": "objectType « {value} » : {expected} attendu",
                                  "en": "objectType '{value}': {expected} expected"},
    "ingest.xapi.object_kind": {
        "fr": "objectType « {value} » : Activity, Agent, Group, SubStatement ou StatementRef",
        "en": "objectType '{value}': Activity, Agent, Group, SubStatement or StatementRef"},
    "ingest.xapi.members": {
        "fr": "un groupe sans identifiant a une liste member d'agents, non vide",
        "en": "a Group without an identifier has a non-empty member list of Agents"},
    "ingest.xapi.authority_group": {
        "fr": "une autorité de type Group a exactement deux agents (OAuth)",
        "en": "an authority Group has exactly two Agents (OAuth)"},
    "ingest.xapi.nested_sub": {"fr": "une SubStatement ne contient pas de SubStatement",
                               "en": "a SubStatement cannot contain a SubStatement"},
    "ingest.xapi.text": {"fr": "un texte est attendu", "en": "a string is expected"},
    "ingest.xapi.boolean": {"fr": "true ou false est attendu",
                            "en": "true or false is expected"},
    "ingest.xapi.number": {"fr": "« {value} » n'est pas un nombre",
                           "en": "'{value}' is not a number"},
    "ingest.xapi.scaled": {"fr": "score.scaled « {value} » hors de [-1, 1]",
                           "en": "score.scaled '{value}' outside [-1, 1]"},
    "ingest.xapi.score_range": {"fr": "score.min {low} plus grand que score.max {high}",
                                "en": "score.min {low} is above score.max {high}"},
    "ingest.xapi.score_raw": {"fr": "score.raw {value} hors de [min, max]",
                              "en": "score.raw {value} outside [min, max]"},
    "ingest.xapi.activity_only": {
        "fr": "revision et platform ne valent que si l'objet est une Activity",
        "en": "revision and platform are only allowed when the object is an Activity"},
    "ingest.xapi.language": {"fr": "« {value} » n'est pas une étiquette de langue (RFC 5646)",
                             "en": "'{value}' is not a language tag (RFC 5646)"},
    "ingest.xapi.empty": {"fr": "objet vide interdit par xAPI",
                          "en": "empty object, forbidden by xAPI"},
    "ingest.xapi.not_list": {"fr": "une liste est attendue, pas {kind}",
                             "en": "an array is expected, not {kind}"},
    "ingest.xapi.strings": {"fr": "une liste de textes est attendue",
                            "en": "an array of strings is expected"},
    "ingest.xapi.interaction": {"fr": "interactionType inconnu « {value} »",
                                "en": "unknown interactionType '{value}'"},
    "ingest.xapi.component_id": {
        "fr": "id de composant manquant ou en double « {value} »",
        "en": "interaction component id missing or repeated '{value}'"},
    "ingest.xapi.mime": {"fr": "« {value} » n'est pas un type de contenu (MIME)",
                         "en": "'{value}' is not a content type (MIME)"},
    "ingest.xapi.length": {"fr": "« {value} » n'est pas une taille en octets",
                           "en": "'{value}' is not a length in octets"},
    "ingest.xapi.sha2": {"fr": "« {value} » n'est pas une empreinte SHA-2 en hexadécimal",
                         "en": "'{value}' is not a hexadecimal SHA-2 hash"},
    "ingest.xapi.refused": {"fr": "déclaration {index} : {field} : {reason}",
                            "en": "statement {index}: {field}: {reason}"},
    "ingest.handle.mixed_script": {
        "fr": "« {value} » : « {part} » mêle des lettres {scripts} (un sosie d'une autre "
              "adresse) : écrivez-le dans un seul alphabet",
        "en": "'{value}': '{part}' mixes {scripts} letters (a look-alike of another "
              "address): write it in one script"},
})
MESSAGES.update({  # the sender's territories (web uploads and JSON records of a coordinator)
    "ingest.scope.territory": {
        "fr": "territoire « {territory} » : hors de votre territoire, ligne non enregistrée",
        "en": "territory '{territory}': outside your territory, row not stored"},
    "ingest.scope.learner": {
        "fr": "{participant} appartient au territoire « {territory} », qui n'est pas le "
              "vôtre : ligne non enregistrée",
        "en": "{participant} belongs to territory '{territory}', which is not yours: row "
              "not stored"},
    "ingest.scope.void": {
        "fr": "annule la déclaration {target}, d'un autre territoire que le vôtre",
        "en": "voids statement {target}, of another territory than yours"},
})
MESSAGES.update({  # what a newcomer trips on: legacy encodings, the rejects' round trip
    "ingest.note.cp1252": {
        "fr": "lu en Windows-1252 (enregistré par Excel, pas en UTF-8) : vérifiez les accents",
        "en": "read as Windows-1252 (saved by Excel, not as UTF-8): check the accents"},
    "rejects.reason_needed": {"fr": "indiquez une raison (--reason) pour écarter ce rejet",
                              "en": "give a reason (--reason) to dismiss this reject"},
    "rejects.reason_long": {"fr": "raison trop longue (au plus {limit} caractères)",
                            "en": "reason too long (at most {limit} characters)"},
    "rejects.not_found": {"fr": "aucun rejet n° {id} (voir `apprenance rejects list`)",
                          "en": "no reject {id} (see `apprenance rejects list`)"},
    "api_docs.missing": {
        "fr": "La documentation interactive de l'API a besoin des fichiers de Swagger UI, absents "
              "de cette installation (paquet swagger-ui-bundle). La description de l'API est là :",
        "en": "The interactive API documentation needs Swagger UI's files, missing from this "
              "installation (package swagger-ui-bundle). The API description is here:"},
    "rejects.source_gone": {
        "fr": "le fichier d'origine {file} n'est plus lisible : exportez avec --format csv",
        "en": "the source file {file} cannot be read any more: export with --format csv"},
    "rejects.several_sources": {
        "fr": "rejets de fichiers de formats ou de colonnes différents ({files}) : "
              "choisissez-en un avec --file",
        "en": "rejects of files with different formats or columns ({files}): "
              "choose one with --file"},
    "rejects.dismissed": {"fr": "rejet n° {id} écarté : {reason}",
                          "en": "reject {id} dismissed: {reason}"},
})
MESSAGES.update({
    "learner.exported": {
        "fr": "Données de {learner} exportées dans {out} ({activities} activités, "
              "{credentials} certifications).",
        "en": "Data of {learner} exported to {out} ({activities} activities, "
              "{credentials} credentials)."},
    "learner.erase.confirm": {
        "fr": "Effacer les données personnelles de {learner} et révoquer ses certifications ? "
              "C'est définitif",
        "en": "Erase the personal data of {learner} and revoke their credentials? "
              "This cannot be undone"},
    "learner.erase.needs_yes": {
        "fr": "l'effacement de {learner} est définitif : confirmez avec --yes",
        "en": "erasing {learner} cannot be undone: confirm with --yes"},
    "learner.erase.done": {
        "fr": "{learner} effacé·e : désormais {pseudonym} ; {credentials} certification(s) "
              "révoquée(s) ; {activities} activités ({hours} h) restent comptées dans les "
              "statistiques.",
        "en": "{learner} erased: now {pseudonym}; {credentials} credential(s) revoked; "
              "{activities} activities ({hours} h) still count in the statistics."},
    "learner.erase.resumed": {
        "fr": "{pseudonym} était déjà effacé·e : effacement terminé ({credentials} "
              "certification(s) révoquée(s) maintenant).",
        "en": "{pseudonym} was already erased: erasure completed ({credentials} "
              "credential(s) revoked now)."},
    "learner.erase.review": {
        "fr": "  à revoir (nomme encore la personne) : {path}",
        "en": "  to review (still names the person): {path}"},
    "learner.erase.count": {"fr": "  {n:>6}  {what}", "en": "  {n:>6}  {what}"},
    "learner.erase.activities_cleared": {
        "fr": "activités sans description ni preuve", "en": "activities without description "
        "nor evidence URL"},
    "learner.erase.attestations_received_cleared": {
        "fr": "attestations reçues sans commentaire", "en": "attestations received, comments "
        "cleared"},
    "learner.erase.attestations_given": {
        "fr": "attestations données, sous le pseudonyme", "en": "attestations given, under the "
        "pseudonym"},
    "learner.erase.rejects_purged": {"fr": "lignes rejetées supprimées",
                                     "en": "rejected rows deleted"},
    "learner.erase.statements_deleted": {"fr": "déclarations xAPI supprimées",
                                         "en": "xAPI statements deleted"},
    "learner.erase.statements_deidentified": {"fr": "déclarations xAPI témoignées, anonymisées",
                                              "en": "witnessed xAPI statements de-identified"},
    "learner.erase.share_links_revoked": {"fr": "liens de partage révoqués",
                                          "en": "share links revoked"},
    "learner.erase.sign_in_links_revoked": {"fr": "liens de connexion expirés",
                                            "en": "sign-in links expired"},
    "learner.erase.tokens_revoked": {"fr": "jetons et sessions révoqués",
                                     "en": "tokens and sessions revoked"},
    "learner.erase.oauth_clients_revoked": {"fr": "clients OAuth révoqués",
                                            "en": "OAuth clients revoked"},
})

# --- YAML refused before it is built (contracts/yaml_input.py) -------------------------------
MESSAGES.update({
    "yaml.invalid": {"fr": "YAML invalide : {problem}", "en": "invalid YAML: {problem}"},
    "yaml.unsafe.aliases": {
        "fr": "YAML refusé : plus de {limit} alias (*nom) dans le document",
        "en": "invalid YAML: more than {limit} aliases (*name) in the document"},
    "yaml.unsafe.recursive": {
        "fr": "YAML refusé : un alias (*nom) à l'intérieur de sa propre ancre (&nom)",
        "en": "invalid YAML: an alias (*name) inside its own anchor (&name)"},
    "yaml.unsafe.expansion_nodes": {
        "fr": "YAML refusé : une fois développés, les alias (*nom) ajouteraient plus de "
              "{limit} valeurs",
        "en": "invalid YAML: once expanded, the aliases (*name) would add more than {limit} "
              "values"},
    "yaml.unsafe.expansion_size": {
        "fr": "YAML refusé : une fois développés, les alias (*nom) ajouteraient plus de "
              "{limit} caractères",
        "en": "invalid YAML: once expanded, the aliases (*name) would add more than {limit} "
              "characters"},
    "yaml.unsafe.deep": {
        "fr": "YAML refusé : imbriqué trop profondément (plus de {limit} niveaux)",
        "en": "invalid YAML: nested too deeply (more than {limit} levels)"},
})

# --- NUL refused at the edge (web/input_guard.py) ---------------------------------------------
MESSAGES.update({
    "input.nul": {"fr": "le caractère NUL (%00, \\u0000) n'est pas accepté",
                  "en": "the NUL character (%00, \\u0000) is not accepted"},
})

# --- A territory file naming learners of another territory (services/people/territories.py) ---
MESSAGES.update({
    "territory.move.refused": {
        "fr": "{participant} est dans le territoire {old} : pas déplacé·e vers {new} (il faut "
              "--move-learners, ou move_learners=true pour l'API, réservé aux admins)",
        "en": "{participant} is in territory {old}: not moved to {new} (this needs "
              "--move-learners, or move_learners=true on the API, for admins)"},
    "territory.move.done": {
        "fr": "{participant} déplacé·e du territoire {old} vers {new}, avec tout son historique",
        "en": "{participant} moved from territory {old} to {new}, with their whole history"},
    "territory.move.admin_only": {
        "fr": "déplacer des apprenant·es d'un territoire à l'autre est réservé aux admins",
        "en": "moving learners from one territory to another is for admins"},
})

# verify, the web page (issue 19): each check in plain words, the headline verdict naming the
# check that failed, and what the credential vouches for
MESSAGES.update({
    "verify.plain.unbake.ok": {"fr": "Le badge contient bien sa certification.",
                               "en": "The badge carries its credential."},
    "verify.plain.unbake.failed": {"fr": "L'image ne contient pas de certification lisible.",
                                   "en": "The image carries no readable credential."},
    "verify.plain.pdf.ok": {"fr": "L'attestation PDF contient bien sa certification.",
                            "en": "The PDF certificate carries its credential."},
    "verify.plain.pdf.failed": {"fr": "Le PDF ne contient pas de certification lisible.",
                                "en": "The PDF carries no readable credential."},
    "verify.plain.parse.ok": {"fr": "Le document est lisible.",
                              "en": "The document is readable."},
    "verify.plain.parse.failed": {"fr": "Le document n'est pas lisible.",
                                  "en": "The document is not readable."},
    "verify.plain.context.ok": {"fr": "Il se présente comme une preuve vérifiable (W3C).",
                                "en": "It presents itself as a W3C Verifiable Credential."},
    "verify.plain.context.failed": {
        "fr": "Son en-tête (@context) n'est pas celui d'une preuve vérifiable.",
        "en": "Its header (@context) is not a Verifiable Credential's."},
    "verify.plain.terms.ok": {"fr": "Son vocabulaire est celui des Open Badges.",
                              "en": "It speaks the Open Badges vocabulary."},
    "verify.plain.terms.failed": {"fr": "Il utilise des termes inconnus des Open Badges.",
                                  "en": "It uses terms Open Badges does not define."},
    "verify.plain.terms.warning": {
        "fr": "Il utilise des termes hors du vocabulaire Open Badges (sans effet sur le "
              "verdict).",
        "en": "It uses terms outside the Open Badges vocabulary (no effect on the verdict)."},
    "verify.plain.structure.ok": {"fr": "Sa structure est celle d'un Open Badge.",
                                  "en": "It is shaped as an Open Badge."},
    "verify.plain.structure.failed": {"fr": "Sa structure s'écarte de celle d'un Open Badge.",
                                      "en": "Its shape departs from an Open Badge."},
    "verify.plain.structure.warning": {
        "fr": "Sa structure s'écarte sur des détails du modèle Open Badges 3.0 (sans effet sur "
              "le verdict).",
        "en": "Its shape departs in details from the Open Badges 3.0 model (no effect on the "
              "verdict)."},
    "verify.plain.issuer.ok": {"fr": "La clé de signature appartient bien à l'émetteur.",
                               "en": "The signing key belongs to the issuer."},
    "verify.plain.issuer.failed": {
        "fr": "La clé de signature n'est pas celle de l'émetteur annoncé.",
        "en": "The signing key is not the stated issuer's."},
    "verify.plain.signature.ok": {
        "fr": "La signature est intacte : rien n'a été modifié depuis la délivrance.",
        "en": "The signature holds: nothing changed since it was issued."},
    "verify.plain.signature.failed": {
        "fr": "La signature ne correspond pas : le document a pu être modifié.",
        "en": "The signature does not match: the document may have been altered."},
    "verify.plain.window.ok": {"fr": "Le badge est dans sa période de validité.",
                               "en": "The badge is within its validity period."},
    "verify.plain.window.expired": {"fr": "Le badge a expiré.", "en": "The badge has expired."},
    "verify.plain.window.not_yet_valid": {"fr": "Le badge n'est pas encore valide.",
                                          "en": "The badge is not valid yet."},
    "verify.plain.window.failed": {"fr": "Les dates de validité du badge sont illisibles.",
                                   "en": "The badge's validity dates cannot be read."},
    "verify.plain.status.ok": {"fr": "L'émetteur ne l'a pas révoqué.",
                               "en": "The issuer has not revoked it."},
    "verify.plain.status.revoked": {"fr": "L'émetteur l'a révoqué.",
                                    "en": "The issuer has revoked it."},
    "verify.plain.status.suspended": {"fr": "L'émetteur l'a suspendu.",
                                      "en": "The issuer has suspended it."},
    "verify.plain.status.failed": {
        "fr": "Son statut (révocation) n'a pas pu être établi de façon fiable.",
        "en": "Its status (revocation) could not be established reliably."},
    "verify.plain.recipient.ok": {"fr": "Il a bien été délivré à la personne indiquée.",
                                  "en": "It was issued to the person given."},
    "verify.plain.recipient.failed": {"fr": "Il n'a pas été délivré à la personne indiquée.",
                                      "en": "It was not issued to the person given."},
    "verify.plain.nested.ok": {"fr": "Chaque preuve qu'il contient est valide.",
                               "en": "Every credential it holds is valid."},
    "verify.plain.nested.failed": {"fr": "Une preuve qu'il contient n'est pas valide.",
                                   "en": "A credential it holds is not valid."},
    "verify.plain.endorsed.ok": {"fr": "La recommandation porte bien sur ce badge.",
                                 "en": "The endorsement is about this badge."},
    "verify.plain.endorsed.failed": {"fr": "La recommandation porte sur autre chose.",
                                     "en": "The endorsement is about something else."},
    "verify.plain.hosted.ok": {"fr": "L'émetteur héberge bien ce même badge.",
                               "en": "The issuer hosts this very badge."},
    "verify.plain.hosted.failed": {
        "fr": "Le badge hébergé par l'émetteur est absent ou différent.",
        "en": "The badge the issuer hosts is missing or different."},
    "verify.plain.badge.ok": {"fr": "La description du badge est complète.",
                              "en": "The badge's description is complete."},
    "verify.plain.badge.failed": {"fr": "La description du badge est absente ou incomplète.",
                                  "en": "The badge's description is missing or incomplete."},
    "verify.plain.origin.ok": {"fr": "Le badge est hébergé là où l'émetteur l'annonce.",
                               "en": "The badge is hosted where its issuer says."},
    "verify.plain.origin.failed": {
        "fr": "Le badge est hébergé ailleurs que là où l'émetteur l'annonce.",
        "en": "The badge is hosted elsewhere than where its issuer says."},
    "verify.plain.verify.ok": {"fr": "La vérification a abouti.",
                               "en": "The verification ran to its end."},
    "verify.plain.verify.failed": {"fr": "La vérification n'a pas pu aboutir.",
                                   "en": "The verification could not finish."},
    "verify.plain.other.ok": {"fr": "Contrôle « {check} » réussi.",
                              "en": "Check “{check}” passed."},
    "verify.plain.other.failed": {"fr": "Contrôle « {check} » en échec.",
                                  "en": "Check “{check}” failed."},
    "verify.plain.other.warning": {"fr": "Contrôle « {check} » : remarque.",
                                   "en": "Check “{check}”: a note."},
    "verify.headline.valid": {"fr": "Ce badge est authentique et valide.",
                              "en": "This badge is genuine and valid."},
    "verify.headline.unreadable": {
        "fr": "Ce fichier ne contient pas de badge lisible : rien n'a pu être vérifié.",
        "en": "This file holds no readable badge: nothing could be verified."},
    "verify.headline.revoked": {"fr": "Ce badge n'est pas valide : l'émetteur l'a révoqué.",
                                "en": "This badge is not valid: the issuer has revoked it."},
    "verify.headline.suspended": {
        "fr": "Ce badge n'est pas valide : l'émetteur l'a suspendu.",
        "en": "This badge is not valid: the issuer has suspended it."},
    "verify.headline.expired": {"fr": "Ce badge n'est plus valide : il a expiré le {end}.",
                                "en": "This badge is no longer valid: it expired on {end}."},
    "verify.headline.not_yet_valid": {
        "fr": "Ce badge n'est pas encore valide : il le sera à partir du {start}.",
        "en": "This badge is not valid yet: it will be from {start}."},
    "verify.headline.invalid": {
        "fr": "Ce badge n'est pas valide : échec du contrôle {checks}.",
        "en": "This badge is not valid: the {checks} check failed."},
    "verify.headline.invalid_many": {
        "fr": "Ce badge n'est pas valide : échec des contrôles {checks}.",
        "en": "This badge is not valid: the {checks} checks failed."},
    "verify.headline.check": {"fr": "« {name} »", "en": "“{name}”"},
    "verify.headline.and": {"fr": "{first} et {last}", "en": "{first} and {last}"},
    "verify.page.failed": {"fr": "Contrôles en échec : {checks}",
                           "en": "Checks that failed: {checks}"},
    "verify.page.vouches": {"fr": "Ce que la preuve atteste", "en": "What the credential states"},
    "verify.page.vouches_help": {
        "fr": "Comparez ces informations avec l'attestation ou le badge que l'on vous a remis.",
        "en": "Compare these facts with the certificate or badge you were given."},
    "verify.page.unverified_facts": {
        "fr": "Attention : la preuve n'est pas valide, ces informations ne sont pas garanties.",
        "en": "Beware: the credential is not valid, these facts are not vouched for."},
    "verify.page.holder": {"fr": "Titulaire", "en": "Holder"},
    "verify.page.holder_hashed": {"fr": "empreinte de l'identifiant ({kind}) {value}",
                                  "en": "hashed identifier ({kind}) {value}"},
    "verify.page.holder_none": {"fr": "non indiqué", "en": "not stated"},
    "verify.page.achievement": {"fr": "Badge ou parcours", "en": "Badge or pathway"},
    "verify.page.endorses": {"fr": "Recommande", "en": "Endorses"},
    "verify.page.issuer": {"fr": "Émetteur", "en": "Issuer"},
    "verify.page.issued": {"fr": "Délivré le", "en": "Awarded on"},
    "verify.page.valid_from": {"fr": "Valide à partir du", "en": "Valid from"},
    "verify.page.valid_until": {"fr": "Fin de validité", "en": "Valid until"},
    "verify.page.no_end": {"fr": "aucune (valable sans limite)", "en": "no end date"},
    "verify.page.status": {"fr": "Statut", "en": "Status"},
    "verify.page.status.ok": {"fr": "non révoqué", "en": "not revoked"},
    "verify.page.status.none": {"fr": "sans liste de révocation",
                                "en": "no revocation list"},
    "verify.page.status.revoked": {"fr": "révoqué", "en": "revoked"},
    "verify.page.status.suspended": {"fr": "suspendu", "en": "suspended"},
    "verify.page.status.error": {"fr": "inconnu (vérification impossible)",
                                 "en": "unknown (could not be checked)"},
    "verify.page.recipient": {"fr": "Adresse du ou de la titulaire (facultatif)",
                              "en": "Holder's email address (optional)"},
    "verify.page.recipient_help": {
        "fr": "Pour contrôler que la preuve a été délivrée à cette adresse.",
        "en": "To check that the credential was issued to this address."},
    "verify.page.recipient.ok": {"fr": "correspond à l'adresse indiquée ({email})",
                                 "en": "matches the address given ({email})"},
    "verify.page.recipient.mismatch": {
        "fr": "ne correspond PAS à l'adresse indiquée ({email})",
        "en": "does NOT match the address given ({email})"},
    "verify.page.recipient_fact": {"fr": "Adresse contrôlée", "en": "Address checked"},
})
MESSAGES.update({  # why a Data Integrity proof does not verify (credentials.data_integrity)
    "verify.proof.cryptosuite": {"fr": "suite cryptographique non prise en charge : {suite!r}",
                                 "en": "unsupported cryptosuite {suite!r}"},
    "verify.proof.type": {"fr": "type de preuve non pris en charge : {type!r}",
                          "en": "unsupported proof type {type!r}"},
    "verify.proof.no_value": {"fr": "la preuve n'a pas de proofValue",
                              "en": "the proof has no proofValue"},
    "verify.proof.bad_value": {"fr": "proofValue illisible : {reason}",
                               "en": "unreadable proofValue: {reason}"},
    "verify.proof.mismatch": {"fr": "la signature ne correspond pas à la preuve : elle a été "
                                    "modifiée, ou signée par une autre clé",
                              "en": "the signature does not match the credential"},
})

# Issue 19: the day a badge was earned (the evidence met its rule) apart from its issuance.
MESSAGES.update({
    "cert.col.awarded": {"fr": "Attribué le", "en": "Awarded on"},
    "cert.col.issued": {"fr": "Émis le", "en": "Issued on"},
    "cert.pathway.done_issued": {
        "fr": "Parcours achevé le {date} ; certification émise le {issued}.",
        "en": "Pathway completed on {date}; credential issued on {issued}."},
    "portfolio.issued_on": {"fr": "émis le {date}", "en": "issued on {date}"},
    "endorsement.description_many": {
        "fr": "{name} a attesté {count} activités qui comptent pour ce badge ; l'émetteur a "
              "enregistré ces attestations et les signe.",
        "en": "{name} attested {count} activities that count for this badge; the issuer "
              "recorded the attestations and signs them."},
})

MESSAGES.update({  # Open Badges 2.0 verification (credentials.ob2_verify, ob2_documents)
    "verify.ob2.what.input": {"fr": "l'entrée", "en": "the input"},
    "verify.ob2.what.assertion": {"fr": "l'assertion de l'image", "en": "the image's assertion"},
    "verify.ob2.what.hosted": {"fr": "l'assertion hébergée", "en": "hosted assertion"},
    "verify.ob2.what.badge": {"fr": "la BadgeClass (le badge)", "en": "BadgeClass"},
    "verify.ob2.what.issuer": {"fr": "le profil de l'émetteur", "en": "issuer Profile"},
    "verify.ob2.what.key": {"fr": "la clé de signature", "en": "signing key"},
    "verify.ob2.what.revocations": {"fr": "la liste de révocation", "en": "revocation list"},
    "verify.ob2.at": {"fr": "{what} à l'adresse {url}", "en": "the {what} at {url}"},
    "verify.ob2.not_json": {"fr": "{where} n'est pas du JSON", "en": "{where} is not JSON"},
    "verify.ob2.not_object": {"fr": "{where} n'est pas un objet JSON",
                              "en": "{where} is not a JSON object"},
    "verify.ob2.fetch": {"fr": "impossible de récupérer {what} {url} : {reason}",
                         "en": "cannot fetch the {what} {url}: {reason}"},
    "verify.ob2.names_itself": {"fr": "{what} à l'adresse {url} se nomme {id}",
                                "en": "the {what} at {url} names itself {id}"},
    "verify.ob2.no_context": {"fr": "{what} à l'adresse {url} n'a pas le contexte {context}",
                              "en": "the {what} at {url} lacks the context {context}"},
    "verify.ob2.not_a_reference": {
        "fr": "{what} n'est ni un document ni une adresse http(s) : {value}",
        "en": "the {what} is neither a document nor an http(s) URL: {value}"},
    "verify.ob2.problem.type": {"fr": "le type n'est pas {type}", "en": "type is not {type}"},
    "verify.ob2.problem.type_profile": {"fr": "le type n'est ni Issuer ni Profile",
                                        "en": "type is not Issuer or Profile"},
    "verify.ob2.problem.id": {"fr": "id n'est pas une IRI", "en": "id is not an IRI"},
    "verify.ob2.problem.recipient": {"fr": "recipient n'est pas un IdentityObject",
                                     "en": "recipient is not an IdentityObject"},
    "verify.ob2.problem.recipient_type": {"fr": "recipient.type {type} n'est pas l'un de {types}",
                                          "en": "recipient.type {type} is not one of {types}"},
    "verify.ob2.problem.hashed": {"fr": "recipient.hashed n'est pas un booléen",
                                  "en": "recipient.hashed is not a boolean"},
    "verify.ob2.problem.missing": {"fr": "{name} manque", "en": "{name} missing"},
    "verify.ob2.problem.hash": {"fr": "recipient.identity n'est pas une empreinte sha256$ ou md5$",
                                "en": "recipient.identity is not a sha256$ or md5$ hash"},
    "verify.ob2.problem.salt": {"fr": "recipient.salt n'est pas un texte",
                                "en": "recipient.salt is not text"},
    "verify.ob2.problem.verification": {
        "fr": "verification.type n'est ni HostedBadge ni SignedBadge",
        "en": "verification.type is not HostedBadge or SignedBadge"},
    "verify.ob2.problem.issued_on": {"fr": "issuedOn manque ou n'est pas une date",
                                     "en": "issuedOn missing or not a date-time"},
    "verify.ob2.problem.date": {"fr": "{name} n'est pas une date",
                                "en": "{name} is not a date-time"},
    "verify.ob2.problem.criteria": {
        "fr": "criteria manque (une adresse, ou un id ou un narrative)",
        "en": "criteria missing (a URL, or an id or narrative)"},
    "verify.ob2.problem.url": {"fr": "url manque (une adresse http(s))",
                               "en": "url missing (an http(s) URL)"},
    "verify.ob2.origin.prefix": {
        "fr": "{id} ne commence par aucun de {prefixes} (règle de vérification de l'émetteur)",
        "en": "{id} starts with none of {prefixes} (the issuer's verification policy)"},
    "verify.ob2.origin.no_origin": {
        "fr": "l'identifiant de l'émetteur {issuer} n'a pas d'origine http(s) à comparer",
        "en": "the issuer id {issuer} has no http(s) origin to check against"},
    "verify.ob2.origin.other": {
        "fr": "l'assertion est hébergée sur {origin}, l'émetteur autorise {allowed}",
        "en": "the assertion is hosted on {origin}, the issuer allows {allowed}"},
    "verify.ob2.origin.ok": {
        "fr": "l'assertion est hébergée sur {origin}, une origine que l'émetteur autorise",
        "en": "the assertion is hosted on {origin}, an origin the issuer allows"},
    "verify.ob2.origin.no_issuer": {
        "fr": "pas de profil d'émetteur pour contrôler l'origine de l'assertion",
        "en": "no issuer profile to check the assertion's origin"},
    "verify.ob2.recipient.none": {"fr": "l'assertion ne nomme personne (recipient.identity)",
                                  "en": "the assertion has no recipient identity"},
    "verify.ob2.recipient.hash": {"fr": "empreinte inconnue {algorithm} pour le ou la titulaire",
                                  "en": "unknown hash {algorithm} in the recipient identity"},
    "verify.ob2.recipient.hash_ok": {"fr": "l'empreinte ({algorithm}) de l'identité ({kind}) "
                                           "correspond",
                                     "en": "the {kind} hash ({algorithm}) matches"},
    "verify.ob2.recipient.ok": {"fr": "l'identité ({kind}) correspond",
                                "en": "the {kind} matches"},
    "verify.ob2.recipient.other": {
        "fr": "l'assertion n'a pas été délivrée à cette identité ({kind})",
        "en": "the assertion was not issued to this {kind}"},
    "verify.ob2.empty": {"fr": "{where} est vide", "en": "{where} is empty"},
    "verify.ob2.jws_other": {"fr": "{where} est un JWS sans assertion Open Badges 2.0",
                             "en": "{where} is a JWS without an Open Badges 2.0 assertion"},
    "verify.ob2.parse_jws": {"fr": "assertion Open Badges 2.0 signée (JWS {alg})",
                             "en": "Open Badges 2.0 signed assertion (JWS {alg})"},
    "verify.ob2.parse_url": {"fr": "adresse d'une assertion Open Badges 2.0 : {url}",
                             "en": "Open Badges 2.0 assertion URL {url}"},
    "verify.ob2.not_ob2": {"fr": "{where} n'est pas une assertion Open Badges 2.0 (pas de "
                                 "{context})",
                           "en": "{where} is not an Open Badges 2.0 assertion (no {context})"},
    "verify.ob2.parse_json": {"fr": "assertion Open Badges 2.0 (JSON)",
                              "en": "Open Badges 2.0 assertion (JSON)"},
    "verify.ob2.structure_ok": {"fr": "une assertion Open Badges 2.0 bien formée",
                                "en": "a well-formed Open Badges 2.0 Assertion"},
    "verify.ob2.no_badge_issuer": {"fr": "pas de BadgeClass pour nommer l'émetteur",
                                   "en": "no badge class to name the issuer"},
    "verify.ob2.none": {"fr": "{what} manque", "en": "no {what}"},
    "verify.ob2.where_url": {"fr": "à l'adresse {url}", "en": "at {url}"},
    "verify.ob2.where_embedded": {"fr": "(inclus dans l'assertion)", "en": "(embedded)"},
    "verify.ob2.document_bad": {"fr": "{what} {where} : {problems}",
                                "en": "the {what} {where}: {problems}"},
    "verify.ob2.document_ok": {"fr": "{what} {where} : conforme",
                               "en": "a well-formed {what} {where}"},
    "verify.ob2.hosted_jws": {
        "fr": "un JWS doit contenir une assertion SignedBadge, celle-ci dit HostedBadge",
        "en": "a JWS must hold a SignedBadge assertion, this one says HostedBadge"},
    "verify.ob2.hosted_id": {
        "fr": "l'id d'une assertion hébergée doit être une adresse http(s), pas {id}",
        "en": "a hosted assertion's id must be an http(s) URL, not {id}"},
    "verify.ob2.hosted_verify": {
        "fr": "l'attribut verify de l'image, {verify}, n'est pas l'id de l'assertion {id}",
        "en": "the image's verify attribute {verify} is not the assertion id {id}"},
    "verify.ob2.hosted_no_id": {"fr": "l'assertion n'a pas d'id", "en": "no assertion id"},
    "verify.ob2.hosted_named": {"fr": "l'image nomme {id}, qui répond l'assertion",
                                "en": "the image names {id}, which answers the assertion"},
    "verify.ob2.hosted_differs.image": {
        "fr": "l'assertion de l'image diffère de celle hébergée à {id} ({fields})",
        "en": "the image's assertion differs from the one hosted at {id} ({fields})"},
    "verify.ob2.hosted_differs.fetched": {
        "fr": "l'assertion récupérée diffère de celle hébergée à {id} ({fields})",
        "en": "the fetched assertion differs from the one hosted at {id} ({fields})"},
    "verify.ob2.hosted_differs.given": {
        "fr": "l'assertion fournie diffère de celle hébergée à {id} ({fields})",
        "en": "the given assertion differs from the one hosted at {id} ({fields})"},
    "verify.ob2.hosted_fetched": {
        "fr": "récupérée à {url} ; son id {id} répond le même document",
        "en": "fetched from {url}; its id {id} answers the same document"},
    "verify.ob2.hosted_baked": {"fr": "l'image contient l'assertion hébergée à {id}",
                                "en": "the image carries the assertion hosted at {id}"},
    "verify.ob2.hosted_same": {"fr": "l'assertion hébergée à {id} est le même document",
                               "en": "the assertion hosted at {id} is the same document"},
    "verify.ob2.key_no_pem": {"fr": "la clé de signature {where} n'a pas de publicKeyPem",
                              "en": "the signing key {where} has no publicKeyPem"},
    "verify.ob2.key_bad_pem": {"fr": "le publicKeyPem de {where} n'est pas une clé publique "
                                     "lisible",
                               "en": "the publicKeyPem of {where} is not a readable public key"},
    "verify.ob2.key_kind": {"fr": "la clé {where} n'est ni RSA ni Ed25519",
                            "en": "the key {where} is neither RSA nor Ed25519"},
    "verify.ob2.sig_kind": {"fr": "pas de type de vérification (HostedBadge ou SignedBadge)",
                            "en": "no verification type (HostedBadge or SignedBadge)"},
    "verify.ob2.sig_plain": {
        "fr": "une assertion signée se vérifie à partir de son JWS (sérialisation compacte) ; "
              "celle-ci est arrivée en JSON simple",
        "en": "a signed assertion is verified from its JWS (compact serialization); this one "
              "came as plain JSON"},
    "verify.ob2.sig_alg": {"fr": "algorithme JWS {alg} (RS256 ou EdDSA attendu)",
                           "en": "JWS algorithm {alg} (expected RS256 or EdDSA)"},
    "verify.ob2.sig_verify_attr": {"fr": "l'attribut verify de l'image n'est pas son JWS",
                                   "en": "the image's verify attribute is not its JWS"},
    "verify.ob2.sig_no_key": {
        "fr": "aucune clé : pas de verification.creator, et l'émetteur ne déclare aucune "
              "publicKey",
        "en": "no key: no verification.creator, and the issuer declares no publicKey"},
    "verify.ob2.key_no_issuer": {
        "fr": "JWS ({alg}) vérifié avec {signer}, mais aucun profil d'émetteur ne confirme la clé",
        "en": "JWS ({alg}) verified with {signer}, but there is no issuer profile to confirm the "
              "key"},
    "verify.ob2.key_undeclared": {
        "fr": "JWS ({alg}) vérifié avec {signer}, une clé que l'émetteur {issuer} ne déclare pas "
              "(publicKey)",
        "en": "JWS ({alg}) verified with {signer}, a key the issuer {issuer} does not declare "
              "(publicKey)"},
    "verify.ob2.key_owner": {"fr": "la clé {signer} appartient à {owner}, pas à l'émetteur "
                                   "{issuer}",
                             "en": "the key {signer} is owned by {owner}, not by the issuer "
                                   "{issuer}"},
    "verify.ob2.key_ok": {"fr": "JWS ({alg}) vérifié avec {signer}, une clé de l'émetteur",
                          "en": "JWS ({alg}) verified with {signer}, a key of the issuer"},
    "verify.ob2.window_invalid": {"fr": "issuedOn ou expires n'est pas une date",
                                  "en": "issuedOn or expires is not a date-time"},
    "verify.ob2.window_order": {"fr": "expire ({end}) avant d'avoir été délivré ({start})",
                                "en": "expires ({end}) before it was issued ({start})"},
    "verify.ob2.window_early": {"fr": "délivré dans le futur ({start})",
                                "en": "issued in the future ({start})"},
    "verify.ob2.window_expired": {"fr": "expiré le {end}", "en": "expired on {end}"},
    "verify.ob2.window_ok": {"fr": "délivré le {start}, valable jusqu'au {end}",
                             "en": "issued on {start}, until {end}"},
    "verify.ob2.window_open": {"fr": "délivré le {start}, sans expiration",
                               "en": "issued on {start}, no expiry"},
    "verify.ob2.revoked_hosted": {"fr": "l'assertion hébergée le dit{why}",
                                  "en": "the hosted assertion says so{why}"},
    "verify.ob2.no_list": {"fr": "l'émetteur ne publie pas de liste de révocation",
                           "en": "the issuer publishes no revocation list"},
    "verify.ob2.list_no_issuer": {
        "fr": "pas de profil d'émetteur où lire la liste de révocation",
        "en": "no issuer profile to read the revocation list from"},
    "verify.ob2.list_embedded": {"fr": "la liste de révocation incluse",
                                 "en": "the embedded revocation list"},
    "verify.ob2.list_bad": {"fr": "{where} : {problems}", "en": "{where}: {problems}"},
    "verify.ob2.not_in": {"fr": "absent de {where}", "en": "not in {where}"},
    "verify.ob2.revoked_in": {"fr": "révoqué dans {where}{why}",
                              "en": "revoked in {where}{why}"},
    "verify.ob2.revoked": {"fr": "révoqué : {how}", "en": "revoked: {how}"},
    "verify.ob2.not_revoked": {"fr": "non révoqué ({how})", "en": "not revoked ({how})"},
    "verify.ob2.terms_warn": {"fr": "termes hors du contexte Open Badges 2.0 : {problems}",
                              "en": "{problems}"},
    "verify.ob2.terms_ok": {"fr": "chaque terme est défini par le contexte Open Badges 2.0",
                            "en": "every term is defined by the Open Badges 2.0 context"},
})
MESSAGES.update({  # reading what is given to verify (services.verify)
    "verify.read.too_deep": {"fr": "le document est imbriqué trop profondément pour être une "
                                   "preuve",
                             "en": "the document is nested too deeply to be a credential"},
    "verify.read.pdf": {"fr": "preuve jointe au PDF ({count} pièce(s) jointe(s))",
                        "en": "credential attached to the PDF ({count} attached)"},
    "verify.read.baked": {"fr": "preuve intégrée à l'image {container} (Open Badges {version})",
                          "en": "credential baked in {container} (Open Badges {version})"},
    "verify.read.binary": {"fr": "ni du texte, ni un badge PNG ou SVG",
                           "en": "not text, and not a PNG or SVG badge"},
    "verify.read.twice": {"fr": "la clé {name} figure deux fois dans un même objet JSON : les "
                                "lecteurs divergent sur la valeur qui compte, le document est "
                                "refusé",
                          "en": "the key {name} appears twice in one JSON object: readers "
                                "disagree on which value counts, so the document is refused"},
})

# issuing with a safe address, keys at rest, Open Badges 2.0 email (issues 12 and 19)
MESSAGES.update({
    "issuer.no_email": {
        "fr": "Sans --email, l'émetteur {id} ne délivre pas d'Open Badges 2.0 (la norme exige "
              "une adresse de contact de l'émetteur) : seuls les Open Badges 3.0 le seront.",
        "en": "Without --email, issuer {id} issues no Open Badges 2.0 (the standard requires "
              "the issuer's contact address): only Open Badges 3.0 are issued."},
    "issue.no_ob2": {
        "fr": "L'émetteur {issuer} n'a pas d'adresse e-mail : la forme Open Badges 2.0 n'est pas "
              "délivrée (la norme l'exige) ; les Open Badges 3.0 le sont. Pour l'OB 2.0, créez "
              "un émetteur avec `apprenance issuer init --email ADRESSE`.",
        "en": "Issuer {issuer} has no email address: the Open Badges 2.0 form is not issued "
              "(the standard requires one); Open Badges 3.0 are. For OB 2.0, create an issuer "
              "with `apprenance issuer init --email ADDRESS`."},
    "url.local": {
        "fr": "Signature refusée : l'adresse publique {url} est locale. Une certification signée "
              "avec elle ne se vérifie nulle part ailleurs, et son statut serait ce que répond "
              "le port local du vérificateur. Définissez APPRENANCE_PUBLIC_URL (ou "
              "--public-url) avec l'adresse publique de l'instance, ou, pour un essai local, "
              "passez --allow-local-url (APPRENANCE_ALLOW_LOCAL_URL=1 ; au serveur : "
              "`apprenance serve --allow-local-url`).",
        "en": "Signing refused: the public URL {url} is local. A credential signed with it "
              "verifies nowhere else, and its status would be whatever answers on the "
              "verifier's own port. Set APPRENANCE_PUBLIC_URL (or --public-url) to the "
              "instance's public address, or, for a local trial, pass --allow-local-url "
              "(APPRENANCE_ALLOW_LOCAL_URL=1; for the server: "
              "`apprenance serve --allow-local-url`)."},
    "key.prompt": {"fr": "Phrase de passe des clés de l'émetteur",
                   "en": "Passphrase of the issuer keys"},
    "key.prompt.new": {"fr": "Phrase de passe qui chiffrera la clé privée",
                       "en": "Passphrase to encrypt the private key with"},
    "key.prompt.again": {"fr": "La même, encore une fois", "en": "The same again"},
    "key.passphrase_required": {
        "fr": "Clé privée non écrite : elle est chiffrée par une phrase de passe. Définissez "
              "APPRENANCE_KEY_PASSPHRASE (ou lancez la commande dans un terminal pour la "
              "saisir) ; --no-passphrase l'écrit en clair (une démo, un essai).",
        "en": "Private key not written: it is encrypted with a passphrase. Set "
              "APPRENANCE_KEY_PASSPHRASE (or run the command on a terminal to type it); "
              "--no-passphrase writes it unencrypted (a demo, a trial)."},
    "key.unencrypted": {
        "fr": "Attention : la clé privée de l'émetteur {id} est écrite EN CLAIR dans {folder} "
              "(mode 0600) ; qui lit ce fichier signe en son nom. En production, définissez "
              "APPRENANCE_KEY_PASSPHRASE.",
        "en": "Warning: the private key of issuer {id} is written UNENCRYPTED in {folder} "
              "(mode 0600); whoever reads that file signs as the issuer. In production, set "
              "APPRENANCE_KEY_PASSPHRASE."},
})

# --- Erasure: recorded files and other people's text (services/privacy/written_files.py) ---
MESSAGES.update({
    "learner.erase.deleted": {"fr": "  supprimé : {path}", "en": "  deleted: {path}"},
    "learner.erase.mention": {
        "fr": "  à revoir (texte d'une autre personne qui la nomme) : {table} {id} {field}",
        "en": "  to review (someone else's text naming them): {table} {id} {field}"},
})

MESSAGES.update({  # why an issuer's key cannot be found (credentials.did)
    "verify.did.not_key": {"fr": "pas une did:key Ed25519 : {did}",
                           "en": "not an Ed25519 did:key: {did}"},
    "verify.did.not_web": {"fr": "pas une did:web : {did}", "en": "not a did:web: {did}"},
    "verify.did.fetch": {"fr": "impossible de récupérer {url} : {reason}",
                         "en": "cannot fetch {url}: {reason}"},
    "verify.did.not_json": {"fr": "{url} n'est pas du JSON", "en": "{url} is not JSON"},
    "verify.did.not_object": {"fr": "{url} n'est pas un objet JSON",
                              "en": "{url} is not a JSON object"},
    "verify.did.unsupported": {"fr": "identifiant non pris en charge : {controller}",
                               "en": "unsupported identifier: {controller}"},
    "verify.did.other_id": {"fr": "le document de {controller} porte un autre identifiant",
                            "en": "the document for {controller} names another id"},
    "verify.did.unlisted": {"fr": "{controller} ne déclare pas la clé {vm}",
                            "en": "{controller} does not list the key {vm}"},
    "verify.did.key_type": {"fr": "type de clé non pris en charge {type} pour {vm}",
                            "en": "unsupported key type {type} for {vm}"},
    "verify.did.no_multibase": {"fr": "la clé {vm} n'a pas de publicKeyMultibase",
                                "en": "the key {vm} has no publicKeyMultibase"},
    "verify.did.controller": {"fr": "la clé {vm} est contrôlée par {declared}, pas par "
                                    "{controller}",
                              "en": "the key {vm} is controlled by {declared}, not "
                                    "{controller}"},
    "verify.did.key_bad": {"fr": "la clé {vm} : {reason}", "en": "the key {vm}: {reason}"},
})
MESSAGES.update({  # why a JWS does not verify (credentials.jwt)
    "verify.jwt.crit_list": {"fr": "le crit de l'en-tête JWS n'est pas une liste de noms",
                             "en": "the JWS header's crit is not a non-empty list of names"},
    "verify.jwt.crit_unknown": {
        "fr": "l'en-tête JWS déclare critiques des extensions inconnues de ce vérificateur : "
              "{names}",
        "en": "the JWS header marks extensions this verifier does not understand as "
              "critical: {names}"},
    "verify.jwt.alg": {"fr": "l'algorithme {alg} ne correspond pas à la clé de l'émetteur",
                       "en": "algorithm {alg} does not match the issuer's key"},
    "verify.jwt.mismatch": {"fr": "la signature du JWT ne correspond pas : il a été modifié, "
                                  "ou signé par une autre clé",
                            "en": "the JWT signature does not match"},
    "verify.jwt.claim": {"fr": "la revendication {claim} du JWT contredit la preuve",
                         "en": "the JWT claim {claim} contradicts the credential"},
    "verify.jwt.with": {"fr": "{problem} ({signer})", "en": "{problem} ({signer})"},
})
