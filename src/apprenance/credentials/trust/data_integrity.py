"""Data Integrity proofs: ``eddsa-rdfc-2022`` (sign and verify) and ``Ed25519Signature2020``
(verify), for credentials of the VC Data Model 1.1 and 2.0.

Both hash the canonical N-Quads of the proof options (with the document's ``@context``) and of
the document without its proof, sign ``sha256(options) || sha256(document)`` with Ed25519, and
write the signature as a multibase base58btc ``proofValue``.
Signing refuses a credential holding a term its contexts do not define (see ``terms``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from apprenance.credentials.jsonld.canonical import Order, canonicalize, canonicalize_walk
from apprenance.credentials.jsonld.contexts import DATA_INTEGRITY_V2, VC_V2
from apprenance.credentials.jsonld.rdf_walk import walk
from apprenance.credentials.jsonld.terms import raise_for_problems
from apprenance.credentials.trust.keys import SigningKey, b58encode, multibase_decode
from apprenance.errors import InputError
from apprenance.i18n.phrases import Phrase

EDDSA_RDFC_2022 = "eddsa-rdfc-2022"
DATA_INTEGRITY_PROOF = "DataIntegrityProof"
ED25519_SIGNATURE_2020 = "Ed25519Signature2020"
SUPPORTED = (DATA_INTEGRITY_PROOF, ED25519_SIGNATURE_2020)
_ASTRAL_OR_CONTROL = re.compile("[\x00-\x1f\x7f\U00010000-\U0010ffff]")


def xsd_datetime(moment: datetime) -> str:
    """``2026-09-15T10:00:00Z``: UTC, whole seconds, as the JS libraries write it."""
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def proof_options(
    verification_method: str, created: datetime, *, purpose: str = "assertionMethod"
) -> dict[str, Any]:
    """The options of an ``eddsa-rdfc-2022`` proof (everything but ``proofValue``)."""
    return {
        "type": DATA_INTEGRITY_PROOF,
        "cryptosuite": EDDSA_RDFC_2022,
        "created": xsd_datetime(created),
        "verificationMethod": verification_method,
        "proofPurpose": purpose,
    }


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


def hash_data(
    document: dict[str, Any],
    options: dict[str, Any],
    *,
    check: bool = False,
    order: Order = "utf16",
    legacy_escaping: bool = False,
) -> bytes:
    """``sha256(canonical options) || sha256(canonical document)``; ``check`` refuses
    undefined terms and non-portable strings (signing)."""
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    config = {k: v for k, v in options.items() if k not in ("proofValue", "jws")}
    config["@context"] = document.get("@context")
    doc_walk = walk(unsigned, legacy_escaping=legacy_escaping)
    if check:
        raise_for_problems(doc_walk.problems, what="credential")
        raise_for_problems(walk(config).problems, what="proof options")
    canonical_doc = canonicalize_walk(unsigned, doc_walk, order=order)
    canonical_config = canonicalize(config, order=order, legacy_escaping=legacy_escaping)
    return _digest(canonical_config) + _digest(canonical_doc)


def with_suite_context(credential: dict[str, Any]) -> dict[str, Any]:
    """The credential, with the Data Integrity context appended when its contexts do not
    define ``DataIntegrityProof`` (VC 1.1), as the JavaScript issuers do."""
    context = credential.get("@context")
    contexts = context if isinstance(context, list) else [context]
    if VC_V2 in contexts or DATA_INTEGRITY_V2 in contexts:
        return credential
    probe = {"@context": context, "type": DATA_INTEGRITY_PROOF, "cryptosuite": EDDSA_RDFC_2022}
    if not walk(probe).problems:
        return credential
    return {**credential, "@context": [*contexts, DATA_INTEGRITY_V2]}


def sign(
    credential: dict[str, Any],
    key: SigningKey,
    verification_method: str,
    *,
    created: datetime,
    purpose: str = "assertionMethod",
) -> dict[str, Any]:
    """A copy of ``credential`` with an ``eddsa-rdfc-2022`` proof appended (and the Data
    Integrity context appended to a VC 1.1 credential that lacks it).

    Raises ``SigningError`` when a term is undefined (naming its path) or a string holds a
    control character other than LF and CR."""
    options = proof_options(verification_method, created, purpose=purpose)
    credential = with_suite_context(credential)
    signature = key.sign(hash_data(credential, options, check=True))
    proof = {**options, "proofValue": "z" + b58encode(signature)}
    existing = credential.get("proof")
    signed = dict(credential)
    if existing is None:
        signed["proof"] = proof
    else:
        signed["proof"] = [*(existing if isinstance(existing, list) else [existing]), proof]
    return signed


@dataclass(frozen=True)
class ProofCheck:
    """The outcome of checking one proof's signature."""

    valid: bool
    reason: str = ""
    phrase: Phrase | None = field(default=None, compare=False)  # the reason, in any language


def _fails(key: str, **params: Any) -> ProofCheck:
    phrase = Phrase(key, params)
    return ProofCheck(False, str(phrase), phrase)


def proofs_of(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The proofs of a document, as a list of objects."""
    proof = document.get("proof")
    items = proof if isinstance(proof, list) else [proof] if proof is not None else []
    return [p for p in items if isinstance(p, dict)]


def is_supported(proof: dict[str, Any]) -> bool:
    """Whether this verifier can check ``proof``: ``Ed25519Signature2020``, or a
    ``DataIntegrityProof`` of the ``eddsa-rdfc-2022`` cryptosuite."""
    kind = proof.get("type")
    if kind == DATA_INTEGRITY_PROOF:
        return proof.get("cryptosuite") == EDDSA_RDFC_2022
    return kind == ED25519_SIGNATURE_2020


def describe(proof: dict[str, Any]) -> str:
    """A proof's type and cryptosuite, for messages."""
    suite = proof.get("cryptosuite")
    return f"{proof.get('type')} ({suite})" if suite else str(proof.get("type"))


def check_proof(
    document: dict[str, Any], proof: dict[str, Any], public_key: Ed25519PublicKey
) -> ProofCheck:
    """Check one proof's signature against ``public_key``."""
    kind = proof.get("type")
    if kind == DATA_INTEGRITY_PROOF and proof.get("cryptosuite") != EDDSA_RDFC_2022:
        return _fails("verify.proof.cryptosuite", suite=proof.get("cryptosuite"))
    if kind not in SUPPORTED:
        return _fails("verify.proof.type", type=kind)
    value = proof.get("proofValue")
    if not isinstance(value, str):
        return _fails("verify.proof.no_value")
    try:
        signature = multibase_decode(value)
    except InputError as exc:
        return _fails("verify.proof.bad_value", reason=exc.message)
    variants: list[tuple[Order, bool]] = [("utf16", False)]
    if _has_special(document):
        variants += [("codepoint", False), ("utf16", True), ("codepoint", True)]
    for order, legacy in variants:
        data = hash_data(document, proof, order=order, legacy_escaping=legacy)
        try:
            public_key.verify(signature, data)
        except InvalidSignature:
            continue
        return ProofCheck(True)
    return _fails("verify.proof.mismatch")


def _has_special(value: Any) -> bool:
    """Whether a string inside holds a character on which canonicalizers disagree."""
    if isinstance(value, str):
        return _ASTRAL_OR_CONTROL.search(value) is not None
    if isinstance(value, dict):
        return any(_has_special(k) or _has_special(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_special(v) for v in value)
    return False
