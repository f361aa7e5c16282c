"""Verification of one credential: every check, one line each, and a verdict.

Checks, in order: ``parse`` (JSON object or VC-JWT), ``terms`` (every term defined by the
contexts: what safe-mode verifiers require), ``signature`` (each supported proof, or the JWS),
``issuer`` (the key belongs to the issuer: did:key, did:web or https controller document, listed
for assertions), ``window`` (validFrom/validUntil or issuanceDate/expirationDate against the
clock), ``status`` (Bitstring Status List / StatusList2021; the list credential is fetched and
verified too), ``recipient`` (when asked), ``structure`` (Open Badges 3.0 data model; warnings
only). The credential is valid when signature, terms and issuer pass, the window is ok and the
status is absent or ok (and the recipient matches when one is given). Open Badges 2.0
assertions have their own checks (``ob2_verify``) and fill the same ``Report``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from apprenance.credentials import data_integrity, jwt
from apprenance.credentials.canonical import CanonicalizationError
from apprenance.credentials.contexts import UnknownContext
from apprenance.credentials.did import Fetcher, ResolutionError, resolve_key
from apprenance.credentials.rdf_walk import walk
from apprenance.credentials.status_list import check_status
from apprenance.credentials.structure import (
    issuer_id,
    ob3_problems,
    recipient_matches,
    window_state,
)

OB2_CONTEXT = "https://w3id.org/openbadges/v2"


@dataclass(frozen=True)
class Check:
    """One line of a verification report. ``status``: ok, failed, warning or skipped."""

    name: str
    status: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"check": self.name, "status": self.status, "message": self.message}


@dataclass
class Report:
    """The checks run on one credential, and the summary fields of the verdict."""

    source: str
    format: str = "unknown"
    checks: list[Check] = field(default_factory=list)
    parse: str = "ok"
    signature: str | None = None
    window: str | None = None
    status: str | None = None
    recipient: str | None = None
    structure: str | None = None  # OB 2.0: "ok" or "invalid" (OB 3.0 structure only warns)
    structure_problems: list[str] = field(default_factory=list)
    credential_id: str | None = None
    issuer: str | None = None

    def add(self, name: str, status: str, message: str) -> None:
        self.checks.append(Check(name, status, message))

    @property
    def verified(self) -> bool:
        return (
            self.parse == "ok"
            and self.signature == "valid"
            and self.window == "ok"
            and self.status in ("none", "ok")
            and self.recipient in (None, "ok")
            and self.structure in (None, "ok")
        )

    @property
    def verdict(self) -> str:
        if self.parse != "ok":
            return "unreadable"
        return "valid" if self.verified else "invalid"

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "format": self.format,
            "verdict": self.verdict,
            "verified": self.verified,
            "parse": self.parse,
            "signature": self.signature,
            "window": self.window,
            "status": self.status,
            "recipient": self.recipient,
            "structure": self.structure,
            "id": self.credential_id,
            "issuer": self.issuer,
            "ob3_structure_problems": self.structure_problems,
            "checks": [c.to_dict() for c in self.checks],
        }


def parse_text(text: str, report: Report) -> tuple[dict[str, Any] | None, jwt.DecodedJwt | None]:
    """The credential in ``text`` (JSON or compact JWS), or ``(None, None)`` after a parse
    failure recorded in ``report``."""
    stripped = text.strip()
    if not stripped:
        report.parse = "error"
        report.add("parse", "failed", "empty input: no credential to verify")
        return None, None
    if jwt.looks_like_jwt(stripped):
        try:
            decoded = jwt.decode_jwt(stripped)
        except Exception as exc:  # our InputError, or a decoding failure
            report.parse = "error"
            report.add("parse", "failed", f"unreadable JWT: {getattr(exc, 'message', exc)}")
            return None, None
        report.format = "vc-jwt"
        report.add("parse", "ok", f"VC-JWT ({decoded.header.get('alg')})")
        return decoded.credential, decoded
    try:
        data = json.loads(stripped)
    except ValueError as exc:
        report.parse = "error"
        report.add("parse", "failed", f"not JSON: {exc}")
        return None, None
    if not isinstance(data, dict):
        report.parse = "error"
        report.add("parse", "failed", "the JSON is not an object")
        return None, None
    report.format = "json"
    report.add("parse", "ok", "JSON credential")
    return data, None


def verify_document(
    credential: dict[str, Any],
    report: Report,
    *,
    fetcher: Fetcher,
    now: datetime,
    recipient: str | None = None,
    decoded_jwt: jwt.DecodedJwt | None = None,
    _depth: int = 0,
) -> Report:
    """Run every check on a parsed credential; fill and return ``report``."""
    report.credential_id = credential.get("id") if isinstance(credential.get("id"), str) else None
    report.issuer = issuer_id(credential)
    terms_ok = _check_terms(credential, report)
    if decoded_jwt is not None:
        signed = _check_jwt(credential, decoded_jwt, report, fetcher)
    else:
        signed = _check_proofs(credential, report, fetcher)
    report.signature = "valid" if signed and terms_ok else "invalid"
    state, message = window_state(credential, now)
    report.window = state
    report.add("window", "ok" if state == "ok" else "failed", message)
    if _depth == 0:
        _check_status(credential, report, fetcher, now)
        if recipient is not None:
            found, why = recipient_matches(credential, recipient)
            report.recipient = "ok" if found else "mismatch"
            report.add("recipient", "ok" if found else "failed", why)
        report.structure_problems = ob3_problems(credential)
        if report.structure_problems:
            report.add("structure", "warning", "; ".join(report.structure_problems))
        else:
            report.add("structure", "ok", "an Open Badges 3.0 credential")
    return report


def _check_terms(credential: dict[str, Any], report: Report) -> bool:
    try:
        problems = walk(credential).problems
    except UnknownContext as exc:
        report.add("terms", "failed", exc.message)
        return False
    if problems:
        lines = [p.describe() for p in problems]
        report.add("terms", "failed", "; ".join(lines[:5]))
        return False
    report.add("terms", "ok", "every term is defined by the credential's contexts")
    return True


def _issuer_controls(vm: Any, credential: dict[str, Any], report: Report) -> bool:
    issuer = issuer_id(credential)
    if vm.controller != issuer:
        report.add(
            "issuer", "failed", f"the key belongs to {vm.controller}, the issuer is {issuer}"
        )
        return False
    if vm.relationships and "assertionMethod" not in vm.relationships:
        report.add("issuer", "failed", f"{issuer} does not list {vm.id} for assertions")
        return False
    report.add("issuer", "ok", f"the key {vm.id} belongs to the issuer")
    return True


def _check_proofs(credential: dict[str, Any], report: Report, fetcher: Fetcher) -> bool:
    proofs = data_integrity.proofs_of(credential)
    supported = [p for p in proofs if p.get("type") in data_integrity.SUPPORTED]
    if not supported:
        names = ", ".join(str(p.get("type")) for p in proofs) or "none"
        report.add("signature", "failed", f"no supported proof (found: {names})")
        return False
    all_ok = True
    for proof in supported:
        label = str(proof.get("cryptosuite") or proof.get("type"))
        try:
            vm = resolve_key(str(proof.get("verificationMethod", "")), fetcher)
            result = data_integrity.check_proof(credential, proof, vm.public_key)
        except ResolutionError as exc:
            report.add("signature", "failed", f"{label}: {exc.message}")
            all_ok = False
            continue
        except (CanonicalizationError, UnknownContext) as exc:
            report.add("signature", "failed", f"{label}: {exc.message}")
            all_ok = False
            continue
        if not result.valid:
            report.add("signature", "failed", f"{label}: {result.reason}")
            all_ok = False
            continue
        report.add("signature", "ok", f"{label} proof verified with {vm.id}")
        if proof.get("proofPurpose", "assertionMethod") != "assertionMethod":
            report.add("issuer", "failed", f"proof purpose {proof.get('proofPurpose')!r}")
            all_ok = False
        elif not _issuer_controls(vm, credential, report):
            all_ok = False
    return all_ok


def _check_jwt(
    credential: dict[str, Any], decoded: jwt.DecodedJwt, report: Report, fetcher: Fetcher
) -> bool:
    kid = decoded.header.get("kid")
    if not isinstance(kid, str):
        report.add("signature", "failed", "the JWT header names no key (kid)")
        return False
    if kid.startswith("#"):
        kid = str(decoded.payload.get("iss", "")) + kid
    try:
        vm = resolve_key(kid, fetcher)
    except ResolutionError as exc:
        report.add("signature", "failed", exc.message)
        return False
    problem = jwt.verify_jwt_signature(decoded, vm.public_key)
    if problem is not None:
        report.add("signature", "failed", problem)
        return False
    report.add("signature", "ok", f"JWS ({decoded.header.get('alg')}) verified with {vm.id}")
    claims = jwt.claim_problems(decoded)
    if claims:
        report.add("signature", "failed", "; ".join(claims))
        return False
    return _issuer_controls(vm, credential, report)


def _check_status(
    credential: dict[str, Any], report: Report, fetcher: Fetcher, now: datetime
) -> None:
    def verify_list(listed: dict[str, Any]) -> str | None:
        inner = verify_document(
            listed, Report(source="status list"), fetcher=fetcher, now=now, _depth=1
        )
        failed = [c.message for c in inner.checks if c.status == "failed"]
        return "; ".join(failed) if failed else None

    result = check_status(credential, fetcher, verify_list)
    if result is None:
        report.status = "none"
        report.add("status", "skipped", "no credentialStatus")
        return
    report.status = result.state
    report.add("status", "ok" if result.state == "ok" else "failed", result.message)
