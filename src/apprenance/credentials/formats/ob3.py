"""Open Badges 3.0: an award as an ``OpenBadgeCredential`` (unsigned; signing is
``credentials.data_integrity`` and ``credentials.jwt``).

Contexts: VC Data Model 2.0, then Open Badges 3.0.3. Every property used here is a term
those contexts define (``tests/unit/test_issue_ob3.py`` checks the whole document; signing
refuses undefined terms anyway).

Languages: the OB 3.0 context has no language map for ``name``/``description`` (its JSON
schema wants strings), so the texts are in the learner's language, the achievement says so
with ``inLanguage``, and it points with ``related`` (type ``Related``, with ``inLanguage``) to
the same achievement in the other language, hosted at ``/achievements/{badge}.{lang}.json``.

The achievement of a badge is the same for every learner of one language (no learner data in
it): the issuing batch builds it once per badge and language.
"""

from __future__ import annotations

import hashlib
from typing import Any

from apprenance.credentials.jsonld.contexts import OB_V3, VC_V2
from apprenance.credentials.micro_credential_facts import eqf_uri, has_elements, narrative
from apprenance.credentials.verify.inputs import (
    AwardFacts,
    EvidenceItem,
    HostedUrls,
    IssuerProfile,
    Recipient,
    add_period,
    iso,
)
from apprenance.domain.catalog import PILLARS, Badge, Catalog, text
from apprenance.i18n import LANGS, number, t

OB3_CONTEXTS: tuple[str, ...] = (VC_V2, OB_V3)
MAX_EVIDENCE = 50  # activities listed one by one; the others are summed up in one entry
ACHIEVEMENT_TYPES = frozenset(
    (
        "Achievement",
        "ApprenticeshipCertificate",
        "Assessment",
        "Assignment",
        "AssociateDegree",
        "Award",
        "Badge",
        "BachelorDegree",
        "Certificate",
        "CertificateOfCompletion",
        "Certification",
        "CommunityService",
        "Competency",
        "Course",
        "CoCurricular",
        "Degree",
        "Diploma",
        "DoctoralDegree",
        "Fieldwork",
        "GeneralEducationDevelopment",
        "JourneymanCertificate",
        "LearningProgram",
        "License",
        "Membership",
        "ProfessionalDoctorate",
        "QualityAssuranceCredential",
        "MasterCertificate",
        "MasterDegree",
        "MicroCredential",
        "ResearchDoctorate",
        "SecondarySchoolDiploma",
    )
)
TARGET_TYPES = {"pilier": "ext:LearningPillar", "fonction": "ext:VitalFunction"}


def other_lang(lang: str) -> str:
    return next(x for x in LANGS if x != lang) if lang in LANGS else "en"


DECLARED_TYPE = "ext:SelfDeclared"  # a badge issued on the learner's own declaration


def achievement_type(badge: Badge) -> str:
    if badge.kind == "declared":
        return DECLARED_TYPE
    kind = badge.achievement_type
    return kind if kind in ACHIEVEMENT_TYPES or kind.startswith("ext:") else f"ext:{kind}"


def alignment(curie: str, catalog: Catalog, urls: HostedUrls, lang: str) -> dict[str, Any]:
    """An OB 3.0 Alignment to a framework concept (dereferenceable through the API)."""
    prefix, _, notation = curie.partition(":")
    concept = catalog.concepts.get(curie)
    scheme = catalog.schemes.get(prefix)
    out: dict[str, Any] = {
        "type": ["Alignment"],
        "targetName": text(concept.label, lang) if concept else curie,
        "targetUrl": urls.concept(curie),
        "targetCode": notation,
        "targetFramework": text(scheme.title, lang) if scheme else prefix,
        "targetType": TARGET_TYPES.get(prefix, "ceasn:Competency"),
    }
    if concept and concept.definition:
        out["targetDescription"] = text(concept.definition, lang)
    return out


def _pillar_name(pillar: str, catalog: Catalog, lang: str) -> str:
    concept = catalog.concepts.get(f"pilier:{pillar}")
    return text(concept.label, lang) if concept else pillar


def result_description_id(badge: str, pillar: str, urls: HostedUrls, lang: str) -> str:
    return f"{urls.achievement(badge, lang)}#hours-{pillar}"


def achievement(
    badge: Badge, catalog: Catalog, urls: HostedUrls, lang: str, *, image: str | None = None
) -> dict[str, Any]:
    """The ``Achievement`` of a badge or pathway in ``lang`` (no learner data)."""
    name = text(badge.name, lang) or badge.id
    other = other_lang(lang)
    out: dict[str, Any] = {
        "id": urls.achievement(badge.id, lang),
        "type": ["Achievement"],
        "achievementType": achievement_type(badge),
        "name": name,
        "description": text(badge.description, lang) or name,
        "criteria": {"narrative": _criteria(badge, catalog, lang)},
        "inLanguage": lang,
        "related": [
            {"id": urls.achievement(badge.id, other), "type": ["Related"], "inLanguage": other}
        ],
        "resultDescription": [
            {
                "id": result_description_id(badge.id, p, urls, lang),
                "type": ["ResultDescription"],
                "name": t("ob3.pillar_hours", lang, pillar=_pillar_name(p, catalog, lang)),
                "resultType": "ext:WeightedHours",
                "valueMin": "0",
            }
            for p in PILLARS
        ],
    }
    if image:
        out["image"] = {"id": image, "type": "Image", "caption": name}
    aligned = [alignment(c, catalog, urls, lang) for c in _aligned_curies(badge)]
    aligned += micro_alignments(badge, urls, lang)
    if aligned:
        out["alignment"] = aligned
    if has_elements(badge):
        out["tag"] = ["micro-credential"]
    ects = badge.credits.get("ects")
    if ects and badge.kind != "declared":  # a declared badge never counts toward ECTS
        out["creditsAvailable"] = float(ects)
    out["version"] = catalog.version[:12] if catalog.version else "1"
    return out


def _criteria(badge: Badge, catalog: Catalog, lang: str) -> str:
    criteria = text(badge.criteria, lang) or t("ob3.criteria", lang)
    elements = narrative(badge, catalog, lang) if has_elements(badge) else ""
    return f"{criteria}\n\n{elements}" if elements else criteria


def _aligned_curies(badge: Badge) -> list[str]:
    """The badge's alignments, then the competences its learning outcomes are aligned to."""
    curies = list(badge.alignments)
    mc = badge.micro_credential
    for outcome in mc.learning_outcomes if mc else ():
        curies += [c for c in outcome.alignments if c not in curies]
    return curies


def micro_alignments(badge: Badge, urls: HostedUrls, lang: str) -> list[dict[str, Any]]:
    """The learning-outcome statements and the EQF level as OB 3.0 Alignments (OB 3.0 has no
    property of its own for them)."""
    mc = badge.micro_credential
    if mc is None:
        return []
    name = text(badge.name, lang) or badge.id
    out: list[dict[str, Any]] = [
        {
            "type": ["Alignment"],
            "targetName": text(outcome.text, lang),
            "targetUrl": f"{urls.achievement(badge.id, lang)}#outcome-{i}",
            "targetCode": f"outcome-{i}",
            "targetFramework": t("mc.outcome_framework", lang, name=name),
            "targetType": "ext:LearningOutcome",
        }
        for i, outcome in enumerate(mc.learning_outcomes, start=1)
    ]
    if mc.eqf is not None:
        out.append({
            "type": ["Alignment"],
            "targetName": t("mc.eqf_value", lang, level=mc.eqf),
            "targetUrl": eqf_uri(mc.eqf),
            "targetCode": str(mc.eqf),
            "targetFramework": t("mc.eqf_framework", lang),
            "targetType": "ext:EQFLevel",
        })
    return out
def with_endorsements(achievement_: dict[str, Any],
                      endorsements: list[dict[str, Any]]) -> dict[str, Any]:
    """The achievement with the signed ``EndorsementCredential``s of third parties about it
    (``Achievement.endorsement``: ``formats.institution_endorsement``); unchanged without."""
    if not endorsements:
        return achievement_
    return {**achievement_, "endorsement": list(endorsements)}


def achievement_document(achievement_: dict[str, Any]) -> dict[str, Any]:
    """A hosted Achievement: the same object with its own ``@context``."""
    return {"@context": list(OB3_CONTEXTS), **achievement_}


def identity_object(identity: str, identity_type: str, salt: str) -> dict[str, Any]:
    """A hashed ``IdentityObject``: ``sha256$`` of the identity followed by the salt."""
    digest = hashlib.sha256((identity.strip().lower() + salt).encode("utf-8")).hexdigest()
    return {
        "type": "IdentityObject",
        "identityHash": f"sha256${digest}",
        "identityType": identity_type,
        "hashed": True,
        "salt": salt,
    }


def evidence_entry(item: EvidenceItem, urls: HostedUrls, lang: str, *, credential_id: str,
                   n: int) -> dict[str, Any]:
    """The ``n``-th evidence (from 1). Its id is the activity's own public link when it has
    one, else its entry on the credential's public page (never an API URL that needs a
    token: issue 15, item 5)."""
    parts = [item.day.isoformat(), item.label, f"{number(item.hours, lang)} h"]
    if item.project:
        parts.append(t("ob3.project", lang, project=item.project))
    if item.witness_roles:
        roles = ", ".join(r or t("ob3.witness", lang) for r in item.witness_roles)
        parts.append(t("ob3.attested", lang, roles=roles))
    entry: dict[str, Any] = {
        "id": item.url or urls.evidence(credential_id, n),
        "type": ["Evidence"],
        "name": item.label,
        "narrative": " · ".join(parts),
        "genre": item.label,
    }
    if item.description:
        entry["description"] = item.description
    return entry


def evidence(items: tuple[EvidenceItem, ...], urls: HostedUrls, lang: str, *,
             credential_id: str) -> list[dict[str, Any]]:
    """The activities as Evidence, newest first; past ``MAX_EVIDENCE``, one summary entry."""
    ordered = sorted(items, key=lambda e: (e.day, e.activity_id), reverse=True)
    out = [evidence_entry(e, urls, lang, credential_id=credential_id, n=i)
           for i, e in enumerate(ordered[:MAX_EVIDENCE], start=1)]
    rest = ordered[MAX_EVIDENCE:]
    if rest:
        hours = sum(e.hours for e in rest)
        out.append(
            {
                "type": ["Evidence"],
                "name": t("ob3.more_name", lang),
                "narrative": t(
                    "ob3.more",
                    lang,
                    count=len(rest),
                    hours=number(hours, lang),
                    first=rest[-1].day.isoformat(),
                    last=rest[0].day.isoformat(),
                ),
            }
        )
    return out


def status_entry(list_url: str, index: int) -> dict[str, Any]:
    """A ``BitstringStatusListEntry`` for revocation at ``index`` of the list."""
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def credential(
    *,
    credential_id: str,
    issuer: IssuerProfile,
    recipient: Recipient,
    facts: AwardFacts,
    badge: Badge,
    achievement_: dict[str, Any],
    urls: HostedUrls,
    issued_at: Any,
    salt: str,
    status: dict[str, Any] | None = None,
    endorsements: list[dict[str, Any]] | None = None,
    learner_evidence: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The unsigned ``OpenBadgeCredential`` of one award (``learner_evidence``: what the
    learner brought to a badge request, after the activities)."""
    lang = recipient.lang
    subject: dict[str, Any] = {"type": ["AchievementSubject"]}
    if recipient.is_did:
        subject["id"] = recipient.participant
    else:
        subject["identifier"] = [
            identity_object(recipient.participant, recipient.identity_type, salt)
        ]
    subject["achievement"] = achievement_
    if facts.activity_start:
        subject["activityStartDate"] = iso(facts.activity_start)
    if facts.activity_end:
        subject["activityEndDate"] = iso(facts.activity_end)
    ects = badge.credits.get("ects")
    if ects:
        subject["creditsEarned"] = float(ects)
    subject["result"] = [
        {
            "type": ["Result"],
            "resultDescription": result_description_id(badge.id, p, urls, lang),
            "value": number(facts.pillar_hours.get(p, 0.0), "en"),
        }
        for p in PILLARS
    ]
    doc: dict[str, Any] = {
        "@context": list(OB3_CONTEXTS),
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": achievement_["name"],
        "description": achievement_["description"] if badge.kind != "declared" else
        f'{achievement_["description"]} {t("recognition.declared.note", lang)}',
        "issuer": issuer.ob3(),
        "validFrom": iso(issued_at),
    }
    if badge.valid_for:
        doc["validUntil"] = iso(add_period(issued_at, badge.valid_for))
    doc["awardedDate"] = iso(facts.awarded_at)
    doc["credentialSubject"] = subject
    items = [*evidence(facts.evidence, urls, lang, credential_id=credential_id),
             *(learner_evidence or [])]
    if items:
        doc["evidence"] = items
    if status is not None:
        doc["credentialStatus"] = status
    if endorsements:
        doc["endorsement"] = endorsements
    return doc
