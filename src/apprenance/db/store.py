"""The store: an engine plus transactions that turn driver errors into ours.

Several processes may write at once (command line and API workers). When the database breaks
a deadlock (PostgreSQL SQLSTATE 40P01), refuses a write that conflicts with a concurrent one
(40001, serialization failure) or, on SQLite, a read snapshot went stale before its write
(SQLITE_BUSY_SNAPSHOT), the transaction is rolled back and ``StoreConflict`` raised:
``retrying`` (or ``Store.retrying``) runs the whole of it again, a few times.

Work that holds a transaction open for long (issuing: signing, writing files) is shared out with
row locks on PostgreSQL; SQLite has none, so such jobs take turns there (``Store.turn``).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from apprenance.db.bulk_load import restore_learner_index
from apprenance.db.engine import check_connection, make_engine, redact
from apprenance.db.schema import require_current, upgrade
from apprenance.errors import ApprenanceError, StoreError, StoreUnavailable

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: SQLite jobs do not take turns
    fcntl = None  # type: ignore[assignment]

T = TypeVar("T")
log = logging.getLogger("apprenance.store")
RETRIES = 8  # runs of a transaction the database keeps refusing, before giving up
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})  # serialization failure, deadlock detected
SQLITE_BUSY_SNAPSHOT = 517


class StoreConflict(StoreUnavailable):
    """The database rolled the transaction back to let a concurrent one through (deadlock,
    serialization failure): running the whole transaction again is safe."""


@dataclass
class Store:
    """One database: SQLite file or PostgreSQL."""

    engine: Engine

    @classmethod
    def open(cls, url: str) -> Store:
        """Open the database at ``url`` (nothing is created until ``init``)."""
        return cls(make_engine(url))

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def url(self) -> str:
        return redact(str(self.engine.url))

    def init(self) -> tuple[str | None, str]:
        """Create or upgrade the schema; returns (revision before, revision after)."""
        revisions = upgrade(self.engine)
        with self.transaction() as conn:  # an ingest killed during a bulk load dropped it
            restore_learner_index(conn)
        return revisions

    def check(self) -> None:
        """Fail clearly when the database is unreachable or not initialised."""
        require_current(self.engine)

    def ping(self) -> None:
        check_connection(self.engine)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A connection in a transaction, committed on success, rolled back on error.

        Errors of the driver used directly (``conn.connection.driver_connection``) are
        translated like SQLAlchemy's."""
        driver_error: type[Exception] = self.engine.dialect.loaded_dbapi.Error
        try:
            with self.engine.begin() as conn:
                yield conn
        except ApprenanceError:
            raise
        except (SQLAlchemyError, driver_error) as exc:
            raise self._translate(exc) from None

    def retrying(self, work: Callable[[Connection], T], *, attempts: int = RETRIES) -> T:
        """``work(conn)`` in a transaction, run again in a new one when the database refused
        it for a concurrent transaction's sake. ``work`` must do nothing it cannot repeat
        outside the transaction."""

        def once() -> T:
            with self.transaction() as conn:
                return work(conn)

        return retrying(once, attempts=attempts)

    @contextmanager
    def turn(self, job: str) -> Iterator[None]:
        """On an SQLite file, one process at a time runs ``job`` (a lock on the file
        ``<database>.<job>.lock``, released by the system even when the process is killed);
        on PostgreSQL, nothing: concurrent runs share the work with row locks."""
        database = self.engine.url.database
        if self.dialect != "sqlite" or not database or database == ":memory:" or fcntl is None:
            yield
            return
        path = Path(f"{database}.{job}.lock")
        try:
            handle = path.open("ab")
        except OSError as exc:
            raise StoreUnavailable(f"cannot open {path}: {exc.strerror or exc}") from None
        with handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            yield

    def dispose(self) -> None:
        self.engine.dispose()

    def _translate(self, exc: BaseException) -> StoreError:
        reason = _reason(exc)
        if _retryable(exc):  # the driver's words stay in the details and the debug log
            return StoreConflict("the database kept refusing this work for concurrent writes; "
                                 "run it again", details={"reason": reason})
        driver = self.engine.dialect.loaded_dbapi
        if isinstance(exc, OperationalError | driver.OperationalError):
            return StoreUnavailable(f"database error on {self.url}: {reason}")
        return StoreError(f"database error: {reason}")


def retrying(work: Callable[[], T], *, attempts: int = RETRIES,
             before_retry: Callable[[], None] | None = None) -> T:
    """``work()`` (one or more whole transactions), run again after a short random pause when
    it raises ``StoreConflict``; ``before_retry`` undoes what ``work`` changed in memory."""
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except StoreConflict as exc:
            log.debug("transaction refused for a concurrent one (%s), run %d of %d",
                      exc.details, attempt, attempts)
            if attempt >= attempts:
                raise
            if before_retry is not None:
                before_retry()
            time.sleep(min(1.0, 0.01 * 2**attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")  # pragma: no cover


def _retryable(exc: BaseException) -> bool:
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if getattr(orig, "sqlstate", None) in RETRYABLE_SQLSTATES:
        return True
    return getattr(orig, "sqlite_errorcode", None) == SQLITE_BUSY_SNAPSHOT


def _reason(exc: BaseException) -> str:
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        return str(exc.orig).strip().splitlines()[0]
    text = str(exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__
