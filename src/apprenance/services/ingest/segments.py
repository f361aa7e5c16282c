"""Evidence sums made by the reading process (a large file read apart, on SQLite).

Summing each stored row into its learner's totals was the largest piece of the writer's work
(docs/benchmarks.md, issue 17): the reading process, which has time to spare, sums every row
it sends, per participant, and sends those sums after the last batch of each *segment* (about
``SQLITE_COMMIT_ROWS`` rows); the writer stores a segment in one transaction and takes the
reader's sums for it, less the rows it did not store. What it did not store is known batch by
batch, so the writer follows one of these, per segment:

- every row stored so far (``CLEAN``): nothing to do, the reader's sums are right;
- no row stored so far (``EMPTY``: a file ingested again, all duplicates): nothing to do; if
  rows are stored later in the segment, the writer sums them itself (``OWN``) and the reader's
  sums are dropped;
- some rows stored, some not (``SUBTRACT``): the rows not stored are summed apart and taken out
  of the reader's sums; the first and last days of their learners are read from the store
  (a row taken out may have been a learner's first or last).

Either way the totals are those the writer would have summed itself, up to the order in
which hours are added (``tests/integration/test_reader_sums.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from apprenance.contracts.records import ActivityRecord
from apprenance.db import evidence_sql
from apprenance.db import ingest_sql as sql
from apprenance.db.engine import Connection
from apprenance.domain.catalog import Catalog
from apprenance.errors import ApprenanceError, Phrased
from apprenance.services.evidence.group_sums import GroupSums, Portable

START, CLEAN, EMPTY, OWN, SUBTRACT = "start", "clean", "empty", "own", "subtract"
SUMMED_FORMATS = frozenset({"csv", "jsonl"})  # no voiding statement: no total recomputed


class SumsMissing(Phrased, ApprenanceError):
    """The reading process's sums do not match the rows written: rows of a segment were
    written but their sums never came, or sums came for no rows or unknown participants."""


class ReaderSums:
    """A segment's accounting between the reader's sums and what the writer stored."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.mode = START
        self._removed = GroupSums(catalog, by="participant")

    @property
    def open(self) -> bool:
        """Whether rows were written since the last sums came."""
        return self.mode != START

    def account(self, records: list[ActivityRecord], kept: list[ActivityRecord],
                own: GroupSums, voiding: bool = True) -> None:
        """The batch's ``records`` (all counted by the reader) of which ``kept`` were stored;
        ``own``: the writer's sums for this transaction; ``voiding``: some of ``kept`` may be
        voided (a voiding statement waited for them), and so not count."""
        counted = [r for r in kept if not r["voided"]] if voiding else kept

        def removed() -> list[ActivityRecord]:
            stored = {id(r) for r in counted}
            # a row voided by an earlier statement was counted by the reader (it did not know)
            return [dict(r, voided=False) if r["voided"] else r  # type: ignore[misc]
                    for r in records if id(r) not in stored]

        self.account_counts(len(records), len(counted), lambda: counted, removed, own)

    def account_counts(
        self, rows: int, counted: int, stored: Callable[[], list[ActivityRecord]],
        removed: Callable[[], list[ActivityRecord]], own: GroupSums,
    ) -> None:
        """``account`` for a batch of ``rows`` records (all counted by the reader), of which
        ``counted`` were stored and count: ``stored()`` gives those, ``removed()`` the others
        (each called only when needed)."""
        if not rows:
            return
        mode = self.mode
        if mode == OWN or (mode == EMPTY and counted):
            self.mode = OWN
            own.add(stored())
            return
        if counted == rows and mode in (START, CLEAN):
            self.mode = CLEAN
            return
        if not counted and mode in (START, EMPTY):
            self.mode = EMPTY
            return
        self.mode = SUBTRACT
        self._removed.add(removed())

    def close(self, conn: Connection, data: Portable, own: GroupSums,
              known: Mapping[str, int]) -> None:
        """The segment's sums came: ``own`` (empty: the writer summed nothing of this
        segment) takes what was stored of them; ``known``: the writer's learner ids."""
        mode, removed = self.mode, self._removed
        self.reset()
        if mode not in (CLEAN, SUBTRACT):
            return  # nothing stored (START, EMPTY), or summed by the writer (OWN)
        sums = GroupSums.from_portable(self.catalog, data, "participant")
        if mode == SUBTRACT:
            sums.subtract(removed)
            sums.prune()
        ids = {p: known[p] for p in sums.by_type if p in known}
        absent = [p for p in sums.by_type if p not in ids]
        if absent:
            ids.update(sql.learner_ids(conn, absent))
        missing = [p for p in sums.by_type if p not in ids]
        if missing:
            raise SumsMissing("ingest.reader.sums_unknown", participants=", ".join(missing[:3]))
        mine = sums.rekeyed(ids)
        if mode == SUBTRACT:
            touched = sorted({ids[p] for p in removed.by_type if p in ids})
            _spans_from_store(conn, self.catalog, mine, touched)
        own.take(mine)

    def reset(self) -> None:
        self.mode = START
        self._removed = GroupSums(self.catalog, by="participant")


def _spans_from_store(conn: Connection, catalog: Catalog, sums: GroupSums,
                      learners: Iterable[int]) -> None:
    """The first and last days of ``learners`` (those still in ``sums``), from their stored
    activities of a counted type: the store holds this transaction's rows, and a learner's
    stored totals already span the others."""
    kinds = catalog.activity_types
    spans: dict[int, list[Any]] = {}
    wanted = [i for i in learners if i in sums.by_type]
    for learner, type_id, first, last in evidence_sql.type_spans(conn, wanted):
        if type_id not in kinds:
            continue
        span = spans.get(learner)
        if span is None:
            spans[learner] = [first, last]
        else:
            span[0], span[1] = min(span[0], first), max(span[1], last)
    for learner, (first, last) in spans.items():
        sums.set_span(learner, first, last)
