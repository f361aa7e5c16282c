"""The catalog's YAML files at the boundary: the prefixes, the activity mapping and the badge
and pathway definitions. Structure only; what the fields name (concepts, pillars, other badges)
is checked by ``apprenance.catalog``."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
PREFIX_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]*$"

# Open Badges 3.0 achievementType values (extensible with "ext:" terms).
ACHIEVEMENT_TYPES: tuple[str, ...] = (
    "Achievement", "ApprenticeshipCertificate", "Assessment", "Assignment", "AssociateDegree",
    "Award", "Badge", "BachelorDegree", "Certificate", "CertificateOfCompletion",
    "Certification", "CommunityService", "Competency", "Course", "CoCurricular", "Degree",
    "Diploma", "DoctoralDegree", "Fieldwork", "GeneralEducationDevelopment",
    "JourneymanCertificate", "LearningProgram", "License", "Membership",
    "ProfessionalDoctorate", "QualityAssuranceCredential", "MasterCertificate", "MasterDegree",
    "MicroCredential", "ResearchDoctorate", "SecondarySchoolDiploma",
)
PATHWAY_TYPES: tuple[str, ...] = ("LearningProgram", "Certificate")

_PERIOD = re.compile(r"^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?$")

TextIn = dict[str, str]  # {"fr": ..., "en": ...}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PrefixesFile(_Strict):
    """``frameworks/prefixes.yaml``: ``prefixes: {pilier: "https://.../pilier/", ...}``."""

    prefixes: dict[str, str]

    @field_validator("prefixes")
    @classmethod
    def _namespaces(cls, value: dict[str, str]) -> dict[str, str]:
        for prefix, ns in value.items():
            if not re.match(PREFIX_PATTERN, prefix):
                raise ValueError(f"{prefix!r} is not a prefix (letters, digits, - and _)")
            if not ns.endswith(("/", "#")):
                raise ValueError(f"the namespace of {prefix!r} must end with / or #")
        return value


class ActivityIn(_Strict):
    """One entry of ``activities:`` in a mapping file."""

    label: TextIn
    description: TextIn = Field(default_factory=dict)
    pillars: dict[str, float]
    competences: dict[str, float] = Field(default_factory=dict)
    functions: list[str] = Field(default_factory=list)
    keywords: dict[str, list[str]] = Field(default_factory=dict)


class MappingFile(_Strict):
    """``frameworks/mappings/*.yaml``; the entries are checked one by one (``ActivityIn``)."""

    version: str = ""
    activities: dict[str, Any]

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int | float) else value


PARTICIPATION: tuple[str, ...] = ("on-site", "online", "blended")
NOT_APPLICABLE = "not-applicable"


class LearningOutcomeIn(_Strict):
    """One learning outcome: a statement, and the framework concepts it is aligned to."""

    text: TextIn
    alignments: list[str] = Field(default_factory=list)


class MicroCredentialIn(_Strict):
    """The elements of a micro-credential (EU Council Recommendation 2022/C 243/02, Annex I)
    a badge or pathway declares; learner, title, awarding body and its country, date of issue
    and workload (``credits``) come from elsewhere, stackability from the pathways' rules."""

    learning_outcomes: list[LearningOutcomeIn] = Field(default_factory=list)
    eqf_level: int | Literal["not-applicable"] | None = None
    nqf_level: str | None = None
    assessment: TextIn = Field(default_factory=dict)
    participation: Literal["on-site", "online", "blended"] | None = None
    quality_assurance: TextIn = Field(default_factory=dict)
    prerequisites: TextIn = Field(default_factory=dict)
    volume_hours: float | None = Field(default=None, gt=0)

    @field_validator("eqf_level")
    @classmethod
    def _eqf(cls, value: int | str | None) -> int | str | None:
        if isinstance(value, int) and not 1 <= value <= 8:
            raise ValueError(f"the EQF level is 1 to 8 (or {NOT_APPLICABLE}), not {value}")
        return value


class BadgeIn(_Strict):
    """One badge or pathway (``badges/*.yaml``); ``rule`` is read by ``catalog.badges``
    (required there, but for a declared badge)."""

    id: str = Field(pattern=ID_PATTERN, max_length=100)
    kind: Literal["badge", "pathway", "declared"] | None = None  # declared: issue 18
    name: TextIn
    description: TextIn
    criteria: TextIn
    achievement_type: str = "Badge"
    image: str | None = None
    alignments: list[str] = Field(default_factory=list)
    valid_for: str | None = None  # an ISO 8601 period: P2Y, P6M, P1Y6M ...
    credits: dict[str, float] = Field(default_factory=dict)
    micro_credential: MicroCredentialIn | None = None
    rule: dict[str, Any] | None = None  # only a declared badge goes without (catalog.badges)

    @field_validator("achievement_type")
    @classmethod
    def _achievement_type(cls, value: str) -> str:
        if value not in ACHIEVEMENT_TYPES and not value.startswith("ext:"):
            raise ValueError(
                f"{value!r} is not an Open Badges 3.0 achievementType "
                f"(one of {', '.join(ACHIEVEMENT_TYPES)}, or an ext: term)"
            )
        return value

    @field_validator("valid_for")
    @classmethod
    def _period(cls, value: str | None) -> str | None:
        if value is not None and (value in ("P", "PT") or not _PERIOD.match(value)):
            raise ValueError(f"{value!r} is not an ISO 8601 period such as P2Y or P6M")
        return value

    @field_validator("credits")
    @classmethod
    def _credits(cls, value: dict[str, float]) -> dict[str, float]:
        for unit, amount in value.items():
            if amount <= 0:
                raise ValueError(f"credits {unit!r} must be positive")
        return value

    @model_validator(mode="after")
    def _declared_earns_no_credit(self) -> BadgeIn:
        if self.kind == "declared" and self.credits:
            raise ValueError("a declared badge earns no credits: it is never counted "
                             "toward ECTS")
        return self

    @property
    def badge_kind(self) -> str:
        if self.kind is not None:
            return self.kind
        return "pathway" if self.achievement_type in PATHWAY_TYPES else "badge"
