"""The statements of the rejects' quarantine (table ``rejects``), on SQLite and PostgreSQL:
storing rejects idempotently by their ``raw_hash``, marking them resolved (by source file, by
xAPI statement id, by number), dismissing one by hand, and reading them.

Functions take the connection and plain values, and return plain values; what a reject means
(its raw content, its reason, the round trip of a corrected file) is ``services.ingest``'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update

from apprenance.db import tables as t
from apprenance.db.writes import insert_for

CHUNK = 1000  # ids per statement
REFRESHED = ("line", "statement_id", "field", "reason", "reason_key", "reason_values",
             "label")  # what the same raw input again sets


def upsert_rejects(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (in the order given); a row whose ``raw_hash`` is stored already
    refreshes its line, statement id, field and reason and becomes unresolved (not
    dismissed)."""
    if not rows:
        return
    stmt = insert_for(conn)(t.rejects)
    stmt = stmt.on_conflict_do_update(
        index_elements=["raw_hash"],
        set_={c: stmt.excluded[c] for c in REFRESHED}
        | {"resolved_at": None, "dismissed_reason": None},
    )
    conn.execute(stmt, list(rows))


def open_rejects_of(conn: Connection, source: str) -> list[tuple[int, str]]:
    """(id, raw hash) of the open (unresolved) rejects of the source file ``source``."""
    r = t.rejects.c
    return [(int(rid), str(digest)) for rid, digest in conn.execute(
        select(r.id, r.raw_hash).where(r.source_file == source, r.resolved_at.is_(None)))]


def mark_resolved(conn: Connection, ids: Sequence[int], now: datetime) -> None:
    """Mark the rejects ``ids`` resolved at ``now``."""
    r = t.rejects.c
    for start in range(0, len(ids), CHUNK):
        conn.execute(update(t.rejects).where(r.id.in_(list(ids[start : start + CHUNK])))
                     .values(resolved_at=now))


def resolve_statements(conn: Connection, statement_ids: Iterable[str], now: datetime) -> None:
    """Mark resolved the open rejects of these xAPI statements."""
    ids = list(statement_ids)
    r = t.rejects.c
    for start in range(0, len(ids), CHUNK):
        conn.execute(
            update(t.rejects)
            .where(r.statement_id.in_(ids[start : start + CHUNK]), r.resolved_at.is_(None))
            .values(resolved_at=now)
        )


def close_numbered(conn: Connection, numbers: Sequence[int], now: datetime) -> None:
    """Mark resolved the open rejects whose ids are ``numbers``."""
    r = t.rejects.c
    for start in range(0, len(numbers), CHUNK):
        conn.execute(update(t.rejects).where(r.id.in_(list(numbers[start:start + CHUNK])),
                                             r.resolved_at.is_(None))
                     .values(resolved_at=now))


def select_rejects(
    conn: Connection, *, include_resolved: bool, file: str | None, limit: int | None,
    ids: Sequence[int] | None, territory: str | None = None,
) -> list[dict[str, Any]]:
    """The rejects' rows (every column), oldest file and line first; open ones only unless
    ``include_resolved``; ``file`` a part of the source file's name (taken literally);
    ``territory``: only the rejects of that territory."""
    r = t.rejects.c
    query = select(t.rejects).order_by(r.source_file, r.line, r.id)
    if not include_resolved:
        query = query.where(r.resolved_at.is_(None))
    if file is not None:
        query = query.where(r.source_file.contains(file, autoescape=True))
    if ids is not None:
        query = query.where(r.id.in_(list(ids)))
    if territory is not None:
        query = query.where(r.territory == territory)
    if limit is not None:
        query = query.limit(limit)
    return [dict(row) for row in conn.execute(query).mappings().all()]


def dismiss(conn: Connection, reject_id: int, reason: str, now: datetime) -> int:
    """Close the reject ``reject_id`` at ``now`` keeping ``reason``; the rows changed (0:
    there is no such reject)."""
    r = t.rejects.c
    done = conn.execute(update(t.rejects).where(r.id == reject_id)
                        .values(resolved_at=now, dismissed_reason=reason))
    return int(done.rowcount)
