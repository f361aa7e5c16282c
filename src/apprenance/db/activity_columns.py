"""Checked activity records held by column, in the form SQLite stores them: how the ingest
writes activities into SQLite, and what the reading process sends the writer for a large file
read apart into SQLite (``services/ingest/read_apart.ColumnBatch``).

A batch of dictionaries costs the writer more than storing it: unpickling 20 values a row
into a dictionary, then building each row's insert tuple from it (docs/benchmarks.md, "SQLite,
sixth session"). Here each stored column is one list, already in the form the insert binds
(times and days as SQLite text, optional text as '' — stored as NULL, see
``db/ingest_sql._OPTIONAL_TEXT`` —, extra values as JSON, voided as 0/1), so that the rows
of the insert are made by ``zip`` and the writer's checks read the columns they need.

``records()`` gives back the dictionaries the checks made, equal value for value: the writer
takes them whenever a batch is not the usual one (duplicates, conflicts, voiding statements,
a coordinator's territories), and for the rows it rejects or takes out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from itertools import repeat
from typing import Any

from apprenance.contracts.records import ActivityRecord
from apprenance.db.sqlite_times import SQLITE_TIME_FORMAT, sqlite_time

# the activities columns in ``db/ingest_sql.COLUMNS`` order, but for learner_id and
# ingested_at (known to the writer only)
STORED = ("id", "occurred_at", "occurred_on", "territory_id", "project_id", "function",
          "activity_type", "suggested_type", "duration_hours", "description", "evidence_url",
          "extra", "content_hash", "voided", "source_file", "source_line", "source_ref")
# text columns that may be None in a record: '' in the column
_OPTIONAL = ("territory_id", "project_id", "function", "suggested_type", "description",
             "evidence_url", "source_ref", "witness_role")
# kept as they are in the record (None included)
_AS_IS = ("id", "content_hash", "activity_type", "duration_hours", "source_file",
          "source_line", "participant", "learner_name", "learner_role", "witness",
          "assigned_type")


class ActivityColumns:
    """Records held by column: ``columns[name][i]`` for record ``i``."""

    __slots__ = ("columns",)

    def __init__(self, columns: dict[str, list[Any]]) -> None:
        self.columns = columns

    @classmethod
    def of(cls, checked: Sequence[ActivityRecord]) -> ActivityColumns:
        records: Sequence[Mapping[str, Any]] = checked
        columns = {name: [r[name] for r in records] for name in _AS_IS}
        for name in _OPTIONAL:
            columns[name] = [r[name] or "" for r in records]
        times: dict[datetime, str] = {}
        days: dict[date, str] = {}
        at: list[str] = []
        on: list[str] = []
        for rec in checked:  # few distinct times and days: each written once
            moment, day = rec["occurred_at"], rec["occurred_on"]
            text = times.get(moment)
            if text is None:
                text = times[moment] = sqlite_time(moment)
            at.append(text)
            text = days.get(day)
            if text is None:
                text = days[day] = day.isoformat()
            on.append(text)
        columns["occurred_at"], columns["occurred_on"] = at, on
        columns["extra"] = ["" if r["extra"] is None else
                            json.dumps(r["extra"], ensure_ascii=False) for r in records]
        columns["voided"] = [1 if r["voided"] else 0 for r in records]
        return cls(columns)

    def __len__(self) -> int:
        return len(self.columns["id"])

    def stored_rows(self, learner_ids: Sequence[int], ingested_at: str
                    ) -> Iterator[tuple[Any, ...]]:
        """The insert's rows, in ``db/ingest_sql.COLUMNS`` order."""
        c = self.columns
        return zip(c["id"], learner_ids, *(c[name] for name in STORED[1:]),
                   repeat(ingested_at))

    def attestation_rows(self, positions: Iterable[int], created_at: str
                         ) -> list[tuple[Any, ...]]:
        """The attestations of the records at ``positions`` (each names a witness), in
        ``db/ingest_sql.ATTESTATION_COLUMNS`` order."""
        c = self.columns
        ids, who, roles, files, lines = (c["id"], c["witness"], c["witness_role"],
                                         c["source_file"], c["source_line"])
        return [(ids[i], who[i], roles[i], files[i], lines[i], created_at) for i in positions]

    def days(self) -> list[int]:
        """Each record's day (as written in the input), as an ordinal."""
        ordinals = {text: date.fromisoformat(text).toordinal()
                    for text in set(self.columns["occurred_on"])}
        return list(map(ordinals.__getitem__, self.columns["occurred_on"]))

    def record(self, i: int, moments: dict[str, datetime] | None = None) -> ActivityRecord:
        """Record ``i`` as the checks made it."""
        c = self.columns
        text = c["occurred_at"][i]
        moment = None if moments is None else moments.get(text)
        if moment is None:
            moment = datetime.strptime(text, SQLITE_TIME_FORMAT).replace(tzinfo=UTC)
            if moments is not None:
                moments[text] = moment
        extra = c["extra"][i]
        rec: dict[str, Any] = {name: c[name][i] for name in _AS_IS}
        rec.update({name: c[name][i] or None for name in _OPTIONAL})
        rec.update(occurred_at=moment, occurred_on=date.fromisoformat(c["occurred_on"][i]),
                   extra=json.loads(extra) if extra else None, voided=bool(c["voided"][i]))
        return rec  # type: ignore[return-value]

    def records(self, rows: Sequence[int] | None = None) -> list[ActivityRecord]:
        """The records (``rows``: those at these positions), as the checks made them."""
        moments: dict[str, datetime] = {}
        return [self.record(i, moments) for i in (range(len(self)) if rows is None else rows)]
