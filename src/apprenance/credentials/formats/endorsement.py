"""Community endorsements: attestations by residents and elected officials, as Open Badges 3.0
``EndorsementCredential``s.

The people who attest an activity (a resident, an elected official, a partner) hold no keys.
The issuer records their attestation and signs an ``EndorsementCredential`` on their behalf:
its ``credentialSubject`` (an ``EndorsementSubject``) is the learner's credential, and its
``endorsementComment`` names the endorser, their role and their comment. The learner's
credential then lists these endorsements in its ``endorsement`` property.

One endorsement per endorser (and role), whatever the number of activities they attested for
the badge: its comment has one line per activity, by date. (One signed credential per
attestation made endorsements 60 % of a credential's weight: issue 19.)

Privacy: an endorser is named by the part of their identifier before ``@`` (never a full
email address), or by the name the store knows them by.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from apprenance.credentials.jsonld.contexts import OB_V3, VC_V2
from apprenance.credentials.verify.inputs import IssuerProfile, iso
from apprenance.i18n import t

MAX_COMMENT = 2000


@dataclass(frozen=True)
class Attestation:
    """One attestation of an activity, as recorded by the issuer."""

    witness: str
    role: str | None
    comment: str | None
    day: date
    activity_id: str
    witness_name: str | None = None


def endorser_name(attestation: Attestation) -> str:
    """How the endorsement names the endorser (no full email address)."""
    if attestation.witness_name:
        return attestation.witness_name
    return attestation.witness.split("@", 1)[0] or attestation.witness


def comment_text(attestation: Attestation, lang: str) -> str:
    """``Marie (habitant), 2025-03-01 : « ... »`` in ``lang``."""
    role = attestation.role or t("ob3.witness", lang)
    said = (attestation.comment or "").strip()[:MAX_COMMENT]
    key = "endorsement.comment" if said else "endorsement.no_comment"
    return t(key, lang, name=endorser_name(attestation), role=role,
             day=attestation.day.isoformat(), comment=said)


def by_endorser(attestations: Sequence[Attestation]) -> list[tuple[Attestation, ...]]:
    """The attestations grouped by endorser and role (first seen first), each by date."""
    groups: dict[tuple[str, str | None], list[Attestation]] = {}
    for a in attestations:
        groups.setdefault((a.witness, a.role), []).append(a)
    return [tuple(sorted(g, key=lambda a: (a.day, a.activity_id))) for g in groups.values()]


def endorsement_credential(
    *,
    credential_id: str,
    endorsed: str,
    issuer: IssuerProfile,
    attestations: Sequence[Attestation],
    badge_name: str,
    issued_at: datetime,
    lang: str,
) -> dict[str, Any]:
    """The unsigned ``EndorsementCredential`` of one endorser's attestations (one or more,
    same endorser and role: ``by_endorser``), signed by the issuer."""
    attestation = attestations[0]
    name = t("endorsement.name", lang, role=attestation.role or t("ob3.witness", lang),
             badge=badge_name)
    description = t("endorsement.description", lang, name=endorser_name(attestation)) \
        if len(attestations) == 1 else t("endorsement.description_many", lang,
                                         name=endorser_name(attestation),
                                         count=len(attestations))
    return {
        "@context": [VC_V2, OB_V3],
        "id": credential_id,
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": name,
        "description": description,
        "issuer": issuer.ob3(),
        "validFrom": iso(issued_at),
        "credentialSubject": {
            "id": endorsed,
            "type": ["EndorsementSubject"],
            "endorsementComment": "\n".join(comment_text(a, lang) for a in attestations),
        },
    }


def endorsement_ids(credential: dict[str, Any]) -> list[str]:
    """The ids of the endorsements a credential carries."""
    return [str(e.get("id")) for e in credential.get("endorsement", []) if isinstance(e, dict)]
