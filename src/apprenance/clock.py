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
