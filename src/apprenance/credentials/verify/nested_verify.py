"""Credentials inside a credential: the ones a CLR holds, and embedded endorsements.

A ``ClrCredential``'s subject lists signed credentials (``verifiableCredential``); an Open
Badges 3.0 credential, its achievement and its issuer profile may carry signed
``endorsement``s. Each of them is verified as a credential of its own — proof, issuer binding
(its key belongs to *its* issuer), validity window, status, structure — and its report is kept
in the parent's ``nested`` list. A CLR is valid only when every credential it holds is: a CLR
signed by anyone wrapping a forged or revoked badge is not valid. An endorsement is a third
party's statement about the credential: one that does not verify is shown as not valid and the
``nested`` check warns, but the credential's own verdict stands.

Besides, an embedded endorsement must endorse what carries it (its ``credentialSubject.id`` is
the id of the credential, achievement or profile it sits in), and with ``--recipient`` every
credential of a CLR must name that recipient too. Credentials nest at most ``MAX_DEPTH`` deep.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from apprenance.credentials.trust.did import Fetcher
from apprenance.credentials.verify.verifier import (
    CheckStatus,
    Report,
    parse_text,
    verify_document,
)
from apprenance.i18n.phrases import Phrase

MAX_DEPTH = 3


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in _listed(value) if isinstance(v, dict)]


def nested_items(credential: dict[str, Any]) -> list[tuple[str, Any, str | None]]:
    """``(role, document, endorsed id)`` for every credential inside ``credential``; the
    endorsed id is ``None`` for a CLR's credentials, and what an endorsement must name."""
    items: list[tuple[str, Any, str | None]] = []
    subjects = _dicts(credential.get("credentialSubject"))
    for subject in subjects:
        for index, inner in enumerate(_listed(subject.get("verifiableCredential"))):
            items.append((f"verifiableCredential[{index}]", inner, None))
    holders: list[tuple[str, dict[str, Any]]] = [("endorsement", credential)]
    holders += [("issuer.endorsement", i) for i in _dicts(credential.get("issuer"))]
    for subject in subjects:
        holders += [("achievement.endorsement", a) for a in _dicts(subject.get("achievement"))]
    for where, holder in holders:
        target = holder.get("id")
        for index, inner in enumerate(_listed(holder.get("endorsement"))):
            items.append((f"{where}[{index}]", inner, str(target) if target else ""))
    return items


def check_nested(
    credential: dict[str, Any],
    report: Report,
    *,
    fetcher: Fetcher,
    now: datetime,
    recipient: str | None,
    status_issuers: Collection[str],
    depth: int,
) -> None:
    """Verify every credential inside ``credential`` into ``report.nested``, and add the
    ``nested`` check (nothing when there are none)."""
    items = nested_items(credential)
    if not items:
        return
    if depth + 1 > MAX_DEPTH:
        report.say("nested", "failed", "verify.msg.nested_deep", depth=MAX_DEPTH)
        report.signature = "invalid"
        return
    for role, inner, endorsed in items:
        nested = Report(source=role, role=role)
        report.nested.append(nested)
        document: dict[str, Any] | None = None
        decoded = None
        if isinstance(inner, str):
            document, decoded = parse_text(inner, nested)
        elif isinstance(inner, dict):
            nested.format = "json"
            document = inner
        else:
            nested.parse = "error"
            nested.say("parse", "failed", "verify.msg.nested_unreadable")
        if document is None:
            continue
        verify_document(document, nested, fetcher=fetcher, now=now,
                        recipient=recipient if endorsed is None else None, decoded_jwt=decoded,
                        status_issuers=status_issuers, _depth=depth + 1)
        if endorsed is not None:
            _check_endorsed(document, endorsed, nested)
            _name_endorser(document, nested)
    failed = [n for n in report.nested if not n.verified]
    if failed:
        status: CheckStatus = "failed" if any(n.decisive for n in failed) else "warning"
        report.say("nested", status, "verify.msg.nested_bad",
                   roles=", ".join(n.role or n.source for n in failed))
    else:
        report.say("nested", "ok", "verify.msg.nested_ok", count=len(report.nested))


def _name_endorser(endorsement: dict[str, Any], report: Report) -> None:
    """The ``endorser`` check: who endorses, by name, and whether their signature holds
    (valid; not valid; or their key could not be found)."""
    issuer = endorsement.get("issuer")
    did = report.issuer or "-"
    name = issuer.get("name") if isinstance(issuer, dict) else None
    name = name if isinstance(name, str) and name.strip() else did
    if report.signature == "valid":
        report.say("endorser", "ok", "verify.msg.endorser_valid", name=name, did=did)
        return
    unknown = any(
        c.name == "signature" and c.status == "failed"
        and isinstance(c.params.get("reason"), Phrase)
        and c.params["reason"].key.startswith("verify.did.")
        for c in report.checks)
    report.say("endorser", "failed",
               "verify.msg.endorser_unknown" if unknown else "verify.msg.endorser_invalid",
               name=name, did=did)


def _check_endorsed(endorsement: dict[str, Any], target: str, report: Report) -> None:
    subjects = _dicts(endorsement.get("credentialSubject"))
    found = str(subjects[0].get("id")) if subjects and subjects[0].get("id") else "-"
    if target and found == target:
        report.endorses = "ok"
        report.say("endorsed", "ok", "verify.msg.endorsed_ok", target=target)
    else:
        report.endorses = "mismatch"
        report.say("endorsed", "failed", "verify.msg.endorsed_bad", found=found,
                   target=target or "-")
