"""The 24-hours-a-day limit during an ingest: each learner's hours per day, read from the store
when the learner first appears in a transaction (their row locked until it commits, so that
concurrent ingests add up), then kept up to date in memory.

Hours are kept per learner in an array of days (8 bytes a day from the learner's first to last
day seen), not in a dictionary of (learner, day) keys: a million activities of 5,000 learners
over two years take 30 MB instead of 90. A learner whose days span more than ten years falls
back to a dictionary; past ``SLOTS_LIMIT`` days in all, everything is forgotten and read again
from the store as learners come back.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from datetime import date
from operator import itemgetter

from apprenance.contracts.records import ActivityRecord
from apprenance.db import ingest_sql as sql
from apprenance.db.engine import Connection
from apprenance.importers.values import MAX_HOURS

SPAN_LIMIT = 3660  # days in one learner's array
GROW_DAYS = 31  # days added to an array beyond the one that did not fit
SLOTS_LIMIT = 8_000_000  # days kept in all (about 64 MB)
# Not domain.evidence.TOLERANCE (1e-9): this one compares a day's raw hours (sums of values read
# from logs, and of values read back from the store) with the 24-hour cap, and has always let a
# day exceed 24 h by less than 1e-6 h (3.6 ms); kept, so that no day accepted before is refused.
_TOLERANCE = 1e-6
_LEARNER = itemgetter("learner_id")


class DayTotals:
    """Hours per learner and day (days as ordinals)."""

    def __init__(self) -> None:
        self._spans: dict[int, tuple[int, array[float]]] = {}  # learner -> (first day, hours)
        self._sparse: dict[int, dict[int, float]] = {}
        self.slots = 0
        self.spans_get = self._spans.get  # (first day, hours) of a learner kept in an array

    def get(self, learner: int, day: int) -> float:
        span = self._spans.get(learner)
        if span is not None:
            i = day - span[0]
            return span[1][i] if 0 <= i < len(span[1]) else 0.0
        sparse = self._sparse.get(learner)
        return sparse.get(day, 0.0) if sparse is not None else 0.0

    def set(self, learner: int, day: int, hours: float) -> None:
        span = self._spans.get(learner)
        if span is None:
            sparse = self._sparse.get(learner)
            if sparse is not None:
                self.slots += day not in sparse
                sparse[day] = hours
            else:
                self._spans[learner] = (day, array("d", [hours]))
                self.slots += 1
            return
        first, values = span
        i = day - first
        if 0 <= i < len(values):
            values[i] = hours
            return
        low, high = min(first, day), max(first + len(values) - 1, day)
        if high - low + 1 > SPAN_LIMIT:
            sparse = {first + k: v for k, v in enumerate(values) if v}
            sparse[day] = hours
            del self._spans[learner]
            self._sparse[learner] = sparse
            self.slots += len(sparse) - len(values)
            return
        # grown by a few weeks more than needed (the days past the last one read as 0 hours,
        # as before): logs run in date order, and each new day would otherwise grow it again
        room = min(GROW_DAYS, SPAN_LIMIT - (high - low + 1))
        if day < first:
            grow = first - day + room
            values = array("d", bytes(8 * grow)) + values
            first -= grow
            self._spans[learner] = (first, values)
            values[day - first] = hours
        else:
            grow = i - len(values) + 1 + room
            values.extend(array("d", bytes(8 * grow)))
            values[i] = hours
        self.slots += grow

    def clear(self) -> None:
        self._spans.clear()
        self._sparse.clear()
        self.slots = 0


class DayLimit:
    """Which new activities fit in their learner's day."""

    def __init__(self) -> None:
        self.totals = DayTotals()
        self.loaded: set[int] = set()  # learners whose days are all in ``totals``
        # (connection, data version) when the last transaction began (SQLite), else None
        self._stamp: tuple[object, int] | None = None

    def begin(self, conn: Connection) -> None:
        """A new transaction: what earlier ones read may be stale (another ingest committed
        meanwhile), so every learner's days are read again, under a lock (``load``) — unless
        the store says nobody else wrote since the last transaction began (SQLite: same
        connection, same data version; the write lock was held in between but for our own
        commit), so that what is in memory is what is stored."""
        stamp = sql.change_stamp(conn)
        if stamp is None or stamp != self._stamp:
            self.totals.clear()
            self.loaded.clear()
        self._stamp = stamp

    def abandon(self) -> None:
        """The transaction under way was rolled back: what it counted is not stored."""
        self._stamp = None
        self.totals.clear()
        self.loaded.clear()

    def new_learner(self, learner: int) -> None:
        """A learner created by this ingest: nothing to read from the store."""
        self.loaded.add(learner)

    def load(self, conn: Connection, learners: Iterable[int]) -> None:
        """Read the days of the learners not in memory yet (before storing their new rows)."""
        if self.totals.slots > SLOTS_LIMIT:
            self.totals.clear()
            self.loaded.clear()
        need = set(learners) - self.loaded
        if need:
            # the learners' rows locked until the commit: two ingests at once never both add
            # hours to the same day from the same stale total (SQLite: the write lock is held)
            sql.lock_learners(conn, sorted(need))
            for learner, day, hours in sql.day_totals(conn, sorted(need)):
                self.totals.set(learner, ordinal(day), hours)
            self.loaded |= need

    def load_stored(self, conn: Connection, records: Sequence[ActivityRecord]) -> None:
        """``load_stored_columns`` for these records."""
        learners = list(map(_LEARNER, records))
        need = self._needed(learners)
        if need:  # the other columns only then: most batches' learners are loaded already
            self._read_stored(conn, need, learners,
                              [r["occurred_on"].toordinal() for r in records],
                              [r["duration_hours"] for r in records],
                              [r["voided"] for r in records])

    def load_stored_columns(
        self, conn: Connection, learners: Sequence[int], days: Sequence[int],
        hours: Sequence[float], voided: Sequence[bool | int],
    ) -> None:
        """``load`` after the store (SQLite, whose write lock keeps out every other writer):
        the days of the learners of the records just stored (their learners, days as
        ordinals, hours, and whether voided), less these records' own hours, which ``admit``
        counts again. A batch that stored nothing (a file ingested again) reads nothing."""
        need = self._needed(learners)
        if need:
            self._read_stored(conn, need, learners, days, hours, voided)

    def _needed(self, learners: Iterable[int]) -> set[int]:
        """Those of ``learners`` whose days are not in memory."""
        if self.totals.slots > SLOTS_LIMIT:
            self.totals.clear()
            self.loaded.clear()
        return set(learners) - self.loaded

    def _read_stored(
        self, conn: Connection, need: set[int], learners: Sequence[int], days: Sequence[int],
        hours: Sequence[float], voided: Sequence[bool | int],
    ) -> None:
        totals = self.totals
        for learner, day, spent in sql.day_totals(conn, sorted(need)):
            totals.set(learner, ordinal(day), spent)
        for learner, day, spent, void in zip(learners, days, hours, voided, strict=True):
            if learner in need and not void:  # a voided row is not in its day
                totals.set(learner, day, totals.get(learner, day) - spent)
        self.loaded |= need

    def admit(self, records: Sequence[ActivityRecord]
              ) -> tuple[list[ActivityRecord], list[tuple[ActivityRecord, float, float]]]:
        """The records that fit their learner's day (counted, in order), and the others with
        their day's hours before and with them."""
        over = self.admit_columns(list(map(_LEARNER, records)),
                                  [r["occurred_on"].toordinal() for r in records],
                                  [r["duration_hours"] for r in records])
        if not over:
            return list(records), []
        out = {i for i, _before, _total in over}
        return ([r for i, r in enumerate(records) if i not in out],
                [(records[i], before, total) for i, before, total in over])

    def admit_columns(self, learners: Sequence[int], days: Sequence[int],
                      hours: Sequence[float]) -> list[tuple[int, float, float]]:
        """Count the records (their learners, days as ordinals and hours) that fit their
        learner's day; the positions of the others, with their day's hours before and with
        them (``fits`` for each, its usual case inline)."""
        over: list[tuple[int, float, float]] = []
        spans_get, limit, fits = self.totals.spans_get, MAX_HOURS + _TOLERANCE, self.fits
        for i, (learner, day, spent) in enumerate(zip(learners, days, hours, strict=True)):
            span = spans_get(learner)
            if span is not None:
                j = day - span[0]
                values = span[1]
                if 0 <= j < len(values):
                    before = values[j]
                    total = before + spent
                    if total > limit:
                        over.append((i, before, total))
                    else:
                        values[j] = total
                    continue
            ok, before, total = fits(learner, day, spent)
            if not ok:
                over.append((i, before, total))
        return over

    def fits(self, learner: int, day: int, hours: float) -> tuple[bool, float, float]:
        """(fits, hours before, hours with this activity); a fitting activity is counted."""
        span = self.totals.spans_get(learner)
        if span is not None:  # the usual case, inline: a day within the learner's array
            i = day - span[0]
            values = span[1]
            if 0 <= i < len(values):
                before = values[i]
                total = before + hours
                if total > MAX_HOURS + _TOLERANCE:
                    return False, before, total
                values[i] = total
                return True, before, total
        before = self.totals.get(learner, day)
        total = before + hours
        if total > MAX_HOURS + _TOLERANCE:
            return False, before, total
        self.totals.set(learner, day, total)
        return True, before, total

    def forget(self, conn: Connection, activity_ids: Sequence[str]) -> None:
        """Voided activities no longer fill their day."""
        for learner, day, hours in sql.hours_of(conn, activity_ids):
            if learner in self.loaded:
                key = ordinal(day)
                self.totals.set(learner, key, max(self.totals.get(learner, key) - hours, 0.0))


def ordinal(day: date | str) -> int:
    return sql.as_day(day).toordinal()
