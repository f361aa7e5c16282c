"""What a certificate states, as plain data, and the rules behind its figures.

The recommended ECTS credits follow the ECTS Users' Guide (2015): one credit stands for 25 to
30 hours of a learner's workload. apprenance divides the learner's hours (every mapped activity,
weighted hours summing to the hours spent) by the hours per credit and rounds *down* to the half
credit, so that a recommendation never exceeds the workload behind it. Only a higher-education
institution awards credits: the figure is a recommendation for its registrar.

A competence's level comes from the weighted hours behind it, with the thresholds of the
pillar badges (8, 30 and 100 hours): 0 discovery, 1 first steps, 2 practice, 3 mastery.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from apprenance.domain.evidence import TOLERANCE, ActivityFacts

HOURS_PER_CREDIT_DEFAULT = 30.0
HOURS_PER_CREDIT_RANGE = (25.0, 30.0)
CREDIT_STEP = 0.5  # credits are rounded down to a multiple of this
LEVEL_THRESHOLDS: tuple[tuple[float, int], ...] = ((100.0, 3), (30.0, 2), (8.0, 1))
LEVEL_REACHED = 1  # a competence counts as reached from this level on


def check_hours_per_credit(value: float) -> float:
    """``value`` when the ECTS guide allows it (25 to 30 hours), else ValueError."""
    low, high = HOURS_PER_CREDIT_RANGE
    if not low <= value <= high:
        raise ValueError(f"hours per credit must be between {low:g} and {high:g}, not {value:g}")
    return value


def recommended_ects(hours: float, hours_per_credit: float = HOURS_PER_CREDIT_DEFAULT) -> float:
    """``hours / hours_per_credit``, rounded down to the half credit (never negative)."""
    check_hours_per_credit(hours_per_credit)
    raw = max(hours, 0.0) / hours_per_credit
    # TOLERANCE so that 450 h / 30 = 15 is not floored to 14.5 by float noise
    return math.floor(raw / CREDIT_STEP + TOLERANCE) * CREDIT_STEP


def competence_level(hours: float) -> int:
    """0 to 3 from the weighted hours behind a competence."""
    for threshold, level in LEVEL_THRESHOLDS:
        if hours + TOLERANCE >= threshold:
            return level
    return 0


@dataclass(frozen=True)
class CompetenceTally:
    hours: float = 0.0
    activities: int = 0
    attestations: int = 0


def tally_competences(facts: list[ActivityFacts]) -> dict[str, CompetenceTally]:
    """Per competence: weighted hours, number of activities and of attestations behind it."""
    hours: dict[str, float] = {}
    activities: dict[str, int] = {}
    attestations: dict[str, int] = {}
    for fact in facts:
        for curie, weight in fact.competences.items():
            hours[curie] = hours.get(curie, 0.0) + fact.hours * weight
            activities[curie] = activities.get(curie, 0) + 1
            attestations[curie] = attestations.get(curie, 0) + len(fact.witness_roles)
    return {c: CompetenceTally(hours[c], activities[c], attestations[c]) for c in hours}


@dataclass(frozen=True)
class ProjectLine:
    id: str
    name: str
    functions: tuple[str, ...]  # labels
    schemes: tuple[str, ...]  # labels
    hours: float


@dataclass(frozen=True)
class CompetenceLine:
    curie: str
    label: str
    framework: str
    level: int
    hours: float
    activities: int
    attestations: int


@dataclass(frozen=True)
class BadgeLine:
    id: str
    name: str
    kind: str  # badge | pathway
    awarded_on: date  # the day the evidence met the rule
    issued_on: date | None = None  # the day its credential was signed (None: not issued yet)


@dataclass(frozen=True)
class HoursLine:
    key: str
    label: str
    hours: float


@dataclass(frozen=True)
class Issuer:
    name: str
    url: str = ""
    signatory: str = ""  # who signs, e.g. the coordinator's name
    role: str = ""  # e.g. "coordination du territoire"


@dataclass(frozen=True)
class CertificateData:
    """Everything one certificate states, already in its language."""

    lang: str
    learner: str  # participant identifier
    name: str
    territory: str  # name
    territory_id: str | None
    period_start: date | None
    period_end: date | None
    total_hours: float
    activities: int
    pillars: tuple[HoursLine, ...]
    functions: tuple[HoursLine, ...]
    projects: tuple[ProjectLine, ...]
    competences: tuple[CompetenceLine, ...]
    badges: tuple[BadgeLine, ...]
    hours_per_credit: float
    ects: float | None  # None: no signed credential backs the certificate, so no credits
    issuer: Issuer
    issued_on: date
    pathway: BadgeLine | None = None
    pathway_ects: float | None = None  # the pathway's indicative volume, from the catalog
    credential_id: str | None = None
    verify_url: str | None = None
    credential: dict[str, Any] | None = field(default=None, repr=False)
    # the pathway's micro-credential elements (EU 2022, Annex I) as (label, text), in ``lang``
    micro_credential: tuple[tuple[str, str], ...] = ()

    @property
    def days(self) -> int:
        if self.period_start is None or self.period_end is None:
            return 0
        return (self.period_end - self.period_start).days + 1

    @property
    def reached(self) -> tuple[CompetenceLine, ...]:
        return tuple(c for c in self.competences if c.level >= LEVEL_REACHED)
