"""Activities whose type the mapping does not know: listing them with the suggested type, and
letting a coordinator assign a known type so that they count.

An activity is unmapped while its ``activity_type`` is not in the catalog and no type was
assigned; when the mapping gains that type, it counts without anyone doing anything.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from apprenance.clock import Clock
from apprenance.db import coordination_sql as sql
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog
from apprenance.errors import InputError, NotFound


@dataclass
class UnmappedGroup:
    """The unmapped activities that share one activity type."""

    activity_type: str
    count: int = 0
    hours: float = 0.0
    suggested_type: str | None = None
    activities: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"activity_type": self.activity_type, "count": self.count,
                "hours": round(self.hours, 2), "suggested_type": self.suggested_type,
                "activities": self.activities}


def list_unmapped(store: Store, catalog: Catalog) -> list[UnmappedGroup]:
    """Unmapped, not voided activities grouped by type, most frequent first."""
    groups: dict[str, UnmappedGroup] = {}
    votes: dict[str, Counter[str]] = {}
    with store.transaction() as conn:
        for row in sql.unmapped_activities(conn, list(catalog.activity_types)):
            group = groups.setdefault(row["activity_type"], UnmappedGroup(row["activity_type"]))
            group.count += 1
            group.hours += float(row["duration_hours"])
            if row["suggested_type"]:
                votes.setdefault(group.activity_type, Counter())[row["suggested_type"]] += 1
            group.activities.append({
                "id": row["id"], "participant": row["participant"],
                "occurred_on": str(row["occurred_on"]), "hours": row["duration_hours"],
                "description": row["description"], "suggested_type": row["suggested_type"],
                "source": f"{row['source_file']}:{row['source_line']}",
            })
    for type_id, counter in votes.items():
        groups[type_id].suggested_type = counter.most_common(1)[0][0]
    return sorted(groups.values(), key=lambda g: (-g.count, g.activity_type))


@dataclass(frozen=True)
class Assignment:
    activity_id: str
    type_id: str
    before: str  # the type that counted before (activity type or earlier assignment)

    def to_dict(self) -> dict[str, Any]:
        return {"activity": self.activity_id, "assigned_type": self.type_id,
                "before": self.before}


def assign_type(
    store: Store, catalog: Catalog, activity_id: str, type_id: str, *, clock: Clock
) -> Assignment:
    """Make the activity count as ``type_id`` (a type of the mapping); its learner's evidence
    is recomputed and the learner is evaluated again next time."""
    if type_id not in catalog.activity_types:
        raise InputError(f"activity type not in the catalog: {type_id}",
                         details={"known": sorted(catalog.activity_types)})
    with store.transaction() as conn:
        row = sql.activity_types_of(conn, activity_id)
        if row is None:
            raise NotFound(f"no activity with id {activity_id}")
        activity_type, assigned_type, learner_id = row
        before = assigned_type or activity_type
        sql.assign_type(conn, activity_id, type_id)
        from apprenance.services.evidence.totals import remove_from_evidence

        remove_from_evidence(conn, catalog, [activity_id])
        sql.evidence_changed(conn, learner_id, clock())
    return Assignment(activity_id, type_id, before)
