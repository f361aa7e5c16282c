"""Endorsements by third parties (a university, a partner territory) who sign with their own
key: an Open Badges 3.0 ``EndorsementCredential`` whose ``issuer`` is the endorser's Profile
(its ``id`` is the endorser's did:key) and whose ``credentialSubject`` (an
``EndorsementSubject``) is the hosted ``Achievement`` of a badge or pathway in one language.

Unlike the community endorsements of ``endorsement`` (signed by the issuer on behalf of a
witness), the issuer of these is not the issuer of the badge: a verifier checks them with the
endorser's key, which the endorser's did:key carries (no network, no hosting by this instance
needed: see docs/endorsements.md). They are attached to the achievement
(``Achievement.endorsement``) of every credential issued after, and to the hosted achievement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from apprenance.credentials.jsonld.contexts import OB_V3, VC_V2
from apprenance.credentials.verify.inputs import iso
from apprenance.i18n import t

MAX_COMMENT = 2000


@dataclass(frozen=True)
class EndorserProfile:
    """The endorser as its endorsements show it."""

    id: str  # the endorser's id in the store
    did: str  # did:key of its Ed25519 key
    name: str
    url: str | None = None
    email: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2

    def ob3(self) -> dict[str, Any]:
        """The OB 3.0 ``Profile`` of the endorser."""
        profile: dict[str, Any] = {"id": self.did, "type": ["Profile"], "name": self.name}
        if self.url:
            profile["url"] = self.url
        if self.email:
            profile["email"] = self.email
        if self.country:
            profile["address"] = {"type": ["Address"], "addressCountry": self.country}
        return profile

    def document(self) -> dict[str, Any]:
        """The hosted profile: the same object with its contexts."""
        return {"@context": [VC_V2, OB_V3], **self.ob3()}


def clean_comment(comment: str | None) -> str | None:
    """The comment as signed: trimmed, at most ``MAX_COMMENT`` characters, None when empty."""
    said = (comment or "").strip()[:MAX_COMMENT]
    return said or None


def endorsement_credential(
    *,
    credential_id: str,
    achievement_id: str,
    endorser: EndorserProfile,
    badge_name: str,
    comment: str | None,
    issued_at: datetime,
    lang: str,
) -> dict[str, Any]:
    """The unsigned ``EndorsementCredential`` of ``endorser`` about one hosted achievement
    (its texts in ``lang``, the comment as the endorser wrote it)."""
    said = clean_comment(comment)
    subject: dict[str, Any] = {"id": achievement_id, "type": ["EndorsementSubject"]}
    subject["endorsementComment"] = said or t("endorser.no_comment", lang, name=endorser.name,
                                              badge=badge_name)
    return {
        "@context": [VC_V2, OB_V3],
        "id": credential_id,
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": t("endorser.credential_name", lang, name=endorser.name, badge=badge_name),
        "description": t("endorser.credential_description", lang, name=endorser.name,
                         badge=badge_name),
        "issuer": endorser.ob3(),
        "validFrom": iso(issued_at),
        "credentialSubject": subject,
    }


def endorser_names(credential: dict[str, Any] | None) -> list[str]:
    """The names of the endorsers of the achievement(s) a credential carries, once each, in
    order (what a certificate writes as "Endorsed by ...")."""
    if not isinstance(credential, dict):
        return []
    subjects = credential.get("credentialSubject")
    names: list[str] = []
    for subject in subjects if isinstance(subjects, list) else [subjects]:
        achievement = subject.get("achievement") if isinstance(subject, dict) else None
        if not isinstance(achievement, dict):
            continue
        for endorsement in achievement.get("endorsement") or []:
            issuer = endorsement.get("issuer") if isinstance(endorsement, dict) else None
            name = issuer.get("name") if isinstance(issuer, dict) else None
            if isinstance(name, str) and name and name not in names:
                names.append(name)
    return names
