"""How SQLAlchemy writes a time into SQLite, for the statements that go through the driver.

Apart from ``db/tables`` (which takes it from here): the reading process of a large ingest
writes its rows' times this way (``db/activity_columns``) without loading SQLAlchemy, which
would delay its first batch by a tenth of a second or more."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache

SQLITE_TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores DateTime in SQLite


@lru_cache(maxsize=200_000)
def sqlite_time(value: datetime) -> str:
    """A time as SQLAlchemy stores it in SQLite, for the statements that go through the driver
    (UTC; a time without an offset is taken as UTC). Cached: batch jobs repeat a few times."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime(SQLITE_TIME_FORMAT)
