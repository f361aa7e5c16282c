"""The statements about territories, projects and learners: the listings of the directory
(``services.people.directory``), the load of a territory description
(``services.people.territories``) and the look-up of a learner by their participant key.

Functions take the connection and plain values (participant keys already normalised by
``importers.values.learner_key``) and return plain values; ``None`` when nothing is found
(the use cases raise ``NotFound``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import Connection, Select, func, select

from apprenance.db import tables as t
from apprenance.db.writes import upsert


def _limit(query: Select[Any], column: Any, territories: Collection[str] | None) -> Select[Any]:
    return query if territories is None else query.where(column.in_(list(territories)))


# --- learners by participant --------------------------------------------------------------


def learner_id_of(conn: Connection, key: str) -> int | None:
    """The id of the learner whose participant is ``key`` (an erased one too), or None."""
    found = conn.execute(
        select(t.learners.c.id).where(t.learners.c.participant == key)
    ).scalar_one_or_none()
    return None if found is None else int(found)


def live_learner_home(conn: Connection, key: str) -> tuple[int, str | None] | None:
    """(id, territory) of the learner ``key`` who is not erased, or None."""
    row = conn.execute(
        select(t.learners.c.id, t.learners.c.territory_id)
        .where(t.learners.c.participant == key)
        .where(t.learners.c.erased_at.is_(None))
    ).one_or_none()
    return None if row is None else (int(row[0]), row[1])


def participant_of(conn: Connection, learner_id: int) -> str:
    """The participant of the learner ``learner_id`` (who must exist)."""
    return str(conn.execute(select(t.learners.c.participant)
                            .where(t.learners.c.id == learner_id)).scalar_one())


def territory_exists(conn: Connection, territory: str) -> bool:
    found = conn.execute(
        select(t.territories.c.id).where(t.territories.c.id == territory)
    ).scalar_one_or_none()
    return found is not None


# --- the directory ------------------------------------------------------------------------


def territory_rows(conn: Connection, territories: Collection[str] | None
                   ) -> list[tuple[str, str, int, int]]:
    """(id, name, projects, learners not erased) of the territories (all, or those given)."""
    tc = t.territories.c
    rows = conn.execute(_limit(select(tc.id, tc.name), tc.id, territories)
                        .order_by(tc.id)).all()
    projects: dict[str, int] = {
        str(k): int(v) for k, v in conn.execute(
            select(t.projects.c.territory_id, func.count())
            .group_by(t.projects.c.territory_id))}
    learners: dict[str, int] = {
        str(k): int(v) for k, v in conn.execute(
            select(t.learners.c.territory_id, func.count())
            .where(t.learners.c.erased_at.is_(None))
            .group_by(t.learners.c.territory_id))}
    return [(i, n, int(projects.get(i, 0)), int(learners.get(i, 0))) for i, n in rows]


def territory_row(conn: Connection, territory: str) -> dict[str, Any] | None:
    row = conn.execute(select(t.territories).where(t.territories.c.id == territory)
                       ).mappings().one_or_none()
    return None if row is None else dict(row)


def projects_of(conn: Connection, territory: str) -> list[dict[str, Any]]:
    """The projects of one territory, by id."""
    return [dict(p) for p in conn.execute(
        select(t.projects).where(t.projects.c.territory_id == territory)
        .order_by(t.projects.c.id)).mappings()]


def project_rows(conn: Connection, territories: Collection[str] | None
                 ) -> list[dict[str, Any]]:
    """The projects of the territories (all, or those given), by id."""
    pc = t.projects.c
    return [dict(p) for p in conn.execute(
        _limit(select(t.projects), pc.territory_id, territories).order_by(pc.id)).mappings()]


def project_row(conn: Connection, project: str) -> dict[str, Any] | None:
    row = conn.execute(select(t.projects).where(t.projects.c.id == project)
                       ).mappings().one_or_none()
    return None if row is None else dict(row)


def learner_rows(conn: Connection, territories: Collection[str] | None, *, limit: int,
                 offset: int) -> list[dict[str, Any]]:
    """Learners not erased, by participant, a page at a time."""
    lc = t.learners.c
    query = _limit(select(t.learners).where(lc.erased_at.is_(None)), lc.territory_id,
                   territories).order_by(lc.participant).limit(limit).offset(offset)
    return [dict(r) for r in conn.execute(query).mappings()]


def live_learner_row(conn: Connection, key: str) -> dict[str, Any] | None:
    """The learner ``key`` who is not erased, or None."""
    lc = t.learners.c
    row = conn.execute(select(t.learners).where(
        lc.participant == key, lc.erased_at.is_(None))).mappings().one_or_none()
    return None if row is None else dict(row)


def activity_learner(conn: Connection, activity_id: str) -> tuple[str, str | None] | None:
    """(participant, territory) of the learner the activity belongs to, or None."""
    row = conn.execute(
        select(t.learners.c.participant, t.learners.c.territory_id)
        .join(t.activities, t.activities.c.learner_id == t.learners.c.id)
        .where(t.activities.c.id == activity_id)).one_or_none()
    return None if row is None else (str(row[0]), row[1])


def timeline_rows(conn: Connection, learner_id: int, *, limit: int, offset: int
                  ) -> list[dict[str, Any]]:
    """The learner's activities, newest first."""
    a = t.activities.c
    return [dict(r) for r in conn.execute(
        select(t.activities).where(a.learner_id == learner_id)
        .order_by(a.occurred_at.desc(), a.id).limit(limit).offset(offset)).mappings()]


def territory_totals(conn: Connection, territory: str) -> list[Any]:
    """The encoded evidence totals of the territory's learners (erased ones too)."""
    e, lc = t.learner_evidence.c, t.learners.c
    return list(conn.execute(
        select(e.totals).join(t.learners, lc.id == e.learner_id)
        .where(lc.territory_id == territory)).scalars())


# --- loading a territory description ------------------------------------------------------


def upsert_territory(conn: Connection, row: dict[str, Any]) -> None:
    upsert(conn, t.territories, [row], ["id"])


def upsert_projects(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    upsert(conn, t.projects, rows, ["id"])


def upsert_learners(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    upsert(conn, t.learners, rows, ["participant"])


def homes_of(conn: Connection, participants: Sequence[str]) -> dict[str, str | None]:
    """participant -> territory, for those of ``participants`` the store already has."""
    return {
        participant: home
        for participant, home in conn.execute(
            select(t.learners.c.participant, t.learners.c.territory_id).where(
                t.learners.c.participant.in_(list(participants))
            )
        ).all()
    }
