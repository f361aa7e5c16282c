"""Words of the verification page: checks in plain words, verdicts, facts."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "verify.facts.holder": {"fr": "titulaire", "en": "holder"},
    "verify.facts.document": {"fr": "attestation", "en": "certificate"},
    "verify.facts.document_value": {
        "fr": "« {title} » (le titre du PDF, non signé : à comparer avec la preuve)",
        "en": "“{title}” (the PDF's title, unsigned: compare it with the credential)",
    },
    "verify.page.document": {"fr": "Attestation (titre du PDF, non signé)",
                             "en": "Certificate (the PDF's title, unsigned)"},
    "verify.facts.achievement": {"fr": "badge", "en": "badge"},
    "verify.facts.issuer": {"fr": "émetteur", "en": "issuer"},
    "verify.facts.dates": {"fr": "dates", "en": "dates"},
    "verify.facts.dates_value": {
        "fr": "délivré le {issued}, valide du {start} au {end}",
        "en": "issued {issued}, valid from {start} until {end}",
    },
    "verify.facts.recipient.ok": {
        "fr": "c'est la personne indiquée",
        "en": "matches the recipient given",
    },
    "verify.facts.recipient.mismatch": {
        "fr": "ce n'est PAS la personne indiquée",
        "en": "does NOT match the recipient given",
    },
    "verify.plain.unbake.ok": {
        "fr": "Le badge contient bien sa certification.",
        "en": "The badge carries its credential.",
    },
    "verify.plain.unbake.failed": {
        "fr": "L'image ne contient pas de certification lisible.",
        "en": "The image carries no readable credential.",
    },
    "verify.plain.pdf.ok": {
        "fr": "L'attestation PDF contient bien sa certification.",
        "en": "The PDF certificate carries its credential.",
    },
    "verify.plain.pdf.failed": {
        "fr": "Le PDF ne contient pas de certification lisible.",
        "en": "The PDF carries no readable credential.",
    },
    "verify.plain.parse.ok": {"fr": "Le document est lisible.", "en": "The document is readable."},
    "verify.plain.parse.failed": {
        "fr": "Le document n'est pas lisible.",
        "en": "The document is not readable.",
    },
    "verify.plain.context.ok": {
        "fr": "Il se présente comme une preuve vérifiable (W3C).",
        "en": "It presents itself as a W3C Verifiable Credential.",
    },
    "verify.plain.context.failed": {
        "fr": "Son en-tête (@context) n'est pas celui d'une preuve vérifiable.",
        "en": "Its header (@context) is not a Verifiable Credential's.",
    },
    "verify.plain.terms.ok": {
        "fr": "Son vocabulaire est celui des Open Badges.",
        "en": "It speaks the Open Badges vocabulary.",
    },
    "verify.plain.terms.failed": {
        "fr": "Il utilise des termes inconnus des Open Badges.",
        "en": "It uses terms Open Badges does not define.",
    },
    "verify.plain.terms.warning": {
        "fr": "Il utilise des termes hors du vocabulaire Open Badges (sans effet sur le verdict).",
        "en": "It uses terms outside the Open Badges vocabulary (no effect on the verdict).",
    },
    "verify.plain.structure.ok": {
        "fr": "Sa structure est celle d'un Open Badge.",
        "en": "It is shaped as an Open Badge.",
    },
    "verify.plain.structure.failed": {
        "fr": "Sa structure s'écarte de celle d'un Open Badge.",
        "en": "Its shape departs from an Open Badge.",
    },
    "verify.plain.structure.warning": {
        "fr": "Sa structure s'écarte sur des détails du modèle Open Badges 3.0 (sans effet sur "
            "le verdict).",
        "en": "Its shape departs in details from the Open Badges 3.0 model (no effect on the "
            "verdict).",
    },
    "verify.plain.issuer.ok": {
        "fr": "La clé de signature appartient bien à l'émetteur.",
        "en": "The signing key belongs to the issuer.",
    },
    "verify.plain.issuer.failed": {
        "fr": "La clé de signature n'est pas celle de l'émetteur annoncé.",
        "en": "The signing key is not the stated issuer's.",
    },
    "verify.plain.signature.ok": {
        "fr": "La signature est intacte : rien n'a été modifié depuis la délivrance.",
        "en": "The signature holds: nothing changed since it was issued.",
    },
    "verify.plain.signature.failed": {
        "fr": "La signature ne correspond pas : le document a pu être modifié.",
        "en": "The signature does not match: the document may have been altered.",
    },
    "verify.plain.window.ok": {
        "fr": "Le badge est dans sa période de validité.",
        "en": "The badge is within its validity period.",
    },
    "verify.plain.window.expired": {"fr": "Le badge a expiré.", "en": "The badge has expired."},
    "verify.plain.window.not_yet_valid": {
        "fr": "Le badge n'est pas encore valide.",
        "en": "The badge is not valid yet.",
    },
    "verify.plain.window.failed": {
        "fr": "Les dates de validité du badge sont illisibles.",
        "en": "The badge's validity dates cannot be read.",
    },
    "verify.plain.status.ok": {
        "fr": "L'émetteur ne l'a pas révoqué.",
        "en": "The issuer has not revoked it.",
    },
    "verify.plain.status.revoked": {
        "fr": "L'émetteur l'a révoqué.",
        "en": "The issuer has revoked it.",
    },
    "verify.plain.status.suspended": {
        "fr": "L'émetteur l'a suspendu.",
        "en": "The issuer has suspended it.",
    },
    "verify.plain.status.failed": {
        "fr": "Son statut (révocation) n'a pas pu être établi de façon fiable.",
        "en": "Its status (revocation) could not be established reliably.",
    },
    "verify.plain.recipient.ok": {
        "fr": "Il a bien été délivré à la personne indiquée.",
        "en": "It was issued to the person given.",
    },
    "verify.plain.recipient.failed": {
        "fr": "Il n'a pas été délivré à la personne indiquée.",
        "en": "It was not issued to the person given.",
    },
    "verify.plain.nested.ok": {
        "fr": "Chaque preuve qu'il contient est valide.",
        "en": "Every credential it holds is valid.",
    },
    "verify.plain.nested.failed": {
        "fr": "Une preuve qu'il contient n'est pas valide.",
        "en": "A credential it holds is not valid.",
    },
    "verify.plain.endorsed.ok": {
        "fr": "La recommandation porte bien sur ce badge.",
        "en": "The endorsement is about this badge.",
    },
    "verify.plain.endorsed.failed": {
        "fr": "La recommandation porte sur autre chose.",
        "en": "The endorsement is about something else.",
    },
    "verify.plain.hosted.ok": {
        "fr": "L'émetteur héberge bien ce même badge.",
        "en": "The issuer hosts this very badge.",
    },
    "verify.plain.hosted.failed": {
        "fr": "Le badge hébergé par l'émetteur est absent ou différent.",
        "en": "The badge the issuer hosts is missing or different.",
    },
    "verify.plain.badge.ok": {
        "fr": "La description du badge est complète.",
        "en": "The badge's description is complete.",
    },
    "verify.plain.badge.failed": {
        "fr": "La description du badge est absente ou incomplète.",
        "en": "The badge's description is missing or incomplete.",
    },
    "verify.plain.origin.ok": {
        "fr": "Le badge est hébergé là où l'émetteur l'annonce.",
        "en": "The badge is hosted where its issuer says.",
    },
    "verify.plain.origin.failed": {
        "fr": "Le badge est hébergé ailleurs que là où l'émetteur l'annonce.",
        "en": "The badge is hosted elsewhere than where its issuer says.",
    },
    "verify.plain.verify.ok": {
        "fr": "La vérification a abouti.",
        "en": "The verification ran to its end.",
    },
    "verify.plain.verify.failed": {
        "fr": "La vérification n'a pas pu aboutir.",
        "en": "The verification could not finish.",
    },
    "verify.plain.other.ok": {
        "fr": "Contrôle « {check} » réussi.",
        "en": "Check “{check}” passed.",
    },
    "verify.plain.other.failed": {
        "fr": "Contrôle « {check} » en échec.",
        "en": "Check “{check}” failed.",
    },
    "verify.plain.other.warning": {
        "fr": "Contrôle « {check} » : remarque.",
        "en": "Check “{check}”: a note.",
    },
    "verify.headline.valid": {
        "fr": "Ce badge est authentique et valide.",
        "en": "This badge is genuine and valid.",
    },
    "verify.headline.unreadable": {
        "fr": "Ce fichier ne contient pas de badge lisible : rien n'a pu être vérifié.",
        "en": "This file holds no readable badge: nothing could be verified.",
    },
    "verify.headline.revoked": {
        "fr": "Ce badge n'est pas valide : l'émetteur l'a révoqué.",
        "en": "This badge is not valid: the issuer has revoked it.",
    },
    "verify.headline.suspended": {
        "fr": "Ce badge n'est pas valide : l'émetteur l'a suspendu.",
        "en": "This badge is not valid: the issuer has suspended it.",
    },
    "verify.headline.expired": {
        "fr": "Ce badge n'est plus valide : il a expiré le {end}.",
        "en": "This badge is no longer valid: it expired on {end}.",
    },
    "verify.headline.not_yet_valid": {
        "fr": "Ce badge n'est pas encore valide : il le sera à partir du {start}.",
        "en": "This badge is not valid yet: it will be from {start}.",
    },
    "verify.headline.invalid": {
        "fr": "Ce badge n'est pas valide : échec du contrôle {checks}.",
        "en": "This badge is not valid: the {checks} check failed.",
    },
    "verify.headline.invalid_many": {
        "fr": "Ce badge n'est pas valide : échec des contrôles {checks}.",
        "en": "This badge is not valid: the {checks} checks failed.",
    },
    "verify.headline.check": {"fr": "« {name} »", "en": "“{name}”"},
    "verify.headline.and": {"fr": "{first} et {last}", "en": "{first} and {last}"},
    "verify.page.failed": {
        "fr": "Contrôles en échec : {checks}",
        "en": "Checks that failed: {checks}",
    },
    "verify.page.vouches": {"fr": "Ce que la preuve atteste", "en": "What the credential states"},
    "verify.page.vouches_help": {
        "fr": "Comparez ces informations avec l'attestation ou le badge que l'on vous a remis.",
        "en": "Compare these facts with the certificate or badge you were given.",
    },
    "verify.page.unverified_facts": {
        "fr": "Attention : la preuve n'est pas valide, ces informations ne sont pas garanties.",
        "en": "Beware: the credential is not valid, these facts are not vouched for.",
    },
    "verify.page.holder": {"fr": "Titulaire", "en": "Holder"},
    "verify.page.holder_hashed": {
        "fr": "empreinte de l'identifiant ({kind}) {value}",
        "en": "hashed identifier ({kind}) {value}",
    },
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
    "verify.page.status.none": {"fr": "sans liste de révocation", "en": "no revocation list"},
    "verify.page.status.revoked": {"fr": "révoqué", "en": "revoked"},
    "verify.page.status.suspended": {"fr": "suspendu", "en": "suspended"},
    "verify.page.status.error": {
        "fr": "inconnu (vérification impossible)",
        "en": "unknown (could not be checked)",
    },
    "verify.page.recipient": {
        "fr": "Adresse du ou de la titulaire (facultatif)",
        "en": "Holder's email address (optional)",
    },
    "verify.page.recipient_help": {
        "fr": "Pour contrôler que la preuve a été délivrée à cette adresse.",
        "en": "To check that the credential was issued to this address.",
    },
    "verify.page.recipient.ok": {
        "fr": "correspond à l'adresse indiquée ({email})",
        "en": "matches the address given ({email})",
    },
    "verify.page.recipient.mismatch": {
        "fr": "ne correspond PAS à l'adresse indiquée ({email})",
        "en": "does NOT match the address given ({email})",
    },
    "verify.page.recipient_fact": {"fr": "Adresse contrôlée", "en": "Address checked"},
}
