"""Statements sent through the database driver itself, on SQLite and PostgreSQL.

The hot paths (evidence totals, evaluation, ingest) skip SQLAlchemy's per-row work and talk
to the driver's own connection: ``sqlite3`` (qmark placeholders, ``?``) or ``psycopg``
(format placeholders, ``%s``). This module is the one place that opens such a cursor
(``raw_cursor``) and writes placeholders (``marks``). Services name the connection they hold
with ``apprenance.db.engine.Connection``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import Connection

from apprenance.db.sqlite_times import sqlite_time
from apprenance.errors import StoreError

__all__ = ["RawCursor", "chunked", "driver_time", "is_sqlite", "marks",
           "raw_cursor"]


class RawCursor(Protocol):
    """What apprenance uses of a DB-API cursor (``sqlite3.Cursor``, ``psycopg.Cursor``)."""

    @property
    def rowcount(self) -> int: ...

    def execute(self, statement: str, params: Any = ..., /) -> Any: ...

    def executemany(self, statement: str, params: Iterable[Any], /) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...

    def close(self) -> None: ...

    def copy(self, statement: str, /) -> AbstractContextManager[Any]:
        """``COPY ... FROM STDIN`` (psycopg only)."""
        ...


def is_sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def marks(conn: Connection, count: int = 1) -> str:
    """``count`` placeholders for the driver of ``conn``, comma separated: ``?, ?`` on
    SQLite (qmark), ``%s, %s`` on PostgreSQL (psycopg's format style)."""
    return ", ".join(["?" if is_sqlite(conn) else "%s"] * count)


@contextmanager
def raw_cursor(conn: Connection) -> Iterator[RawCursor]:
    """A cursor of the driver's connection under ``conn`` (same transaction), closed after."""
    driver = conn.connection.driver_connection
    if driver is None:
        raise StoreError("the database connection is closed")
    cursor: RawCursor = driver.cursor()
    try:
        yield cursor
    finally:
        cursor.close()


def driver_time(conn: Connection, value: datetime | None) -> object:
    """A timestamp as the driver takes it: SQLite keeps SQLAlchemy's text format, psycopg
    takes the datetime."""
    if value is None or not is_sqlite(conn):
        return value
    return sqlite_time(value)


def chunked(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    """``items`` in slices of ``size`` (IN lists and batches of bounded length)."""
    for i in range(0, len(items), size):
        yield items[i : i + size]
