"""Messages of the Open Badges 2.0 verification (documents, origin, status)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "verify.ob2.what.input": {"fr": "l'entrée", "en": "the input"},
    "verify.ob2.what.assertion": {"fr": "l'assertion de l'image", "en": "the image's assertion"},
    "verify.ob2.what.hosted": {"fr": "l'assertion hébergée", "en": "hosted assertion"},
    "verify.ob2.what.badge": {"fr": "la BadgeClass (le badge)", "en": "BadgeClass"},
    "verify.ob2.what.issuer": {"fr": "le profil de l'émetteur", "en": "issuer Profile"},
    "verify.ob2.what.key": {"fr": "la clé de signature", "en": "signing key"},
    "verify.ob2.what.revocations": {"fr": "la liste de révocation", "en": "revocation list"},
    "verify.ob2.at": {"fr": "{what} à l'adresse {url}", "en": "the {what} at {url}"},
    "verify.ob2.not_json": {"fr": "{where} n'est pas du JSON", "en": "{where} is not JSON"},
    "verify.ob2.not_object": {
        "fr": "{where} n'est pas un objet JSON",
        "en": "{where} is not a JSON object",
    },
    "verify.ob2.fetch": {
        "fr": "impossible de récupérer {what} {url} : {reason}",
        "en": "cannot fetch the {what} {url}: {reason}",
    },
    "verify.ob2.names_itself": {
        "fr": "{what} à l'adresse {url} se nomme {id}",
        "en": "the {what} at {url} names itself {id}",
    },
    "verify.ob2.no_context": {
        "fr": "{what} à l'adresse {url} n'a pas le contexte {context}",
        "en": "the {what} at {url} lacks the context {context}",
    },
    "verify.ob2.not_a_reference": {
        "fr": "{what} n'est ni un document ni une adresse http(s) : {value}",
        "en": "the {what} is neither a document nor an http(s) URL: {value}",
    },
    "verify.ob2.problem.type": {"fr": "le type n'est pas {type}", "en": "type is not {type}"},
    "verify.ob2.problem.type_profile": {
        "fr": "le type n'est ni Issuer ni Profile",
        "en": "type is not Issuer or Profile",
    },
    "verify.ob2.problem.id": {"fr": "id n'est pas une IRI", "en": "id is not an IRI"},
    "verify.ob2.problem.recipient": {
        "fr": "recipient n'est pas un IdentityObject",
        "en": "recipient is not an IdentityObject",
    },
    "verify.ob2.problem.recipient_type": {
        "fr": "recipient.type {type} n'est pas l'un de {types}",
        "en": "recipient.type {type} is not one of {types}",
    },
    "verify.ob2.problem.hashed": {
        "fr": "recipient.hashed n'est pas un booléen",
        "en": "recipient.hashed is not a boolean",
    },
    "verify.ob2.problem.missing": {"fr": "{name} manque", "en": "{name} missing"},
    "verify.ob2.problem.hash": {
        "fr": "recipient.identity n'est pas une empreinte sha256$ ou md5$",
        "en": "recipient.identity is not a sha256$ or md5$ hash",
    },
    "verify.ob2.problem.salt": {
        "fr": "recipient.salt n'est pas un texte",
        "en": "recipient.salt is not text",
    },
    "verify.ob2.problem.verification": {
        "fr": "verification.type n'est ni HostedBadge ni SignedBadge",
        "en": "verification.type is not HostedBadge or SignedBadge",
    },
    "verify.ob2.problem.issued_on": {
        "fr": "issuedOn manque ou n'est pas une date",
        "en": "issuedOn missing or not a date-time",
    },
    "verify.ob2.problem.date": {
        "fr": "{name} n'est pas une date",
        "en": "{name} is not a date-time",
    },
    "verify.ob2.problem.criteria": {
        "fr": "criteria manque (une adresse, ou un id ou un narrative)",
        "en": "criteria missing (a URL, or an id or narrative)",
    },
    "verify.ob2.problem.url": {
        "fr": "url manque (une adresse http(s))",
        "en": "url missing (an http(s) URL)",
    },
    "verify.ob2.origin.prefix": {
        "fr": "{id} ne commence par aucun de {prefixes} (règle de vérification de l'émetteur)",
        "en": "{id} starts with none of {prefixes} (the issuer's verification policy)",
    },
    "verify.ob2.origin.no_origin": {
        "fr": "l'identifiant de l'émetteur {issuer} n'a pas d'origine http(s) à comparer",
        "en": "the issuer id {issuer} has no http(s) origin to check against",
    },
    "verify.ob2.origin.other": {
        "fr": "l'assertion est hébergée sur {origin}, l'émetteur autorise {allowed}",
        "en": "the assertion is hosted on {origin}, the issuer allows {allowed}",
    },
    "verify.ob2.origin.ok": {
        "fr": "l'assertion est hébergée sur {origin}, une origine que l'émetteur autorise",
        "en": "the assertion is hosted on {origin}, an origin the issuer allows",
    },
    "verify.ob2.origin.no_issuer": {
        "fr": "pas de profil d'émetteur pour contrôler l'origine de l'assertion",
        "en": "no issuer profile to check the assertion's origin",
    },
    "verify.ob2.recipient.none": {
        "fr": "l'assertion ne nomme personne (recipient.identity)",
        "en": "the assertion has no recipient identity",
    },
    "verify.ob2.recipient.hash": {
        "fr": "empreinte inconnue {algorithm} pour le ou la titulaire",
        "en": "unknown hash {algorithm} in the recipient identity",
    },
    "verify.ob2.recipient.hash_ok": {
        "fr": "l'empreinte ({algorithm}) de l'identité ({kind}) correspond",
        "en": "the {kind} hash ({algorithm}) matches",
    },
    "verify.ob2.recipient.ok": {"fr": "l'identité ({kind}) correspond", "en": "the {kind} matches"},
    "verify.ob2.recipient.other": {
        "fr": "l'assertion n'a pas été délivrée à cette identité ({kind})",
        "en": "the assertion was not issued to this {kind}",
    },
    "verify.ob2.empty": {"fr": "{where} est vide", "en": "{where} is empty"},
    "verify.ob2.jws_other": {
        "fr": "{where} est un JWS sans assertion Open Badges 2.0",
        "en": "{where} is a JWS without an Open Badges 2.0 assertion",
    },
    "verify.ob2.parse_jws": {
        "fr": "assertion Open Badges 2.0 signée (JWS {alg})",
        "en": "Open Badges 2.0 signed assertion (JWS {alg})",
    },
    "verify.ob2.parse_url": {
        "fr": "adresse d'une assertion Open Badges 2.0 : {url}",
        "en": "Open Badges 2.0 assertion URL {url}",
    },
    "verify.ob2.not_ob2": {
        "fr": "{where} n'est pas une assertion Open Badges 2.0 (pas de {context})",
        "en": "{where} is not an Open Badges 2.0 assertion (no {context})",
    },
    "verify.ob2.parse_json": {
        "fr": "assertion Open Badges 2.0 (JSON)",
        "en": "Open Badges 2.0 assertion (JSON)",
    },
    "verify.ob2.structure_ok": {
        "fr": "une assertion Open Badges 2.0 bien formée",
        "en": "a well-formed Open Badges 2.0 Assertion",
    },
    "verify.ob2.no_badge_issuer": {
        "fr": "pas de BadgeClass pour nommer l'émetteur",
        "en": "no badge class to name the issuer",
    },
    "verify.ob2.none": {"fr": "{what} manque", "en": "no {what}"},
    "verify.ob2.where_url": {"fr": "à l'adresse {url}", "en": "at {url}"},
    "verify.ob2.where_embedded": {"fr": "(inclus dans l'assertion)", "en": "(embedded)"},
    "verify.ob2.document_bad": {
        "fr": "{what} {where} : {problems}",
        "en": "the {what} {where}: {problems}",
    },
    "verify.ob2.document_ok": {
        "fr": "{what} {where} : conforme",
        "en": "a well-formed {what} {where}",
    },
    "verify.ob2.hosted_jws": {
        "fr": "un JWS doit contenir une assertion SignedBadge, celle-ci dit HostedBadge",
        "en": "a JWS must hold a SignedBadge assertion, this one says HostedBadge",
    },
    "verify.ob2.hosted_id": {
        "fr": "l'id d'une assertion hébergée doit être une adresse http(s), pas {id}",
        "en": "a hosted assertion's id must be an http(s) URL, not {id}",
    },
    "verify.ob2.hosted_verify": {
        "fr": "l'attribut verify de l'image, {verify}, n'est pas l'id de l'assertion {id}",
        "en": "the image's verify attribute {verify} is not the assertion id {id}",
    },
    "verify.ob2.hosted_no_id": {"fr": "l'assertion n'a pas d'id", "en": "no assertion id"},
    "verify.ob2.hosted_named": {
        "fr": "l'image nomme {id}, qui répond l'assertion",
        "en": "the image names {id}, which answers the assertion",
    },
    "verify.ob2.hosted_differs.image": {
        "fr": "l'assertion de l'image diffère de celle hébergée à {id} ({fields})",
        "en": "the image's assertion differs from the one hosted at {id} ({fields})",
    },
    "verify.ob2.hosted_differs.fetched": {
        "fr": "l'assertion récupérée diffère de celle hébergée à {id} ({fields})",
        "en": "the fetched assertion differs from the one hosted at {id} ({fields})",
    },
    "verify.ob2.hosted_differs.given": {
        "fr": "l'assertion fournie diffère de celle hébergée à {id} ({fields})",
        "en": "the given assertion differs from the one hosted at {id} ({fields})",
    },
    "verify.ob2.hosted_fetched": {
        "fr": "récupérée à {url} ; son id {id} répond le même document",
        "en": "fetched from {url}; its id {id} answers the same document",
    },
    "verify.ob2.hosted_baked": {
        "fr": "l'image contient l'assertion hébergée à {id}",
        "en": "the image carries the assertion hosted at {id}",
    },
    "verify.ob2.hosted_same": {
        "fr": "l'assertion hébergée à {id} est le même document",
        "en": "the assertion hosted at {id} is the same document",
    },
    "verify.ob2.key_no_pem": {
        "fr": "la clé de signature {where} n'a pas de publicKeyPem",
        "en": "the signing key {where} has no publicKeyPem",
    },
    "verify.ob2.key_bad_pem": {
        "fr": "le publicKeyPem de {where} n'est pas une clé publique lisible",
        "en": "the publicKeyPem of {where} is not a readable public key",
    },
    "verify.ob2.key_kind": {
        "fr": "la clé {where} n'est ni RSA ni Ed25519",
        "en": "the key {where} is neither RSA nor Ed25519",
    },
    "verify.ob2.sig_kind": {
        "fr": "pas de type de vérification (HostedBadge ou SignedBadge)",
        "en": "no verification type (HostedBadge or SignedBadge)",
    },
    "verify.ob2.sig_plain": {
        "fr": "une assertion signée se vérifie à partir de son JWS (sérialisation compacte) ; "
            "celle-ci est arrivée en JSON simple",
        "en": "a signed assertion is verified from its JWS (compact serialization); this one "
            "came as plain JSON",
    },
    "verify.ob2.sig_alg": {
        "fr": "algorithme JWS {alg} (RS256 ou EdDSA attendu)",
        "en": "JWS algorithm {alg} (expected RS256 or EdDSA)",
    },
    "verify.ob2.sig_verify_attr": {
        "fr": "l'attribut verify de l'image n'est pas son JWS",
        "en": "the image's verify attribute is not its JWS",
    },
    "verify.ob2.sig_no_key": {
        "fr": "aucune clé : pas de verification.creator, et l'émetteur ne déclare aucune publicKey",
        "en": "no key: no verification.creator, and the issuer declares no publicKey",
    },
    "verify.ob2.key_no_issuer": {
        "fr": "JWS ({alg}) vérifié avec {signer}, mais aucun profil d'émetteur ne confirme la clé",
        "en": "JWS ({alg}) verified with {signer}, but there is no issuer profile to confirm "
            "the key",
    },
    "verify.ob2.key_undeclared": {
        "fr": "JWS ({alg}) vérifié avec {signer}, une clé que l'émetteur {issuer} ne déclare "
            "pas (publicKey)",
        "en": "JWS ({alg}) verified with {signer}, a key the issuer {issuer} does not declare "
            "(publicKey)",
    },
    "verify.ob2.key_owner": {
        "fr": "la clé {signer} appartient à {owner}, pas à l'émetteur {issuer}",
        "en": "the key {signer} is owned by {owner}, not by the issuer {issuer}",
    },
    "verify.ob2.key_ok": {
        "fr": "JWS ({alg}) vérifié avec {signer}, une clé de l'émetteur",
        "en": "JWS ({alg}) verified with {signer}, a key of the issuer",
    },
    "verify.ob2.window_invalid": {
        "fr": "issuedOn ou expires n'est pas une date",
        "en": "issuedOn or expires is not a date-time",
    },
    "verify.ob2.window_order": {
        "fr": "expire ({end}) avant d'avoir été délivré ({start})",
        "en": "expires ({end}) before it was issued ({start})",
    },
    "verify.ob2.window_early": {
        "fr": "délivré dans le futur ({start})",
        "en": "issued in the future ({start})",
    },
    "verify.ob2.window_expired": {"fr": "expiré le {end}", "en": "expired on {end}"},
    "verify.ob2.window_ok": {
        "fr": "délivré le {start}, valable jusqu'au {end}",
        "en": "issued on {start}, until {end}",
    },
    "verify.ob2.window_open": {
        "fr": "délivré le {start}, sans expiration",
        "en": "issued on {start}, no expiry",
    },
    "verify.ob2.revoked_hosted": {
        "fr": "l'assertion hébergée le dit{why}",
        "en": "the hosted assertion says so{why}",
    },
    "verify.ob2.no_list": {
        "fr": "l'émetteur ne publie pas de liste de révocation",
        "en": "the issuer publishes no revocation list",
    },
    "verify.ob2.list_no_issuer": {
        "fr": "pas de profil d'émetteur où lire la liste de révocation",
        "en": "no issuer profile to read the revocation list from",
    },
    "verify.ob2.list_embedded": {
        "fr": "la liste de révocation incluse",
        "en": "the embedded revocation list",
    },
    "verify.ob2.list_bad": {"fr": "{where} : {problems}", "en": "{where}: {problems}"},
    "verify.ob2.not_in": {"fr": "absent de {where}", "en": "not in {where}"},
    "verify.ob2.revoked_in": {"fr": "révoqué dans {where}{why}", "en": "revoked in {where}{why}"},
    "verify.ob2.revoked": {"fr": "révoqué : {how}", "en": "revoked: {how}"},
    "verify.ob2.not_revoked": {"fr": "non révoqué ({how})", "en": "not revoked ({how})"},
    "verify.ob2.terms_warn": {
        "fr": "termes hors du contexte Open Badges 2.0 : {problems}",
        "en": "{problems}",
    },
    "verify.ob2.terms_ok": {
        "fr": "chaque terme est défini par le contexte Open Badges 2.0",
        "en": "every term is defined by the Open Badges 2.0 context",
    },
}
