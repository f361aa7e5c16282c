"""Where an ingest's CPU time goes, by stage: ``apprenance`` run with timers around the stages
of the ingest (thread CPU time and wall time of each call), the table written as JSON to the
file named by APPRENANCE_STAGES_OUT when the process ends.

    APPRENANCE_STAGES_OUT=stages.json python bench/ingest_stages.py --home H ingest FILE

Stages: the reading thread's whole work (``read``: CSV parse + row checks + content hash),
split afterwards by ``bench_ingest.py`` with a ``csv.reader``-only pass over the same file
(``parse``) and a hashing pass (``hash``); in the writer thread the insert, the 24-hour cap,
learners, attestations, quarantine, the evidence totals and the commit. Timers are taken per
call of a stage (once per batch or transaction), never per row, so they cost nothing measurable.
"""

from __future__ import annotations

import atexit
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

STAGES: dict[str, list[float]] = {}  # stage -> [cpu seconds, wall seconds, calls]
_LOCK = threading.Lock()


def _add(stage: str, cpu: float, wall: float) -> None:
    with _LOCK:
        entry = STAGES.setdefault(stage, [0.0, 0.0, 0])
        entry[0] += cpu
        entry[1] += wall
        entry[2] += 1


def timed(stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        cpu, wall = time.thread_time(), time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            _add(stage, time.thread_time() - cpu, time.perf_counter() - wall)
    return wrapper


def timed_iter(stage: str, fn: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    """A generator's own time (the consumer's time between items is not counted)."""
    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        it = fn(*args, **kwargs)
        while True:
            cpu, wall = time.thread_time(), time.perf_counter()
            try:
                item = next(it)
            except StopIteration:
                _add(stage, time.thread_time() - cpu, time.perf_counter() - wall)
                return
            _add(stage, time.thread_time() - cpu, time.perf_counter() - wall)
            yield item
    return wrapper


def install() -> None:
    import apprenance.db.ingest_sql as sql
    import apprenance.services.ingest.pipeline as pipeline
    import apprenance.services.ingest.writer as writer
    from apprenance.services.ingest.days import DayLimit

    pipeline.read_log = timed_iter("read (parse + check + hash)", pipeline.read_log)
    # a large file is read by a process of its own: here, the wait for and unpickling of
    # its batches (the reading process's CPU is in the ingest's total, not in a stage)
    pipeline.read_apart = timed_iter("batches from the reading process (receive)",
                                     pipeline.read_apart)
    import apprenance.db.bulk_load as bulk_load

    bulk_load.restore_learner_index = timed("learner index built after the load",
                                            bulk_load.restore_learner_index)
    sql.insert_activities = timed("insert activities", sql.insert_activities)
    sql.insert_attestations = timed("insert attestations", sql.insert_attestations)
    writer.add_sums = timed("evidence totals", writer.add_sums)
    import apprenance.domain.evidence_codec as codec
    from apprenance.services.evidence.totals import GroupSums

    GroupSums.add = timed("evidence: summing rows (per batch)", GroupSums.add)  # type: ignore[method-assign]
    GroupSums.totals = timed("evidence: sums to totals", GroupSums.totals)  # type: ignore[method-assign]
    for name in ("decode", "merge", "encode"):
        setattr(codec, name, timed(f"evidence: {name} (per learner)", getattr(codec, name)))
    codec.Packed.pack = timed("evidence: pack (per learner)", codec.Packed.pack)  # type: ignore[method-assign]
    codec.Packed.unpack = classmethod(timed(  # type: ignore[method-assign,assignment]
        "evidence: unpack (per learner)", codec.Packed.unpack.__func__))
    GroupSums.add_packed = timed("evidence: add (per learner)", GroupSums.add_packed)  # type: ignore[method-assign]
    BW = writer.BatchWriter
    BW._within_day_limit = timed("24-hour cap", BW._within_day_limit)  # type: ignore[method-assign]
    DayLimit.load = timed("24-hour cap: read days", DayLimit.load)  # type: ignore[method-assign]
    BW._learner_ids = timed("learners", BW._learner_ids)  # type: ignore[method-assign]
    # a batch of a large file read apart, stored from its columns (db/activity_columns)
    BW._write_columns = timed("writer: batch from its columns", BW._write_columns)  # type: ignore[method-assign]
    sql.insert_all = timed("insert activities: the SQLite insert", sql.insert_all)
    DayLimit.admit_columns = timed("24-hour cap: count the days", DayLimit.admit_columns)  # type: ignore[method-assign]
    DayLimit.load_stored_columns = timed("24-hour cap: read days",  # type: ignore[method-assign]
                                         DayLimit.load_stored_columns)
    from apprenance.services.ingest.read_apart import ColumnBatch

    ColumnBatch.batch = timed("columns back to dictionaries", ColumnBatch.batch)  # type: ignore[method-assign]
    BW._unique = timed("duplicates in batch", BW._unique)  # type: ignore[method-assign]
    BW._reject = timed("quarantine", BW._reject)  # type: ignore[method-assign]
    BW.write = timed("writer: whole batch", BW.write)  # type: ignore[method-assign]
    original = BW.transaction

    # the commit: from the end of the transaction's body to its end; the evidence totals
    # (told just before the commit) are subtracted by timing them apart
    @contextmanager
    def transaction_timed(self: Any) -> Iterator[Any]:
        state: dict[str, float] = {}
        tell = self._tell_evidence

        def tell_then_mark(conn: Any) -> None:
            tell(conn)
            state["cpu"], state["wall"] = time.thread_time(), time.perf_counter()

        self._tell_evidence = tell_then_mark
        try:
            with original(self) as conn:
                yield conn
        finally:
            self._tell_evidence = tell
        if state:
            _add("commit", time.thread_time() - state["cpu"], time.perf_counter() - state["wall"])

    BW.transaction = transaction_timed  # type: ignore[method-assign,assignment]


def _dump() -> None:
    out = os.environ.get("APPRENANCE_STAGES_OUT")
    if out:
        with open(out, "w", encoding="utf-8") as f:
            json.dump({k: {"cpu": round(v[0], 3), "wall": round(v[1], 3), "calls": v[2]}
                       for k, v in STAGES.items()}, f, indent=2)


if __name__ == "__main__":
    install()
    atexit.register(_dump)
    from apprenance.cli.main import main

    main(sys.argv[1:])
