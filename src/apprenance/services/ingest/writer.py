"""Writing batches of checked records. For each batch: xAPI voids, duplicates, learners, the
store insert, the 24-hours-a-day limit, attestations, and the quarantine of what was rejected;
a transaction holds several batches and tells the evidence engine of its activities before it
commits.

Duplicates are decided by the database: on SQLite the transaction holds the write lock from its
first statement (``BEGIN IMMEDIATE``), so that the ids read are the ids there; on PostgreSQL
the insert is ``ON CONFLICT DO NOTHING RETURNING id``. Either way two ingests of the same file
at the same time store every row once.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from functools import partial
from itertools import compress
from operator import itemgetter
from typing import Any

from apprenance.clock import Clock
from apprenance.contracts.records import ActivityRecord, Batch, Problem, Void
from apprenance.db import ingest_sql as sql
from apprenance.db.engine import Connection
from apprenance.db.store import Store, retrying
from apprenance.domain.catalog import Catalog
from apprenance.services.evidence.group_sums import GroupSums, Portable
from apprenance.services.evidence.totals import HeldTotals, add_sums
from apprenance.services.ingest.days import DayLimit
from apprenance.services.ingest.read_apart import ColumnBatch
from apprenance.services.ingest.rejects import quarantine, resolve_statements
from apprenance.services.ingest.scope import in_territories, learners_in_territories
from apprenance.services.ingest.segments import ReaderSums, SumsMissing
from apprenance.services.ingest.tally import REJECTIONS_SHOWN, Tally

LEARNER_CACHE_LIMIT = 200_000  # participant -> learner id

_ID, _SOURCE_REF, _ACTIVITY_TYPE = (itemgetter("id"), itemgetter("source_ref"),
                                    itemgetter("activity_type"))
_PARTICIPANT, _ROLE = itemgetter("participant"), itemgetter("learner_role")


class BatchWriter:
    """Stores batches for one ingest run (several files); keeps learner ids and day totals."""

    def __init__(self, store: Store, catalog: Catalog, clock: Clock, lang: str,
                 territories: Collection[str] | None = None) -> None:
        self.store = store
        # the sender's territories (None: every one): rows outside them are rejected
        self._scope = None if territories is None else frozenset(territories)
        self.catalog = catalog
        self.clock = clock
        self.lang = lang
        self.tally = Tally()
        self._learners: dict[str, int] = {}
        self._no_role: set[int] = set()
        self._day_limit = DayLimit()
        self._pending: dict[str, tuple[Void, str]] = {}  # voided ids not seen yet
        self._source = ""
        self._label = ""
        self._rejected_hashes: set[str] = set()
        # stored in the transaction under way, not yet told to the evidence engine
        self._sums = GroupSums(catalog)
        self._changed_at: datetime | None = None
        self._held = HeldTotals()  # stored totals, packed, between transactions (SQLite)
        self._reader_sums: ReaderSums | None = None  # the file's rows summed as they are read
        self.after_commit: Callable[[], None] = lambda: None
        self._duplicates_likely = False  # the last batch had some (a file ingested again)

    @property
    def retries_midway(self) -> bool:
        """Whether the database may refuse a transaction after batches were written in it
        (PostgreSQL: a deadlock between two ingests), so that they must be kept to write
        again; SQLite holds the write lock from the start."""
        return self.store.dialect != "sqlite"

    def begin_file(self, label: str, source: str, summed_apart: bool = False) -> None:
        """``summed_apart``: the reading process sums the rows, by segment (``end_segment``)."""
        self._label = label
        self._source = source
        self._rejected_hashes = set()
        self._reader_sums = ReaderSums(self.catalog) if summed_apart else None

    def end_segment(self, conn: Connection, sums: Portable) -> None:
        """The reading process's sums of the rows of the batches written since the last."""
        assert self._reader_sums is not None
        self._reader_sums.close(conn, sums, self._sums, self._learners)

    def rejected_in_file(self) -> set[str]:
        return self._rejected_hashes

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A transaction for one or more batches, holding the write lock on SQLite; the
        evidence engine hears of its activities once, just before the commit."""
        try:
            with self.store.transaction() as conn:
                sql.lock_for_writing(conn)
                self._day_limit.begin(conn)
                self._held.begin(sql.change_stamp(conn))
                yield conn
                if self._reader_sums is not None and self._reader_sums.open:
                    raise SumsMissing("ingest.reader.sums_missing")
                self._tell_evidence(conn)
        except BaseException:  # cleanup, then re-raise (even KeyboardInterrupt)
            if self._reader_sums is not None:
                self._reader_sums.reset()
            # rolled back (in the body, telling the evidence engine or committing): what
            # this transaction counted in memory is not stored
            self._sums.clear()
            self._day_limit.abandon()
            self._held.abandon()
            raise
        self.after_commit()

    def _tell_evidence(self, conn: Connection) -> None:
        """One call for many batches: the engine's work grows with the learners per call."""
        if self._sums:
            add_sums(conn, self.catalog, self._sums, self._changed_at, self._held)
            self._sums.clear()

    def write(self, conn: Connection, batch: Batch | ColumnBatch) -> None:
        """Store one batch in the transaction ``conn``."""
        now = self.clock()
        if isinstance(batch, ColumnBatch):
            if self._by_column(batch) and self._write_columns(conn, batch, now):
                return
            batch = batch.batch()
        problems = list(batch.problems)
        voids, records = batch.voids, batch.records
        if self._scope is not None:
            voids, records = in_territories(conn, self._scope, self._label, voids, records,
                                            problems, _record_raw)
        if voids:  # first: a target later in the batch is voided as it is stored
            self._tell_evidence(conn)  # voiding recomputes from what the engine was told
            self._void(conn, voids)
        voiding = bool(self._pending)  # records of the batch may be voided as they come
        unique = self._unique(records, problems)
        for rec, learner_id in zip(unique, self._learner_ids(
                conn, list(map(_PARTICIPANT, unique)), unique.__getitem__,
                lambda: list(map(_ROLE, unique)), now), strict=True):
            rec["learner_id"] = learner_id
        if self._scope is not None:
            unique = learners_in_territories(conn, self._scope, self._label, unique, problems,
                                             _record_raw)
        # SQLite holds the write lock: the days of a batch's learners can be read once it is
        # stored, and only for what it stored; PostgreSQL locks the learners first
        late = not self.retries_midway
        if not late:
            self._day_limit.load(conn, {r["learner_id"] for r in unique})
        inserted, existing = sql.insert_activities(conn, unique, now, self._duplicates_likely)
        stored = unique
        self._duplicates_likely = len(inserted) != len(unique)
        if self._duplicates_likely:
            stored = self._classify(conn, unique, inserted, existing, problems)
        if late:
            self._day_limit.load_stored(conn, stored)
        kept = self._within_day_limit(conn, stored, problems)
        sql.insert_attestations(conn, kept, now)
        if self._reader_sums is None:
            self._sums.add(kept)
        else:  # summed by the reading process: only what was not stored is counted here
            self._reader_sums.account(batch.records, kept, self._sums, voiding)
        self._changed_at = now
        self.tally.accepted += len(kept)
        refs = list(filter(None, map(_SOURCE_REF, batch.records)))  # xAPI statement ids
        if refs:
            resolve_statements(conn, refs, now)
        self._reject(conn, problems, now)

    def _by_column(self, batch: ColumnBatch) -> bool:
        """Whether ``batch`` may be stored from its columns: a file read apart into SQLite
        and summed by the reading process, no voiding statement in it or waiting, no
        territories to keep to."""
        return (self._reader_sums is not None and not self.retries_midway
                and self._scope is None and not batch.voids and not self._pending)

    def _write_columns(self, conn: Connection, batch: ColumnBatch, now: datetime) -> bool:
        """``write`` for the usual batch of a large file, from its columns: no id twice, none
        of them stored yet or all stored with the same content. False when it is not, and
        nothing was stored (``write`` then stores its records as dictionaries)."""
        columns = batch.columns
        c = columns.columns
        ids, rows = c["id"], len(columns)
        if not rows or len(set(ids)) != rows:
            return False
        learners = self._learner_ids(conn, c["participant"], columns.record,
                                     lambda: c["learner_role"], now)
        problems = list(batch.problems)
        assert self._reader_sums is not None
        if self._duplicates_likely:  # the last batch had some: this one is likely all stored
            existing = sql.existing_ids(conn, ids)
            if len(existing) == rows and all(
                    existing[i][0] == digest
                    for i, digest in zip(ids, c["content_hash"], strict=True)):
                self.tally.duplicates += rows
                self._reader_sums.account_counts(rows, 0, list, columns.records, self._sums)
                self._changed_at = now
                self._reject(conn, problems, now)
                return True
            if existing:
                return False
        stamp = sql.sqlite_time(now)
        if not sql.insert_all(conn, columns.stored_rows(learners, stamp), rows):
            self._duplicates_likely = True
            return False
        self._duplicates_likely = False
        days, hours = columns.days(), c["duration_hours"]
        self._day_limit.load_stored_columns(conn, learners, days, hours, c["voided"])
        over = self._day_limit.admit_columns(learners, days, hours)
        kept: Sequence[int] = range(rows)
        out = [i for i, _before, _total in over]  # over their day: taken back out
        if out:
            taken = set(out)
            kept = [i for i in kept if i not in taken]
            for i, before, total in over:
                problems.append(self._day_total(columns.record(i), before, total))
            sql.delete_activities(conn, [ids[i] for i in out])

        def records_at(positions: Sequence[int]) -> list[ActivityRecord]:
            records = columns.records(positions)
            for rec, i in zip(records, positions, strict=True):
                rec["learner_id"] = learners[i]
            return records

        self._reader_sums.account_counts(
            rows, len(kept), partial(records_at, kept), partial(records_at, out), self._sums)
        witness, kinds = c["witness"], c["activity_type"]
        attest = list(compress(kept, map(witness.__getitem__, kept)))
        if attest:
            sql.insert_attestation_rows(conn, columns.attestation_rows(attest, stamp))
        types = self.catalog.activity_types
        mapped = sum(map(types.__contains__, map(kinds.__getitem__, kept) if out else kinds))
        self.tally.unmapped += len(kept) - mapped
        self.tally.accepted += len(kept)
        self._changed_at = now
        refs = list(filter(None, c["source_ref"]))  # xAPI statement ids
        if refs:
            resolve_statements(conn, refs, now)
        self._reject(conn, problems, now)
        return True

    def finish(self) -> None:
        """Apply the voiding statements whose target another ingest stored meanwhile (it was
        a duplicate here); reject those whose target never came."""
        if self._pending:
            retrying(self._settle_apart, before_retry=self.checkpoint())

    def _settle_apart(self) -> None:
        with self.transaction() as conn:
            self.settle_voids(conn)

    def settle_voids(self, conn: Connection) -> None:
        """``finish`` in the transaction ``conn`` (the xAPI intake's one transaction)."""
        if not self._pending:
            return
        self._tell_evidence(conn)  # voiding recomputes from what the engine was told
        stored = sql.voided_state(conn, sorted(self._pending))
        self._void(conn, [self._pending.pop(target)[0] for target in sorted(stored)])
        now = self.clock()
        for void, source in self._pending.values():
            self._source = source
            self._reject(conn, [Problem(void.file, void.line, "object.id", "xapi.void_unknown",
                                        {"target": void.target}, void.raw,
                                        void.statement_id)], now)
        self._pending.clear()

    def checkpoint(self) -> Callable[[], None]:
        """Undo, in memory, what the transaction about to begin does: called when the database
        rolled it back (a deadlock with another ingest) before running it again."""
        tally = self.tally
        counts = (tally.accepted, tally.duplicates, tally.rejected, tally.unmapped,
                  len(tally.rejections))
        pending, rejected = dict(self._pending), set(self._rejected_hashes)

        def restore() -> None:
            (tally.accepted, tally.duplicates, tally.rejected, tally.unmapped, shown) = counts
            del tally.rejections[shown:]
            self._pending = dict(pending)
            self._sums.clear()
            if self._reader_sums is not None:
                self._reader_sums.reset()
            self._rejected_hashes.clear()
            self._rejected_hashes.update(rejected)
            # learners and day totals the rolled-back transaction made: read them again
            self._learners.clear()
            self._no_role.clear()
            self._day_limit = DayLimit()
            self._held.abandon()

        return restore

    def reject_file(self, problem: Problem) -> None:
        with self.store.transaction() as conn:
            self._reject(conn, [problem], self.clock())

    # --- steps ------------------------------------------------------------------------------

    def _unique(self, records: list[ActivityRecord], problems: list[Problem]
                ) -> list[ActivityRecord]:
        """The batch without repeated ids (same content = duplicate, else a rejection)."""
        if len(set(map(_ID, records))) == len(records):  # the usual batch: no id twice
            unique = list(records)
        else:
            unique = self._first_of_each_id(records, problems)
        pending = self._pending
        if pending:
            for rec in unique:
                if rec["id"] in pending:
                    rec["voided"] = True  # its voiding statement came first
        return unique

    def _first_of_each_id(self, records: list[ActivityRecord], problems: list[Problem]
                          ) -> list[ActivityRecord]:
        first: dict[str, ActivityRecord] = {}
        for rec in records:
            seen = first.get(rec["id"])
            if seen is None:
                first[rec["id"]] = rec
            elif seen["content_hash"] == rec["content_hash"]:
                self.tally.duplicates += 1
            else:
                problems.append(
                    _conflict(self._label, rec, seen["source_line"], "id.conflict_line"))
        return list(first.values())

    def _classify(
        self, conn: Connection, records: list[ActivityRecord], inserted: set[str],
        existing: dict[str, tuple[str, str, int]] | None, problems: list[Problem],
    ) -> list[ActivityRecord]:
        """The inserted records; the others are duplicates (same content) or rejected."""
        if existing is None:
            existing = sql.existing_ids(conn, [r["id"] for r in records
                                               if r["id"] not in inserted])
        stored: list[ActivityRecord] = []
        for rec in records:
            if rec["id"] in inserted:
                stored.append(rec)
                continue
            found = existing.get(rec["id"])
            if found is None or found[0] == rec["content_hash"]:
                self.tally.duplicates += 1  # None: stored meanwhile by another ingest
            else:
                where = f"{found[1] or '?'}:{found[2] or '?'}"
                problems.append(
                    _conflict(self._label, rec, None, "id.conflict_stored", where=where))
        return stored

    def _learner_ids(
        self, conn: Connection, participants: list[str],
        record: Callable[[int], ActivityRecord], roles: Callable[[], Sequence[str | None]],
        now: datetime,
    ) -> list[int]:
        """The learner id of each of ``participants`` (``record(i)``: the record of the i-th,
        ``roles()``: the role each record gives), creating the learners not seen yet; gives
        their role to the learners who had none when a record gives it."""
        known = self._learners
        ids: list[int | None] = list(map(known.get, participants))
        if None in ids:
            missing: dict[str, int] = {}  # participant -> the position of their first record
            for i, (participant, learner_id) in enumerate(zip(participants, ids, strict=True)):
                if learner_id is None and participant not in missing:
                    missing[participant] = i
            if len(known) > LEARNER_CACHE_LIMIT:
                known.clear()
            found, created = sql.find_or_create_learners(
                conn, [record(i) for i in missing.values()], now)
            for participant, (learner_id, role) in found.items():
                known[participant] = learner_id
                if role is None:
                    self._no_role.add(learner_id)
                if participant in created:
                    self._day_limit.new_learner(learner_id)
            ids = [known[p] if learner_id is None else learner_id
                   for p, learner_id in zip(participants, ids, strict=True)]
        resolved: list[int] = ids  # type: ignore[assignment]
        no_role = self._no_role
        if no_role and not no_role.isdisjoint(resolved):
            for learner_id, role in zip(resolved, roles(), strict=True):
                if role and learner_id in no_role:
                    sql.set_role_if_none(conn, learner_id, role)
                    no_role.discard(learner_id)
        return resolved

    def _within_day_limit(
        self, conn: Connection, records: list[ActivityRecord], problems: list[Problem]
    ) -> list[ActivityRecord]:
        """The records that keep their learner's day at or under 24 hours; the others are
        taken back out of the store and rejected."""
        kept: list[ActivityRecord] = []
        if self._pending:  # stored records whose voiding statement came first: now voided
            kept = [r for r in records if r["voided"]]
            for rec in kept:
                del self._pending[rec["id"]]
            self.tally.accepted += len(kept)  # the voiding statements now take effect
            records = [r for r in records if not r["voided"]]
        fitting, too_long = self._day_limit.admit(records)
        for rec, before, total in too_long:
            problems.append(self._day_total(rec, before, total))
        kept.extend(fitting)
        types = self.catalog.activity_types
        unmapped = len(fitting) - sum(map(types.__contains__, map(_ACTIVITY_TYPE, fitting)))
        over = [rec["id"] for rec, _before, _total in too_long]
        self.tally.unmapped += unmapped
        if over:
            sql.delete_activities(conn, over)
        return kept

    def _day_total(self, rec: ActivityRecord, before: float, total: float) -> Problem:
        """The rejection of ``rec``, over its learner's 24 hours that day."""
        return Problem(self._label, rec["source_line"], "duree", "duration.day_total",
                       {"day": rec["occurred_on"].isoformat(), "before": _h(before),
                        "total": _h(total), "participant": rec["participant"]},
                       _record_raw(rec), rec["source_ref"], rec["territory_id"])

    def _void(self, conn: Connection, voids: Sequence[Void]) -> None:
        if not voids:
            return
        state = sql.voided_state(conn, [v.target for v in voids])
        to_void: list[str] = []
        for void in voids:
            current = state.get(void.target)
            if current is None:
                if void.target in self._pending:
                    self.tally.duplicates += 1
                self._pending[void.target] = (void, self._source)
            elif current or void.target in to_void:
                self.tally.duplicates += 1
            else:
                to_void.append(void.target)
                self.tally.accepted += 1
        if to_void:
            from apprenance.services.evidence.totals import remove_from_evidence

            sql.mark_voided(conn, to_void)
            remove_from_evidence(conn, self.catalog, to_void)
            self._held.clear()  # those learners' totals were computed again
            self._day_limit.forget(conn, to_void)

    def _reject(self, conn: Connection, problems: list[Problem], now: datetime) -> None:
        if not problems:
            return
        problems.sort(key=lambda p: p.line or 0)
        self.tally.rejected += len(problems)
        room = REJECTIONS_SHOWN - len(self.tally.rejections)
        for p in problems[: max(room, 0)]:
            item: dict[str, Any] = {"file": p.file, "line": p.line, "field": p.field,
                                    "reason": p.reason(self.lang)}
            if p.statement_id is not None:
                item["statement_id"] = p.statement_id
            self.tally.rejections.append(item)
        owner = next(iter(self._scope)) if self._scope and len(self._scope) == 1 else None
        digests = quarantine(conn, [(p, self._source) for p in problems], now, self.lang,
                             owner)
        self._rejected_hashes.update(digests)


def _conflict(
    label: str, rec: ActivityRecord, line: int | None, key: str, **values: Any
) -> Problem:
    values = {"id": rec["id"], "line": line, **values}
    return Problem(label, rec["source_line"], "id", key, values, _record_raw(rec),
                   rec["source_ref"], rec["territory_id"])


def _record_raw(rec: ActivityRecord) -> str:
    """What is kept of a row rejected after its checks: its normalised content."""
    keep = {k: v for k, v in rec.items()
            if v is not None
            and k not in ("learner_id", "voided", "assigned_type", "ingested_at")}
    return json.dumps(keep, ensure_ascii=False, default=str, sort_keys=True)


def _h(hours: float) -> str:
    return f"{hours:.2f}".rstrip("0").rstrip(".")
