"""OpenID for Verifiable Credential Issuance 1.0 (final), pre-authorized code flow: the
credential offer, the issuer and authorization server metadata, the token, nonce and
credential endpoints. One credential configuration: ``OpenBadgeCredential``, format
``ldp_vc`` (a W3C VC with a Data Integrity proof, ``eddsa-rdfc-2022``), bound to the holder
DID of the proof of possession (``holder_proof``).

Errors are the spec's: the token endpoint answers ``invalid_grant`` (expired, spent or
unknown code, wrong transaction code), the credential endpoint ``invalid_token`` (401),
``invalid_proof``, ``invalid_nonce``, ``unknown_credential_configuration``,
``invalid_credential_request`` and ``credential_request_denied``."""

from __future__ import annotations

import json
import secrets
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from apprenance.clock import Clock, has_passed
from apprenance.contracts.wallet_protocols import credential_request
from apprenance.credentials.formats.ob3 import OB3_CONTEXTS
from apprenance.credentials.trust.keys import KeyStore
from apprenance.db import wallet_sql as sql
from apprenance.db.store import Store
from apprenance.errors import WalletRefused
from apprenance.i18n import LANGS, t
from apprenance.services.people.access import digest
from apprenance.services.wallets.holder_proof import (
    BINDING_METHODS,
    PROOF_ALGS,
    holder_from_jwt_proof,
)
from apprenance.services.wallets.offers import deliver, live_offer, pre_authorized_code

PRE_AUTHORIZED = "urn:ietf:params:oauth:grant-type:pre-authorized_code"
CONFIGURATION = "OpenBadgeCredential"
TOKEN_TTL = timedelta(minutes=5)
NONCE_TTL = timedelta(minutes=5)
TX_CODE_TRIES = 5  # wrong transaction codes before the pre-authorized code is spent
OFFER_SCHEME = "openid-credential-offer://"


def endpoints(base: str) -> dict[str, str]:
    return {"token": f"{base}/wallet/oid4vci/token", "nonce": f"{base}/wallet/oid4vci/nonce",
            "credential": f"{base}/wallet/oid4vci/credential",
            "offers": f"{base}/wallet/oid4vci/offers"}


def issuer_metadata(base: str) -> dict[str, Any]:
    """``/.well-known/openid-credential-issuer`` (the issuer is its own authorization
    server, so ``authorization_servers`` is left out)."""
    urls = endpoints(base)
    return {
        "credential_issuer": base,
        "credential_endpoint": urls["credential"],
        "nonce_endpoint": urls["nonce"],
        "display": [{"name": "apprenance", "locale": lang} for lang in LANGS],
        "credential_configurations_supported": {
            CONFIGURATION: {
                "format": "ldp_vc",
                "scope": CONFIGURATION,
                "cryptographic_binding_methods_supported": list(BINDING_METHODS),
                "credential_signing_alg_values_supported": ["eddsa-rdfc-2022"],
                "proof_types_supported": {
                    "jwt": {"proof_signing_alg_values_supported": list(PROOF_ALGS)}},
                "credential_definition": {
                    "@context": list(OB3_CONTEXTS),
                    "type": ["VerifiableCredential", "OpenBadgeCredential"]},
                "credential_metadata": {"display": [
                    {"name": t("wallet.config_name", lang), "locale": lang,
                     "description": t("wallet.config_description", lang)}
                    for lang in LANGS]},
            }
        },
    }


def authorization_server_metadata(base: str) -> dict[str, Any]:
    """``/.well-known/oauth-authorization-server`` (RFC 8414, with the pre-authorized
    grant of OpenID4VCI and anonymous access to its token endpoint)."""
    return {
        "issuer": base,
        "token_endpoint": endpoints(base)["token"],
        "grant_types_supported": [PRE_AUTHORIZED],
        "response_types_supported": [],
        "token_endpoint_auth_methods_supported": ["none"],
        "pre-authorized_grant_anonymous_access_supported": True,
    }


def credential_offer(base: str, code: str, *, lang: str) -> dict[str, Any]:
    """The credential offer of a pre-authorized code, with its transaction code asked."""
    return {
        "credential_issuer": base,
        "credential_configuration_ids": [CONFIGURATION],
        "grants": {PRE_AUTHORIZED: {
            "pre-authorized_code": code,
            "tx_code": {"input_mode": "numeric", "length": 6,
                        "description": t("wallet.tx_code_prompt", lang)}}},
    }


def offer_links(base: str, offer: str, code: str, *, lang: str) -> dict[str, str]:
    """The offer by reference (``credential_offer_uri``) and by value, as deep links."""
    uri = f"{endpoints(base)['offers']}/{offer}"
    value = json.dumps(credential_offer(base, code, lang=lang), separators=(",", ":"),
                       ensure_ascii=False)
    return {"offer_uri": uri,
            "by_reference": f"{OFFER_SCHEME}?credential_offer_uri={quote(uri, safe='')}",
            "by_value": f"{OFFER_SCHEME}?credential_offer={quote(value, safe='')}"}


def token(store: Store, *, grant_type: str | None, code: str | None, tx_code: str | None,
          clock: Clock) -> dict[str, Any]:
    """Spend a pre-authorized code (and its transaction code) for an access token."""
    if grant_type != PRE_AUTHORIZED:
        raise WalletRefused("unsupported_grant_type", f"grant_type must be {PRE_AUTHORIZED}")
    if not code:
        raise WalletRefused("invalid_request", "pre-authorized_code is missing")
    now = clock()
    with store.transaction() as conn:
        row = sql.offer_by_code(conn, digest(code))
    if row is None:
        raise WalletRefused("invalid_grant", "unknown pre-authorized code")
    if has_passed(row["expires_at"], now):
        raise WalletRefused("invalid_grant", "the pre-authorized code has expired")
    if row["code_used_at"] is not None or row["delivered_at"] is not None:
        raise WalletRefused("invalid_grant", "the pre-authorized code was already used")
    if row["tx_code_hash"] is not None and (not tx_code or digest(tx_code) != row["tx_code_hash"]):
        with store.transaction() as conn:
            failures = sql.count_tx_failure(conn, row["id"], now, TX_CODE_TRIES)
        left = max(TX_CODE_TRIES - failures, 0)
        raise WalletRefused("invalid_grant", f"the transaction code is wrong or missing "
                            f"({left} tries left)")
    access = secrets.token_urlsafe(32)
    with store.transaction() as conn:
        if not sql.redeem_code(conn, row["id"], now, digest(access), now + TOKEN_TTL):
            raise WalletRefused("invalid_grant", "the pre-authorized code was already used")
    return {"access_token": access, "token_type": "Bearer",
            "expires_in": int(TOKEN_TTL.total_seconds())}


def nonce(store: Store, *, clock: Clock) -> dict[str, Any]:
    """A fresh ``c_nonce`` (good once, for ``NONCE_TTL``)."""
    value = secrets.token_urlsafe(24)
    now = clock()
    with store.transaction() as conn:
        sql.forget_expired_nonces(conn, now - NONCE_TTL)
        sql.insert_nonce(conn, digest(value), now + NONCE_TTL)
    return {"c_nonce": value}


def _offer_of_token(store: Store, access: str | None, *, clock: Clock) -> dict[str, Any]:
    if not access:
        raise WalletRefused("invalid_token", "an access token is needed", status=401)
    with store.transaction() as conn:
        row = sql.offer_by_token(conn, digest(access))
    if row is None or has_passed(row["token_expires_at"], clock()):
        raise WalletRefused("invalid_token", "the access token is unknown or expired",
                            status=401)
    if row["delivered_at"] is not None:
        raise WalletRefused("invalid_token", "the access token was already used", status=401)
    return row


def credential(store: Store, keys: KeyStore, *, base: str, access: str | None, body: Any,
               clock: Clock) -> dict[str, Any]:
    """The credential endpoint: the badge re-issued to the DID of the proof's key (the
    access token is checked first, then the request ``body``)."""
    offer = _offer_of_token(store, access, clock=clock)
    wanted = credential_request(body)
    if wanted.credential_identifier is not None \
            or wanted.credential_configuration_id != CONFIGURATION:
        raise WalletRefused("unknown_credential_configuration",
                            f"credential_configuration_id must be {CONFIGURATION}")
    proofs = wanted.proofs.jwt
    if len(proofs) != 1:
        raise WalletRefused("invalid_proof", "send exactly one proof in proofs.jwt")
    now = clock()

    def spend(value: str) -> bool:
        with store.transaction() as conn:
            return sql.use_nonce(conn, digest(value), now)

    holder = holder_from_jwt_proof(proofs[0], issuer=base, now=now, spend_nonce=spend)
    delivered = deliver(store, keys, offer, holder, protocol="oid4vci", now=now)
    return {"credentials": [{"credential": delivered}]}


def offer_by_reference(store: Store, offer: str, *, base: str, lang: str,
                       clock: Clock) -> dict[str, Any]:
    """The credential offer a ``credential_offer_uri`` names (while the offer is live)."""
    live_offer(store, offer, now=clock())
    return credential_offer(base, pre_authorized_code(offer), lang=lang)
