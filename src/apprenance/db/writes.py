"""Writes that differ between SQLite and PostgreSQL: inserts with ON CONFLICT, upserts, and
the store's key/value metadata."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, select, text
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


# Keys of the PostgreSQL advisory locks apprenance takes (two 32-bit integers each).
EVIDENCE_LOCK = (0x61707072, 1)  # evidence totals: rebuilding them (exclusive) vs adding to them
STATUS_LIST_LOCK = 0x61707073  # with a status list id: one issuer at a time draws from a list


def lock(conn: Connection, key: tuple[int, int], *, shared: bool = False) -> None:
    """Wait for the advisory lock ``key`` and hold it until the end of the transaction.

    PostgreSQL only: on SQLite, writers take turns for the whole database already."""
    if conn.dialect.name == "postgresql":
        kind = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
        conn.execute(text(f"SELECT {kind}(:a, :b)"), {"a": key[0], "b": key[1]})


def try_lock(conn: Connection, key: tuple[int, int]) -> bool:
    """Take the advisory lock ``key`` until the end of the transaction if nobody holds it;
    False when another transaction does (always True on SQLite)."""
    if conn.dialect.name != "postgresql":
        return True
    return bool(conn.execute(text("SELECT pg_try_advisory_xact_lock(:a, :b)"),
                             {"a": key[0], "b": key[1]}).scalar())
