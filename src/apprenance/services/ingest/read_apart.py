"""Reading and checking a large log file in a process of its own, while this one stores.

In one process the reading thread and the writing thread take turns on the interpreter lock,
so an ingest costs the sum of the two; on a machine with a second core the reading process
parses and checks the next batches while this one stores the last (docs/benchmarks.md,
"reading apart"). The batches come back through a pipe, one at a time, pickled, and are
unpickled by the thread that stores them (``SealedBatch``): at most the batch being sent and
the one being read are held by the reader, whatever the size of the file. When the reading
process sums the evidence (SQLite), its batches hold their records by column
(``ColumnBatch``): cheaper to unpickle and to store than dictionaries.

What comes back is what ``read_log`` would yield in this process, in the same order, problems
and their lines included; a whole-file problem (``FieldError``) is raised here as it would
have been. With ``segment_rows``, the reading process also sums the evidence of the rows it
sends (``services/ingest/segments``) and sends those sums after each segment of about that many
rows, or of ``segment_seconds`` of reading if that comes first (``SegmentSums``), and before
any problem that stops the reading. The writer stores a segment in one transaction, holding
SQLite's write lock: on a slow machine the seconds end the segment, so that other writers
never wait past their busy timeout (the writer keeps within a few batches of the reader).
The reading process ends when the file is read, and on its own when this process goes away
(its next send finds the pipe closed), so an ingest killed midway leaves nothing running.
"""

from __future__ import annotations

import multiprocessing
import pickle
import time
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from apprenance.contracts.records import Batch
from apprenance.db.activity_columns import ActivityColumns
from apprenance.errors import ApprenanceError, Phrased
from apprenance.importers import read_log
from apprenance.importers.canonical import Lookups
from apprenance.services.evidence.group_sums import Portable

if TYPE_CHECKING:
    from apprenance.services.evidence.column_sums import ColumnSums

# below this size a file is read in this process: starting the other costs ~0.3 s
READ_APART_BYTES = 8 * 1024 * 1024
_BATCH, _SUMS, _END, _FAILED = "batch", "sums", "end", "failed"


class ReaderStopped(Phrased, ApprenanceError):
    """The reading process ended without saying why (killed, out of memory)."""


def reads_apart(size: int) -> bool:
    return size >= READ_APART_BYTES and (multiprocessing.cpu_count() or 1) > 1


def read_apart(
    path: Path, fmt: str, label: str, source: str, lookups: Lookups,
    segment_rows: int | None = None, segment_seconds: float | None = None,
) -> Iterator[SealedBatch | SegmentSums]:
    """The batches of ``read_log(path, fmt, label, source, lookups)``, read by a process of
    their own (started now: an unknown format is refused here, before it is); with
    ``segment_rows`` (and ``segment_seconds``), each segment's evidence sums after its last
    batch."""
    read_log(path, fmt, label, source, lookups)  # an unknown format is refused now (unread)
    context = multiprocessing.get_context("spawn")  # no copy of this process's threads
    mine, theirs = context.Pipe(duplex=False)
    reader = context.Process(target=_read, name="apprenance-ingest-reader", daemon=True,
                             args=(theirs, path, fmt, label, source, lookups, segment_rows,
                                   segment_seconds))
    reader.start()
    theirs.close()
    return _received(mine, reader)


class SealedBatch:
    """A batch as the reading process sent it, still pickled: opened by the thread that
    stores it (unpickling here, in the thread that receives, would take the interpreter lock
    from the writer in the middle of its work). Its size and position are known unopened."""

    __slots__ = ("_data", "_size", "position")

    def __init__(self, size: int, position: int, data: bytes) -> None:
        self._size, self.position, self._data = size, position, data

    def __len__(self) -> int:
        return self._size

    def open(self) -> Batch | ColumnBatch:
        batch: Batch | ColumnBatch = pickle.loads(self._data)
        return batch


class ColumnBatch:
    """A batch whose records are held by column (``db/activity_columns``): what the reading
    process sends when it sums the evidence (a file read apart into SQLite). The writer
    stores the usual batch from its columns, and takes ``batch()`` for any other."""

    __slots__ = ("columns", "position", "problems", "voids")

    def __init__(self, batch: Batch) -> None:
        self.columns = ActivityColumns.of(batch.records)
        self.problems, self.voids, self.position = batch.problems, batch.voids, batch.position

    def __len__(self) -> int:
        return len(self.columns) + len(self.problems) + len(self.voids)

    def batch(self) -> Batch:
        """The same batch, its records as dictionaries."""
        return Batch(self.columns.records(), self.problems, self.voids, self.position)


class SegmentSums:
    """The evidence sums (``GroupSums.portable``, per participant) of the rows of the batches
    sent since the last ones, still pickled: opened by the thread that stores them."""

    __slots__ = ("_data", "position")

    def __init__(self, position: int, data: bytes) -> None:
        self.position, self._data = position, data

    def open(self) -> Portable:
        sums: Portable = pickle.loads(self._data)
        return sums


def _received(mine: Connection, reader: multiprocessing.process.BaseProcess
              ) -> Iterator[SealedBatch | SegmentSums]:
    try:
        while True:
            try:
                kind, value = mine.recv()
            except EOFError:
                raise ReaderStopped("ingest.reader.stopped") from None
            if kind == _BATCH:
                yield SealedBatch(*value)
            elif kind == _SUMS:
                yield SegmentSums(*value)
            elif kind == _END:
                return
            else:
                raise value
    finally:  # read to the end, failed, or abandoned by the ingest (the writer failed)
        mine.close()  # the reader's next send fails: it ends
        reader.join(timeout=5)
        if reader.is_alive():
            reader.terminate()
            reader.join()


def _read(out: Connection, path: Path, fmt: str, label: str, source: str,
          lookups: Lookups, segment_rows: int | None,
          segment_seconds: float | None = None) -> None:
    """The reading process: every batch (and each segment's sums), then the end or what
    stopped the reading."""
    sums = _Segments(out, lookups, segment_rows, segment_seconds)
    try:
        try:
            for batch in read_log(path, fmt, label, source, lookups):
                sent = batch if segment_rows is None else ColumnBatch(batch)
                data = pickle.dumps(sent, protocol=pickle.HIGHEST_PROTOCOL)
                out.send((_BATCH, (len(batch), batch.position, data)))
                sums.add(batch)
            sums.send()
            out.send((_END, None))
        except (BrokenPipeError, EOFError):
            return  # the ingest went away: nobody to read for
        except Exception as exc:  # handed over, raised there as here
            sums.send()  # the rows sent before it are stored: their sums too
            out.send((_FAILED, exc))
    except (BrokenPipeError, EOFError):
        return
    finally:
        out.close()


class _Segments:
    """The reading process's sums of the rows sent, by segment of ``rows`` rows or
    ``seconds`` from its first batch, whichever comes first (none without ``rows``)."""

    def __init__(self, out: Connection, lookups: Lookups, rows: int | None,
                 seconds: float | None = None) -> None:
        self.out, self.lookups, self.rows, self.seconds = out, lookups, rows, seconds
        self.sums: ColumnSums | None = None  # made with the first batch sent (numpy loaded)
        self.counted, self.position, self.sent = 0, 0, 0  # rows, bytes, batches
        self.began = 0.0  # when the segment's first batch was sent (time.monotonic)

    def add(self, batch: Batch) -> None:
        if self.rows is None or not len(batch):  # an empty batch is not written
            return
        if self.sums is None:
            from apprenance.services.evidence.column_sums import ColumnSums

            self.sums = ColumnSums(self.lookups)
        if not self.sent:
            self.began = time.monotonic()
        self.sums.add(batch.records)
        self.counted += len(batch.records)
        self.position = batch.position
        self.sent += 1
        if self.counted >= self.rows or (
                self.seconds is not None and time.monotonic() - self.began >= self.seconds):
            self.send()

    def send(self) -> None:
        """The sums of the batches sent since the last (if any was)."""
        if not self.sent or self.sums is None:
            return
        data = pickle.dumps(self.sums.portable(), protocol=pickle.HIGHEST_PROTOCOL)
        self.out.send((_SUMS, (self.position, data)))
        self.sums.clear()
        self.counted = self.sent = 0
