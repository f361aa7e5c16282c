"""VC-JWT: a credential as a JOSE compact JWS (EdDSA, or RS256 as an option).

Payload (the Open Badges 3.0 "JWT proof" format, which openbadgeslib and 1EdTech's validator
read): the credential itself, without ``proof``, plus the registered claims
``iss`` = issuer id, ``jti`` = credential id, ``nbf`` = validFrom (or issuanceDate),
``exp`` = validUntil (or expirationDate) when present, ``sub`` = credentialSubject.id when
present, and ``iat`` = the signing time. No ``vc`` wrapper. Header:
``{"alg": "EdDSA" | "RS256", "typ": "JWT", "kid": <verification method id>}``.
Verification also reads the VC 1.1 style payload that wraps the credential in ``vc``.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey, RSAPublicKey

from apprenance.credentials.trust.keys import SigningKey
from apprenance.errors import InputError, SigningError
from apprenance.i18n.phrases import Phrase

ALGORITHMS = ("EdDSA", "RS256")
CLAIMS = ("iss", "jti", "nbf", "exp", "sub", "iat", "aud")
PrivateKey = SigningKey | Ed25519PrivateKey | RSAPrivateKey
PublicKey = Ed25519PublicKey | RSAPublicKey


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def b64url_decode(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise InputError("not base64url data") from None


def looks_like_jwt(text: str) -> bool:
    """A compact JWS: three base64url parts, the first a JSON header."""
    parts = text.strip().split(".")
    return len(parts) == 3 and all(parts[:2]) and parts[0].startswith("eyJ")


def _epoch(value: Any) -> int | None:
    if not isinstance(value, str):
        return None
    try:
        return int(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp())
    except ValueError:
        return None


def jwt_payload(credential: dict[str, Any], *, issued_at: datetime) -> dict[str, Any]:
    """The JWT claims set for ``credential`` (see the module docstring)."""
    payload = {k: v for k, v in credential.items() if k != "proof"}
    issuer = credential.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    subject = credential.get("credentialSubject")
    claims: dict[str, Any] = {
        "iss": issuer_id,
        "jti": credential.get("id"),
        "nbf": _epoch(credential.get("validFrom") or credential.get("issuanceDate")),
        "exp": _epoch(credential.get("validUntil") or credential.get("expirationDate")),
        "sub": subject.get("id") if isinstance(subject, dict) else None,
        "iat": int(issued_at.timestamp()),
    }
    payload.update({k: v for k, v in claims.items() if v is not None})
    return payload


def sign_jwt(
    credential: dict[str, Any],
    key: PrivateKey,
    kid: str,
    *,
    issued_at: datetime,
    alg: str = "EdDSA",
) -> str:
    """The VC-JWT (compact JWS) of ``credential``."""
    header = {"alg": alg, "typ": "JWT", "kid": kid}
    payload = jwt_payload(credential, issued_at=issued_at)
    signing_input = (
        b64url(json.dumps(header, separators=(",", ":")).encode("utf-8"))
        + "."
        + b64url(json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
    ).encode("ascii")
    if alg == "EdDSA":
        if isinstance(key, SigningKey | Ed25519PrivateKey):
            signature = key.sign(signing_input)
        else:
            raise SigningError("EdDSA needs an Ed25519 key")
    elif alg == "RS256":
        if not isinstance(key, RSAPrivateKey):
            raise SigningError("RS256 needs an RSA key")
        signature = key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
    else:
        raise SigningError(f"unsupported JWT algorithm {alg!r} (EdDSA or RS256)")
    return signing_input.decode("ascii") + "." + b64url(signature)


@dataclass(frozen=True)
class DecodedJwt:
    """A compact JWS taken apart (not yet verified)."""

    header: dict[str, Any]
    payload: dict[str, Any]
    signing_input: bytes
    signature: bytes

    @property
    def credential(self) -> dict[str, Any]:
        """The credential the JWT carries (``vc`` claim, or the payload minus JWT claims)."""
        wrapped = self.payload.get("vc")
        if isinstance(wrapped, dict):
            return dict(wrapped)
        return {k: v for k, v in self.payload.items() if k not in CLAIMS}


def decode_jwt(token: str) -> DecodedJwt:
    """Split and decode a compact JWS; raises ``InputError`` when it is not one."""
    parts = token.strip().split(".")
    if len(parts) != 3:
        raise InputError("not a compact JWS (three dot-separated parts)")
    try:
        header = json.loads(b64url_decode(parts[0]))
        payload = json.loads(b64url_decode(parts[1]))
    except (ValueError, UnicodeDecodeError):
        raise InputError("the JWT header or payload is not JSON") from None
    if not isinstance(header, dict) or not isinstance(payload, dict):
        raise InputError("the JWT header or payload is not a JSON object")
    return DecodedJwt(
        header, payload, f"{parts[0]}.{parts[1]}".encode("ascii"), b64url_decode(parts[2])
    )


UNDERSTOOD_EXTENSIONS: tuple[str, ...] = ()
"""Header parameters named in ``crit`` that this verifier understands: none."""


def critical_problem(header: dict[str, Any]) -> Phrase | None:
    """Why the header's ``crit`` makes the JWS invalid (RFC 7515 §4.1.11), else ``None``: it
    must be a non-empty list of names present in the header, and every one must be an
    extension this verifier understands."""
    if "crit" not in header:
        return None
    names = header["crit"]
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        return Phrase("verify.jwt.crit_list")
    unknown = [n for n in names if n not in UNDERSTOOD_EXTENSIONS or n not in header]
    if unknown:
        return Phrase("verify.jwt.crit_unknown", names=", ".join(unknown))
    return None  # pragma: no cover - no extension is understood yet


def verify_jwt_signature(decoded: DecodedJwt, public_key: PublicKey) -> Phrase | None:
    """``None`` when the signature is valid (and the header's ``crit``, if any, names only
    understood extensions), else the reason (in any language: ``str()`` is English)."""
    critical = critical_problem(decoded.header)
    if critical is not None:
        return critical
    alg = decoded.header.get("alg")
    try:
        if alg == "EdDSA" and isinstance(public_key, Ed25519PublicKey):
            public_key.verify(decoded.signature, decoded.signing_input)
        elif alg == "RS256" and isinstance(public_key, RSAPublicKey):
            public_key.verify(
                decoded.signature, decoded.signing_input, padding.PKCS1v15(), hashes.SHA256()
            )
        else:
            return Phrase("verify.jwt.alg", alg=repr(alg))
    except InvalidSignature:
        return Phrase("verify.jwt.mismatch")
    return None


def claim_problems(decoded: DecodedJwt) -> list[Phrase]:
    """Where the registered claims contradict the credential they carry."""
    credential = decoded.credential
    expected = jwt_payload(credential, issued_at=datetime.fromtimestamp(0))
    problems = []
    for claim in ("iss", "jti", "sub", "nbf", "exp"):
        if claim in decoded.payload and decoded.payload[claim] != expected.get(claim):
            problems.append(Phrase("verify.jwt.claim", claim=claim))
    return problems
