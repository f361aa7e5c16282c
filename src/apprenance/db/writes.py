"""Writes that differ between SQLite and PostgreSQL: inserts with ON CONFLICT, upserts, and
the store's key/value metadata."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, select
from sqlalchemy.dialects.postgresql import Insert as PgInsert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import Insert as SqliteInsert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from apprenance.db import tables as t

InsertFactory = Callable[[Table], PgInsert | SqliteInsert]


def insert_for(conn: Connection) -> InsertFactory:
    """The dialect's ``insert`` (it knows ``on_conflict_do_nothing``/``do_update``)."""
    return pg_insert if conn.dialect.name == "postgresql" else sqlite_insert


def upsert(
    conn: Connection,
    table: Table,
    rows: Sequence[dict[str, Any]],
    key: list[str],
    keep: frozenset[str] = frozenset({"created_at", "source_file", "source_line"}),
) -> None:
    """Insert ``rows``, updating the columns (but ``key`` and ``keep``) of those that exist."""
    if not rows:
        return
    stmt = insert_for(conn)(table)
    updates = {c: stmt.excluded[c] for c in rows[0] if c not in key and c not in keep}
    conn.execute(stmt.on_conflict_do_update(index_elements=key, set_=updates), list(rows))


def read_meta(conn: Connection, key: str) -> str | None:
    """A value of the store's metadata (``store_meta``), or None."""
    return conn.execute(
        select(t.store_meta.c.value).where(t.store_meta.c.key == key)
    ).scalar_one_or_none()


def write_meta(conn: Connection, key: str, value: str) -> None:
    """Set a value of the store's metadata."""
    upsert(conn, t.store_meta, [{"key": key, "value": value}], ["key"], keep=frozenset())
