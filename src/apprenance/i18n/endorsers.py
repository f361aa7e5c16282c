"""Endorsements by third parties with their own keys: the endorsement credentials' texts, the
``endorser`` and ``endorse`` commands, their check in ``verify``, the certificate's line and
the portfolio's mention."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "endorser.credential_name": {
        "fr": "Recommandation de {name} : {badge}",
        "en": "Endorsement by {name}: {badge}",
    },
    "endorser.credential_description": {
        "fr": "{name} recommande « {badge} » et signe cette recommandation de sa propre clé.",
        "en": "{name} endorses \"{badge}\" and signs this endorsement with its own key.",
    },
    "endorser.no_comment": {
        "fr": "{name} recommande « {badge} ».",
        "en": "{name} endorses \"{badge}\".",
    },
    "endorser.created": {
        "fr": "Recommandant {id} créé : {did}\nSa clé privée est dans le dossier des clés "
            "(mode 0600). Profil public : {profile}",
        "en": "Endorser {id} created: {did}\nIts private key is in the key folder (mode 0600). "
            "Public profile: {profile}",
    },
    "endorser.created_external": {
        "fr": "Recommandant {id} enregistré : {did}\nIl garde sa clé privée : il signe avec "
            "`apprenance endorse BADGE --as {id} --key FICHIER`. Profil public : {profile}",
        "en": "Endorser {id} registered: {did}\nIt keeps its private key: it signs with "
            "`apprenance endorse BADGE --as {id} --key FILE`. Public profile: {profile}",
    },
    "endorser.unencrypted": {
        "fr": "Attention : la clé privée du recommandant {id} est écrite EN CLAIR dans {folder} "
            "(mode 0600) ; qui lit ce fichier signe en son nom. En production, définissez "
            "APPRENANCE_KEY_PASSPHRASE.",
        "en": "Warning: the private key of endorser {id} is written UNENCRYPTED in {folder} "
            "(mode 0600); whoever reads that file signs in its name. In production, set "
            "APPRENANCE_KEY_PASSPHRASE.",
    },
    "endorser.none": {
        "fr": "Aucun recommandant : `apprenance endorser init ID --name NOM` en crée un.",
        "en": "No endorser yet: `apprenance endorser init ID --name NAME` creates one.",
    },
    "endorser.key.instance": {"fr": "clé gardée ici", "en": "key kept here"},
    "endorser.key.external": {"fr": "garde sa propre clé", "en": "keeps its own key"},
    "endorser.active": {"fr": "en vigueur", "en": "active"},
    "endorser.withdrawn": {"fr": "retirée le {at}", "en": "withdrawn on {at}"},
    "endorser.key_prompt": {
        "fr": "Phrase secrète du fichier de clé",
        "en": "Passphrase of the key file",
    },
    "endorser.withdraw_alone": {
        "fr": "--withdraw ne prend ni --comment ni --key",
        "en": "--withdraw takes neither --comment nor --key",
    },
    "endorser.withdrawn_done": {
        "fr": "Recommandation de {badge} par {endorser} retirée : les preuves émises désormais "
            "ne la portent plus (celles émises avant la gardent).",
        "en": "Endorsement of {badge} by {endorser} withdrawn: credentials issued from now on "
            "no longer carry it (those issued before keep it).",
    },
    "endorser.endorsed": {
        "fr": "{endorser} recommande {badge} : {count} recommandations signées (une par langue), "
            "jointes à chaque preuve émise désormais.",
        "en": "{endorser} endorses {badge}: {count} endorsements signed (one per language), "
            "attached to every credential issued from now on.",
    },
    "endorser.unchanged": {
        "fr": "{endorser} recommandait déjà {badge} dans ces termes : rien de nouveau signé.",
        "en": "{endorser} already endorsed {badge} in these words: nothing new signed.",
    },
    "verify.check.endorser": {"fr": "signataire", "en": "endorser"},
    "verify.msg.endorser_valid": {
        "fr": "recommandation de {name} : signature valide ({did})",
        "en": "endorsement by {name}: signature valid ({did})",
    },
    "verify.msg.endorser_invalid": {
        "fr": "recommandation de {name} : signature NON valide (modifiée, ou pas signée par "
            "{did})",
        "en": "endorsement by {name}: signature NOT valid (altered, or not signed by {did})",
    },
    "verify.msg.endorser_unknown": {
        "fr": "recommandation de {name} : clé inconnue, la signature ne peut être vérifiée "
            "({did})",
        "en": "endorsement by {name}: unknown key, the signature cannot be checked ({did})",
    },
    "verify.plain.endorser.ok": {
        "fr": "La recommandation est bien signée par celui qu'elle nomme.",
        "en": "The endorsement is signed by whom it names.",
    },
    "verify.plain.endorser.failed": {
        "fr": "La recommandation n'est pas signée par celui qu'elle nomme : ne vous y fiez pas.",
        "en": "The endorsement is not signed by whom it names: do not rely on it.",
    },
    "verify.page.endorser.ok": {
        "fr": "{name} — signature valide",
        "en": "{name} — signature valid",
    },
    "verify.page.endorser.bad": {
        "fr": "{name} — signature NON valide : ne vous fiez pas à cette recommandation",
        "en": "{name} — signature NOT valid: do not rely on this endorsement",
    },
    "cert.endorsed_by": {"fr": "Recommandé par {names}", "en": "Endorsed by {names}"},
    "portfolio.endorsed_by": {"fr": "Recommandé par", "en": "Endorsed by"},
}
