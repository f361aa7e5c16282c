"""Open Badges 2.0 documents as the verifier reads them: fetching one through the injectable
fetcher, the properties each class requires, the recipient's identity hash, the issuer's
hosted-verification policy, and revocation lists.

The required properties are the ones 1EdTech's validator (badgecheck 1.2.0) requires:
Assertion ``id``, ``type``, ``recipient`` (``type`` email/url/telephone/id, ``hashed``,
``identity``, optional ``salt``), ``badge``, ``verification`` (``HostedBadge`` or
``SignedBadge``), ``issuedOn``; BadgeClass ``id``, ``type``, ``name``, ``description``,
``image``, ``criteria``, ``issuer``; Profile ``id``, ``type`` (Issuer or Profile), ``name``,
``url``, ``email``. Plain JSON is read (no JSON-LD processing); a document that cannot be
fetched or used raises ``Ob2Problem``, our ``InputError``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from typing import Any
from urllib.parse import urlsplit

from apprenance.credentials.did import Fetcher
from apprenance.credentials.structure import contexts_of, parse_time, types_of
from apprenance.errors import ApprenanceError, InputError

OB2_CONTEXT = "https://w3id.org/openbadges/v2"
HOSTED_TYPES = ("HostedBadge", "hosted")
SIGNED_TYPES = ("SignedBadge", "signed")
RECIPIENT_TYPES = ("email", "url", "telephone", "id")
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
_HASH = re.compile(r"^(sha256\$[0-9a-fA-F]{64}|md5\$[0-9a-fA-F]{32})$")


class Ob2Problem(InputError):
    """An Open Badges 2.0 document that cannot be fetched, read or used."""


def is_iri(value: Any) -> bool:
    return isinstance(value, str) and bool(_IRI.match(value))


def is_http(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def ref_id(value: Any) -> str | None:
    """The IRI a property names: the string itself, or an embedded document's ``id``."""
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) and value else None


def list_of(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def has_ob2_context(document: dict[str, Any]) -> bool:
    return OB2_CONTEXT in contexts_of(document)


def verification_kind(assertion: dict[str, Any]) -> str | None:
    """``hosted``, ``signed``, or ``None`` when the verification type is neither."""
    verification = assertion.get("verification")
    kind = verification.get("type") if isinstance(verification, dict) else None
    if kind in HOSTED_TYPES:
        return "hosted"
    if kind in SIGNED_TYPES:
        return "signed"
    return None


def parse_document(data: bytes | str, where: str) -> dict[str, Any]:
    """A JSON object, else ``Ob2Problem``."""
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise Ob2Problem(f"{where} is not JSON") from None
    if not isinstance(document, dict):
        raise Ob2Problem(f"{where} is not a JSON object")
    return document


def fetch_document(url: str, fetcher: Fetcher, what: str) -> dict[str, Any]:
    """The JSON object at ``url``; its ``id`` must be ``url`` and its context OB 2.0."""
    try:
        data = fetcher(url)
    except ApprenanceError as exc:
        raise Ob2Problem(f"cannot fetch the {what} {url}: {exc.message}") from None
    document = parse_document(data, f"the {what} at {url}")
    if document.get("id") != url:
        raise Ob2Problem(f"the {what} at {url} names itself {document.get('id')!r}")
    if not has_ob2_context(document):
        raise Ob2Problem(f"the {what} at {url} lacks the context {OB2_CONTEXT}")
    return document


def resolve(value: Any, fetcher: Fetcher, what: str) -> dict[str, Any]:
    """An embedded document as it is, or the one fetched from its http(s) IRI."""
    if isinstance(value, dict):
        return value
    if not is_http(value):
        raise Ob2Problem(f"the {what} is neither a document nor an http(s) URL: {value!r}")
    return fetch_document(value, fetcher, what)


def _text(document: dict[str, Any], name: str, problems: list[str]) -> None:
    value = document.get(name)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{name} missing")


def assertion_problems(assertion: dict[str, Any]) -> list[str]:
    """What an Assertion lacks (empty when well-formed)."""
    problems: list[str] = []
    if "Assertion" not in types_of(assertion.get("type")):
        problems.append("type is not Assertion")
    if not is_iri(assertion.get("id")):
        problems.append("id is not an IRI")
    recipient = assertion.get("recipient")
    if not isinstance(recipient, dict):
        problems.append("recipient is not an IdentityObject")
    else:
        if recipient.get("type") not in RECIPIENT_TYPES:
            problems.append(f"recipient.type {recipient.get('type')!r} is not one of "
                            + ", ".join(RECIPIENT_TYPES))
        hashed, identity = recipient.get("hashed"), recipient.get("identity")
        if not isinstance(hashed, bool):
            problems.append("recipient.hashed is not a boolean")
        if not isinstance(identity, str) or not identity:
            problems.append("recipient.identity missing")
        elif hashed is True and not _HASH.match(identity):
            problems.append("recipient.identity is not a sha256$ or md5$ hash")
        if "salt" in recipient and not isinstance(recipient["salt"], str):
            problems.append("recipient.salt is not text")
    if ref_id(assertion.get("badge")) is None and not isinstance(assertion.get("badge"), dict):
        problems.append("badge missing")
    if verification_kind(assertion) is None:
        problems.append("verification.type is not HostedBadge or SignedBadge")
    if parse_time(assertion.get("issuedOn")) is None:
        problems.append("issuedOn missing or not a date-time")
    if "expires" in assertion and parse_time(assertion.get("expires")) is None:
        problems.append("expires is not a date-time")
    return problems


def badge_class_problems(badge: dict[str, Any]) -> list[str]:
    """What a BadgeClass lacks (empty when well-formed)."""
    problems: list[str] = []
    if "BadgeClass" not in types_of(badge.get("type")):
        problems.append("type is not BadgeClass")
    if not is_iri(badge.get("id")):
        problems.append("id is not an IRI")
    _text(badge, "name", problems)
    _text(badge, "description", problems)
    if ref_id(badge.get("image")) is None:
        problems.append("image missing")
    criteria = badge.get("criteria")
    if not (is_iri(criteria) or (isinstance(criteria, dict)
                                 and (ref_id(criteria) or criteria.get("narrative")))):
        problems.append("criteria missing (a URL, or an id or narrative)")
    if ref_id(badge.get("issuer")) is None:
        problems.append("issuer missing")
    return problems


def profile_problems(profile: dict[str, Any]) -> list[str]:
    """What an issuer Profile lacks (empty when well-formed)."""
    problems: list[str] = []
    if not {"Issuer", "Profile"} & set(types_of(profile.get("type"))):
        problems.append("type is not Issuer or Profile")
    if not is_iri(profile.get("id")):
        problems.append("id is not an IRI")
    _text(profile, "name", problems)
    if not is_http(profile.get("url")):
        problems.append("url missing (an http(s) URL)")
    email = profile.get("email")
    if not isinstance(email, str) or "@" not in email:
        problems.append("email missing")
    return problems


def _authority(url: str) -> str:
    return urlsplit(url).netloc.lower()


def hosted_scope(assertion_id: str, issuer: dict[str, Any]) -> tuple[bool, str]:
    """Whether a hosted assertion's id is within its issuer's verification policy: the
    ``startsWith`` prefixes and ``allowedOrigins`` of ``issuer.verification``, by default the
    origin (host and port) of the issuer's id."""
    issuer_id = str(issuer.get("id", ""))
    policy = issuer.get("verification")
    policy = policy if isinstance(policy, dict) else {}
    prefixes = [p for p in list_of(policy.get("startsWith")) if isinstance(p, str)]
    if prefixes and not any(assertion_id.startswith(p) for p in prefixes):
        return False, (f"{assertion_id} starts with none of {', '.join(prefixes)} "
                       "(the issuer's verification policy)")
    allowed = [str(o).lower() for o in list_of(policy.get("allowedOrigins"))]
    if not allowed:
        if not is_http(issuer_id):
            return False, f"the issuer id {issuer_id!r} has no http(s) origin to check against"
        allowed = [_authority(issuer_id)]
    origin = _authority(assertion_id)
    if origin not in allowed:
        return False, f"the assertion is hosted on {origin}, the issuer allows {', '.join(allowed)}"
    return True, f"the assertion is hosted on {origin}, an origin the issuer allows"


def _hash_of(identity: str, salt: str, algorithm: str) -> str:
    digest = hashlib.new(algorithm, (identity + salt).encode("utf-8")).hexdigest()
    return f"{algorithm}${digest}"


def recipient_matches(recipient: Any, wanted: str) -> tuple[bool, str]:
    """Whether the IdentityObject names ``wanted`` (hashed with its salt, or plain)."""
    if not isinstance(recipient, dict) or not isinstance(recipient.get("identity"), str):
        return False, "the assertion has no recipient identity"
    identity = str(recipient["identity"])
    kind = str(recipient.get("type", "identity"))
    salt = recipient.get("salt") if isinstance(recipient.get("salt"), str) else ""
    candidates = [wanted.strip()]
    if kind == "email":
        candidates.append(wanted.strip().lower())
    for candidate in candidates:
        if recipient.get("hashed") is True:
            algorithm = identity.partition("$")[0].lower()
            if algorithm not in ("sha256", "md5"):
                return False, f"unknown hash {algorithm!r} in the recipient identity"
            expected = _hash_of(candidate, str(salt), algorithm)
            if hmac.compare_digest(identity.lower().encode(), expected.encode()):
                return True, f"the {kind} hash ({algorithm}) matches"
        elif hmac.compare_digest(identity.encode(), candidate.encode()) or (
                kind == "email" and identity.lower() == candidate):
            return True, f"the {kind} matches"
    return False, f"the assertion was not issued to this {kind}"


def revocation_list_problems(document: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    if "RevocationList" not in types_of(document.get("type")):
        problems.append("type is not RevocationList")
    entries = document.get("revokedAssertions")
    if not isinstance(entries, list):
        problems.append("revokedAssertions missing")
    return problems


def revocation_entry(document: dict[str, Any], assertion: dict[str, Any]) -> str | None:
    """The reason given by the revocation list for ``assertion`` (``""`` without one), or
    ``None`` when the list does not name it (by ``id``, or by the OB 1.x ``uid``)."""
    wanted, uid = assertion.get("id"), assertion.get("uid")
    for entry in list_of(document.get("revokedAssertions")):
        if isinstance(entry, str) and entry == wanted:
            return ""
        if isinstance(entry, dict) and (entry.get("id") == wanted
                                        or (uid is not None and entry.get("uid") == uid)):
            reason = entry.get("revocationReason")
            return reason if isinstance(reason, str) else ""
    return None


def differences(given: dict[str, Any], hosted: dict[str, Any]) -> list[str]:
    """The top-level properties on which two copies of an assertion disagree (revocation
    aside: a hosted assertion is marked revoked after it was handed out)."""
    ignored = {"revoked", "revocationReason"}
    keys = (set(given) | set(hosted)) - ignored
    return sorted(k for k in keys if given.get(k) != hosted.get(k))
