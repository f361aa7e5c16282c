"""Open Badges 2.0, for Moodle and older backpacks: hosted assertions, badge classes, issuer
profiles and revocation lists as JSON-LD at stable URLs under ``APPRENANCE_PUBLIC_URL``
(see ``inputs.HostedUrls``), and signed assertions (JWS, RS256) as an option.

The recipient is a salted sha256 hash of the email (a new salt per assertion). Evidence lists
the activities, ``expires`` follows the badge's validity. The validator (1EdTech's
``badgecheck``) fetches every URL, so images are hosted next to the badge class (PNG), and
every document stays on the issuer's origin.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from apprenance.credentials.formats.ob3 import MAX_EVIDENCE, evidence_entry, identity_object
from apprenance.credentials.jsonld.contexts import OB_V2
from apprenance.credentials.verify.inputs import (
    AwardFacts,
    EvidenceItem,
    HostedUrls,
    IssuerProfile,
    Recipient,
    add_period,
    iso,
)
from apprenance.domain.catalog import Badge, Catalog, text
from apprenance.errors import ConfigError, SigningError


def issuer_profile(issuer: IssuerProfile, urls: HostedUrls, *, signed: bool = False,
                   public_key_pem: str | None = None) -> dict[str, Any]:
    """The OB 2.0 ``Issuer`` profile (``url`` is required: the public URL when unset)."""
    doc: dict[str, Any] = {
        "@context": OB_V2,
        "type": "Issuer",
        "id": urls.ob2_issuer(issuer.slug),
        "name": issuer.name,
        "url": issuer.url or urls.base,
        "revocationList": urls.ob2_revocations(issuer.slug),
    }
    if issuer.email:
        doc["email"] = issuer.email
    if issuer.description:
        doc["description"] = issuer.description
    if signed and public_key_pem:
        doc["publicKey"] = urls.ob2_key(issuer.slug)
    return doc


def badge_class(badge: Badge, catalog: Catalog, issuer: IssuerProfile, urls: HostedUrls,
                lang: str) -> dict[str, Any]:
    """The OB 2.0 ``BadgeClass`` of a badge, in ``lang``, with its alignments."""
    name = text(badge.name, lang) or badge.id
    doc: dict[str, Any] = {
        "@context": OB_V2,
        "type": "BadgeClass",
        "id": urls.ob2_badge(issuer.slug, badge.id),
        "name": name,
        "description": text(badge.description, lang) or name,
        "image": urls.ob2_badge_image(issuer.slug, badge.id),
        "criteria": {"id": urls.achievement(badge.id, lang),
                     "narrative": text(badge.criteria, lang) or name},
        "issuer": urls.ob2_issuer(issuer.slug),
        "tags": [badge.kind, badge.achievement_type],
    }
    aligned = []
    for curie in badge.alignments:
        concept = catalog.concepts.get(curie)
        prefix, _, notation = curie.partition(":")
        scheme = catalog.schemes.get(prefix)
        item: dict[str, Any] = {
            "targetName": text(concept.label, lang) if concept else curie,
            "targetUrl": urls.concept(curie),
            "targetFramework": text(scheme.title, lang) if scheme else prefix,
            "targetCode": notation,
        }
        if concept and concept.definition:
            item["targetDescription"] = text(concept.definition, lang)
        aligned.append(item)
    if aligned:
        doc["alignment"] = aligned
    return doc


def _evidence(items: tuple[EvidenceItem, ...], urls: HostedUrls, lang: str,
              uid: str) -> list[Any]:
    """The evidence as the OB 3.0 credential of the same award names it (same ids: the
    entries of the credential's public page)."""
    ordered = sorted(items, key=lambda e: (e.day, e.activity_id), reverse=True)[:MAX_EVIDENCE]
    out = []
    for n, item in enumerate(ordered, start=1):
        entry = evidence_entry(item, urls, lang, credential_id=uid, n=n)
        ob2: dict[str, Any] = {"id": entry["id"], "name": entry["name"],
                               "narrative": entry["narrative"], "genre": entry["genre"]}
        if "description" in entry:
            ob2["description"] = entry["description"]
        out.append(ob2)
    return out


def assertion(
    *,
    uid: str,
    issuer: IssuerProfile,
    recipient: Recipient,
    facts: AwardFacts,
    badge: Badge,
    urls: HostedUrls,
    issued_at: datetime,
    salt: str,
    signed: bool = False,
) -> dict[str, Any]:
    """A hosted (or, with ``signed``, a signed) OB 2.0 ``Assertion``."""
    hashed = identity_object(recipient.participant, recipient.identity_type, salt)
    doc: dict[str, Any] = {
        "@context": OB_V2,
        "type": "Assertion",
        "id": urls.ob2_assertion(uid),
        "recipient": {"type": "email" if recipient.identity_type == "emailAddress" else "id",
                      "hashed": True, "salt": salt, "identity": hashed["identityHash"]},
        "badge": urls.ob2_badge(issuer.slug, badge.id),
        "issuedOn": iso(issued_at),
        "verification": ({"type": "SignedBadge", "creator": urls.ob2_key(issuer.slug)}
                         if signed else {"type": "HostedBadge"}),
    }
    if badge.valid_for:
        doc["expires"] = iso(add_period(issued_at, badge.valid_for))
    items = _evidence(facts.evidence, urls, recipient.lang, uid)
    if items:
        doc["evidence"] = items
    return doc


def revoked_assertion(document: dict[str, Any], reason: str) -> dict[str, Any]:
    """The hosted assertion after revocation (validators read ``revoked``)."""
    return {**document, "revoked": True, "revocationReason": reason}


def revocation_list(issuer: IssuerProfile, urls: HostedUrls,
                    revoked: list[tuple[str, str]]) -> dict[str, Any]:
    """The issuer's ``RevocationList``: (assertion id, reason) pairs."""
    return {
        "@context": OB_V2,
        "type": "RevocationList",
        "id": urls.ob2_revocations(issuer.slug),
        "issuer": urls.ob2_issuer(issuer.slug),
        "revokedAssertions": [{"id": i, "revocationReason": r} for i, r in revoked],
    }


# --- signed assertions (JWS, RS256) ------------------------------------------------------


def rsa_key(path: Path, passphrase: str | None) -> rsa.RSAPrivateKey:
    """The issuer's OB 2.0 RSA key at ``path`` (mode 0600), created on first use."""
    import os

    secret = passphrase.encode("utf-8") if passphrase else None
    if path.exists():
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=secret)
        except (ValueError, TypeError):
            raise SigningError("cannot open the OB 2.0 signing key: wrong passphrase "
                               "or damaged file") from None
        if not isinstance(key, rsa.RSAPrivateKey):
            raise ConfigError(f"{path.name} is not an RSA key")
        return key
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(secret) if secret else serialization.NoEncryption())
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            encryption)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return key


def public_pem(key: rsa.RSAPrivateKey) -> str:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def cryptographic_key(issuer: IssuerProfile, urls: HostedUrls, pem: str) -> dict[str, Any]:
    return {"@context": OB_V2, "type": "CryptographicKey", "id": urls.ob2_key(issuer.slug),
            "owner": urls.ob2_issuer(issuer.slug), "publicKeyPem": pem}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def sign_assertion(document: dict[str, Any], key: rsa.RSAPrivateKey) -> str:
    """The compact JWS (RS256) of a signed assertion."""
    header = _b64(json.dumps({"alg": "RS256"}, separators=(",", ":")).encode())
    payload = _b64(json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode())
    signature = key.sign(f"{header}.{payload}".encode("ascii"), padding.PKCS1v15(),
                         hashes.SHA256())
    return f"{header}.{payload}.{_b64(signature)}"
