"""Words of the PDF certificate."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "cert.kicker": {"fr": "ATTESTATION DE PARCOURS", "en": "CERTIFICATE OF LEARNING"},
    "cert.title.default": {"fr": "Apprentissages en territoire", "en": "Learning in a territory"},
    "cert.awarded_to": {"fr": "délivrée à", "en": "awarded to"},
    "cert.summary": {
        "fr": "pour les apprentissages réalisés en menant des projets réels dans le territoire "
            "« {territory} », du {start} au {end} ({days} jours) : {activities} activités "
            "dans {projects} projets.",
        "en": "for what they learned by carrying out real projects in the territory "
            "“{territory}”, from {start} to {end} ({days} days): {activities} activities in "
            "{projects} projects.",
    },
    "cert.summary.empty": {
        "fr": "Aucune activité n'est encore enregistrée.",
        "en": "No activity is recorded yet.",
    },
    "cert.pathway.done": {"fr": "Parcours achevé le {date}.", "en": "Pathway completed on {date}."},
    "cert.fig.hours": {"fr": "heures d'activité", "en": "hours of activity"},
    "cert.fig.ects": {"fr": "crédits ECTS recommandés", "en": "recommended ECTS credits"},
    "cert.fig.projects": {"fr": "projets", "en": "projects"},
    "cert.fig.competences": {"fr": "compétences atteintes", "en": "competences reached"},
    "cert.fig.badges": {"fr": "badges obtenus", "en": "badges earned"},
    "cert.sec.pillars": {"fr": "Heures par pilier de l'UNESCO", "en": "Hours per UNESCO pillar"},
    "cert.sec.functions": {"fr": "Heures par fonction vitale", "en": "Hours per vital function"},
    "cert.sec.projects": {"fr": "Projets", "en": "Projects"},
    "cert.sec.competences": {"fr": "Compétences", "en": "Competences"},
    "cert.sec.badges": {"fr": "Badges et parcours obtenus", "en": "Badges and pathways earned"},
    "cert.sec.ects": {"fr": "Recommandation de crédits ECTS", "en": "ECTS credit recommendation"},
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
    "cert.kind.pathway": {"fr": "parcours", "en": "pathway"},
    "cert.competences.others": {
        "fr": "S'y ajoutent {count} compétence(s) mobilisée(s) à un niveau de découverte.",
        "en": "{count} more competence(s) were drawn on at discovery level.",
    },
    "cert.none": {"fr": "Aucun pour l'instant.", "en": "None yet."},
    "cert.ects.calc": {
        "fr": "{hours} ÷ {per} h par crédit = {raw}, arrondi à la demi-unité inférieure : "
            "{ects} crédits ECTS recommandés.",
        "en": "{hours} ÷ {per} h per credit = {raw}, rounded down to the half credit: {ects} "
            "recommended ECTS credits.",
    },
    "cert.ects.rule": {
        "fr": "Règle : un crédit ECTS pour {per} heures de travail de l'apprenant·e (le guide "
            "d'utilisation ECTS 2015 retient 25 à 30 heures), compté sur toutes les activités "
            "reconnues, arrondi à la demi-unité inférieure.",
        "en": "Rule: one ECTS credit for {per} hours of the learner's workload (the ECTS Users' "
            "Guide 2015 sets 25 to 30 hours), counted over every recognised activity, rounded "
            "down to the half credit.",
    },
    "cert.ects.none": {
        "fr": "Aucun crédit ECTS n'est recommandé : aucune preuve signée ne permet encore de "
            "vérifier ce document. La coordination délivre d'abord le relevé (CLR) de "
            "l'apprenant·e, puis écrit à nouveau l'attestation.",
        "en": "No ECTS credits are recommended: no signed credential makes this document "
            "verifiable yet. The coordination first issues the learner's record (CLR), then "
            "writes the certificate again.",
    },
    "cert.ects.pathway": {
        "fr": "Volume indicatif du parcours : {ects} crédits ECTS.",
        "en": "Indicative volume of the pathway: {ects} ECTS credits.",
    },
    "cert.ects.disclaimer": {
        "fr": "Il s'agit d'une recommandation : seul un établissement d'enseignement supérieur "
            "attribue des crédits ECTS, après avoir évalué les acquis.",
        "en": "This is a recommendation: only a higher-education institution awards ECTS "
            "credits, after assessing the learning outcomes.",
    },
    "cert.issued_on": {"fr": "Fait le {date}", "en": "Issued on {date}"},
    "cert.signature": {"fr": "Signature", "en": "Signature"},
    "cert.verify.text": {
        "fr": "Scannez le code ou ouvrez l'adresse ci-dessous. La preuve signée est jointe à ce "
            "PDF (« {file} ») : « apprenance verify » la contrôle hors ligne.",
        "en": "Scan the code or open the address below. The signed credential is attached to "
            "this PDF (“{file}”): “apprenance verify” checks it offline.",
    },
    "cert.verify.none": {
        "fr": "Aucune preuve signée n'a encore été délivrée : ce document ne peut pas être "
            "vérifié en ligne.",
        "en": "No signed credential has been issued yet: this document cannot be verified online.",
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
    "cert.attachment": {
        "fr": "Preuve signée du parcours (Open Badges 3.0)",
        "en": "Signed credential of the pathway (Open Badges 3.0)",
    },
    "cert.written": {"fr": "Certificat écrit : {path}", "en": "Certificate written: {path}"},
    "cert.batch.done": {
        "fr": "{written} certificat(s) écrit(s) dans {folder} ; {skipped} ignoré(s), {rate} par "
            "seconde.",
        "en": "{written} certificate(s) written to {folder}; {skipped} skipped, {rate} per second.",
    },
    "cert.batch.progress": {"fr": "Certificats", "en": "Certificates"},
    "cert.usage": {
        "fr": "donnez un·e apprenant·e, ou --territory ID, ou --all (un seul des trois)",
        "en": "give one learner, or --territory ID, or --all (exactly one of them)",
    },
    "cert.export.done": {
        "fr": "{rows} ligne(s) exportée(s) ({fmt}) vers {path}.",
        "en": "{rows} row(s) exported ({fmt}) to {path}.",
    },
    "cert.export.done_competences": {
        "fr": "{rows} compétence(s) atteinte(s) exportée(s) vers {path}.",
        "en": "{rows} competence(s) reached exported to {path}.",
    },
    "cert.export.xlsx_out": {
        "fr": "--format xlsx écrit un fichier : donnez-le avec --out FICHIER.xlsx",
        "en": "--format xlsx writes a file: give it with --out FILE.xlsx",
    },
    "cert.export.skipped": {
        "fr": "ignoré·e : {learner} (parcours {pathway}) — {reason}",
        "en": "left out: {learner} (pathway {pathway}) — {reason}",
    },
    "cert.col.awarded": {"fr": "Attribué le", "en": "Awarded on"},
    "cert.col.issued": {"fr": "Émis le", "en": "Issued on"},
    "cert.pathway.done_issued": {
        "fr": "Parcours achevé le {date} ; certification émise le {issued}.",
        "en": "Pathway completed on {date}; credential issued on {issued}.",
    },
}
