"""The statements of awards review: the pending awards of a territory (awarded by the rules,
not issued yet) with their hold if any, and holds (an award a coordinator keeps from issuing,
with the reason) put and released. ``not_held`` is the condition every issuing run adds, so
that a held award is issued by nobody (page, API, command line) until it is released.
Functions take a connection and plain values and return plain values or dicts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, exists, func, select, update

from apprenance.db import tables as t
from apprenance.db.issuing_tables import award_holds


def _active(award: ColumnElement[Any] | int) -> ColumnElement[bool]:
    h = award_holds.c
    return and_(h.award_id == award, h.released_at.is_(None))


def not_held() -> ColumnElement[bool]:
    """True for an award (``awards`` in the query) that no active hold keeps back."""
    return ~exists(select(award_holds.c.id).where(_active(t.awards.c.id)))


def held_count(conn: Connection, *, learner: int | None, badge: str | None,
               award: int | None) -> int:
    """How many awards not issued yet (of a learner, a badge, an award) are held back."""
    a, lc = t.awards.c, t.learners.c
    query = (select(func.count()).select_from(t.awards.join(t.learners, lc.id == a.learner_id))
             .where(a.issued_at.is_(None), lc.erased_at.is_(None), ~not_held()))
    if learner is not None:
        query = query.where(a.learner_id == learner)
    if badge is not None:
        query = query.where(a.badge_id == badge)
    if award is not None:
        query = query.where(a.id == award)
    return int(conn.execute(query).scalar_one())


def pending_awards(conn: Connection, territory: str) -> list[dict[str, Any]]:
    """The territory's awards not issued yet (learners not erased), oldest first: award id,
    learner id, participant, name, badge id, awarded_at, awarded_on, activity ids, and the
    active hold's reason, held_at and held_by (None when not held)."""
    a, lc, h = t.awards.c, t.learners.c, award_holds.c
    rows = conn.execute(
        select(a.id, a.learner_id, lc.participant, lc.name, a.badge_id, a.awarded_at,
               a.awarded_on, a.activity_ids, h.reason, h.held_at, h.held_by)
        .join(t.learners, lc.id == a.learner_id)
        .outerjoin(award_holds, _active(a.id))
        .where(a.issued_at.is_(None), lc.erased_at.is_(None), lc.territory_id == territory)
        .order_by(a.awarded_on, a.awarded_at, a.id)
    ).mappings().all()
    return [{"award": int(r["id"]), "learner_id": int(r["learner_id"]),
             "participant": str(r["participant"]), "name": r["name"],
             "badge": str(r["badge_id"]), "awarded_at": r["awarded_at"],
             "awarded_on": r["awarded_on"],
             "activity_ids": [str(x) for x in r["activity_ids"] or []],
             "hold": None if r["reason"] is None else {
                 "reason": str(r["reason"]), "held_at": r["held_at"],
                 "held_by": r["held_by"]}}
            for r in rows]


def award_state(conn: Connection, award: int, *, lock: bool = False
                ) -> tuple[str | None, datetime | None, str | None] | None:
    """(territory of its learner, issued_at, active hold's reason) of an award, or None.
    ``lock``: the award's row stays locked until ``conn`` ends (an issuing run that claimed
    it first finishes first; one that comes later finds the hold)."""
    a, lc = t.awards.c, t.learners.c
    query = (select(lc.territory_id, a.issued_at).join(t.learners, lc.id == a.learner_id)
             .where(a.id == award, lc.erased_at.is_(None)))
    if lock:
        query = query.with_for_update(of=t.awards)
    row = conn.execute(query).first()
    if row is None:
        return None
    reason = conn.execute(select(award_holds.c.reason).where(_active(award))
                          .limit(1)).scalar_one_or_none()
    return row.territory_id, row.issued_at, None if reason is None else str(reason)


def insert_hold(conn: Connection, award: int, *, reason: str, by: str | None,
                now: datetime) -> None:
    conn.execute(award_holds.insert().values(award_id=award, reason=reason, held_by=by,
                                             held_at=now))


def release_hold(conn: Connection, award: int, *, by: str | None, now: datetime) -> bool:
    """Release the award's active hold; False when it had none."""
    done = conn.execute(update(award_holds).where(_active(award))
                        .values(released_at=now, released_by=by))
    return bool(done.rowcount)


def holds_of(conn: Connection, learner: int) -> list[dict[str, Any]]:
    """Every hold, active or released, on the learner's awards (what an export shows)."""
    h, a = award_holds.c, t.awards.c
    rows = conn.execute(
        select(h.award_id, a.badge_id, h.reason, h.held_at, h.released_at)
        .join(t.awards, a.id == h.award_id).where(a.learner_id == learner)
        .order_by(h.held_at, h.id)).mappings().all()
    return [{"award": int(r["award_id"]), "badge": str(r["badge_id"]), "reason": r["reason"],
             "held_at": r["held_at"].isoformat(),
             "released_at": r["released_at"].isoformat() if r["released_at"] else None}
            for r in rows]


def clear_reasons(conn: Connection, learner: int) -> int:
    """Blank the reasons of the holds on the learner's awards (an erasure: they may speak of
    them); the holds stay, so that nothing held is issued because of it."""
    mine = select(t.awards.c.id).where(t.awards.c.learner_id == learner)
    return int(conn.execute(update(award_holds).where(award_holds.c.award_id.in_(mine))
                            .values(reason="")).rowcount)


def awarded_day(value: date | None, at: datetime) -> date:
    """The day the evidence met the rule (``awarded_on``), else the day it was recorded."""
    return value if value is not None else at.date()
