"""The statements of a territory's coordination outside the ingest itself, on SQLite and
PostgreSQL: awards held and waiting per learner of a territory, the territories an upload
touches (its learners' and its voided activities'), the unmapped activities and the type a
coordinator assigns them, and whose credential a download is.

Functions take the connection and plain values, and return plain values; the rules (who may
send what, which types count) are ``services``'.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, or_, select, update

from apprenance.db import tables as t


def awards_per_learner(conn: Connection, territory: str, *,
                       pending_only: bool) -> list[tuple[str, int]]:
    """(participant, awards) of the territory's learners who have awards; with
    ``pending_only``, the awards not issued yet of the learners not erased."""
    a, lc = t.awards.c, t.learners.c
    query = (select(lc.participant, func.count()).select_from(t.awards)
             .join(t.learners, lc.id == a.learner_id).where(lc.territory_id == territory))
    if pending_only:
        query = query.where(a.issued_at.is_(None), lc.erased_at.is_(None))
    return [(str(p), int(n)) for p, n in conn.execute(query.group_by(lc.participant))]


def homes_of(conn: Connection, participants: Sequence[str]) -> list[str]:
    """The territories the given participants belong to (one per learner who belongs to
    one)."""
    lc = t.learners.c
    return [str(x) for x in conn.execute(select(lc.territory_id).where(
        lc.participant.in_(list(participants)), lc.territory_id.is_not(None))).scalars()]


def homes_of_activities(conn: Connection, refs: Sequence[str]) -> list[Any]:
    """The territories of the learners of the activities whose id or source reference is in
    ``refs`` (one per activity; None for a learner of no territory)."""
    a, lc = t.activities.c, t.learners.c
    return list(conn.execute(select(lc.territory_id).join(
        t.activities, a.learner_id == lc.id).where(
        or_(a.id.in_(list(refs)), a.source_ref.in_(list(refs))))).scalars())


def unmapped_activities(conn: Connection, known: Collection[str]) -> list[dict[str, Any]]:
    """The not voided activities with no assigned type and a type not in ``known``, by type,
    date and id: id, activity_type, suggested_type, duration_hours, occurred_on,
    description, source_file, source_line and the learner's participant."""
    a, lc = t.activities.c, t.learners.c
    query = (
        select(a.id, a.activity_type, a.suggested_type, a.duration_hours, a.occurred_on,
               a.description, a.source_file, a.source_line, lc.participant)
        .join(t.learners, lc.id == a.learner_id)
        .where(a.assigned_type.is_(None), a.voided.is_(False))
        .order_by(a.activity_type, a.occurred_at, a.id)
    )
    if known:
        query = query.where(a.activity_type.not_in(list(known)))
    return [dict(row) for row in conn.execute(query).mappings()]


def activity_types_of(conn: Connection, activity_id: str
                      ) -> tuple[str, str | None, int] | None:
    """(activity type, assigned type, learner id) of an activity, or None."""
    a = t.activities.c
    row = conn.execute(
        select(a.activity_type, a.assigned_type, a.learner_id).where(a.id == activity_id)
    ).first()
    return None if row is None else (row.activity_type, row.assigned_type, row.learner_id)


def assign_type(conn: Connection, activity_id: str, type_id: str) -> None:
    """The activity counts as ``type_id`` from now on."""
    conn.execute(update(t.activities).where(t.activities.c.id == activity_id)
                 .values(assigned_type=type_id))


def evidence_changed(conn: Connection, learner_id: int, when: datetime) -> None:
    """The learner's evidence changed at ``when``: they are evaluated again next time."""
    conn.execute(update(t.learners).where(t.learners.c.id == learner_id)
                 .values(evidence_changed_at=when))


def credential_owner(conn: Connection, credential_id: str) -> tuple[str, str | None] | None:
    """(participant, territory) of the learner the credential ``credential_id`` (with or
    without its ``urn:uuid:``) was issued to, or None."""
    c, lc = t.credentials.c, t.learners.c
    row = conn.execute(
        select(lc.participant, lc.territory_id).join(t.learners, lc.id == c.learner_id)
        .where(c.id.in_([credential_id, f"urn:uuid:{credential_id}"]))).one_or_none()
    return None if row is None else (str(row[0]), row[1])
