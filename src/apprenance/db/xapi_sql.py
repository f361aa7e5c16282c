"""The statements of the xAPI intake (table ``xapi_statements``), on SQLite and PostgreSQL:
what is recorded under an id, recording statements once, the recorded statements no ingest
finished with, and reading statements as a caller may see them (their territories' or their
own).

Functions take the connection and plain values, and return plain values; checking statements
and deciding what is a conflict is ``services.ingest.xapi_intake``'s.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, exists, select

from apprenance.db.access_tables import xapi_statements
from apprenance.db.tables import activities, rejects
from apprenance.db.writes import insert_for

CHUNK = 1000  # ids per statement


def known_hashes(conn: Connection, ids: Sequence[str]) -> dict[str, str]:
    """id -> content hash of the statements recorded among ``ids``."""
    c = xapi_statements.c
    return dict(conn.execute(select(c.id, c.content_hash).where(c.id.in_(list(ids))))
                .tuples().all())


def insert_statements(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Record ``rows`` (id, content_hash, statement, version, stored_at); an id recorded
    already is left as it is."""
    stmt = insert_for(conn)(xapi_statements).on_conflict_do_nothing(index_elements=["id"])
    conn.execute(stmt, list(rows))


def without_activity(conn: Connection) -> list[str]:
    """Ids of the recorded statements no activity has as its id, oldest first."""
    s, a = xapi_statements.c, activities.c
    # the activity by its primary key
    return list(conn.execute(select(s.id).where(~exists().where(a.id == s.id))
                             .order_by(s.stored_at, s.id)).scalars().all())


def rejected_statement_ids(conn: Connection) -> set[str]:
    """The statement ids the rejects name (read once: they have no index, a correlated
    lookup would read them all for every statement)."""
    r = rejects.c
    return set(conn.execute(select(r.statement_id).where(
        r.statement_id.is_not(None)).distinct()).scalars())


def statements_of(conn: Connection, ids: Sequence[str]) -> list[Any]:
    """The recorded statements (JSON documents) of ``ids``, oldest first in each chunk."""
    s = xapi_statements.c
    found: list[Any] = []
    for start in range(0, len(ids), CHUNK):
        found.extend(conn.execute(
            select(s.statement).where(s.id.in_(ids[start : start + CHUNK]))
            .order_by(s.stored_at, s.id)).scalars())
    return found


def voided_among(conn: Connection, ids: Sequence[str]) -> set[str]:
    """The activities among ``ids`` that are voided."""
    a = activities.c
    voided: set[str] = set()
    for start in range(0, len(ids), CHUNK):
        voided.update(conn.execute(select(a.id).where(
            a.id.in_(ids[start : start + CHUNK]), a.voided.is_(True))).scalars())
    return voided


def _visible(query: Select[Any], territories: Collection[str] | None,
             learner_id: int | None) -> Select[Any]:
    """Only the statements of the caller's territories (their activity's territory), or of
    the learner themself; an admin (``territories`` None, no learner) sees every one."""
    if territories is None and learner_id is None:
        return query
    a = activities.c
    query = query.join(activities, a.id == xapi_statements.c.id)
    if learner_id is not None:
        return query.where(a.learner_id == learner_id)
    return query.where(a.territory_id.in_(list(territories or [])))


def visible_statement(conn: Connection, sid: str, *, territories: Collection[str] | None,
                      learner_id: int | None) -> tuple[Any, datetime] | None:
    """(statement, stored at) of the statement ``sid`` if the caller may see it."""
    c = xapi_statements.c
    query = _visible(select(c.statement, c.stored_at), territories, learner_id)
    row = conn.execute(query.where(c.id == sid)).one_or_none()
    return None if row is None else (row.statement, row.stored_at)


def visible_recent(conn: Connection, *, limit: int, territories: Collection[str] | None,
                   learner_id: int | None) -> list[tuple[Any, datetime]]:
    """(statement, stored at) of the ``limit`` statements stored last that the caller may
    see, newest first."""
    c = xapi_statements.c
    query = _visible(select(c.statement, c.stored_at), territories, learner_id)
    rows = conn.execute(query.order_by(c.stored_at.desc(), c.id).limit(limit)).all()
    return [(r.statement, r.stored_at) for r in rows]
