"""Open Badges 2.0 documents as the verifier reads them: fetching one through the injectable
fetcher, the properties each class requires, the recipient's identity hash, the issuer's
hosted-verification policy, and revocation lists.

The required properties are the ones 1EdTech's validator (badgecheck 1.2.0) requires:
Assertion ``id``, ``type``, ``recipient`` (``type`` email/url/telephone/id, ``hashed``,
``identity``, optional ``salt``), ``badge``, ``verification`` (``HostedBadge`` or
``SignedBadge``), ``issuedOn``; BadgeClass ``id``, ``type``, ``name``, ``description``,
``image``, ``criteria``, ``issuer``; Profile ``id``, ``type`` (Issuer or Profile), ``name``,
``url``, ``email``. Plain JSON is read (no JSON-LD processing); a document that cannot be
fetched or used raises ``Ob2Problem``, our ``InputError``. Messages and problems are phrases
(``credentials.phrases``: ``verify.ob2.*`` keys), read in French or English.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from typing import Any
from urllib.parse import urlsplit

from apprenance.credentials.jsonld.contexts import OB_V2
from apprenance.credentials.trust.did import Fetcher
from apprenance.credentials.verify.structure import contexts_of, parse_time, types_of
from apprenance.errors import ApprenanceError, Ob2Problem
from apprenance.i18n.phrases import Phrase

HOSTED_TYPES = ("HostedBadge", "hosted")
SIGNED_TYPES = ("SignedBadge", "signed")
RECIPIENT_TYPES = ("email", "url", "telephone", "id")
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
_HASH = re.compile(r"^(sha256\$[0-9a-fA-F]{64}|md5\$[0-9a-fA-F]{32})$")


def what(name: str) -> Phrase:
    """A kind of OB 2.0 document (hosted, badge, issuer, key, revocations, assertion,
    input), with its article, for messages."""
    return Phrase(f"verify.ob2.what.{name}")


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
    return OB_V2 in contexts_of(document)


def verification_kind(assertion: dict[str, Any]) -> str | None:
    """``hosted``, ``signed``, or ``None`` when the verification type is neither."""
    verification = assertion.get("verification")
    kind = verification.get("type") if isinstance(verification, dict) else None
    if kind in HOSTED_TYPES:
        return "hosted"
    if kind in SIGNED_TYPES:
        return "signed"
    return None


def parse_document(data: bytes | str, where: Phrase) -> dict[str, Any]:
    """A JSON object, else ``Ob2Problem``."""
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise Ob2Problem("verify.ob2.not_json", where=where) from None
    if not isinstance(document, dict):
        raise Ob2Problem("verify.ob2.not_object", where=where)
    return document


def fetch_document(url: str, fetcher: Fetcher, kind: str) -> dict[str, Any]:
    """The JSON object at ``url``; its ``id`` must be ``url`` and its context OB 2.0.
    ``kind``: the kind of document (``what``)."""
    try:
        data = fetcher(url)
    except ApprenanceError as exc:
        raise Ob2Problem("verify.ob2.fetch", what=what(kind), url=url,
                         reason=getattr(exc, "phrase", exc.message)) from None
    document = parse_document(data, Phrase("verify.ob2.at", what=what(kind), url=url))
    if document.get("id") != url:
        raise Ob2Problem("verify.ob2.names_itself", what=what(kind), url=url,
                         id=repr(document.get("id")))
    if not has_ob2_context(document):
        raise Ob2Problem("verify.ob2.no_context", what=what(kind), url=url,
                         context=OB_V2)
    return document


def resolve(value: Any, fetcher: Fetcher, kind: str) -> dict[str, Any]:
    """An embedded document as it is, or the one fetched from its http(s) IRI."""
    if isinstance(value, dict):
        return value
    if not is_http(value):
        raise Ob2Problem("verify.ob2.not_a_reference", what=what(kind), value=repr(value))
    return fetch_document(value, fetcher, kind)


def _problem(key: str, **params: Any) -> Phrase:
    return Phrase(f"verify.ob2.problem.{key}", params)


def _text(document: dict[str, Any], name: str, problems: list[Phrase]) -> None:
    value = document.get(name)
    if not isinstance(value, str) or not value.strip():
        problems.append(_problem("missing", name=name))


def assertion_problems(assertion: dict[str, Any]) -> list[Phrase]:
    """What an Assertion lacks (empty when well-formed)."""
    problems: list[Phrase] = []
    if "Assertion" not in types_of(assertion.get("type")):
        problems.append(_problem("type", type="Assertion"))
    if not is_iri(assertion.get("id")):
        problems.append(_problem("id"))
    recipient = assertion.get("recipient")
    if not isinstance(recipient, dict):
        problems.append(_problem("recipient"))
    else:
        if recipient.get("type") not in RECIPIENT_TYPES:
            problems.append(_problem("recipient_type", type=repr(recipient.get("type")),
                                     types=", ".join(RECIPIENT_TYPES)))
        hashed, identity = recipient.get("hashed"), recipient.get("identity")
        if not isinstance(hashed, bool):
            problems.append(_problem("hashed"))
        if not isinstance(identity, str) or not identity:
            problems.append(_problem("missing", name="recipient.identity"))
        elif hashed is True and not _HASH.match(identity):
            problems.append(_problem("hash"))
        if "salt" in recipient and not isinstance(recipient["salt"], str):
            problems.append(_problem("salt"))
    if ref_id(assertion.get("badge")) is None and not isinstance(assertion.get("badge"), dict):
        problems.append(_problem("missing", name="badge"))
    if verification_kind(assertion) is None:
        problems.append(_problem("verification"))
    if parse_time(assertion.get("issuedOn")) is None:
        problems.append(_problem("issued_on"))
    if "expires" in assertion and parse_time(assertion.get("expires")) is None:
        problems.append(_problem("date", name="expires"))
    return problems


def badge_class_problems(badge: dict[str, Any]) -> list[Phrase]:
    """What a BadgeClass lacks (empty when well-formed)."""
    problems: list[Phrase] = []
    if "BadgeClass" not in types_of(badge.get("type")):
        problems.append(_problem("type", type="BadgeClass"))
    if not is_iri(badge.get("id")):
        problems.append(_problem("id"))
    _text(badge, "name", problems)
    _text(badge, "description", problems)
    if ref_id(badge.get("image")) is None:
        problems.append(_problem("missing", name="image"))
    criteria = badge.get("criteria")
    if not (is_iri(criteria) or (isinstance(criteria, dict)
                                 and (ref_id(criteria) or criteria.get("narrative")))):
        problems.append(_problem("criteria"))
    if ref_id(badge.get("issuer")) is None:
        problems.append(_problem("missing", name="issuer"))
    return problems


def profile_problems(profile: dict[str, Any]) -> list[Phrase]:
    """What an issuer Profile lacks (empty when well-formed)."""
    problems: list[Phrase] = []
    if not {"Issuer", "Profile"} & set(types_of(profile.get("type"))):
        problems.append(_problem("type_profile"))
    if not is_iri(profile.get("id")):
        problems.append(_problem("id"))
    _text(profile, "name", problems)
    if not is_http(profile.get("url")):
        problems.append(_problem("url"))
    email = profile.get("email")
    if not isinstance(email, str) or "@" not in email:
        problems.append(_problem("missing", name="email"))
    return problems


def _authority(url: str) -> str:
    return urlsplit(url).netloc.lower()


def hosted_scope(assertion_id: str, issuer: dict[str, Any]) -> tuple[bool, Phrase]:
    """Whether a hosted assertion's id is within its issuer's verification policy: the
    ``startsWith`` prefixes and ``allowedOrigins`` of ``issuer.verification``, by default the
    origin (host and port) of the issuer's id."""
    issuer_id = str(issuer.get("id", ""))
    policy = issuer.get("verification")
    policy = policy if isinstance(policy, dict) else {}
    prefixes = [p for p in list_of(policy.get("startsWith")) if isinstance(p, str)]
    if prefixes and not any(assertion_id.startswith(p) for p in prefixes):
        return False, Phrase("verify.ob2.origin.prefix", id=assertion_id,
                             prefixes=", ".join(prefixes))
    allowed = [str(o).lower() for o in list_of(policy.get("allowedOrigins"))]
    if not allowed:
        if not is_http(issuer_id):
            return False, Phrase("verify.ob2.origin.no_origin", issuer=repr(issuer_id))
        allowed = [_authority(issuer_id)]
    origin = _authority(assertion_id)
    if origin not in allowed:
        return False, Phrase("verify.ob2.origin.other", origin=origin,
                             allowed=", ".join(allowed))
    return True, Phrase("verify.ob2.origin.ok", origin=origin)


def _hash_of(identity: str, salt: str, algorithm: str) -> str:
    digest = hashlib.new(algorithm, (identity + salt).encode("utf-8")).hexdigest()
    return f"{algorithm}${digest}"


def recipient_matches(recipient: Any, wanted: str) -> tuple[bool, Phrase]:
    """Whether the IdentityObject names ``wanted`` (hashed with its salt, or plain)."""
    if not isinstance(recipient, dict) or not isinstance(recipient.get("identity"), str):
        return False, Phrase("verify.ob2.recipient.none")
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
                return False, Phrase("verify.ob2.recipient.hash", algorithm=repr(algorithm))
            expected = _hash_of(candidate, str(salt), algorithm)
            if hmac.compare_digest(identity.lower().encode(), expected.encode()):
                return True, Phrase("verify.ob2.recipient.hash_ok", kind=kind,
                                    algorithm=algorithm)
        elif hmac.compare_digest(identity.encode(), candidate.encode()) or (
                kind == "email" and identity.lower() == candidate):
            return True, Phrase("verify.ob2.recipient.ok", kind=kind)
    return False, Phrase("verify.ob2.recipient.other", kind=kind)


def revocation_list_problems(document: dict[str, Any]) -> list[Phrase]:
    problems: list[Phrase] = []
    if "RevocationList" not in types_of(document.get("type")):
        problems.append(_problem("type", type="RevocationList"))
    entries = document.get("revokedAssertions")
    if not isinstance(entries, list):
        problems.append(_problem("missing", name="revokedAssertions"))
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


def vouches_for_ob2(assertion: dict[str, Any], badge: dict[str, Any] | None,
                    issuer: dict[str, Any] | None, matched: str | None, status: str | None
                    ) -> dict[str, Any]:
    """What the assertion states, in the shape of ``structure.vouches_for``: the holder
    (hashed or plain identity; ``matched``: whether the recipient asked about matches), the
    badge class, the issuer, the dates and the revocation ``status``."""
    recipient = assertion.get("recipient")
    recipient = recipient if isinstance(recipient, dict) else {}
    identity = recipient.get("identity")
    hashed = recipient.get("hashed") is True
    identifiers = [{"type": recipient.get("type"), "hashed": True, "value": identity}] \
        if hashed and isinstance(identity, str) else []
    plain = identity if isinstance(identity, str) and not hashed else None

    def text(document: dict[str, Any] | None, name: str) -> str | None:
        value = document.get(name) if document is not None else None
        return value if isinstance(value, str) else None

    return {
        "kind": ["Assertion"], "name": text(badge, "name"),
        "holder": {"name": None, "id": plain, "identifiers": identifiers,
                   "recipient": matched},
        "achievements": [{"id": ref_id(badge), "name": text(badge, "name"), "type": None}]
        if badge is not None else [],
        "endorses": None,
        "issuer": {"id": ref_id(issuer), "name": text(issuer, "name")},
        "issued": text(assertion, "issuedOn"), "valid_from": text(assertion, "issuedOn"),
        "valid_until": text(assertion, "expires"), "status": status,
    }
