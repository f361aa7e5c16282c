"""Ingesting activity logs: read each file in batches, check every row, store what is valid,
quarantine what is not, and report counts in the shape of ``apprenance ingest --json``.

Reading and checking (Python) run in the calling thread while a writer thread stores the
previous batch (SQLite and the PostgreSQL driver release the interpreter lock while they work):
at most two batches are in memory, whatever the size of the file (a large file read apart
into SQLite: a few more, still pickled, ``SEALED_AHEAD``).

A transaction the database rolls back for a concurrent ingest's sake (a deadlock between two
ingests of overlapping files) is run again with the same batches, the writer's counts and
caches first put back as they were.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from apprenance.clock import Clock
from apprenance.contracts.records import FILE_FIELD, HEADER_FIELD, Batch, Problem
from apprenance.db import bulk_load
from apprenance.db import ingest_sql as sql
from apprenance.db.store import RETRIES, Store, StoreConflict, retrying
from apprenance.db.wal_checkpoints import checkpoints_apart
from apprenance.domain.catalog import Catalog
from apprenance.errors import ApprenanceError, FieldError
from apprenance.i18n import t as t_msg
from apprenance.importers import detect_format, read_log
from apprenance.importers.canonical import Lookups
from apprenance.importers.encoding import LEGACY, text_encoding
from apprenance.services.evaluation.batch_gc import few_collections
from apprenance.services.evidence.totals import ensure_current
from apprenance.services.ingest.read_apart import (
    ColumnBatch,
    SealedBatch,
    SegmentSums,
    read_apart,
    reads_apart,
)
from apprenance.services.ingest.rejects import resolve_file
from apprenance.services.ingest.rejects_roundtrip import close_numbered, reject_numbers
from apprenance.services.ingest.segments import SUMMED_FORMATS, SumsMissing
from apprenance.services.ingest.tally import Tally
from apprenance.services.ingest.writer import BatchWriter

Progress = Callable[[str, int, int], None]  # (file label, bytes read, file size)
# PostgreSQL: rows per transaction. Each transaction reads again the stored days of all its
# learners (the 24-hour cap) and rewrites each learner's evidence totals once: at 2 seconds a
# loaded machine made it one 5,000-row batch, and those two stages 78 % of the ingest's CPU
# (docs/benchmarks.md, "PostgreSQL (issue 17)"); 100,000 rather than 50,000 rows: 500,000 rows
# in 35 s rather than 43 s, the batches kept for a retry 317 MB of peak memory rather than 252
# ("SQLite, sixth session").
COMMIT_ROWS = 100_000
COMMIT_SECONDS = 10.0  # ... but another ingest never waits long for the learners' row locks
# SQLite: batches are not kept for a retry (see _pipeline); each transaction adds into each
# of its learners' evidence totals once, so fewer of them cost less (the time limit holds)
SQLITE_COMMIT_ROWS = 250_000
# other writers wait up to this (their busy timeout: 30 s); a file read apart and summed by the
# reading process: its segments end at this time too (read_apart)
SQLITE_COMMIT_SECONDS = 10.0
SEALED_AHEAD = 6  # batches the reading process may send before the writer takes them


@dataclass(frozen=True)
class LogFile:
    path: Path
    label: str  # as the user named it
    fmt: str | None = None  # None: detected


def load_lookups(store: Store, catalog: Catalog) -> Lookups:
    """The territories and projects in the store, and the catalog's activity types."""
    with store.transaction() as conn:
        territories, projects = sql.territories_and_projects(conn)
    return Lookups.build(catalog.activity_types, territories, projects)


def ingest_files(
    store: Store, catalog: Catalog, files: Sequence[LogFile], *, clock: Clock, lang: str,
    progress: Progress | None = None, territories: Collection[str] | None = None,
) -> Tally:
    """Ingest ``files`` in order; returns what was accepted, duplicated and rejected. With
    ``territories`` (a coordinator's), rows and voids outside them, and rows for a learner who
    belongs to another territory, are rejected; the others are kept."""
    lookups = load_lookups(store, catalog)
    # totals of another catalog (or none yet: a new store) are rebuilt now, from the rows
    # already stored, rather than in the first transaction from those and its new rows
    store.retrying(lambda conn: ensure_current(conn, catalog))
    writer = BatchWriter(store, catalog, clock, lang, territories)
    sizes = [_size(log.path) for log in files]
    rows = bulk_load.estimated_rows(sizes)
    if store.retrying(lambda conn: bulk_load.worthwhile(conn, rows)):
        store.retrying(bulk_load.drop_learner_index)
    # a large ingest into SQLite: its commits leave copying the log to a thread
    with checkpoints_apart(store.engine, reads_apart(sum(sizes))) as committed:
        writer.after_commit = committed
        try:
            with few_collections():
                for log in files:
                    _ingest_one(log, writer, lookups, store, clock, progress)
                writer.finish()
        except BaseException:
            with suppress(ApprenanceError):  # the ingest's own error is the one to tell
                store.retrying(bulk_load.restore_learner_index)
            raise
        # dropped by this ingest, or by one that was killed during its load: built again
        store.retrying(bulk_load.restore_learner_index)
    return writer.tally


def _ingest_one(
    log: LogFile, writer: BatchWriter, lookups: Lookups, store: Store, clock: Clock,
    progress: Progress | None,
) -> None:
    source = str(log.path.resolve())
    before = writer.tally.counts()
    fmt = log.fmt or detect_format(log.path)
    size = _size(log.path)
    apart = reads_apart(size)
    # read apart into SQLite: the reading process sums the evidence, one segment per
    # transaction (PostgreSQL may have to write a transaction's batches again)
    summed = apart and not writer.retries_midway and fmt in SUMMED_FORMATS
    writer.begin_file(log.label, source, summed_apart=summed)
    if fmt == "csv" and text_encoding(log.path, legacy=True) == LEGACY:
        writer.tally.notes.append({"file": log.label, "note": "encoding.cp1252",
                                   "reason": t_msg("ingest.note.cp1252", writer.lang)})
    try:
        if apart:
            batches: Iterable[Batch | SealedBatch | SegmentSums] = read_apart(
                log.path, fmt, log.label, source, lookups,
                SQLITE_COMMIT_ROWS if summed else None, SQLITE_COMMIT_SECONDS)
        else:
            batches = read_log(log.path, fmt, log.label, source, lookups)
        _pipeline(batches, writer, _reporter(progress, log.label, size), segmented=summed)
    except FieldError as error:
        line = 1 if error.field == HEADER_FIELD else None
        writer.reject_file(Problem.of(error, log.label, line, _head(log.path, error)))
    numbers = reject_numbers(log.path) if fmt == "csv" else []
    with store.transaction() as conn:
        resolve_file(conn, source, writer.rejected_in_file(), clock())
        close_numbered(conn, numbers, clock())
    writer.tally.count_file(log.label, before)




def _pipeline(
    batches: Iterable[Batch | SealedBatch | SegmentSums], writer: BatchWriter,
    report: Callable[[int], None], segmented: bool = False,
) -> None:
    """Hand the batches to ``writer`` in a second thread while the next one is read; several
    batches share a transaction (up to ``COMMIT_ROWS`` rows or ``COMMIT_SECONDS``; when
    ``segmented``, the batches up to the reading process's next sums)."""
    # batches read apart wait still pickled (~1.3 MB each): a few of them let the reading
    # process keep reading while the writer commits (0.7 s of 500,000 rows: benchmarks.md)
    todo: queue.Queue[Batch | SealedBatch | SegmentSums | None] = queue.Queue(
        maxsize=SEALED_AHEAD if segmented else 1)
    failed: list[BaseException] = []

    # SQLite takes the write lock first (BEGIN IMMEDIATE), so a transaction is never rolled
    # back midway for another's sake and batches written need not be kept; bigger
    # transactions write each page of the indexes and totals fewer times
    keep = writer.retries_midway
    limit_rows, limit_seconds = (COMMIT_ROWS, COMMIT_SECONDS) if keep else (
        SQLITE_COMMIT_ROWS, SQLITE_COMMIT_SECONDS)

    def take() -> Batch | ColumnBatch | SegmentSums | None:
        """The next batch (one the reading process sent is unpickled here, in this thread),
        or the sums it sends after a segment's batches (opened by the writer)."""
        item = todo.get()
        return item.open() if isinstance(item, SealedBatch) else item

    def consume() -> None:
        batch: Batch | ColumnBatch | SegmentSums | None = None
        try:
            batch = take()
            while batch is not None:
                if isinstance(batch, SegmentSums):  # sums come after their batches only
                    raise SumsMissing("ingest.reader.sums_stray")
                # the batches of this transaction, for a retry
                taken: list[Batch | ColumnBatch] = [batch]
                complete = True  # all of them are in ``taken``
                restore = writer.checkpoint()
                try:
                    with writer.transaction() as conn:
                        rows, deadline = 0, time.monotonic() + limit_seconds
                        while True:
                            writer.write(conn, batch)
                            rows += len(batch)
                            if not segmented and (
                                    rows >= limit_rows or time.monotonic() > deadline):
                                break
                            batch = take()
                            if batch is None:
                                break
                            if isinstance(batch, SegmentSums):  # the end of a segment
                                writer.end_segment(conn, batch.open())
                                break
                            if not keep:
                                taken.clear()
                                complete = False
                            taken.append(batch)
                except StoreConflict:
                    if not complete:
                        raise
                    restore()
                    retrying(partial(_write_again, writer, taken), attempts=RETRIES - 1,
                             before_retry=restore)
                if batch is not None:
                    batch = take()
        except BaseException as exc:  # handed to the reading thread
            failed.append(exc)
            # unblock the reader, unless the end (None) was taken already: a commit that fails
            # after the last batch (a deadlock, a lost connection) must not hang the ingest
            left: Batch | ColumnBatch | SealedBatch | SegmentSums | None = batch
            while left is not None:
                left = todo.get()

    worker = threading.Thread(target=consume, name="apprenance-ingest-writer", daemon=True)
    worker.start()
    try:
        for batch in batches:
            if failed:
                break
            if isinstance(batch, SegmentSums) or len(batch):
                todo.put(batch)
            report(batch.position)
    finally:
        todo.put(None)
        worker.join()
    if failed:
        raise failed[0]


def _write_again(writer: BatchWriter, batches: list[Batch | ColumnBatch]) -> None:
    with writer.transaction() as conn:
        for batch in batches:
            writer.write(conn, batch)


def _reporter(progress: Progress | None, label: str, size: int) -> Callable[[int], None]:
    if progress is None:
        return lambda _position: None
    return lambda position: progress(label, position, size)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _head(path: Path, error: FieldError) -> str:
    """What is kept of a file refused as a whole: its first bytes, made printable."""
    try:
        with open(path, "rb") as f:
            head = f.read(2000)
    except OSError:
        return f"<{path.name}: {error.key}>"
    text = head.decode("utf-8", errors="backslashreplace")
    return f"<{path.name}: {error.field if error.field != FILE_FIELD else error.key}>\n{text}"


def iter_files(paths: Iterable[Path], fmt: str | None) -> Iterator[LogFile]:
    for path in paths:
        yield LogFile(path=path, label=str(path), fmt=fmt)
