"""Europass: a pathway as a European Learning Model 3 credential (``EuropeanDigitalCredential``,
JSON-LD, the EDC generic application profile), unsigned (the institution seals it) or with a
Data Integrity proof (``apprenance export elm --sign``).

What goes in: the learner (``Person``, name and identifier), the pathway as a
``LearningAchievement`` awarded by the issuer (``AwardingProcess``, awarding body with its
country), specified by a ``LearningAchievementSpecification`` carrying the micro-credential
elements (learning outcomes linked to ESCO where aligned, ECTS ``creditPoint``, volume of
learning, EQF level, mode of participation, entry requirements, quality assurance as a note,
non-formal learning setting), proven by a ``LearningAssessment`` (the type of assessment),
influenced by one ``LearningActivity`` per project, and made of the badges it stacks
(``hasPart``). Shapes: ``data/elm/EDC-generic-full.ttl`` (``tests`` validate with pySHACL).

Controlled vocabularies (URIs from the EC's ELM samples): the ``snb`` lists of the Europass
Standard List, the Publications Office authority tables for countries, languages and file
types.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from apprenance.credentials.micro_credential_facts import EQF_SCHEME, eqf_uri
from apprenance.credentials.verify.inputs import iso
from apprenance.domain.catalog import Badge, Catalog, text
from apprenance.domain.micro_credential import made_of
from apprenance.i18n import LANGS, t

VC_V1 = "https://www.w3.org/2018/credentials/v1"
EDC_CONTEXT = "http://data.europa.eu/snb/model/context/edc-ap"
ELM_CONTEXTS: tuple[str, ...] = (VC_V1, EDC_CONTEXT)
SHAPES = "http://data.europa.eu/snb/model/ap/edc-generic-full"

SNB = "http://data.europa.eu/snb"
AUTHORITY = "http://publications.europa.eu/resource/authority"
ESCO_SKILLS = "http://data.europa.eu/esco/concept-scheme/skills"
ESCO_SKILL = "http://data.europa.eu/esco/skill/"
MODES = {  # Europass "learning-assessment" list: mode of learning and assessment
    "on-site": ("9191af2ed9", "Presential"),
    "online": ("920fbb3cbe", "Online"),
    "blended": ("e92d221e4d", "Blended"),
}
LANGUAGE_CODES = {"fr": ("FRA", "French", "français"), "en": ("ENG", "English", "anglais")}
COUNTRIES = {"FR": ("FRA", "France"), "BE": ("BEL", "Belgium"), "CH": ("CHE", "Switzerland"),
             "LU": ("LUX", "Luxembourg")}


@dataclass(frozen=True)
class ElmActivity:
    """One project the learner took part in, as a learning activity."""

    title: str
    hours: float
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class ElmIssuer:
    id: str  # the issuer's DID (the institution that seals it becomes the issuer)
    name: str
    country: str = "FR"  # ISO 3166-1 alpha-2
    url: str | None = None
    email: str | None = None
    # the identifier of the eIDAS seal's certificate (organizationIdentifier, e.g.
    # "NTRFR-123456789" for a SIREN); without one, the DID stands in until the institution
    # that seals the credential puts its own
    legal_id: str | None = None


@dataclass
class ElmInput:
    """What one ELM credential says (gathered by ``services.issuing.elm_export``)."""

    credential_id: str
    issued_at: datetime
    lang: str
    learner: str  # the participant's identifier (email or handle)
    learner_name: str
    issuer: ElmIssuer
    pathway: Badge
    awarded_on: date
    parts: list[tuple[Badge, date]] = field(default_factory=list)  # badges held, awarded on
    activities: list[ElmActivity] = field(default_factory=list)
    period_start: date | None = None
    period_end: date | None = None
    total_hours: float = 0.0
    image_png: bytes | None = None  # the pathway's artwork, the credential's display image
    ob3_credential: str | None = None  # the OB 3.0 credential of the same award


def _map(value: dict[str, str] | str, lang: str = "fr") -> dict[str, str]:
    """An ELM language map: every language the text has (both, for catalog texts)."""
    if isinstance(value, str):
        return {lang: value}
    out: dict[str, str] = {x: value[x] for x in LANGS if value.get(x)}
    return out or {lang: text(value, lang)}


def _scheme(uri: str) -> dict[str, Any]:
    return {"id": uri, "type": "ConceptScheme"}


def concept(uri: str, scheme: str, label: dict[str, str], *,
            notation: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": uri, "type": "Concept", "inScheme": _scheme(scheme),
                           "prefLabel": label}
    if notation:
        out["notation"] = notation
    return out


def snb(vocabulary: str, code: str, label_en: str) -> dict[str, Any]:
    """A concept of a Europass Standard List (``http://data.europa.eu/snb/<list>/<code>``)."""
    return concept(f"{SNB}/{vocabulary}/{code}", f"{SNB}/{vocabulary}/25831c2",
                   {"en": label_en})


def language(lang: str) -> dict[str, Any]:
    code, en, fr = LANGUAGE_CODES.get(lang, LANGUAGE_CODES["fr"])
    return concept(f"{AUTHORITY}/language/{code}", f"{AUTHORITY}/language",
                   {"en": en, "fr": fr}, notation="language")


def country(code2: str) -> dict[str, Any]:
    code3, en = COUNTRIES.get(code2.upper(), COUNTRIES["FR"])
    return concept(f"{AUTHORITY}/country/{code3}", f"{AUTHORITY}/country", {"en": en},
                   notation="country")


def note(value: dict[str, str] | str, lang: str, node: str) -> dict[str, Any]:
    return {"id": node, "type": "Note", "noteLiteral": _map(value, lang)}


def _period(node: str, start: date | None, end: date | None) -> dict[str, Any] | None:
    if start is None and end is None:
        return None
    out: dict[str, Any] = {"id": node, "type": "PeriodOfTime"}
    if start:
        out["startDate"] = iso(datetime(start.year, start.month, start.day))
    if end:
        out["endDate"] = iso(datetime(end.year, end.month, end.day, 23, 59, 59))
    return out


def _hours(hours: float) -> str:
    """An xsd:duration of whole hours (``PT400H``)."""
    return f"PT{max(1, round(hours))}H"


class _Builder:
    def __init__(self, data: ElmInput, catalog: Catalog) -> None:
        self.data = data
        self.catalog = catalog
        self.base = data.credential_id
        self.counts: dict[str, int] = {}

    def node(self, kind: str) -> str:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        return f"{self.base}:{kind}:{self.counts[kind]}"

    def organisation(self) -> dict[str, Any]:
        issuer = self.data.issuer
        out: dict[str, Any] = {
            "id": issuer.id,
            "type": "Organisation",
            "legalName": {self.data.lang: issuer.name},
            "eIDASIdentifier": {
                "id": f"{self.base}:legalIdentifier:issuer",
                "type": "LegalIdentifier",
                "notation": issuer.legal_id or issuer.id,
                "schemeName": "eIDAS organizationIdentifier" if issuer.legal_id else "DID",
                "spatial": country(issuer.country),
            },
            "location": {
                "id": f"{self.base}:location:issuer",
                "type": "Location",
                "address": {"id": f"{self.base}:address:issuer", "type": "Address",
                            "countryCode": country(issuer.country)},
            },
        }
        if issuer.url:
            out["homepage"] = {"id": f"{self.base}:webResource:issuer", "type": "WebResource",
                               "contentURL": issuer.url}
        if issuer.email:
            out["contactPoint"] = {"id": f"{self.base}:contactPoint:issuer",
                                   "type": "ContactPoint",
                                   "emailAddress": {"id": f"mailto:{issuer.email}",
                                                    "type": "Mailbox"}}
        return out

    def awarding(self, on: date) -> dict[str, Any]:
        return {
            "id": self.node("awardingProcess"),
            "type": "AwardingProcess",
            "awardingBody": self.data.issuer.id,  # described once, as the issuer
            "awardingDate": iso(datetime(on.year, on.month, on.day)),
            "location": f"{self.base}:location:issuer",
        }

    def outcomes(self, badge: Badge) -> list[dict[str, Any]]:
        mc = badge.micro_credential
        out = []
        for outcome in mc.learning_outcomes if mc else ():
            entry: dict[str, Any] = {"id": self.node("learningOutcome"),
                                     "type": "LearningOutcome", "title": _map(outcome.text)}
            esco = [c for c in outcome.alignments if c in self.catalog.concepts
                    and self.catalog.concepts[c].uri.startswith(ESCO_SKILL)]
            other = [c for c in outcome.alignments if c in self.catalog.concepts
                     and c not in esco]
            if esco:
                entry["relatedESCOSkill"] = [self._concept(c, ESCO_SKILLS) for c in esco]
            if other:
                entry["relatedSkill"] = [self._concept(c, None) for c in other]
            out.append(entry)
        return out

    def _concept(self, curie: str, scheme: str | None) -> dict[str, Any]:
        found = self.catalog.concepts[curie]
        scheme_uri = scheme or (self.catalog.schemes[found.scheme].uri
                                if found.scheme in self.catalog.schemes else found.uri)
        return concept(found.uri, scheme_uri, _map(found.label), notation=found.notation)

    def specification(self, badge: Badge, *, full: bool) -> dict[str, Any]:
        lang = self.data.lang
        spec: dict[str, Any] = {
            "id": self.node("learningAchievementSpec"),
            "type": "LearningAchievementSpecification",
            "title": _map(badge.name),
            "description": _map(badge.description),
            "learningSetting": snb("learning-setting", "e207a81fc7", "non-formal learning"),
            "language": [language(x) for x in LANGS],
        }
        outcomes = self.outcomes(badge)
        if outcomes:
            spec["learningOutcome"] = outcomes
        ects = badge.credits.get("ects")
        if ects:
            spec["creditPoint"] = {
                "id": self.node("creditPoint"), "type": "CreditPoint",
                "framework": snb("education-credit", "6fcec5c5af",
                                 "European Credit Transfer System"),
                "point": f"{ects:g}",
            }
        mc = badge.micro_credential
        if mc and mc.volume_hours:
            spec["volumeOfLearning"] = _hours(mc.volume_hours)
        if mc and mc.eqf is not None:
            spec["eqfLevel"] = concept(eqf_uri(mc.eqf), EQF_SCHEME, {"en": f"Level {mc.eqf}"})
        if mc and mc.participation:
            code, label = MODES[mc.participation]
            spec["mode"] = snb("learning-assessment", code, label)
        if mc and mc.prerequisites:
            spec["entryRequirement"] = note(mc.prerequisites, lang, self.node("note"))
        notes = []
        if mc and mc.quality_assurance:
            notes.append(note({x: t("mc.quality_assurance", x) + t("punct.colon", x) + v
                               for x, v in mc.quality_assurance.items()}, lang,
                              self.node("note")))
        if full:
            notes.append(note({x: t("mc.reference", x) for x in LANGS}, lang, self.node("note")))
        if notes:
            spec["additionalNote"] = notes
        return spec

    def assessment(self, badge: Badge, on: date) -> dict[str, Any]:
        mc = badge.micro_credential
        spec: dict[str, Any] = {
            "id": self.node("learningAssessmentSpec"),
            "type": "LearningAssessmentSpecification",
            "title": {x: t("mc.assessment", x) for x in LANGS},
        }
        if mc and mc.assessment:
            spec["description"] = _map(mc.assessment)
        if mc and mc.participation:
            code, label = MODES[mc.participation]
            spec["mode"] = snb("learning-assessment", code, label)
        return {
            "id": self.node("learningAssessment"),
            "type": "LearningAssessment",
            "title": {x: f"{t('mc.assessment', x)} — {text(badge.name, x)}" for x in LANGS},
            "awardedBy": self.awarding(on),
            "grade": note({"fr": "Acquis", "en": "Passed"}, self.data.lang, self.node("note")),
            "dateIssued": iso(datetime(on.year, on.month, on.day)),
            "specifiedBy": spec,
        }

    def activity(self, activity: ElmActivity) -> dict[str, Any]:
        lang = self.data.lang
        out: dict[str, Any] = {
            "id": self.node("learningActivity"),
            "type": "LearningActivity",
            "title": {lang: activity.title},
            "awardedBy": self.awarding(self.data.awarded_on),
            "specifiedBy": {
                "id": self.node("learningActivitySpec"),
                "type": "LearningActivitySpecification",
                "title": {lang: activity.title},
                "volumeOfLearning": _hours(activity.hours),
                "dcType": snb("learning-activity", "efff75e10a",
                              "workshop, seminar or conference"),
            },
        }
        period = _period(self.node("period"), activity.start, activity.end)
        if period:
            out["temporal"] = period
        return out

    def achievement(self, badge: Badge, on: date, *, full: bool) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.node("learningAchievement"),
            "type": "LearningAchievement",
            "title": _map(badge.name),
            "awardedBy": self.awarding(on),
            "specifiedBy": self.specification(badge, full=full),
        }
        if full or (badge.micro_credential and badge.micro_credential.assessment):
            out["provenBy"] = self.assessment(badge, on)
        return out

    def display(self) -> dict[str, Any]:
        data = self.data
        png = data.image_png
        # one display, in the learner's language (the image is the same in every language)
        detail: dict[str, Any] = {"id": self.node("individualDisplay"),
                                  "type": "IndividualDisplay", "language": language(data.lang)}
        if png:
            detail["displayDetail"] = {
                "id": self.node("displayDetail"), "type": "DisplayDetail", "page": 1,
                "image": {
                    "id": self.node("mediaObject"), "type": "MediaObject",
                    "content": base64.b64encode(png).decode("ascii"),
                    "contentEncoding": snb("encoding", "6146cde7dd", "base64"),
                    "contentType": concept(f"{AUTHORITY}/file-type/PNG",
                                           f"{AUTHORITY}/file-type", {"en": "PNG"},
                                           notation="file-type"),
                },
            }
        return {
            "id": self.node("displayParameter"),
            "type": "DisplayParameter",
            "title": {x: t("mc.title", x) for x in LANGS},
            "description": _map(data.pathway.name),
            "language": [language(x) for x in LANGS],
            "primaryLanguage": language(data.lang),
            "individualDisplay": detail,
        }


def elm_credential(data: ElmInput, catalog: Catalog) -> dict[str, Any]:
    """The unsigned ``EuropeanDigitalCredential`` of ``data``'s pathway."""
    b = _Builder(data, catalog)
    claim = b.achievement(data.pathway, data.awarded_on, full=True)
    activities = [b.activity(a) for a in data.activities]
    if activities:
        claim["influencedBy"] = activities
    known = {p.id for p in made_of(data.pathway, catalog)}
    parts = [b.achievement(badge, on, full=False) for badge, on in data.parts
             if badge.id in known]
    if parts:
        claim["hasPart"] = parts
    period = _period(f"{b.base}:period:pathway", data.period_start, data.period_end)
    if period:
        claim["specifiedBy"]["temporal"] = period
    subject: dict[str, Any] = {
        "id": f"{b.base}:person:1",
        "type": "Person",
        "fullName": {data.lang: data.learner_name},
        "identifier": {"id": f"{b.base}:identifier:learner", "type": "Identifier",
                       "notation": data.learner, "schemeName": "apprenance"},
        "hasClaim": claim,
    }
    if "@" in data.learner:
        subject["contactPoint"] = {"id": f"{b.base}:contactPoint:learner",
                                   "type": "ContactPoint",
                                   "emailAddress": {"id": f"mailto:{data.learner}",
                                                    "type": "Mailbox"}}
    doc: dict[str, Any] = {
        "@context": list(ELM_CONTEXTS),
        "id": data.credential_id,
        "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
        "credentialProfiles": snb("credential", "e34929035b", "Generic"),
        "credentialSchema": {"id": SHAPES, "type": "ShaclValidator2017"},
        "displayParameter": b.display(),
        "issuer": b.organisation(),
        "issuanceDate": iso(data.issued_at),
        "issued": iso(data.issued_at),
        "validFrom": iso(data.issued_at),
        "credentialSubject": subject,
    }
    if data.ob3_credential:
        doc["identifier"] = {"id": f"{b.base}:identifier:ob3", "type": "Identifier",
                             "notation": data.ob3_credential,
                             "schemeName": "Open Badges 3.0"}
    return doc
