"""The only place apprenance reads the time: always UTC-aware, injectable for tests."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, in UTC. ``APPRENANCE_FAKE_NOW`` (ISO 8601) freezes it, for tests and demos."""
    fake = os.environ.get("APPRENANCE_FAKE_NOW")
    if fake:
        value = datetime.fromisoformat(fake)
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.now(UTC)


def fixed_clock(at: datetime) -> Clock:
    """A clock that always answers ``at`` (made UTC-aware)."""
    value = at if at.tzinfo else at.replace(tzinfo=UTC)
    return lambda: value


def has_passed(when: datetime | None, now: datetime) -> bool:
    """Whether the moment ``when`` (None: never) is at or before ``now``; a naive ``when`` (as
    SQLite gives datetimes back) is read in ``now``'s zone."""
    if when is None:
        return False
    if when.tzinfo is None:
        when = when.replace(tzinfo=now.tzinfo)
    return when <= now
