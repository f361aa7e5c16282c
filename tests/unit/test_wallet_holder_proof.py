"""The holder's proofs a wallet sends, checked without a server: the OpenID4VCI proof of
possession (JWT) and the VC-API DID-auth presentation; did:key and did:jwk keys; and the
offer, deep links and metadata the issuer hands out."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from apprenance.contracts.wallet_protocols import credential_request
from apprenance.credentials.jsonld.contexts import VC_V2
from apprenance.credentials.trust.data_integrity import hash_data, proof_options
from apprenance.credentials.trust.keys import b58encode
from apprenance.errors import WalletRefused
from apprenance.services.wallets import oid4vci, vcapi
from apprenance.services.wallets.holder_proof import (
    holder_from_jwt_proof,
    holder_from_presentation,
    holder_key,
)
from wallet_client import HolderKey, jwt

ISSUER = "https://apprenance.example.org"
NOW = datetime(2026, 9, 15, 10, 0, tzinfo=UTC)


def _proof(key: HolderKey, **changes: Any) -> str:
    header = {"typ": "openid4vci-proof+jwt", "alg": "EdDSA", "kid": key.kid}
    claims = {"aud": ISSUER, "iat": int(NOW.timestamp()), "nonce": "n-1"}
    header.update(changes.pop("header", {}))
    signer = changes.pop("signer", key.private)
    claims.update(changes)
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt(header, claims, signer)


def _check(token: str, spent: list[str] | None = None) -> str:
    used = [] if spent is None else spent
    return holder_from_jwt_proof(token, issuer=ISSUER, now=NOW,
                                 spend_nonce=lambda n: used.append(n) is None and n == "n-1")


@pytest.mark.parametrize("method", ["key", "jwk"])
def test_a_good_proof_gives_the_holder_did(method: str) -> None:
    key = HolderKey(method=method)
    assert _check(_proof(key)) == key.did
    assert holder_key(key.kid)[0] == key.did


@pytest.mark.parametrize(("changes", "code"), [
    ({"aud": "https://other.example"}, "invalid_proof"),
    ({"iat": int(NOW.timestamp()) - 3600}, "invalid_proof"),
    ({"iat": None}, "invalid_proof"),
    ({"header": {"typ": "JWT"}}, "invalid_proof"),
    ({"header": {"alg": "ES256"}}, "invalid_proof"),
    ({"header": {"kid": "https://example.org/keys/1"}}, "invalid_proof"),
    ({"nonce": "n-2"}, "invalid_nonce"),
    ({"nonce": None}, "invalid_nonce"),
])
def test_a_bad_proof_is_refused_with_the_specs_code(changes: dict[str, Any], code: str) -> None:
    with pytest.raises(WalletRefused) as refused:
        _check(_proof(HolderKey(), **changes))
    assert refused.value.protocol_code == code


def test_a_proof_signed_by_another_key_spends_no_nonce() -> None:
    spent: list[str] = []
    with pytest.raises(WalletRefused) as refused:
        _check(_proof(HolderKey(), header={}, signer=Ed25519PrivateKey.generate()), spent)
    assert refused.value.protocol_code == "invalid_proof"
    assert spent == []  # a forged proof cannot burn the wallet's nonce


def test_not_a_jwt_is_an_invalid_proof() -> None:
    with pytest.raises(WalletRefused) as refused:
        _check("not.a.jwt")
    assert refused.value.protocol_code == "invalid_proof"


def _presentation(key: HolderKey, challenge: str, domain: str) -> dict[str, Any]:
    vp = {"@context": [VC_V2], "type": ["VerifiablePresentation"], "holder": key.did}
    options = {**proof_options(key.kid.replace("#0", ""), NOW, purpose="authentication"),
               "challenge": challenge, "domain": domain}
    options["verificationMethod"] = f"{key.did}#{key.did[8:]}"
    signature = key.private.sign(hash_data(vp, options))
    return {**vp, "proof": {**options, "proofValue": "z" + b58encode(signature)}}


def test_a_did_auth_presentation_gives_the_holder_did() -> None:
    key = HolderKey()
    vp = _presentation(key, "c-1", "apprenance.example.org")
    assert holder_from_presentation(vp, challenge="c-1", domain="apprenance.example.org") \
        == key.did


@pytest.mark.parametrize("why", ["challenge", "domain", "tampered", "holder"])
def test_a_bad_presentation_is_refused(why: str) -> None:
    key = HolderKey()
    vp = _presentation(key, "c-1", "d")
    if why == "tampered":
        vp["holder"] = HolderKey().did
        vp["proof"]["verificationMethod"] = f"{vp['holder']}#{vp['holder'][8:]}"
    if why == "holder":
        vp["holder"] = HolderKey().did
    with pytest.raises(WalletRefused) as refused:
        holder_from_presentation(vp, challenge="other" if why == "challenge" else "c-1",
                                 domain="other" if why == "domain" else "d")
    assert refused.value.protocol_code == "invalid_presentation"


def test_the_offer_links_carry_the_offer_by_value_and_by_reference() -> None:
    links = oid4vci.offer_links(ISSUER, "offer-secret-0123456789", "code-1", lang="en")
    by_value = json.loads(parse_qs(urlsplit(links["by_value"]).query)["credential_offer"][0])
    assert by_value["credential_issuer"] == ISSUER
    grant = by_value["grants"][oid4vci.PRE_AUTHORIZED]
    assert grant["pre-authorized_code"] == "code-1"
    assert grant["tx_code"] == {"input_mode": "numeric", "length": 6,
                                "description": "The 6-digit code shown on the apprenance page"}
    uri = parse_qs(urlsplit(links["by_reference"]).query)["credential_offer_uri"][0]
    assert uri == f"{ISSUER}/wallet/oid4vci/offers/offer-secret-0123456789"
    request = json.loads(parse_qs(urlsplit(vcapi.lcw_deep_link(ISSUER, "s")).query)["request"][0])
    assert request == {"credentialRequestOrigin": ISSUER,
                       "protocols": {"vcapi": f"{ISSUER}/wallet/exchanges/s"}}


def test_the_issuer_metadata_offers_one_ldp_vc_open_badge() -> None:
    meta = oid4vci.issuer_metadata(ISSUER)
    config = meta["credential_configurations_supported"]["OpenBadgeCredential"]
    assert config["format"] == "ldp_vc"
    assert config["credential_definition"]["type"] == ["VerifiableCredential",
                                                       "OpenBadgeCredential"]
    assert meta["nonce_endpoint"].startswith(ISSUER)
    server = oid4vci.authorization_server_metadata(ISSUER)
    assert server["grant_types_supported"] == [oid4vci.PRE_AUTHORIZED]


@pytest.mark.parametrize(("body", "code"), [
    ({}, "invalid_credential_request"),
    ({"proofs": {"jwt": []}}, "invalid_credential_request"),
    ({"proofs": {"jwt": ["a", "b"]}}, "invalid_credential_request"),
    ({"proof": {"jwt": "a"}, "proofs": {"jwt": ["a"]}}, "invalid_credential_request"),
    ({"proofs": {"jwt": ["x" * 9000]}}, "invalid_proof"),
    ([], "invalid_credential_request"),
])
def test_a_malformed_credential_request_is_refused(body: Any, code: str) -> None:
    with pytest.raises(WalletRefused) as refused:
        credential_request(body)
    assert refused.value.protocol_code == code


@pytest.mark.parametrize("path", ["/wallet/interactions/{s}?iuv=1", "/wallet/exchanges/{s}",
                                  "/wallet/oid4vci/offers/{s}"])
def test_wallet_offer_secrets_never_reach_the_access_log(path: str) -> None:
    from apprenance.web.app import redact

    secret = "Zx9-secret-of-the-offer_01"
    line = f'127.0.0.1 - "GET {path.format(s=secret)} HTTP/1.1" 200'
    assert secret not in redact(line)
    assert path.split("{s}")[0] in redact(line)
