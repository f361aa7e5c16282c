"""CLR 2.0: a ``ClrCredential`` bundling a learner's Open Badges 3.0 credentials for a pathway.

Contexts: VC Data Model 2.0, CLR 2.0.1, then Open Badges 3.0.3. The ``ClrSubject`` holds the
achievements (the pathway's and those of the badges it is made of), the signed credentials
themselves (``verifiableCredential``, each keeping its own proof), and the associations
between achievements: the pathway ``isParentOf`` each badge it is made of (and each badge
``isChildOf`` the pathway).

The CLR context is shipped with the other contexts (``data/contexts``); its term IRIs are
those of the 1EdTech CLR 2.0 test vector.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from apprenance.credentials.formats.ob3 import identity_object
from apprenance.credentials.jsonld.contexts import OB_V3, VC_V2
from apprenance.credentials.verify.inputs import IssuerProfile, Recipient, iso
from apprenance.domain.catalog import AllOf, AnyOf, AtLeast, Badge, Measure, Rule

CLR_V2 = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
CLR_CONTEXTS: tuple[str, ...] = (VC_V2, CLR_V2, OB_V3)


def parts_of(rule: Rule) -> list[str]:
    """The badge ids a pathway rule is made of (its ``badges`` measures), in rule order."""
    if isinstance(rule, Measure):
        return list(rule.ids) if rule.kind == "badges" else []
    if isinstance(rule, AllOf | AnyOf | AtLeast):
        found: list[str] = []
        for item in rule.items:
            found.extend(b for b in parts_of(item) if b not in found)
        return found
    return []  # pragma: no cover - Rule is a closed union


def achievement_of(credential: dict[str, Any]) -> dict[str, Any] | None:
    subject = credential.get("credentialSubject")
    if isinstance(subject, dict) and isinstance(subject.get("achievement"), dict):
        return dict(subject["achievement"])
    return None


def associations(pathway_achievement: str, part_achievements: list[str]) -> list[dict[str, Any]]:
    """``isParentOf`` from the pathway to each part, and ``isChildOf`` back."""
    out: list[dict[str, Any]] = []
    for part in part_achievements:
        out.append({"type": "Association", "associationType": "isParentOf",
                    "sourceId": pathway_achievement, "targetId": part})
        out.append({"type": "Association", "associationType": "isChildOf",
                    "sourceId": part, "targetId": pathway_achievement})
    return out


def clr_credential(
    *,
    credential_id: str,
    issuer: IssuerProfile,
    recipient: Recipient,
    name: str,
    description: str,
    pathways: list[tuple[Badge, dict[str, Any]]],
    parts: dict[str, dict[str, Any]],
    issued_at: datetime,
    salt: str,
) -> dict[str, Any]:
    """The unsigned ``ClrCredential``.

    ``pathways``: (pathway badge, its signed credential); ``parts``: badge id -> the signed
    credential of each badge the learner holds (pathway parts or not)."""
    credentials: list[dict[str, Any]] = []
    achievements: list[dict[str, Any]] = []
    seen: set[str] = set()
    links: list[dict[str, Any]] = []

    def add(credential: dict[str, Any]) -> str | None:
        achievement = achievement_of(credential)
        if achievement is None:
            return None
        if credential.get("id") not in seen:
            seen.add(str(credential.get("id")))
            credentials.append(credential)
            if all(a.get("id") != achievement.get("id") for a in achievements):
                achievements.append(achievement)
        return str(achievement.get("id"))

    for pathway, credential in pathways:
        parent = add(credential)
        children = [a for a in (add(parts[b]) for b in parts_of(pathway.rule) if b in parts) if a]
        if parent is not None:
            links.extend(associations(parent, children))
    for credential in parts.values():
        add(credential)
    subject: dict[str, Any] = {"type": ["ClrSubject"]}
    if recipient.is_did:
        subject["id"] = recipient.participant
    else:
        subject["identifier"] = [identity_object(recipient.participant,
                                                 recipient.identity_type, salt)]
    subject["achievement"] = achievements
    subject["verifiableCredential"] = credentials
    if links:
        subject["association"] = links
    return {
        "@context": list(CLR_CONTEXTS),
        "id": credential_id,
        "type": ["VerifiableCredential", "ClrCredential"],
        "name": name,
        "description": description,
        "issuer": issuer.ob3(),
        "validFrom": iso(issued_at),
        "credentialSubject": subject,
    }
