"""The statements of a coordinator's triage and dashboard, on SQLite and PostgreSQL: one
activity with what the rules need of it (its learner, witnesses' roles), putting an assigned
activity back to its own type (undo), the activities a coordinator assigned, and a
territory's hours per project, function and type, and its latest activities.

Functions take the connection and plain values and return plain values; what the numbers
mean is ``services``'.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select, update

from apprenance.db import tables as t


def activity_with_learner(conn: Connection, activity_id: str) -> dict[str, Any] | None:
    """The activity row with its learner's participant, id and territory (``home``) and the
    roles of its witnesses (``witness_roles``, sorted), or None."""
    a, lc, at = t.activities.c, t.learners.c, t.attestations.c
    row = conn.execute(
        select(t.activities, lc.participant, lc.territory_id.label("home"))
        .join(t.learners, lc.id == a.learner_id).where(a.id == activity_id)
    ).mappings().one_or_none()
    if row is None:
        return None
    roles = conn.execute(select(at.witness_role).where(at.activity_id == activity_id)).scalars()
    return {**dict(row), "witness_roles": tuple(sorted(str(r or "") for r in roles))}


def unassign(conn: Connection, activity_id: str) -> None:
    """The activity counts as its own type again (unmapped when the mapping lacks it)."""
    conn.execute(update(t.activities).where(t.activities.c.id == activity_id)
                 .values(assigned_type=None))


def assigned_in(conn: Connection, territory: str, *, limit: int) -> list[dict[str, Any]]:
    """The not voided activities of the territory's learners that carry an assigned type,
    latest ingested first: id, activity_type, assigned_type, duration_hours, occurred_on,
    participant."""
    a, lc = t.activities.c, t.learners.c
    query = (
        select(a.id, a.activity_type, a.assigned_type, a.duration_hours, a.occurred_on,
               lc.participant)
        .join(t.learners, lc.id == a.learner_id)
        .where(lc.territory_id == territory, a.assigned_type.is_not(None),
               a.voided.is_(False))
        .order_by(a.ingested_at.desc(), a.id).limit(limit)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


def hours_by_project(conn: Connection, territory: str) -> list[dict[str, Any]]:
    """Hours, activities and learners of the territory's learners' not voided activities per
    (project, function, effective type): project_id, function, kind, hours, activities,
    learners."""
    a, lc = t.activities.c, t.learners.c
    kind = func.coalesce(a.assigned_type, a.activity_type)
    query = (
        select(a.project_id, a.function, kind.label("kind"),
               func.sum(a.duration_hours).label("hours"), func.count().label("activities"),
               func.count(func.distinct(a.learner_id)).label("learners"))
        .join(t.learners, lc.id == a.learner_id)
        .where(lc.territory_id == territory, a.voided.is_(False))
        .group_by(a.project_id, a.function, kind)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


def latest_activities(conn: Connection, territory: str, *, limit: int) -> list[dict[str, Any]]:
    """The territory's learners' latest not voided activities, by date then ingest: id,
    occurred_on, duration_hours, kind (effective type), project_id, participant, name."""
    a, lc = t.activities.c, t.learners.c
    query = (
        select(a.id, a.occurred_on, a.duration_hours,
               func.coalesce(a.assigned_type, a.activity_type).label("kind"), a.project_id,
               lc.participant, lc.name)
        .join(t.learners, lc.id == a.learner_id)
        .where(lc.territory_id == territory, a.voided.is_(False))
        .order_by(a.occurred_on.desc(), a.ingested_at.desc(), a.id).limit(limit)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


def project_names(conn: Connection, territory: str) -> dict[str, dict[str, Any]]:
    """{project id: its id, name (French) and data (the file's names in each language)} of
    the territory's projects."""
    p = t.projects.c
    return {str(r["id"]): dict(r) for r in conn.execute(
        select(p.id, p.name, p.data).where(p.territory_id == territory)).mappings()}


def awards_of(conn: Connection, learner_ids: list[int]) -> list[dict[str, Any]]:
    """The awards of the given learners: id, learner_id, badge_id, activity_ids,
    issued_at."""
    w = t.awards.c
    query = select(w.id, w.learner_id, w.badge_id, w.activity_ids, w.issued_at).where(
        w.learner_id.in_(learner_ids)).order_by(w.id)
    return [{**dict(row), "activity_ids": list(row["activity_ids"] or [])}
            for row in conn.execute(query).mappings()]


def withdraw_unissued(conn: Connection, award_id: int) -> bool:
    """Delete the award if it was never issued (no issued time, no credential): True when
    it was deleted."""
    w, c = t.awards.c, t.credentials.c
    if conn.execute(select(func.count()).where(c.award_id == award_id)).scalar_one():
        return False
    done = conn.execute(t.awards.delete().where(w.id == award_id, w.issued_at.is_(None)))
    return bool(done.rowcount)
