"""Verification of one Open Badges 2.0 assertion: hosted, signed (JWS) or baked; one line per
check and the summary fields of ``verifier.Report``.

Input: the assertion JSON, its compact JWS (signed), the text baked in a PNG/SVG (JSON, JWS or
the assertion URL), or the document a URL answered. Checks, in order:

``parse``; ``hosted`` (hosted assertions: the assertion is fetched from its id, which must
answer the same document — the copy given, baked, or fetched from the input URL);
``structure`` (the assertion's required properties); ``badge`` (the BadgeClass, fetched from
its URL or embedded); ``issuer`` (the issuer Profile, likewise); ``origin`` (hosted: the
assertion id is within the issuer's verification policy) or ``signature`` (signed: the JWS,
RS256 or EdDSA, verifies with the CryptographicKey named by ``verification.creator`` or
declared by the issuer, and the issuer declares that key); ``window`` (issuedOn not in the
future, expires not past); ``status`` (not ``revoked`` on the hosted assertion, not in the
issuer's revocation list); ``recipient`` (when asked); ``terms`` (every term is defined by the
shipped OB 2.0 context; a warning only, as extensions may use other contexts).

Summary fields: ``signature`` is the authenticity verdict (hosted copy and origin, or JWS and
key), ``structure`` the well-formedness of assertion, badge class and issuer.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey

from apprenance.credentials import jwt
from apprenance.credentials.contexts import UnknownContext
from apprenance.credentials.did import Fetcher
from apprenance.credentials.ob2_documents import (
    OB2_CONTEXT,
    Ob2Problem,
    assertion_problems,
    badge_class_problems,
    differences,
    fetch_document,
    has_ob2_context,
    hosted_scope,
    is_http,
    list_of,
    parse_document,
    profile_problems,
    recipient_matches,
    ref_id,
    resolve,
    revocation_entry,
    revocation_list_problems,
    verification_kind,
)
from apprenance.credentials.rdf_walk import walk
from apprenance.credentials.structure import parse_time
from apprenance.credentials.unbake import Baked
from apprenance.credentials.verifier import Report
from apprenance.errors import InputError

ALGORITHMS = ("RS256", "EdDSA")


def looks_like_ob2(text: str) -> bool:
    """Whether ``text`` is an OB 2.0 assertion: JSON, or a JWS whose payload is one."""
    stripped = text.strip()
    if jwt.looks_like_jwt(stripped):
        try:
            return has_ob2_context(jwt.decode_jwt(stripped).payload)
        except InputError:
            return False
    if not stripped.startswith("{"):
        return False
    try:
        document = json.loads(stripped)
    except ValueError:
        return False
    return isinstance(document, dict) and has_ob2_context(document)


@dataclass(frozen=True)
class _Given:
    """The assertion as given: its document (only id and verification when the image holds
    its URL), and its JWS when signed."""

    document: dict[str, Any]
    decoded: jwt.DecodedJwt | None = None
    url_only: bool = False


def _parse(text: str, report: Report, baked: Baked | None) -> _Given | None:
    stripped = text.strip()
    where = "the image's assertion" if baked else "the input"
    try:
        if not stripped:
            raise Ob2Problem(f"{where} is empty")
        if jwt.looks_like_jwt(stripped):
            decoded = jwt.decode_jwt(stripped)
            if not has_ob2_context(decoded.payload):
                raise Ob2Problem(f"{where} is a JWS without an Open Badges 2.0 assertion")
            report.add("parse", "ok", "Open Badges 2.0 signed assertion "
                       f"(JWS {decoded.header.get('alg')})")
            return _Given(decoded.payload, decoded)
        if baked is not None and is_http(stripped):
            report.add("parse", "ok", f"Open Badges 2.0 assertion URL {stripped}")
            return _Given({"id": stripped, "verification": {"type": "HostedBadge"}},
                          url_only=True)
        document = parse_document(stripped, where)
        if not has_ob2_context(document):
            raise Ob2Problem(f"{where} is not an Open Badges 2.0 assertion (no {OB2_CONTEXT})")
    except InputError as exc:
        report.parse = "error"
        report.add("parse", "failed", exc.message)
        return None
    report.add("parse", "ok", "Open Badges 2.0 assertion (JSON)")
    return _Given(document)


def verify_ob2(
    text: str,
    report: Report,
    *,
    fetcher: Fetcher,
    now: datetime,
    recipient: str | None = None,
    source_url: str | None = None,
    baked: Baked | None = None,
) -> Report:
    """Run every check on the OB 2.0 assertion in ``text``; fill and return ``report``.

    ``source_url``: the URL the text was fetched from; ``baked``: the image it came from."""
    given = _parse(text, report, baked)
    if given is None:
        return report
    kind = verification_kind(given.document)
    if report.format == "unknown":
        report.format = f"ob2-{kind or 'unknown'}"
    report.credential_id = ref_id(given.document)
    assertion, authentic = given.document, True
    if kind == "hosted":
        hosted, authentic = _hosted(given, report, fetcher, source_url, baked)
        if hosted is None:
            report.signature = "invalid"
            return report
        assertion = hosted
    problems = assertion_problems(assertion)
    report.add("structure", "failed" if problems else "ok",
               "; ".join(problems) if problems else "a well-formed Open Badges 2.0 Assertion")
    well_formed = not problems
    badge = _document(assertion.get("badge"), fetcher, report, "badge", badge_class_problems,
                      "BadgeClass")
    issuer = (_document(badge.get("issuer"), fetcher, report, "issuer", profile_problems,
                        "issuer Profile") if badge is not None else None)
    if issuer is None and badge is None:
        report.add("issuer", "skipped", "no badge class to name the issuer")
    report.issuer = ref_id(issuer) if issuer is not None else None
    report.structure = "ok" if well_formed and badge is not None and issuer is not None \
        else "invalid"
    if kind == "hosted":
        authentic = _origin(assertion, issuer, report) and authentic
    else:
        authentic = _signature(assertion, given.decoded, issuer, report, fetcher, baked)
    report.signature = "valid" if authentic else "invalid"
    _window(assertion, report, now)
    _status(assertion, issuer, report, fetcher)
    if recipient is not None:
        found, why = recipient_matches(assertion.get("recipient"), recipient)
        report.recipient = "ok" if found else "mismatch"
        report.add("recipient", "ok" if found else "failed", why)
    _terms({"assertion": assertion, "badge class": badge, "issuer": issuer}, report)
    return report


def _hosted(given: _Given, report: Report, fetcher: Fetcher, source_url: str | None,
            baked: Baked | None) -> tuple[dict[str, Any] | None, bool]:
    """The hosted assertion fetched from its id (``None`` when it cannot be had), and whether
    it is the same document as the one given."""
    aid = given.document.get("id")
    problem = None
    if given.decoded is not None:
        problem = "a JWS must hold a SignedBadge assertion, this one says HostedBadge"
    elif not is_http(aid):
        problem = f"a hosted assertion's id must be an http(s) URL, not {aid!r}"
    elif baked is not None and baked.verify is not None and baked.verify != aid:
        problem = f"the image's verify attribute {baked.verify} is not the assertion id {aid}"
    if problem is not None or not isinstance(aid, str):
        report.add("hosted", "failed", problem or "no assertion id")
        return None, False
    try:
        hosted = fetch_document(aid, fetcher, "hosted assertion")
    except Ob2Problem as exc:
        report.add("hosted", "failed", exc.message)
        return None, False
    if given.url_only:
        report.add("hosted", "ok", f"the image names {aid}, which answers the assertion")
        return hosted, True
    changed = differences(given.document, hosted)
    if changed:
        copy = "image's" if baked else ("fetched" if source_url else "given")
        report.add("hosted", "failed", f"the {copy} assertion differs from the one hosted at "
                   f"{aid} ({', '.join(changed)})")
        return hosted, False
    if source_url is not None and source_url != aid:
        message = f"fetched from {source_url}; its id {aid} answers the same document"
    elif baked is not None:
        message = f"the image carries the assertion hosted at {aid}"
    else:
        message = f"the assertion hosted at {aid} is the same document"
    report.add("hosted", "ok", message)
    return hosted, True


def _document(value: Any, fetcher: Fetcher, report: Report, check: str,
              problems_of: Callable[[dict[str, Any]], list[str]], label: str,
              ) -> dict[str, Any] | None:
    if value is None:
        report.add(check, "failed", f"no {label}")
        return None
    try:
        document = resolve(value, fetcher, label)
    except Ob2Problem as exc:
        report.add(check, "failed", exc.message)
        return None
    problems = problems_of(document)
    where = f"at {value}" if isinstance(value, str) else "(embedded)"
    if problems:
        report.add(check, "failed", f"the {label} {where}: " + "; ".join(problems))
        return None
    report.add(check, "ok", f"a well-formed {label} {where}")
    return document


def _origin(assertion: dict[str, Any], issuer: dict[str, Any] | None, report: Report) -> bool:
    if issuer is None:
        report.add("origin", "failed", "no issuer profile to check the assertion's origin")
        return False
    ok, message = hosted_scope(str(assertion.get("id")), issuer)
    report.add("origin", "ok" if ok else "failed", message)
    return ok


def _public_key(key: dict[str, Any], where: str) -> jwt.PublicKey:
    pem = key.get("publicKeyPem")
    if not isinstance(pem, str) or not pem.strip():
        raise Ob2Problem(f"the signing key {where} has no publicKeyPem")
    try:
        loaded = serialization.load_pem_public_key(pem.encode("utf-8"))
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise Ob2Problem(f"the publicKeyPem of {where} is not a readable public key") from None
    if not isinstance(loaded, RSAPublicKey | Ed25519PublicKey):
        raise Ob2Problem(f"the key {where} is neither RSA nor Ed25519")
    return loaded


def _signature(assertion: dict[str, Any], decoded: jwt.DecodedJwt | None,
               issuer: dict[str, Any] | None, report: Report, fetcher: Fetcher,
               baked: Baked | None) -> bool:
    """The JWS verifies with a key the issuer declares (signed assertions)."""
    if verification_kind(assertion) != "signed":
        report.add("signature", "failed", "no verification type (HostedBadge or SignedBadge)")
        return False
    if decoded is None:
        report.add("signature", "failed", "a signed assertion is verified from its JWS "
                   "(compact serialization); this one came as plain JSON")
        return False
    alg = decoded.header.get("alg")
    if alg not in ALGORITHMS:
        report.add("signature", "failed", f"JWS algorithm {alg!r} (expected RS256 or EdDSA)")
        return False
    if baked is not None and baked.verify is not None and baked.verify != baked.text:
        report.add("signature", "failed", "the image's verify attribute is not its JWS")
        return False
    verification = assertion.get("verification")
    creator = verification.get("creator") if isinstance(verification, dict) else None
    published = list_of(issuer.get("publicKey")) if issuer is not None else []
    declared = [ref_id(k) for k in published]
    candidates = [creator] if creator is not None else published
    if not candidates:
        report.add("signature", "failed", "no key: no verification.creator, and the issuer "
                   "declares no publicKey")
        return False
    reasons = []
    for candidate in candidates:
        where = ref_id(candidate) or "(embedded)"
        try:
            key = resolve(candidate, fetcher, "signing key")
            problem = jwt.verify_jwt_signature(decoded, _public_key(key, where))
        except Ob2Problem as exc:
            reasons.append(exc.message)
            continue
        if problem is not None:
            reasons.append(f"{problem} ({where})")
            continue
        return _key_owned(key, where, str(alg), issuer, declared, report)
    report.add("signature", "failed", "; ".join(reasons))
    return False


def _key_owned(key: dict[str, Any], where: str, alg: str, issuer: dict[str, Any] | None,
               declared: list[str | None], report: Report) -> bool:
    if issuer is None:
        report.add("signature", "failed", f"JWS ({alg}) verified with {where}, but there is "
                   "no issuer profile to confirm the key")
        return False
    issuer_id = ref_id(issuer)
    owner = key.get("owner")
    if where not in declared:
        report.add("signature", "failed", f"JWS ({alg}) verified with {where}, a key the "
                   f"issuer {issuer_id} does not declare (publicKey)")
        return False
    if owner is not None and owner != issuer_id:
        report.add("signature", "failed", f"the key {where} is owned by {owner}, "
                   f"not by the issuer {issuer_id}")
        return False
    report.add("signature", "ok", f"JWS ({alg}) verified with {where}, a key of the issuer")
    return True


def _window(assertion: dict[str, Any], report: Report, now: datetime) -> None:
    issued_on, expires = assertion.get("issuedOn"), assertion.get("expires")
    issued, ends = parse_time(issued_on), parse_time(expires)
    if issued is None or (expires is not None and ends is None):
        state, message = "invalid", "issuedOn or expires is not a date-time"
    elif ends is not None and ends < issued:
        state, message = "invalid", f"expires ({expires}) before it was issued ({issued_on})"
    elif issued > now:
        state, message = "not_yet_valid", f"issued in the future ({issued_on})"
    elif ends is not None and now > ends:
        state, message = "expired", f"expired on {expires}"
    else:
        until = f"until {expires}" if ends is not None else "no expiry"
        state, message = "ok", f"issued on {issued_on}, {until}"
    report.window = state
    report.add("window", "ok" if state == "ok" else "failed", message)


def _status(assertion: dict[str, Any], issuer: dict[str, Any] | None, report: Report,
            fetcher: Fetcher) -> None:
    revoked: list[str] = []
    if assertion.get("revoked") in (True, "true"):
        reason = assertion.get("revocationReason")
        revoked.append("the hosted assertion says so"
                       + (f" ({reason})" if isinstance(reason, str) and reason else ""))
    state, message = "ok", "the issuer publishes no revocation list"
    listed = issuer.get("revocationList") if issuer is not None else None
    if issuer is None:
        state, message = "error", "no issuer profile to read the revocation list from"
    elif listed is not None:
        where = ref_id(listed) or "the embedded revocation list"
        try:
            revocations = resolve(listed, fetcher, "revocation list")
            problems = revocation_list_problems(revocations)
        except Ob2Problem as exc:
            revocations, problems = {}, [exc.message]
        if problems:
            state, message = "error", f"{where}: " + "; ".join(problems)
        else:
            message = f"not in {where}"
            reason = revocation_entry(revocations, assertion)
            if reason is not None:
                revoked.append(f"revoked in {where}" + (f" ({reason})" if reason else ""))
    if revoked:
        state, message = "revoked", "revoked: " + "; ".join(revoked)
    elif state == "ok":
        message = f"not revoked ({message})"
    report.status = state
    report.add("status", "ok" if state == "ok" else "failed", message)


def _terms(documents: dict[str, dict[str, Any] | None], report: Report) -> None:
    found: list[str] = []
    for name, document in documents.items():
        if document is None or "@context" not in document:
            continue  # embedded documents are walked with their parent
        try:
            found.extend(f"{name}: {p.describe()}" for p in walk(document).problems)
        except UnknownContext as exc:
            found.append(f"{name}: {exc.message}")
    if found:
        report.add("terms", "warning", "; ".join(found[:5]))
    else:
        report.add("terms", "ok", "every term is defined by the Open Badges 2.0 context")
