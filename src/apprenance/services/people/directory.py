"""Reading what the store holds about territories, projects, learners and activities: the
listings the HTTP API and the pages show, each limited to the territories asked for."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from typing import Any

from apprenance.db import people_sql as sql
from apprenance.db.engine import Connection
from apprenance.db.store import Store
from apprenance.domain import evidence_codec as codec
from apprenance.domain.catalog import FUNCTIONS, PILLARS
from apprenance.errors import NotFound
from apprenance.importers.values import learner_key


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def learner_id(conn: Connection, participant: str) -> int:
    """The id of the learner ``participant`` (email or handle, any case)."""
    found = sql.learner_id_of(conn, learner_key(participant))
    if found is None:
        raise NotFound(f"no learner {participant!r}")
    return found


def list_territories(store: Store, *, territories: Collection[str] | None = None
                     ) -> list[dict[str, Any]]:
    """Territories (all, or the given ones), with their numbers of projects and learners."""
    with store.transaction() as conn:
        rows = sql.territory_rows(conn, territories)
    return [{"id": i, "name": n, "projects": projects, "learners": learners}
            for i, n, projects, learners in rows]


def get_territory(store: Store, territory: str) -> dict[str, Any]:
    """One territory, with its description data and projects."""
    with store.transaction() as conn:
        row = sql.territory_row(conn, territory)
        if row is None:
            raise NotFound(f"no territory {territory!r}")
        projects = sql.projects_of(conn, territory)
    return {"id": row["id"], "name": row["name"], "data": row["data"] or {},
            "projects": [_project(p) for p in projects]}


def _project(p: Any) -> dict[str, Any]:
    return {"id": p["id"], "territory": p["territory_id"], "name": p["name"],
            "functions": list(p["functions"] or []), "schemes": list(p["schemes"] or []),
            "data": p["data"] or {}}


def list_projects(store: Store, *, territories: Collection[str] | None = None
                  ) -> list[dict[str, Any]]:
    with store.transaction() as conn:
        rows = sql.project_rows(conn, territories)
    return [_project(p) for p in rows]


def get_project(store: Store, project: str) -> dict[str, Any]:
    with store.transaction() as conn:
        row = sql.project_row(conn, project)
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
    with store.transaction() as conn:
        rows = sql.learner_rows(conn, territories, limit=limit, offset=offset)
    return [_learner(r) for r in rows]


def get_learner(store: Store, participant: str) -> dict[str, Any]:
    """One learner (not erased); ``NotFound`` otherwise."""
    with store.transaction() as conn:
        row = sql.live_learner_row(conn, learner_key(participant))
    if row is None:
        raise NotFound(f"no learner {participant!r}")
    return _learner(row)


def activity_territory(store: Store, activity_id: str) -> str | None:
    """The territory of the learner an activity belongs to (for access checks)."""
    return activity_owner(store, activity_id)[1]


def activity_owner(store: Store, activity_id: str) -> tuple[str, str | None]:
    """(participant, territory) of the learner an activity belongs to."""
    with store.transaction() as conn:
        found = sql.activity_learner(conn, activity_id)
    if found is None:
        raise NotFound(f"no activity {activity_id!r}")
    return found


def activities_of(store: Store, participant: str, *, limit: int = 200, offset: int = 0
                  ) -> list[dict[str, Any]]:
    """A learner's activities, newest first: the evidence timeline."""
    with store.transaction() as conn:
        lid = learner_id(conn, participant)
        rows = sql.timeline_rows(conn, lid, limit=limit, offset=offset)
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
    hours: dict[tuple[str, str], float] = defaultdict(float)
    people: dict[tuple[str, str], int] = defaultdict(int)
    with store.transaction() as conn:
        stored = sql.territory_totals(conn, territory)
    for value in stored:
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
