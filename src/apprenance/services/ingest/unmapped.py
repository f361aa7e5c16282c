"""Activities whose type the mapping does not know: listing them with the suggested type, and
letting a coordinator assign a known type so that they count.

An activity is unmapped while its ``activity_type`` is not in the catalog and no type was
assigned; when the mapping gains that type, it counts without anyone doing anything.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update

from apprenance.clock import Clock
from apprenance.db import tables as t
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
    a, lc = t.activities.c, t.learners.c
    query = (
        select(a.id, a.activity_type, a.suggested_type, a.duration_hours, a.occurred_on,
               a.description, a.source_file, a.source_line, lc.participant)
        .join(t.learners, lc.id == a.learner_id)
        .where(a.assigned_type.is_(None), a.voided.is_(False))
        .order_by(a.activity_type, a.occurred_at, a.id)
    )
    known = list(catalog.activity_types)
    if known:
        query = query.where(a.activity_type.not_in(known))
    groups: dict[str, UnmappedGroup] = {}
    votes: dict[str, Counter[str]] = {}
    with store.transaction() as conn:
        for row in conn.execute(query).mappings():
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
    a = t.activities.c
    with store.transaction() as conn:
        row = conn.execute(
            select(a.activity_type, a.assigned_type, a.learner_id).where(a.id == activity_id)
        ).first()
        if row is None:
            raise NotFound(f"no activity with id {activity_id}")
        before = row.assigned_type or row.activity_type
        conn.execute(update(t.activities).where(a.id == activity_id)
                     .values(assigned_type=type_id))
        from apprenance.services.evidence.totals import remove_from_evidence

        remove_from_evidence(conn, catalog, [activity_id])
        conn.execute(update(t.learners).where(t.learners.c.id == row.learner_id)
                     .values(evidence_changed_at=clock()))
    return Assignment(activity_id, type_id, before)
