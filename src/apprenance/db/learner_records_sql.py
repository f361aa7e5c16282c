"""The statements that read a learner's records for issuing, CLRs, certificates and the OB 3.0
profile: the learner, their awards (those to issue, claimed by a run), the activities and
attestations behind an award, their territory and projects, and who a certificate batch
covers. Functions take a connection and plain values and return plain values, dicts keyed by
column name, or ``AwardToIssue``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, select, update

from apprenance.db import tables as t
from apprenance.db.holds_sql import not_held


def learner_record(conn: Connection, learner: int) -> dict[str, Any]:
    """Every column of the learner (who must exist)."""
    return dict(conn.execute(select(t.learners).where(t.learners.c.id == learner))
                .mappings().one())


def learner_identity(conn: Connection, learner: int) -> tuple[str, str | None, str | None,
                                                               str | None]:
    """(participant, name, lang, territory id) of the learner (who must exist)."""
    lc = t.learners.c
    row = conn.execute(select(lc.participant, lc.name, lc.lang, lc.territory_id)
                       .where(lc.id == learner)).one()
    return str(row.participant), row.name, row.lang, row.territory_id


def set_learner_name(conn: Connection, learner: int, name: str | None) -> None:
    conn.execute(update(t.learners).where(t.learners.c.id == learner).values(name=name))


def learner_awards(conn: Connection,
                   learner: int) -> list[tuple[int, str, datetime, date | None, datetime | None]]:
    """(award id, badge id, awarded_at, awarded_on, issued_at) of the learner's awards, in
    the order they were awarded."""
    a = t.awards.c
    return [(int(i), str(b), at, on, issued) for i, b, at, on, issued in conn.execute(
        select(a.id, a.badge_id, a.awarded_at, a.awarded_on, a.issued_at)
        .where(a.learner_id == learner).order_by(a.awarded_at, a.id))]


def territory_name(conn: Connection, territory: str) -> str | None:
    """The territory's name, or None (no such territory, or no name)."""
    name = conn.execute(
        select(t.territories.c.name).where(t.territories.c.id == territory)
    ).scalar_one_or_none()
    return None if name is None else str(name)


def projects_by_id(conn: Connection, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """id, name, functions, schemes, data of the projects ``ids`` that exist, by id."""
    p = t.projects.c
    return {r["id"]: dict(r) for r in conn.execute(
        select(p.id, p.name, p.functions, p.schemes, p.data).where(p.id.in_(list(ids)))
    ).mappings()}


def participants(conn: Connection, *, territory: str | None,
                 pathway: str | None) -> list[str]:
    """The participants, in order, of the learners not erased: of ``territory`` (or
    everyone), holding an award of ``pathway`` when given."""
    lc, a = t.learners.c, t.awards.c
    query = select(lc.participant).where(lc.erased_at.is_(None)).order_by(lc.participant)
    if territory is not None:
        query = query.where(lc.territory_id == territory)
    if pathway is not None:
        query = query.where(lc.id.in_(select(a.learner_id).where(a.badge_id == pathway)))
    return [str(p) for p in conn.execute(query).scalars()]


def awarded_participants(conn: Connection, territory: str) -> list[str]:
    """The participants, in order, of the learners of ``territory`` not erased who hold at
    least one award (what a territory's certificates cover)."""
    lc, a = t.learners.c, t.awards.c
    return [str(p) for p in conn.execute(
        select(lc.participant).where(lc.erased_at.is_(None), lc.territory_id == territory,
                                     lc.id.in_(select(a.learner_id)))
        .order_by(lc.participant)).scalars()]


def territory_exists(conn: Connection, territory: str) -> bool:
    return conn.execute(select(t.territories.c.id)
                        .where(t.territories.c.id == territory)).first() is not None


@dataclass(frozen=True)
class AwardToIssue:
    """An award not issued yet, with what its credential needs of the learner."""

    id: int
    learner_id: int
    badge_id: str
    awarded_at: datetime
    activity_ids: list[str]
    participant: str
    name: str | None
    lang: str | None
    territory_id: str | None
    awarded_on: date | None


def awards_to_issue(conn: Connection, *, learner: int | None, badge: str | None,
                    award: int | None, limit: int, passed: Sequence[int] = (),
                    claim: bool = False) -> list[AwardToIssue]:
    """Up to ``limit`` awards not issued yet nor held back (of a learner, a badge, an award),
    oldest first, but those in ``passed``. ``claim``: lock them until ``conn`` ends, skipping (on
    PostgreSQL) those another transaction holds."""
    a, lc = t.awards.c, t.learners.c
    query = (
        select(a.id, a.learner_id, a.badge_id, a.awarded_at, a.activity_ids,
               lc.participant, lc.name, lc.lang, lc.territory_id, a.awarded_on)
        .join(t.learners, lc.id == a.learner_id)
        .where(a.issued_at.is_(None), lc.erased_at.is_(None), not_held())
        .order_by(a.awarded_at, a.id)
    )
    if learner is not None:
        query = query.where(a.learner_id == learner)
    if badge is not None:
        query = query.where(a.badge_id == badge)
    if award is not None:
        query = query.where(a.id == award)
    query = query.limit(limit)
    if passed:
        query = query.where(a.id.not_in(sorted(passed)))
    if claim:
        query = query.with_for_update(of=t.awards, skip_locked=True)
    return [AwardToIssue(int(r.id), int(r.learner_id), str(r.badge_id), r.awarded_at,
                         [str(x) for x in r.activity_ids or []], str(r.participant), r.name,
                         r.lang, r.territory_id, r.awarded_on)
            for r in conn.execute(query).all()]


def award_issued_at(conn: Connection, award: int) -> tuple[bool, datetime | None]:
    """(whether the award exists, when it was issued)."""
    row = conn.execute(select(t.awards.c.issued_at).where(t.awards.c.id == award)).first()
    return (False, None) if row is None else (True, row.issued_at)


def activities_by_id(conn: Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The activities (every column) of ``ids`` that exist, by id."""
    return {r["id"]: dict(r) for r in conn.execute(
        select(t.activities).where(t.activities.c.id.in_(ids))).mappings()}


def attestations_of(conn: Connection, ids: Sequence[str]) -> list[dict[str, Any]]:
    """The attestations (every column) of the activities ``ids``, in the order recorded."""
    return [dict(r) for r in conn.execute(
        select(t.attestations).where(t.attestations.c.activity_id.in_(ids))
        .order_by(t.attestations.c.id)).mappings()]
