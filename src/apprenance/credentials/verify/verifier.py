"""Verification of one credential: every check, one line each, and a verdict.

Checks, in order: ``parse`` (JSON object or VC-JWT), ``context`` (the first ``@context`` is the
VC Data Model's: v2, or v1 for 1.1), ``terms`` (every term defined by the contexts: what
safe-mode verifiers require), ``signature`` (each supported proof, or the JWS; unsupported
extra proofs are ignored with a note), ``issuer`` (the key belongs to the issuer: did:key,
did:web or https controller document, listed for assertions), ``window``
(validFrom/validUntil or issuanceDate/expirationDate against the clock), ``status`` (Bitstring
Status List / StatusList2021; the list credential, issued by the same issuer, is fetched and
verified too), ``recipient`` (when asked), ``structure`` (Open Badges 3.0 data model, for
badges only; warnings only), ``nested`` (every credential a CLR holds and every embedded
endorsement, each verified the same way: see ``nested_verify``). The credential is valid when
all of these pass (the status absent or ok, the recipient matching when one is given).
Open Badges 2.0 assertions have their own checks (``ob2_verify``) and fill the same ``Report``.

Each check keeps its message key and values (``verify.msg.*``, ``verify.status.*``), so people
read it in their language (``Check.text``); the JSON reports carry the English text.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from apprenance.credentials.jsonld.contexts import VC_V1, VC_V2
from apprenance.credentials.jsonld.rdf_walk import walk
from apprenance.credentials.trust import data_integrity, jwt
from apprenance.credentials.trust.did import Fetcher, resolve_key
from apprenance.credentials.trust.status_list import check_status
from apprenance.credentials.verify.structure import (
    is_badge,
    issuer_id,
    ob3_problems,
    recipient_matches,
    types_of,
    vouches_for,
    window_check,
)
from apprenance.errors import (
    CanonicalizationError,
    InputError,
    ResolutionError,
    UnknownContext,
)
from apprenance.i18n.phrases import Phrases, reason_of, say

CheckStatus = Literal["ok", "failed", "warning", "skipped"]
"""The status of one check: every verifier (OB 3.0, OB 2.0, nested) writes one of these, and
the CLI, the verify page and the JSON reports read them."""


@dataclass(frozen=True)
class Check:
    """One line of a verification report. ``status``: ok, failed, warning or skipped;
    ``key`` and ``params``: the message in any language (``None``: ``message`` only)."""

    name: str
    status: CheckStatus
    message: str
    key: str | None = None
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    def text(self, lang: str) -> str:
        """The message in ``lang`` (the English text when the check has no key)."""
        return say(self.key, lang, **self.params) if self.key else self.message

    def to_dict(self, lang: str | None = None) -> dict[str, str]:
        out = {"check": self.name, "status": self.status, "message": self.message}
        if lang is not None:
            out["text"] = self.text(lang)
        return out


@dataclass
class Report:
    """The checks run on one credential, and the summary fields of the verdict."""

    source: str
    format: str = "unknown"
    checks: list[Check] = field(default_factory=list)
    parse: str = "ok"
    context: str | None = None  # VC: "ok" or "invalid" (first @context)
    signature: str | None = None
    window: str | None = None
    status: str | None = None
    recipient: str | None = None
    structure: str | None = None  # OB 2.0: "ok" or "invalid" (OB 3.0 structure only warns)
    structure_problems: list[str] = field(default_factory=list)
    credential_id: str | None = None
    issuer: str | None = None
    role: str | None = None  # a nested credential: where it sits in the one holding it
    endorses: str | None = None  # a nested endorsement: "ok" or "mismatch"
    nested: list[Report] = field(default_factory=list)
    vouches: dict[str, Any] | None = None

    def add(self, name: str, status: CheckStatus, message: str) -> None:
        self.checks.append(Check(name, status, message))

    def say(self, name: str, status: CheckStatus, key: str, /, **params: Any) -> None:
        """Record a check whose message is the i18n message ``key``."""
        self.checks.append(Check(name, status, say(key, "en", **params), key, params))

    @property
    def verified(self) -> bool:
        return (
            self.parse == "ok"
            and self.context in (None, "ok")
            and self.signature == "valid"
            and self.window == "ok"
            and self.status in ("none", "ok")
            and self.recipient in (None, "ok")
            and self.structure in (None, "ok")
            and self.endorses in (None, "ok")
            and all(n.verified for n in self.nested if n.decisive)
        )

    @property
    def decisive(self) -> bool:
        """Whether this report decides its parent's verdict: a credential a CLR holds does;
        an embedded endorsement (a third party's statement) is shown, and only warns."""
        return self.role is None or self.role.startswith("verifiableCredential")

    @property
    def verdict(self) -> str:
        if self.parse != "ok":
            return "unreadable"
        return "valid" if self.verified else "invalid"

    @property
    def failed_checks(self) -> list[str]:
        """The names of the checks that failed, in order, once each."""
        names: list[str] = []
        for check in self.checks:
            if check.status == "failed" and check.name not in names:
                names.append(check.name)
        return names

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The report as JSON; with ``lang``, each check also has its ``text`` in it."""
        return {
            "source": self.source,
            "format": self.format,
            "verdict": self.verdict,
            "verified": self.verified,
            "failed_checks": self.failed_checks,
            "parse": self.parse,
            "context": self.context,
            "signature": self.signature,
            "window": self.window,
            "status": self.status,
            "recipient": self.recipient,
            "structure": self.structure,
            "id": self.credential_id,
            "issuer": self.issuer,
            "vouches_for": self.vouches,
            "ob3_structure_problems": self.structure_problems,
            "checks": [c.to_dict(lang) for c in self.checks],
            "role": self.role,
            "endorses": self.endorses,
            "nested": [n.to_dict(lang) for n in self.nested],
        }


def parse_text(text: str, report: Report) -> tuple[dict[str, Any] | None, jwt.DecodedJwt | None]:
    """The credential in ``text`` (JSON or compact JWS), or ``(None, None)`` after a parse
    failure recorded in ``report``."""
    stripped = text.strip()
    if not stripped:
        report.parse = "error"
        report.say("parse", "failed", "verify.msg.empty")
        return None, None
    if jwt.looks_like_jwt(stripped):
        try:
            decoded = jwt.decode_jwt(stripped)
        except (InputError, RecursionError) as exc:  # not base64url/JSON; nested too deeply
            report.parse = "error"
            report.say("parse", "failed", "verify.msg.bad_jwt",
                       reason=getattr(exc, "message", exc))
            return None, None
        report.format = "vc-jwt"
        report.say("parse", "ok", "verify.msg.jwt_ok", alg=decoded.header.get("alg"))
        return decoded.credential, decoded
    try:
        data = json.loads(stripped)
    except ValueError as exc:
        report.parse = "error"
        report.say("parse", "failed", "verify.msg.not_json", reason=exc)
        return None, None
    if not isinstance(data, dict):
        report.parse = "error"
        report.say("parse", "failed", "verify.msg.not_object")
        return None, None
    report.format = "json"
    report.say("parse", "ok", "verify.msg.json_ok")
    return data, None


def verify_document(
    credential: dict[str, Any],
    report: Report,
    *,
    fetcher: Fetcher,
    now: datetime,
    recipient: str | None = None,
    decoded_jwt: jwt.DecodedJwt | None = None,
    status_issuers: Collection[str] = (),
    status_list: bool = False,
    _depth: int = 0,
) -> Report:
    """Run every check on a parsed credential; fill and return ``report``.

    ``status_issuers``: issuers whose status lists are trusted besides the credential's own
    issuer. ``status_list``: the document is a status list (no status, recipient, structure or
    nested checks)."""
    report.credential_id = credential.get("id") if isinstance(credential.get("id"), str) else None
    report.issuer = issuer_id(credential)
    report.context = "ok" if _check_context(credential, report) else "invalid"
    terms_ok = _check_terms(credential, report)
    if decoded_jwt is not None:
        signed = _check_jwt(credential, decoded_jwt, report, fetcher)
    else:
        signed = _check_proofs(credential, report, fetcher)
    report.signature = "valid" if signed and terms_ok else "invalid"
    state, key, params = window_check(credential, now)
    report.window = state
    report.say("window", "ok" if state == "ok" else "failed", key, **params)
    if status_list:
        return report
    _check_status(credential, report, fetcher, now, status_issuers)
    if recipient is not None:
        found, why = recipient_matches(credential, recipient)
        report.recipient = "ok" if found else "mismatch"
        if found:
            report.say("recipient", "ok", "verify.msg.recipient_ok", how=why)
        else:
            report.say("recipient", "failed", "verify.msg.recipient_bad")
    if is_badge(credential):
        report.structure_problems = ob3_problems(credential)
        if report.structure_problems:
            report.say("structure", "warning", "verify.msg.structure_warn",
                       problems="; ".join(report.structure_problems))
        else:
            report.say("structure", "ok", "verify.msg.structure_ok")
    else:
        report.say("structure", "skipped", "verify.msg.structure_other",
                   types=", ".join(types_of(credential.get("type"))))
    from apprenance.credentials.verify.nested_verify import check_nested

    check_nested(credential, report, fetcher=fetcher, now=now, recipient=recipient,
                 status_issuers=status_issuers, depth=_depth)
    report.vouches = vouches_for(credential, report.recipient, report.status)
    return report


def _check_context(credential: dict[str, Any], report: Report) -> bool:
    """The first ``@context`` is the VC Data Model's (v2; or v1 for a VC 1.1 credential)."""
    value = credential.get("@context")
    items = value if isinstance(value, list) else [value]
    named = [c for c in items if isinstance(c, str)]
    expected = VC_V2 if VC_V2 in named else VC_V1 if VC_V1 in named else None
    first = items[0] if items else None
    if expected is None:
        report.say("context", "failed", "verify.msg.context_none", v2=VC_V2, v1=VC_V1)
        return False
    if first != expected:
        found = first if isinstance(first, str) else json.dumps(first)[:80]
        report.say("context", "failed", "verify.msg.context_order", expected=expected,
                   found=found)
        return False
    report.say("context", "ok", "verify.msg.context_ok", context=expected)
    return True


def _check_terms(credential: dict[str, Any], report: Report) -> bool:
    try:
        problems = walk(credential).problems
    except UnknownContext as exc:
        report.say("terms", "failed", "verify.msg.terms_bad", problems=exc.message)
        return False
    if problems:
        lines = [p.describe() for p in problems]
        report.say("terms", "failed", "verify.msg.terms_bad", problems="; ".join(lines[:5]))
        return False
    report.say("terms", "ok", "verify.msg.terms_ok")
    return True


def _issuer_controls(vm: Any, credential: dict[str, Any], report: Report) -> bool:
    issuer = issuer_id(credential)
    if vm.controller != issuer:
        report.say("issuer", "failed", "verify.msg.key_other", controller=vm.controller,
                   issuer=issuer)
        return False
    if vm.relationships and "assertionMethod" not in vm.relationships:
        report.say("issuer", "failed", "verify.msg.key_unlisted", issuer=issuer, method=vm.id)
        return False
    report.say("issuer", "ok", "verify.msg.key_ok", method=vm.id)
    return True


def _check_proofs(credential: dict[str, Any], report: Report, fetcher: Fetcher) -> bool:
    """Every supported proof verifies (at least one is needed); the others are ignored."""
    proofs = data_integrity.proofs_of(credential)
    supported = [p for p in proofs if data_integrity.is_supported(p)]
    if not supported:
        names = ", ".join(data_integrity.describe(p) for p in proofs) or "none"
        report.say("signature", "failed", "verify.msg.no_proof", found=names)
        return False
    for proof in proofs:
        if not data_integrity.is_supported(proof):
            report.say("signature", "skipped", "verify.msg.proof_ignored",
                       proof=data_integrity.describe(proof))
    all_ok = True
    for proof in supported:
        label = str(proof.get("cryptosuite") or proof.get("type"))
        try:
            vm = resolve_key(str(proof.get("verificationMethod", "")), fetcher)
            result = data_integrity.check_proof(credential, proof, vm.public_key)
        except (ResolutionError, CanonicalizationError, UnknownContext) as exc:
            report.say("signature", "failed", "verify.msg.proof_bad", proof=label,
                       reason=reason_of(exc))
            all_ok = False
            continue
        if not result.valid:
            report.say("signature", "failed", "verify.msg.proof_bad", proof=label,
                       reason=result.phrase or result.reason)
            all_ok = False
            continue
        report.say("signature", "ok", "verify.msg.proof_ok", proof=label, method=vm.id)
        if proof.get("proofPurpose", "assertionMethod") != "assertionMethod":
            report.say("issuer", "failed", "verify.msg.purpose",
                       purpose=repr(proof.get("proofPurpose")))
            all_ok = False
        elif not _issuer_controls(vm, credential, report):
            all_ok = False
    return all_ok


def _check_jwt(
    credential: dict[str, Any], decoded: jwt.DecodedJwt, report: Report, fetcher: Fetcher
) -> bool:
    kid = decoded.header.get("kid")
    if not isinstance(kid, str):
        report.say("signature", "failed", "verify.msg.no_kid")
        return False
    if kid.startswith("#"):
        kid = str(decoded.payload.get("iss", "")) + kid
    try:
        vm = resolve_key(kid, fetcher)
    except ResolutionError as exc:
        report.say("signature", "failed", "verify.msg.reason", reason=exc.phrase)
        return False
    problem = jwt.verify_jwt_signature(decoded, vm.public_key)
    if problem is not None:
        report.say("signature", "failed", "verify.msg.reason", reason=problem)
        return False
    report.say("signature", "ok", "verify.msg.jws_ok", alg=decoded.header.get("alg"), method=vm.id)
    claims = jwt.claim_problems(decoded)
    if claims:
        report.say("signature", "failed", "verify.msg.reason", reason=Phrases.of(claims))
        return False
    return _issuer_controls(vm, credential, report)


def _check_status(
    credential: dict[str, Any], report: Report, fetcher: Fetcher, now: datetime,
    status_issuers: Collection[str],
) -> None:
    def verify_list(listed: dict[str, Any]) -> Phrases | None:
        inner = verify_document(
            listed, Report(source="status list"), fetcher=fetcher, now=now, status_list=True
        )
        failed = Phrases.of(c for c in inner.checks if c.status == "failed")
        return failed or None

    result = check_status(credential, fetcher, verify_list, status_issuers)
    if result is None:
        report.status = "none"
        report.say("status", "skipped", "verify.status.none")
        return
    report.status = result.state
    report.say("status", "ok" if result.state == "ok" else "failed", result.key, **result.params)
