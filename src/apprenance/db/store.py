"""The store: an engine plus transactions that turn driver errors into ours."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from apprenance.db.engine import check_connection, make_engine, redact
from apprenance.db.schema import require_current, upgrade
from apprenance.errors import ApprenanceError, StoreError, StoreUnavailable


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
        return upgrade(self.engine)

    def check(self) -> None:
        """Fail clearly when the database is unreachable or not initialised."""
        require_current(self.engine)

    def ping(self) -> None:
        check_connection(self.engine)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A connection in a transaction, committed on success, rolled back on error."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except ApprenanceError:
            raise
        except OperationalError as exc:
            raise StoreUnavailable(f"database error on {self.url}: {_reason(exc)}") from None
        except SQLAlchemyError as exc:
            raise StoreError(f"database error: {_reason(exc)}") from None

    def dispose(self) -> None:
        self.engine.dispose()


def _reason(exc: SQLAlchemyError) -> str:
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        return str(exc.orig).strip().splitlines()[0]
    return str(exc).strip().splitlines()[0]
