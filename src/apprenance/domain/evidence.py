"""Evidence as plain data: what one activity contributes, and a learner's accumulated totals.

Weighted hours: an activity of ``d`` hours adds ``d x w`` hours to each pillar and competence it
maps to (``w`` its weight in the mapping); it adds ``d`` to its vital function, project,
territory, activity type and month, and to the learner's total. A measure that filters on both
a pillar and a competence weighs the hours by both weights.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from apprenance.domain.catalog import ActivityType

# the dimensions of a learner's evidence totals
TOTAL = "total"
DIMENSIONS: tuple[str, ...] = (
    "pillar",
    "competence",
    "function",
    "project",
    "territory",
    "activity",
    "month",
)
ATTESTATION = "attestation"  # key: witness role, or "*" for any witness
ANY_ROLE = "*"

TOLERANCE = 1e-9
"""Float noise allowed when weighted hours (sums of products) are compared with a threshold or
a step: a rule's ``min``, a competence level, a half credit, a whole number shown. Three hours
weighted 0.7 are 2.0999999999999996 hours, which reach a ``min`` of 2.1."""


def day_of(value: Any) -> date:
    """A day as the drivers answer it: a date, a datetime, or ISO text (SQLite)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class ActivityFacts:
    """One mapped activity, as the rules see it."""

    id: str
    day: date
    hours: float
    activity: str  # effective activity type
    function: str | None
    project: str | None
    territory: str | None
    pillars: dict[str, float]
    competences: dict[str, float]
    witness_roles: tuple[str, ...] = ()

    @property
    def month(self) -> str:
        return self.day.strftime("%Y-%m")


def facts_for(
    *,
    activity_id: str,
    day: date,
    hours: float,
    kind: ActivityType,
    function: str | None,
    project: str | None,
    territory: str | None,
    witness_roles: tuple[str, ...] = (),
) -> ActivityFacts:
    """The facts of an activity of type ``kind`` (its default function when none is given)."""
    return ActivityFacts(
        id=activity_id,
        day=day,
        hours=hours,
        activity=kind.id,
        function=function or (kind.functions[0] if kind.functions else None),
        project=project,
        territory=territory,
        pillars=kind.pillars,
        competences=kind.competences,
        witness_roles=witness_roles,
    )


Key = tuple[str, str]  # (dimension, key)


def month_key(day: date) -> Key:
    """The key of the month of ``day`` (``ActivityFacts.month``): ("month", "2025-03")."""
    return ("month", f"{day.year:04d}-{day.month:02d}")


class Group(NamedTuple):
    """What two activities must share to count alike (their hours may differ)."""

    activity: str
    function: str | None
    project: str | None
    territory: str | None
    month: str
    roles: tuple[str, ...]  # witness roles, sorted, without repeats ("" for an unknown role)


@dataclass
class Totals:
    """Hours and counts per (dimension, key) for one learner, plus first and last day."""

    hours: dict[Key, float] = field(default_factory=lambda: defaultdict(float))
    counts: dict[Key, int] = field(default_factory=lambda: defaultdict(int))
    first: date | None = None
    last: date | None = None
    _distinct: dict[str, int] | None = field(default=None, repr=False, compare=False)

    def add(self, facts: ActivityFacts, sign: int = 1) -> None:
        """Add (or with ``sign=-1`` take away) one activity's contribution."""
        group = Group(facts.activity, facts.function, facts.project, facts.territory,
                      facts.month, tuple(sorted(set(facts.witness_roles))))
        self.add_group(group, facts.pillars, facts.competences, facts.hours * sign, sign)
        if sign > 0:
            self.first = facts.day if self.first is None else min(self.first, facts.day)
            self.last = facts.day if self.last is None else max(self.last, facts.day)

    def add_group(
        self,
        group: Group,
        pillars: dict[str, float],
        competences: dict[str, float],
        hours: float,
        count: int,
    ) -> None:
        """Add ``count`` activities alike in every way that counts, of ``hours`` in all."""
        self._distinct = None
        self._bump((TOTAL, ""), hours, count)
        for pillar, w in pillars.items():
            self._bump(("pillar", pillar), hours * w, count)
        for comp, w in competences.items():
            self._bump(("competence", comp), hours * w, count)
        self._bump(("activity", group.activity), hours, count)
        self._bump(("month", group.month), hours, count)
        if group.function:
            self._bump(("function", group.function), hours, count)
        if group.project:
            self._bump(("project", group.project), hours, count)
        if group.territory:
            self._bump(("territory", group.territory), hours, count)
        if group.roles:
            self.counts[(ATTESTATION, ANY_ROLE)] += count
            for role in group.roles:
                if role:
                    self.counts[(ATTESTATION, role)] += count

    def invalidate(self) -> None:
        """Forget what was derived from the counts (after changing them directly)."""
        self._distinct = None

    def _bump(self, key: Key, hours: float, sign: int) -> None:
        self.hours[key] += hours
        self.counts[key] += sign

    def distinct(self, dimension: str) -> int:
        """How many keys of ``dimension`` have at least one activity (cached: call it on
        totals that no longer change, as evaluation does)."""
        if self._distinct is None:
            self._distinct = Counter([key[0] for key, n in self.counts.items() if n > 0])
        return self._distinct.get(dimension, 0)

    def keys_of(self, dimension: str) -> list[str]:
        """The keys of ``dimension`` with at least one activity."""
        return [k for (dim, k), n in self.counts.items() if dim == dimension and n > 0]

    def rows(self) -> list[tuple[str, str, float, int]]:
        """(dimension, key, hours, count) for every key touched."""
        keys = set(self.hours) | set(self.counts)
        return [(dim, k, self.hours.get((dim, k), 0.0), self.counts.get((dim, k), 0))
                for dim, k in sorted(keys)]
