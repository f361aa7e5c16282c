"""Open Badges 3.0 structure, validity window and recipient: checks on the credential's data.

These read the JSON as it is (no JSON-LD processing): the departures from the Open Badges 3.0
data model that a strict validator reports, the validity window against a clock, and whether
the credential names a given recipient (salted sha256 identity hash, or plain identifier).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime
from typing import Any

from apprenance.credentials.jsonld.contexts import VC_V2

OB3_CONTEXT_PREFIX = "https://purl.imsglobal.org/spec/ob/v3p0/"
OB_CREDENTIAL_TYPES = ("OpenBadgeCredential", "AchievementCredential")
NOT_BADGE_TYPES = (
    "ClrCredential", "EndorsementCredential", "BitstringStatusListCredential",
    "StatusList2021Credential", "EuropeanDigitalCredential",  # ELM 3: checked by its shapes
)
"""Credentials that are not badges: the Open Badges 3.0 structure checks do not apply."""


def types_of(value: Any) -> list[str]:
    """A JSON-LD ``type`` value as a list of strings."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def contexts_of(credential: dict[str, Any]) -> list[str]:
    value = credential.get("@context")
    items = value if isinstance(value, list) else [value]
    return [c for c in items if isinstance(c, str)]


def issuer_id(credential: dict[str, Any]) -> str | None:
    issuer = credential.get("issuer")
    if isinstance(issuer, dict):
        value = issuer.get("id")
        return value if isinstance(value, str) else None
    return issuer if isinstance(issuer, str) else None


def _subjects(credential: dict[str, Any]) -> list[dict[str, Any]]:
    subject = credential.get("credentialSubject")
    items = subject if isinstance(subject, list) else [subject]
    return [s for s in items if isinstance(s, dict)]


def is_badge(credential: dict[str, Any]) -> bool:
    """Whether the Open Badges 3.0 structure checks apply: not a CLR, an endorsement or a
    status list credential (a bare VerifiableCredential is checked, and warned about)."""
    return not set(NOT_BADGE_TYPES) & set(types_of(credential.get("type")))


def ob3_problems(credential: dict[str, Any]) -> list[str]:
    """Departures from the Open Badges 3.0 data model (they do not change the verdict)."""
    problems: list[str] = []
    if not any(c.startswith(OB3_CONTEXT_PREFIX) for c in contexts_of(credential)):
        problems.append("no OB 3.0 context")
    if not set(OB_CREDENTIAL_TYPES) & set(types_of(credential.get("type"))):
        problems.append("type lacks OpenBadgeCredential")
    if not credential.get("name"):
        problems.append("credential name missing")
    issuer = credential.get("issuer")
    if isinstance(issuer, dict) and "Profile" not in types_of(issuer.get("type")):
        problems.append("issuer.type lacks Profile")
    for subject in _subjects(credential)[:1]:
        if "AchievementSubject" not in types_of(subject.get("type")):
            problems.append("credentialSubject.type lacks AchievementSubject")
        if not subject.get("id") and not subject.get("identifier"):
            problems.append("credentialSubject has neither id nor identifier")
        achievement = subject.get("achievement")
        achievement = achievement if isinstance(achievement, dict) else {}
        for name in ("id", "name", "description", "criteria"):
            if not achievement.get(name):
                problems.append(f"achievement.{name} missing")
        if "Achievement" not in types_of(achievement.get("type")):
            problems.append("achievement.type lacks Achievement")
    if VC_V2 in contexts_of(credential) and "issuanceDate" in credential:
        problems.append("VC 2.0 uses validFrom, not issuanceDate")
    return problems


def parse_time(value: Any) -> datetime | None:
    """An XML Schema dateTime as an aware datetime (UTC when no offset), else ``None``."""
    if not isinstance(value, str) or not value:
        return None
    text = value.strip().replace("z", "Z")
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def window_check(credential: dict[str, Any], now: datetime) -> tuple[str, str, dict[str, Any]]:
    """``(state, message key, values)``: state ``ok``, ``expired``, ``not_yet_valid`` or
    ``invalid``; the key is a ``verify.msg.window_*`` message."""
    start_key = "validFrom" if "validFrom" in credential else "issuanceDate"
    end_key = "validUntil" if "validUntil" in credential else "expirationDate"
    start, end = credential.get(start_key), credential.get(end_key)
    start_at, end_at = parse_time(start), parse_time(end)
    if start is not None and start_at is None:
        return "invalid", "verify.msg.window_invalid", {"field": start_key, "value": repr(start)}
    if end is not None and end_at is None:
        return "invalid", "verify.msg.window_invalid", {"field": end_key, "value": repr(end)}
    if start_at is not None and now < start_at:
        return "not_yet_valid", "verify.msg.window_early", {"start": start, "field": start_key}
    if end_at is not None and now > end_at:
        return "expired", "verify.msg.window_expired", {"end": end, "field": end_key}
    if end_at is not None:
        return "ok", "verify.msg.window_ok", {"start": start or "-", "end": end}
    return "ok", "verify.msg.window_open", {"start": start or "-"}


def identity_hash(identity: str, salt: str | None) -> str:
    """``sha256$<hex>`` of identity + salt, as Open Badges hashes recipients."""
    digest = hashlib.sha256(_utf8(identity + (salt or ""))).hexdigest()
    return f"sha256${digest}"


def _utf8(text: str) -> bytes:
    """``text`` as UTF-8; a lone surrogate (a JSON ``\\ud800`` escape) kept, not an error."""
    return text.encode("utf-8", "surrogatepass")


def recipient_matches(credential: dict[str, Any], recipient: str) -> tuple[bool, str]:
    """Whether the credential names ``recipient`` (an email address, a DID or a URL)."""
    wanted = recipient.strip()
    for subject in _subjects(credential):
        if subject.get("id") in (wanted, f"mailto:{wanted}"):
            return True, "the credential subject id is the recipient"
        entries = subject.get("identifier")
        for entry in entries if isinstance(entries, list) else [entries]:
            if not isinstance(entry, dict):
                continue
            value = str(entry.get("identityHash", ""))
            kind = str(entry.get("identityType", ""))
            candidates = [wanted.lower(), wanted] if kind == "emailAddress" else [wanted]
            for candidate in candidates:
                if entry.get("hashed") in (True, "true"):
                    salt = entry.get("salt")
                    expected = identity_hash(candidate, salt if isinstance(salt, str) else None)
                    if hmac.compare_digest(_utf8(value.lower()), _utf8(expected.lower())):
                        return True, f"the {kind or 'identity'} hash matches"
                elif hmac.compare_digest(_utf8(value), _utf8(candidate)):
                    return True, f"the {kind or 'identity'} matches"
    return False, "the credential does not name this recipient"


def _holder(subject: dict[str, Any]) -> dict[str, Any]:
    entries = subject.get("identifier")
    identifiers = []
    for entry in entries if isinstance(entries, list) else [entries]:
        if isinstance(entry, dict) and isinstance(entry.get("identityHash"), str):
            identifiers.append({"type": entry.get("identityType"),
                                "hashed": entry.get("hashed") in (True, "true"),
                                "value": entry["identityHash"]})
    name = subject.get("name")
    return {"name": name if isinstance(name, str) else None,
            "id": subject.get("id") if isinstance(subject.get("id"), str) else None,
            "identifiers": identifiers}


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def vouches_for(
    credential: dict[str, Any], recipient: str | None, status: str | None
) -> dict[str, Any]:
    """What a verified credential vouches for, for a person to compare with a certificate:
    the holder (name, id or hashed identifiers; ``recipient``: whether it matches the one
    asked about), the badge or pathway, the issuer, the dates and the status."""
    subjects = _subjects(credential)
    subject = subjects[0] if subjects else {}
    achievements = subject.get("achievement")
    listed = achievements if isinstance(achievements, list) else [achievements]
    badges = [{"id": _text(a.get("id")), "name": _text(a.get("name")),
               "type": _text(a.get("achievementType"))} for a in listed if isinstance(a, dict)]
    issuer = credential.get("issuer")
    issuer_name = issuer.get("name") if isinstance(issuer, dict) else None
    return {
        "kind": [x for x in types_of(credential.get("type")) if x != "VerifiableCredential"],
        "name": _text(credential.get("name")),
        "holder": {**_holder(subject), "recipient": recipient},
        "achievements": badges,
        "endorses": _text(subject.get("id")) if "EndorsementSubject" in types_of(
            subject.get("type")) else None,
        "issuer": {"id": issuer_id(credential), "name": _text(issuer_name)},
        "issued": _text(subject.get("awardedDate") or credential.get("awardedDate")
                        or credential.get("validFrom") or credential.get("issuanceDate")),
        "valid_from": _text(credential.get("validFrom") or credential.get("issuanceDate")),
        "valid_until": _text(credential.get("validUntil") or credential.get("expirationDate")),
        "status": status,
    }
