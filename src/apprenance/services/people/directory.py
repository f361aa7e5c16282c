"""Reading what the store holds about territories, projects, learners and activities: the
listings the HTTP API and the pages show, each limited to the territories asked for."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from typing import Any

from sqlalchemy import Select, func, select

from apprenance.db import tables as t
from apprenance.db.store import Store
from apprenance.domain import evidence_codec as codec
from apprenance.domain.catalog import FUNCTIONS, PILLARS
from apprenance.errors import NotFound
from apprenance.importers.values import learner_key


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _limit(query: Select[Any], column: Any, territories: Collection[str] | None) -> Select[Any]:
    return query if territories is None else query.where(column.in_(list(territories)))


def list_territories(store: Store, *, territories: Collection[str] | None = None
                     ) -> list[dict[str, Any]]:
    """Territories (all, or the given ones), with their numbers of projects and learners."""
    tc = t.territories.c
    with store.transaction() as conn:
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
    return [{"id": i, "name": n, "projects": int(projects.get(i, 0)),
             "learners": int(learners.get(i, 0))} for i, n in rows]


def get_territory(store: Store, territory: str) -> dict[str, Any]:
    """One territory, with its description data and projects."""
    with store.transaction() as conn:
        row = conn.execute(select(t.territories).where(t.territories.c.id == territory)
                           ).mappings().one_or_none()
        if row is None:
            raise NotFound(f"no territory {territory!r}")
        projects = conn.execute(select(t.projects).where(t.projects.c.territory_id == territory)
                                .order_by(t.projects.c.id)).mappings().all()
    return {"id": row["id"], "name": row["name"], "data": row["data"] or {},
            "projects": [_project(p) for p in projects]}


def _project(p: Any) -> dict[str, Any]:
    return {"id": p["id"], "territory": p["territory_id"], "name": p["name"],
            "functions": list(p["functions"] or []), "schemes": list(p["schemes"] or []),
            "data": p["data"] or {}}


def list_projects(store: Store, *, territories: Collection[str] | None = None
                  ) -> list[dict[str, Any]]:
    pc = t.projects.c
    with store.transaction() as conn:
        rows = conn.execute(_limit(select(t.projects), pc.territory_id, territories)
                            .order_by(pc.id)).mappings().all()
    return [_project(p) for p in rows]


def get_project(store: Store, project: str) -> dict[str, Any]:
    with store.transaction() as conn:
        row = conn.execute(select(t.projects).where(t.projects.c.id == project)
                           ).mappings().one_or_none()
    if row is None:
        raise NotFound(f"no project {project!r}")
    return _project(row)


def _learner(row: Any) -> dict[str, Any]:
    return {"learner": row["participant"], "name": row["name"], "role": row["role"],
            "lang": row["lang"], "territory": row["territory_id"],
            "first_activity": _iso(row["first_activity"]),
            "last_activity": _iso(row["last_activity"])}


def list_learners(store: Store, *, territories: Collection[str] | None = None,
                  limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Learners (not erased), by participant, a page at a time."""
    lc = t.learners.c
    query = _limit(select(t.learners).where(lc.erased_at.is_(None)), lc.territory_id,
                   territories).order_by(lc.participant).limit(limit).offset(offset)
    with store.transaction() as conn:
        rows = conn.execute(query).mappings().all()
    return [_learner(r) for r in rows]


def get_learner(store: Store, participant: str) -> dict[str, Any]:
    """One learner (not erased); ``NotFound`` otherwise."""
    lc = t.learners.c
    with store.transaction() as conn:
        row = conn.execute(select(t.learners).where(
            lc.participant == learner_key(participant), lc.erased_at.is_(None))
        ).mappings().one_or_none()
    if row is None:
        raise NotFound(f"no learner {participant!r}")
    return _learner(row)


def activity_territory(store: Store, activity_id: str) -> str | None:
    """The territory of the learner an activity belongs to (for access checks)."""
    with store.transaction() as conn:
        row = conn.execute(
            select(t.learners.c.territory_id, t.learners.c.participant)
            .join(t.activities, t.activities.c.learner_id == t.learners.c.id)
            .where(t.activities.c.id == activity_id)).one_or_none()
    if row is None:
        raise NotFound(f"no activity {activity_id!r}")
    return str(row[0]) if row[0] is not None else None


def activity_owner(store: Store, activity_id: str) -> tuple[str, str | None]:
    """(participant, territory) of the learner an activity belongs to."""
    with store.transaction() as conn:
        row = conn.execute(
            select(t.learners.c.participant, t.learners.c.territory_id)
            .join(t.activities, t.activities.c.learner_id == t.learners.c.id)
            .where(t.activities.c.id == activity_id)).one_or_none()
    if row is None:
        raise NotFound(f"no activity {activity_id!r}")
    return str(row[0]), row[1]


def activities_of(store: Store, participant: str, *, limit: int = 200, offset: int = 0
                  ) -> list[dict[str, Any]]:
    """A learner's activities, newest first: the evidence timeline."""
    a, lc = t.activities.c, t.learners.c
    with store.transaction() as conn:
        lid = conn.execute(select(lc.id).where(lc.participant == learner_key(participant))
                           ).scalar_one_or_none()
        if lid is None:
            raise NotFound(f"no learner {participant!r}")
        rows = conn.execute(select(t.activities).where(a.learner_id == lid)
                            .order_by(a.occurred_at.desc(), a.id).limit(limit).offset(offset)
                            ).mappings().all()
    return [{"id": r["id"], "date": r["occurred_on"].isoformat(), "hours": r["duration_hours"],
             "activity_type": r["assigned_type"] or r["activity_type"],
             "project": r["project_id"], "territory": r["territory_id"],
             "function": r["function"], "description": r["description"],
             "evidence_url": r["evidence_url"], "voided": bool(r["voided"]),
             "source": {"file": r["source_file"], "line": r["source_line"],
                        "statement": r["source_ref"]}} for r in rows]


def coverage(store: Store, territory: str) -> dict[str, Any]:
    """Hours per pillar and per vital function across a territory's learners (erased ones
    too: their hours still count, under their pseudonym)."""
    e, lc = t.learner_evidence.c, t.learners.c
    hours: dict[tuple[str, str], float] = defaultdict(float)
    people: dict[tuple[str, str], int] = defaultdict(int)
    with store.transaction() as conn:
        for value in conn.execute(
            select(e.totals).join(t.learners, lc.id == e.learner_id)
            .where(lc.territory_id == territory)).scalars():
            totals = codec.decode(value)
            for kept, count in totals.counts.items():
                if kept[0] in ("pillar", "function") and count:
                    hours[kept] += totals.hours.get(kept, 0.0)
                    people[kept] += 1
    found: dict[str, dict[str, dict[str, float]]] = defaultdict(dict)
    for (dim, name), n in people.items():
        found[dim][name] = {"hours": round(hours[(dim, name)], 2), "learners": n}
    empty = {"hours": 0.0, "learners": 0}
    return {"territory": territory,
            "pillars": {p: found["pillar"].get(p, empty) for p in PILLARS},
            "functions": {f: found["function"].get(f, empty) for f in FUNCTIONS}}
