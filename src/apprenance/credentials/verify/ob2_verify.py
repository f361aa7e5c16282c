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
key), ``structure`` the well-formedness of assertion, badge class and issuer; ``vouches``
what the assertion states (holder, badge, issuer, dates, status), like an OB 3.0 report's.

Every message is an i18n key (``verify.ob2.*``) with its values, so the CLI, ``--json``
(``text``) and the web page read it in French or English; ``message`` stays English.
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

from apprenance.credentials.formats.ob2_documents import (
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
    vouches_for_ob2,
    what,
)
from apprenance.credentials.images.unbake import Baked
from apprenance.credentials.jsonld.contexts import OB_V2
from apprenance.credentials.jsonld.rdf_walk import walk
from apprenance.credentials.trust import jwt
from apprenance.credentials.trust.did import Fetcher
from apprenance.credentials.verify.structure import parse_time
from apprenance.credentials.verify.verifier import Report
from apprenance.errors import InputError, Ob2Problem, UnknownContext
from apprenance.i18n.phrases import Phrase, Phrases, reason_of

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
    where = what("assertion" if baked else "input")
    try:
        if not stripped:
            raise Ob2Problem("verify.ob2.empty", where=where)
        if jwt.looks_like_jwt(stripped):
            decoded = jwt.decode_jwt(stripped)
            if not has_ob2_context(decoded.payload):
                raise Ob2Problem("verify.ob2.jws_other", where=where)
            report.say("parse", "ok", "verify.ob2.parse_jws", alg=decoded.header.get("alg"))
            return _Given(decoded.payload, decoded)
        if baked is not None and is_http(stripped):
            report.say("parse", "ok", "verify.ob2.parse_url", url=stripped)
            return _Given({"id": stripped, "verification": {"type": "HostedBadge"}},
                          url_only=True)
        document = parse_document(stripped, where)
        if not has_ob2_context(document):
            raise Ob2Problem("verify.ob2.not_ob2", where=where, context=OB_V2)
    except InputError as exc:
        report.parse = "error"
        report.say("parse", "failed", "verify.msg.reason", reason=reason_of(exc))
        return None
    report.say("parse", "ok", "verify.ob2.parse_json")
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
    if problems:
        report.say("structure", "failed", "verify.msg.reason", reason=Phrases.of(problems))
    else:
        report.say("structure", "ok", "verify.ob2.structure_ok")
    well_formed = not problems
    badge = _document(assertion.get("badge"), fetcher, report, "badge", badge_class_problems)
    issuer = (_document(badge.get("issuer"), fetcher, report, "issuer", profile_problems)
              if badge is not None else None)
    if issuer is None and badge is None:
        report.say("issuer", "skipped", "verify.ob2.no_badge_issuer")
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
        report.say("recipient", "ok" if found else "failed", "verify.msg.reason", reason=why)
    _terms({"assertion": assertion, "badge class": badge, "issuer": issuer}, report)
    report.vouches = vouches_for_ob2(assertion, badge, issuer, report.recipient, report.status)
    return report


def _hosted(given: _Given, report: Report, fetcher: Fetcher, source_url: str | None,
            baked: Baked | None) -> tuple[dict[str, Any] | None, bool]:
    """The hosted assertion fetched from its id (``None`` when it cannot be had), and whether
    it is the same document as the one given."""
    aid = given.document.get("id")
    problem: Phrase | None = None
    if given.decoded is not None:
        problem = Phrase("verify.ob2.hosted_jws")
    elif not is_http(aid):
        problem = Phrase("verify.ob2.hosted_id", id=repr(aid))
    elif baked is not None and baked.verify is not None and baked.verify != aid:
        problem = Phrase("verify.ob2.hosted_verify", verify=baked.verify, id=aid)
    if problem is not None or not isinstance(aid, str):
        report.say("hosted", "failed", "verify.msg.reason",
                   reason=problem or Phrase("verify.ob2.hosted_no_id"))
        return None, False
    try:
        hosted = fetch_document(aid, fetcher, "hosted")
    except Ob2Problem as exc:
        report.say("hosted", "failed", "verify.msg.reason", reason=exc.phrase)
        return None, False
    if given.url_only:
        report.say("hosted", "ok", "verify.ob2.hosted_named", id=aid)
        return hosted, True
    changed = differences(given.document, hosted)
    if changed:
        copy = "image" if baked else ("fetched" if source_url else "given")
        report.say("hosted", "failed", f"verify.ob2.hosted_differs.{copy}", id=aid,
                   fields=", ".join(changed))
        return hosted, False
    if source_url is not None and source_url != aid:
        report.say("hosted", "ok", "verify.ob2.hosted_fetched", url=source_url, id=aid)
    elif baked is not None:
        report.say("hosted", "ok", "verify.ob2.hosted_baked", id=aid)
    else:
        report.say("hosted", "ok", "verify.ob2.hosted_same", id=aid)
    return hosted, True


def _document(value: Any, fetcher: Fetcher, report: Report, check: str,
              problems_of: Callable[[dict[str, Any]], list[Phrase]],
              ) -> dict[str, Any] | None:
    """The badge class (``check`` badge) or the issuer profile (``check`` issuer)."""
    if value is None:
        report.say(check, "failed", "verify.ob2.none", what=what(check))
        return None
    try:
        document = resolve(value, fetcher, check)
    except Ob2Problem as exc:
        report.say(check, "failed", "verify.msg.reason", reason=exc.phrase)
        return None
    problems = problems_of(document)
    where = Phrase("verify.ob2.where_url", url=value) if isinstance(value, str) \
        else Phrase("verify.ob2.where_embedded")
    if problems:
        report.say(check, "failed", "verify.ob2.document_bad", what=what(check), where=where,
                   problems=Phrases.of(problems))
        return None
    report.say(check, "ok", "verify.ob2.document_ok", what=what(check), where=where)
    return document


def _origin(assertion: dict[str, Any], issuer: dict[str, Any] | None, report: Report) -> bool:
    if issuer is None:
        report.say("origin", "failed", "verify.ob2.origin.no_issuer")
        return False
    ok, message = hosted_scope(str(assertion.get("id")), issuer)
    report.say("origin", "ok" if ok else "failed", "verify.msg.reason", reason=message)
    return ok


def _public_key(key: dict[str, Any], where: str) -> jwt.PublicKey:
    pem = key.get("publicKeyPem")
    if not isinstance(pem, str) or not pem.strip():
        raise Ob2Problem("verify.ob2.key_no_pem", where=where)
    try:
        loaded = serialization.load_pem_public_key(pem.encode("utf-8"))
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise Ob2Problem("verify.ob2.key_bad_pem", where=where) from None
    if not isinstance(loaded, RSAPublicKey | Ed25519PublicKey):
        raise Ob2Problem("verify.ob2.key_kind", where=where)
    return loaded


def _signature(assertion: dict[str, Any], decoded: jwt.DecodedJwt | None,
               issuer: dict[str, Any] | None, report: Report, fetcher: Fetcher,
               baked: Baked | None) -> bool:
    """The JWS verifies with a key the issuer declares (signed assertions)."""
    if verification_kind(assertion) != "signed":
        report.say("signature", "failed", "verify.ob2.sig_kind")
        return False
    if decoded is None:
        report.say("signature", "failed", "verify.ob2.sig_plain")
        return False
    alg = decoded.header.get("alg")
    if alg not in ALGORITHMS:
        report.say("signature", "failed", "verify.ob2.sig_alg", alg=repr(alg))
        return False
    if baked is not None and baked.verify is not None and baked.verify != baked.text:
        report.say("signature", "failed", "verify.ob2.sig_verify_attr")
        return False
    verification = assertion.get("verification")
    creator = verification.get("creator") if isinstance(verification, dict) else None
    published = list_of(issuer.get("publicKey")) if issuer is not None else []
    declared = [ref_id(k) for k in published]
    candidates = [creator] if creator is not None else published
    if not candidates:
        report.say("signature", "failed", "verify.ob2.sig_no_key")
        return False
    reasons: list[Phrase | str] = []
    for candidate in candidates:
        where = ref_id(candidate) or "(embedded)"
        try:
            key = resolve(candidate, fetcher, "key")
            problem = jwt.verify_jwt_signature(decoded, _public_key(key, where))
        except Ob2Problem as exc:
            reasons.append(exc.phrase)
            continue
        if problem is not None:
            reasons.append(Phrase("verify.jwt.with", problem=problem, signer=where))
            continue
        return _key_owned(key, where, str(alg), issuer, declared, report)
    report.say("signature", "failed", "verify.msg.reason", reason=Phrases.of(reasons))
    return False


def _key_owned(key: dict[str, Any], where: str, alg: str, issuer: dict[str, Any] | None,
               declared: list[str | None], report: Report) -> bool:
    if issuer is None:
        report.say("signature", "failed", "verify.ob2.key_no_issuer", alg=alg, signer=where)
        return False
    issuer_id = ref_id(issuer)
    owner = key.get("owner")
    if where not in declared:
        report.say("signature", "failed", "verify.ob2.key_undeclared", alg=alg, signer=where,
                   issuer=issuer_id)
        return False
    if owner is not None and owner != issuer_id:
        report.say("signature", "failed", "verify.ob2.key_owner", signer=where, owner=owner,
                   issuer=issuer_id)
        return False
    report.say("signature", "ok", "verify.ob2.key_ok", alg=alg, signer=where)
    return True


def _window(assertion: dict[str, Any], report: Report, now: datetime) -> None:
    issued_on, expires = assertion.get("issuedOn"), assertion.get("expires")
    issued, ends = parse_time(issued_on), parse_time(expires)
    params: dict[str, Any] = {"start": issued_on, "end": expires}
    if issued is None or (expires is not None and ends is None):
        state, key = "invalid", "verify.ob2.window_invalid"
    elif ends is not None and ends < issued:
        state, key = "invalid", "verify.ob2.window_order"
    elif issued > now:
        state, key = "not_yet_valid", "verify.ob2.window_early"
    elif ends is not None and now > ends:
        state, key = "expired", "verify.ob2.window_expired"
    else:
        state, key = "ok", "verify.ob2.window_ok" if ends is not None \
            else "verify.ob2.window_open"
    report.window = state
    report.say("window", "ok" if state == "ok" else "failed", key, **params)


def _status(assertion: dict[str, Any], issuer: dict[str, Any] | None, report: Report,
            fetcher: Fetcher) -> None:
    revoked: list[Phrase] = []
    if assertion.get("revoked") in (True, "true"):
        reason = assertion.get("revocationReason")
        revoked.append(Phrase("verify.ob2.revoked_hosted", why=_why(reason)))
    state, message = "ok", Phrase("verify.ob2.no_list")
    listed = issuer.get("revocationList") if issuer is not None else None
    if issuer is None:
        state, message = "error", Phrase("verify.ob2.list_no_issuer")
    elif listed is not None:
        where: Phrase | str = ref_id(listed) or Phrase("verify.ob2.list_embedded")
        try:
            revocations = resolve(listed, fetcher, "revocations")
            problems: list[Phrase] = revocation_list_problems(revocations)
        except Ob2Problem as exc:
            revocations, problems = {}, [exc.phrase]
        if problems:
            state, message = "error", Phrase("verify.ob2.list_bad", where=where,
                                             problems=Phrases.of(problems))
        else:
            message = Phrase("verify.ob2.not_in", where=where)
            reason = revocation_entry(revocations, assertion)
            if reason is not None:
                revoked.append(Phrase("verify.ob2.revoked_in", where=where, why=_why(reason)))
    if revoked:
        state, message = "revoked", Phrase("verify.ob2.revoked", how=Phrases.of(revoked))
    elif state == "ok":
        message = Phrase("verify.ob2.not_revoked", how=message)
    report.status = state
    report.say("status", "ok" if state == "ok" else "failed", "verify.msg.reason",
               reason=message)


def _why(reason: Any) -> str:
    """The issuer's own words on a revocation, in brackets (as they wrote them)."""
    return f" ({reason})" if isinstance(reason, str) and reason else ""


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
        report.say("terms", "warning", "verify.ob2.terms_warn", problems="; ".join(found[:5]))
    else:
        report.say("terms", "ok", "verify.ob2.terms_ok")
