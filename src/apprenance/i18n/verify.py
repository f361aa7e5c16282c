"""Messages of verification: each check, its verdict and its detail."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "verify.check.pdf": {"fr": "PDF", "en": "PDF"},
    "ob3.criteria": {
        "fr": "Règles du badge évaluées sur les activités enregistrées.",
        "en": "The badge's rules, evaluated on the recorded activities.",
    },
    "ob3.pillar_hours": {"fr": "Heures pondérées : {pillar}", "en": "Weighted hours: {pillar}"},
    "ob3.project": {"fr": "projet {project}", "en": "project {project}"},
    "ob3.witness": {"fr": "témoin", "en": "witness"},
    "ob3.attested": {"fr": "attestée par : {roles}", "en": "attested by: {roles}"},
    "ob3.more_name": {"fr": "Autres activités", "en": "Other activities"},
    "ob3.more": {
        "fr": "{count} autres activités ({hours} h) du {first} au {last}.",
        "en": "{count} more activities ({hours} h) from {first} to {last}.",
    },
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
        "en": "{total} credential(s): {valid} valid, {invalid} invalid, {unreadable} unreadable.",
    },
    "verify.failed.invalid": {
        "fr": "{count} justificatif(s) non valide(s).",
        "en": "{count} credential(s) did not verify.",
    },
    "verify.failed.unreadable": {
        "fr": "{count} entrée(s) illisible(s).",
        "en": "{count} input(s) could not be read.",
    },
    "verify.check.context": {"fr": "contexte", "en": "context"},
    "verify.check.nested": {"fr": "inclus", "en": "nested"},
    "verify.check.endorsed": {"fr": "recommande", "en": "endorses"},
    "verify.failed_checks": {"fr": "échec : {checks}", "en": "failed: {checks}"},
    "verify.nested_header": {"fr": "↳ {role}", "en": "↳ {role}"},
    "verify.msg.empty": {
        "fr": "entrée vide : aucune preuve à vérifier",
        "en": "empty input: no credential to verify",
    },
    "verify.msg.bad_jwt": {"fr": "JWT illisible : {reason}", "en": "unreadable JWT: {reason}"},
    "verify.msg.not_json": {"fr": "ni JSON ni JWT : {reason}", "en": "not JSON: {reason}"},
    "verify.msg.not_object": {
        "fr": "le JSON n'est pas un objet",
        "en": "the JSON is not an object",
    },
    "verify.msg.jwt_ok": {"fr": "VC-JWT ({alg})", "en": "VC-JWT ({alg})"},
    "verify.msg.json_ok": {"fr": "preuve au format JSON", "en": "JSON credential"},
    "verify.msg.context_ok": {
        "fr": "le premier contexte est {context}",
        "en": "the first context is {context}",
    },
    "verify.msg.context_order": {
        "fr": "le premier @context doit être {expected} (trouvé : {found})",
        "en": "the first @context must be {expected} (found: {found})",
    },
    "verify.msg.context_none": {
        "fr": "aucun contexte du modèle Verifiable Credentials ({v2} ou {v1}) en premier",
        "en": "no Verifiable Credentials context ({v2} or {v1}) comes first",
    },
    "verify.msg.terms_ok": {
        "fr": "chaque terme est défini par les contextes de la preuve",
        "en": "every term is defined by the credential's contexts",
    },
    "verify.msg.terms_bad": {"fr": "termes non définis : {problems}", "en": "{problems}"},
    "verify.msg.no_proof": {
        "fr": "aucune preuve prise en charge (trouvé : {found})",
        "en": "no supported proof (found: {found})",
    },
    "verify.msg.proof_ignored": {
        "fr": "preuve ignorée : {proof} n'est pas pris en charge (une autre preuve doit tenir)",
        "en": "ignored a proof of an unsupported kind: {proof} (another proof must hold)",
    },
    "verify.msg.proof_bad": {"fr": "{proof} : {reason}", "en": "{proof}: {reason}"},
    "verify.msg.proof_ok": {
        "fr": "preuve {proof} vérifiée avec {method}",
        "en": "{proof} proof verified with {method}",
    },
    "verify.msg.no_kid": {
        "fr": "l'en-tête du JWT ne nomme aucune clé (kid)",
        "en": "the JWT header names no key (kid)",
    },
    "verify.msg.reason": {"fr": "{reason}", "en": "{reason}"},
    "verify.msg.jws_ok": {
        "fr": "JWS ({alg}) vérifié avec {method}",
        "en": "JWS ({alg}) verified with {method}",
    },
    "verify.msg.key_other": {
        "fr": "la clé appartient à {controller}, l'émetteur est {issuer}",
        "en": "the key belongs to {controller}, the issuer is {issuer}",
    },
    "verify.msg.key_unlisted": {
        "fr": "{issuer} ne déclare pas {method} pour signer des preuves",
        "en": "{issuer} does not list {method} for assertions",
    },
    "verify.msg.key_ok": {
        "fr": "la clé {method} appartient à l'émetteur",
        "en": "the key {method} belongs to the issuer",
    },
    "verify.msg.purpose": {
        "fr": "objet de la preuve inattendu : {purpose}",
        "en": "proof purpose {purpose}",
    },
    "verify.msg.window_ok": {
        "fr": "valide du {start} au {end}",
        "en": "valid from {start} until {end}",
    },
    "verify.msg.window_open": {
        "fr": "valide depuis le {start}, sans fin",
        "en": "valid from {start}, no end",
    },
    "verify.msg.window_expired": {
        "fr": "expiré le {end} ({field})",
        "en": "expired on {end} ({field})",
    },
    "verify.msg.window_early": {
        "fr": "pas valide avant le {start} ({field})",
        "en": "not valid before {start} ({field})",
    },
    "verify.msg.window_invalid": {
        "fr": "{field} n'est pas une date : {value}",
        "en": "{field} is not a date-time: {value}",
    },
    "verify.msg.recipient_ok": {"fr": "la preuve nomme bien cette personne", "en": "{how}"},
    "verify.msg.recipient_bad": {
        "fr": "la preuve ne nomme pas cette personne",
        "en": "the credential does not name this recipient",
    },
    "verify.msg.structure_ok": {
        "fr": "une preuve Open Badges 3.0",
        "en": "an Open Badges 3.0 credential",
    },
    "verify.msg.structure_warn": {
        "fr": "écarts au modèle Open Badges 3.0 : {problems}",
        "en": "{problems}",
    },
    "verify.msg.structure_other": {
        "fr": "pas un badge Open Badges 3.0 ({types}) : structure OB 3.0 non contrôlée",
        "en": "not an Open Badges 3.0 badge ({types}): OB 3.0 structure not checked",
    },
    "verify.msg.nested_ok": {
        "fr": "{count} preuve(s) incluse(s), chacune valide",
        "en": "{count} nested credential(s), each valid",
    },
    "verify.msg.nested_bad": {
        "fr": "preuve(s) incluse(s) non valide(s) : {roles}",
        "en": "nested credential(s) not valid: {roles}",
    },
    "verify.msg.nested_deep": {
        "fr": "preuves incluses trop profondément (plus de {depth})",
        "en": "credentials nested too deeply (more than {depth})",
    },
    "verify.msg.nested_unreadable": {
        "fr": "ce n'est pas une preuve (objet ou VC-JWT)",
        "en": "not a credential (an object or a VC-JWT)",
    },
    "verify.msg.endorsed_ok": {"fr": "recommande {target}", "en": "endorses {target}"},
    "verify.msg.endorsed_bad": {
        "fr": "recommande {found}, pas {target}",
        "en": "endorses {found}, not {target}",
    },
    "verify.status.none": {"fr": "pas de credentialStatus", "en": "no credentialStatus"},
    "verify.status.not_object": {
        "fr": "credentialStatus n'est pas un objet",
        "en": "credentialStatus is not an object",
    },
    "verify.status.unsupported": {
        "fr": "type de statut non pris en charge : {type!r}",
        "en": "unsupported status type {type!r}",
    },
    "verify.status.index": {
        "fr": "statusListIndex n'est pas un nombre",
        "en": "statusListIndex is not a number",
    },
    "verify.status.no_list": {
        "fr": "statusListCredential manque",
        "en": "statusListCredential is missing",
    },
    "verify.status.fetch": {
        "fr": "liste de statut {url} introuvable : {reason}",
        "en": "cannot fetch the status list: {reason}",
    },
    "verify.status.not_json": {
        "fr": "la liste de statut {url} n'est pas un objet JSON",
        "en": "the status list is not a JSON object",
    },
    "verify.status.list_type": {
        "fr": "la liste de statut {url} n'est pas une {type}",
        "en": "the status list is not a {type}",
    },
    "verify.status.other_issuer": {
        "fr": "la liste de statut {url} est émise par {list_issuer}, pas par l'émetteur de la "
            "preuve ({issuer})",
        "en": "the status list {url} is issued by {list_issuer}, not by the credential's issuer "
            "({issuer})",
    },
    "verify.status.untrusted": {
        "fr": "la liste de statut {url} n'est pas fiable : {reason}",
        "en": "the status list cannot be trusted: {reason}",
    },
    "verify.status.subject_type": {
        "fr": "le sujet de la liste {url} n'est pas une {type}",
        "en": "the status list subject is not a {type}",
    },
    "verify.status.purpose": {
        "fr": "la liste sert à {list!r}, l'entrée à {entry!r}",
        "en": "the list's purpose is {list!r}, the entry's {entry!r}",
    },
    "verify.status.bits": {"fr": "liste de statut illisible : {reason}", "en": "{reason}"},
    "verify.status.revoked": {
        "fr": "révoqué (le bit {index} de {url} est levé)",
        "en": "revoked (bit {index} of {url} is set)",
    },
    "verify.status.suspended": {
        "fr": "suspendu (le bit {index} de {url} est levé)",
        "en": "suspended (bit {index} of {url} is set)",
    },
    "verify.status.clear": {
        "fr": "ni révoqué ni suspendu ({purpose} : bit {index} baissé)",
        "en": "neither revoked nor suspended ({purpose}: bit {index} is clear)",
    },
    "endorsement.name": {
        "fr": "Attestation ({role}) : {badge}",
        "en": "Attestation ({role}): {badge}",
    },
    "endorsement.description": {
        "fr": "{name} a attesté une activité qui compte pour ce badge ; l'émetteur a enregistré "
            "cette attestation et la signe.",
        "en": "{name} attested an activity that counts for this badge; the issuer recorded the "
            "attestation and signs it.",
    },
    "endorsement.comment": {
        "fr": "{name} ({role}), le {day} : « {comment} »",
        "en": "{name} ({role}), on {day}: \"{comment}\"",
    },
    "endorsement.no_comment": {
        "fr": "{name} ({role}) a attesté l'activité du {day}.",
        "en": "{name} ({role}) attested the activity of {day}.",
    },
    "verify.proof.cryptosuite": {
        "fr": "suite cryptographique non prise en charge : {suite!r}",
        "en": "unsupported cryptosuite {suite!r}",
    },
    "verify.proof.type": {
        "fr": "type de preuve non pris en charge : {type!r}",
        "en": "unsupported proof type {type!r}",
    },
    "verify.proof.no_value": {
        "fr": "la preuve n'a pas de proofValue",
        "en": "the proof has no proofValue",
    },
    "verify.proof.bad_value": {
        "fr": "proofValue illisible : {reason}",
        "en": "unreadable proofValue: {reason}",
    },
    "verify.proof.mismatch": {
        "fr": "la signature ne correspond pas à la preuve : elle a été modifiée, ou signée par "
            "une autre clé",
        "en": "the signature does not match the credential",
    },
    "endorsement.description_many": {
        "fr": "{name} a attesté {count} activités qui comptent pour ce badge ; l'émetteur a "
            "enregistré ces attestations et les signe.",
        "en": "{name} attested {count} activities that count for this badge; the issuer "
            "recorded the attestations and signs them.",
    },
    "verify.read.too_deep": {
        "fr": "le document est imbriqué trop profondément pour être une preuve",
        "en": "the document is nested too deeply to be a credential",
    },
    "verify.read.pdf": {
        "fr": "preuve jointe au PDF ({count} pièce(s) jointe(s))",
        "en": "credential attached to the PDF ({count} attached)",
    },
    "verify.read.baked": {
        "fr": "preuve intégrée à l'image {container} (Open Badges {version})",
        "en": "credential baked in {container} (Open Badges {version})",
    },
    "verify.read.binary": {
        "fr": "ni du texte, ni un badge PNG ou SVG",
        "en": "not text, and not a PNG or SVG badge",
    },
    "verify.read.twice": {
        "fr": "la clé {name} figure deux fois dans un même objet JSON : les lecteurs divergent "
            "sur la valeur qui compte, le document est refusé",
        "en": "the key {name} appears twice in one JSON object: readers disagree on which value "
            "counts, so the document is refused",
    },
    "verify.did.not_key": {
        "fr": "pas une did:key Ed25519 : {did}",
        "en": "not an Ed25519 did:key: {did}",
    },
    "verify.did.not_web": {"fr": "pas une did:web : {did}", "en": "not a did:web: {did}"},
    "verify.did.fetch": {
        "fr": "impossible de récupérer {url} : {reason}",
        "en": "cannot fetch {url}: {reason}",
    },
    "verify.did.not_json": {"fr": "{url} n'est pas du JSON", "en": "{url} is not JSON"},
    "verify.did.not_object": {
        "fr": "{url} n'est pas un objet JSON",
        "en": "{url} is not a JSON object",
    },
    "verify.did.unsupported": {
        "fr": "identifiant non pris en charge : {controller}",
        "en": "unsupported identifier: {controller}",
    },
    "verify.did.other_id": {
        "fr": "le document de {controller} porte un autre identifiant",
        "en": "the document for {controller} names another id",
    },
    "verify.did.unlisted": {
        "fr": "{controller} ne déclare pas la clé {vm}",
        "en": "{controller} does not list the key {vm}",
    },
    "verify.did.key_type": {
        "fr": "type de clé non pris en charge {type} pour {vm}",
        "en": "unsupported key type {type} for {vm}",
    },
    "verify.did.no_multibase": {
        "fr": "la clé {vm} n'a pas de publicKeyMultibase",
        "en": "the key {vm} has no publicKeyMultibase",
    },
    "verify.did.controller": {
        "fr": "la clé {vm} est contrôlée par {declared}, pas par {controller}",
        "en": "the key {vm} is controlled by {declared}, not {controller}",
    },
    "verify.did.key_bad": {"fr": "la clé {vm} : {reason}", "en": "the key {vm}: {reason}"},
    "verify.jwt.crit_list": {
        "fr": "le crit de l'en-tête JWS n'est pas une liste de noms",
        "en": "the JWS header's crit is not a non-empty list of names",
    },
    "verify.jwt.crit_unknown": {
        "fr": "l'en-tête JWS déclare critiques des extensions inconnues de ce vérificateur : "
            "{names}",
        "en": "the JWS header marks extensions this verifier does not understand as critical: "
            "{names}",
    },
    "verify.jwt.alg": {
        "fr": "l'algorithme {alg} ne correspond pas à la clé de l'émetteur",
        "en": "algorithm {alg} does not match the issuer's key",
    },
    "verify.jwt.mismatch": {
        "fr": "la signature du JWT ne correspond pas : il a été modifié, ou signé par une autre "
            "clé",
        "en": "the JWT signature does not match",
    },
    "verify.jwt.claim": {
        "fr": "la revendication {claim} du JWT contredit la preuve",
        "en": "the JWT claim {claim} contradicts the credential",
    },
    "verify.jwt.with": {"fr": "{problem} ({signer})", "en": "{problem} ({signer})"},
}
