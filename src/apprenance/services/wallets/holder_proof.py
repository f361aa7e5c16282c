"""What a wallet proves about its holder: the DID whose key signed the OpenID4VCI proof of
possession (a JWT, ``typ`` ``openid4vci-proof+jwt``, OpenID4VCI 1.0 appendix F.1) or the
DID-auth presentation of a VC-API exchange (a Verifiable Presentation with an
``authentication`` proof over the exchange's challenge and domain).

Holder keys are Ed25519, named by a did:key (``did:key:z6Mk...#z6Mk...``) or a did:jwk
(``did:jwk:<base64url JWK>#0``, an OKP Ed25519 JWK): both resolve here without any network."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from apprenance.credentials.trust.data_integrity import check_proof, proofs_of
from apprenance.credentials.trust.did import resolve_key
from apprenance.credentials.trust.jwt import b64url_decode, decode_jwt, verify_jwt_signature
from apprenance.errors import ApprenanceError, InputError, ResolutionError, WalletRefused

PROOF_TYP = "openid4vci-proof+jwt"
PROOF_ALGS = ("EdDSA",)
BINDING_METHODS = ("did:key", "did:jwk")
IAT_SKEW = 300  # seconds a proof's ``iat`` may be ahead of, or behind, the issuer's clock


def _no_fetch(url: str) -> bytes:
    raise ResolutionError("verify.did.not_key", did=url)


def holder_key(vm_id: str) -> tuple[str, Ed25519PublicKey]:
    """(holder DID, public key) of a did:key or did:jwk verification method."""
    did = vm_id.split("#", 1)[0]
    if did.startswith("did:key:"):
        method = resolve_key(vm_id if "#" in vm_id else f"{vm_id}#{did[8:]}", _no_fetch)
        return did, method.public_key
    if did.startswith("did:jwk:"):
        try:
            jwk = json.loads(b64url_decode(did.removeprefix("did:jwk:")))
        except (ValueError, UnicodeDecodeError):
            raise InputError("the did:jwk does not hold a JSON Web Key") from None
        if not isinstance(jwk, dict) or jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519":
            raise InputError("only Ed25519 (OKP) did:jwk keys are accepted")
        try:
            return did, Ed25519PublicKey.from_public_bytes(b64url_decode(str(jwk.get("x"))))
        except ValueError:
            raise InputError("the did:jwk key is not 32 bytes of Ed25519") from None
    raise InputError(f"the holder key must be a did:key or did:jwk, not {did[:40]!r}")


def _proof_refused(message: str) -> WalletRefused:
    return WalletRefused("invalid_proof", message)


def _audience_ok(aud: Any, issuer: str) -> bool:
    return aud == issuer or (isinstance(aud, list) and issuer in aud)


def holder_from_jwt_proof(token: str, *, issuer: str, now: datetime,
                          spend_nonce: Callable[[str], bool]) -> str:
    """The holder DID a proof-of-possession JWT proves; ``WalletRefused`` with
    ``invalid_proof`` (malformed, wrong ``typ``/``alg``/``aud``/``iat``, bad signature) or
    ``invalid_nonce`` (missing, unknown, expired or spent ``nonce``).

    ``spend_nonce(nonce)`` spends a ``c_nonce`` of the nonce endpoint (False: not good)."""
    try:
        decoded = decode_jwt(token)
    except InputError as exc:
        raise _proof_refused(f"the proof is not a JWT: {exc.message}") from None
    header, claims = decoded.header, decoded.payload
    if header.get("typ") != PROOF_TYP:
        raise _proof_refused(f"the proof's typ must be {PROOF_TYP}")
    if header.get("alg") not in PROOF_ALGS:
        raise _proof_refused(f"the proof's alg must be one of {', '.join(PROOF_ALGS)}")
    if "jwk" in header or "x5c" in header:
        raise _proof_refused("name the holder key by kid (a did:key or did:jwk URL)")
    kid = header.get("kid")
    if not isinstance(kid, str) or not kid.startswith(BINDING_METHODS) or "#" not in kid:
        raise _proof_refused("the proof's kid must be a did:key or did:jwk verification method")
    try:
        did, public_key = holder_key(kid)
    except ApprenanceError as exc:
        raise _proof_refused(exc.message) from None
    problem = verify_jwt_signature(decoded, public_key)
    if problem is not None:
        raise _proof_refused(f"the proof's signature does not verify: {problem}")
    if not _audience_ok(claims.get("aud"), issuer):
        raise _proof_refused(f"the proof's aud must be the credential issuer {issuer}")
    iat = claims.get("iat")
    if not isinstance(iat, int | float) or isinstance(iat, bool) \
            or abs(now.timestamp() - float(iat)) > IAT_SKEW:
        raise _proof_refused("the proof's iat is missing or too far from now")
    nonce = claims.get("nonce")
    if not isinstance(nonce, str) or not nonce or not spend_nonce(nonce):
        raise WalletRefused("invalid_nonce", "the proof's nonce is missing, unknown, expired "
                            "or already used: ask the nonce endpoint for a new one")
    return did


def _presentation_refused(message: str) -> WalletRefused:
    return WalletRefused("invalid_presentation", message)


def holder_from_presentation(presentation: Any, *, challenge: str, domain: str) -> str:
    """The holder DID a DID-auth Verifiable Presentation proves: signed by a key of its
    ``holder`` (did:key), for ``authentication``, over this exchange's challenge and domain."""
    if not isinstance(presentation, dict):
        raise _presentation_refused("verifiablePresentation must be a JSON object")
    types = presentation.get("type")
    types = types if isinstance(types, list) else [types]
    if "VerifiablePresentation" not in types:
        raise _presentation_refused("the presentation's type must be VerifiablePresentation")
    holder = presentation.get("holder")
    holder = holder.get("id") if isinstance(holder, dict) else holder
    if not isinstance(holder, str) or not holder.startswith("did:key:"):
        raise _presentation_refused("the presentation's holder must be a did:key")
    for proof in proofs_of(presentation):
        if proof.get("proofPurpose") != "authentication":
            continue
        if proof.get("challenge") != challenge:
            raise _presentation_refused("the presentation answers another challenge")
        if proof.get("domain") != domain:
            raise _presentation_refused("the presentation is meant for another domain")
        vm = proof.get("verificationMethod")
        if not isinstance(vm, str) or vm.split("#", 1)[0] != holder:
            raise _presentation_refused("the presentation is signed by a key not the holder's")
        try:
            _, public_key = holder_key(vm)
            checked = check_proof(presentation, proof, public_key)
        except ApprenanceError as exc:
            raise _presentation_refused(exc.message) from None
        if not checked.valid:
            raise _presentation_refused(f"the presentation's signature: {checked.reason}")
        return holder
    raise _presentation_refused("the presentation has no authentication proof")
