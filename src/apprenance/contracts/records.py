"""What the activity-log importers hand to the ingest service: records, voids and problems.

These are the shapes of the ingest hot path, so they are plain data, not pydantic models: an
``ActivityRecord`` is a ``dict`` at run time (a ``TypedDict`` for the type checker), built once
per row and handed on unchanged to the store and to the evidence engine. A ``Problem`` is one
rejected input (a row, a statement, or a whole file) with the reason as an i18n key and values,
so that it is worded in the language of whoever reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NotRequired, TypedDict

from apprenance.errors import FieldError
from apprenance.i18n import t

# Field names used in problems for something that is not one column.
LINE_FIELD = "(ligne)"  # the whole row: wrong number of fields, unreadable bytes
FILE_FIELD = "(fichier)"  # the whole file: not readable, wrong encoding, invalid JSON
HEADER_FIELD = "(en-tête)"  # the header row of a CSV file


class ActivityRecord(TypedDict):
    """One valid activity, normalised; keys of ``activities`` plus who did it and who attests.

    ``learner_id`` and ``ingested_at`` are added when it is stored."""

    id: str
    content_hash: str
    participant: str
    learner_name: str | None
    learner_role: str | None
    occurred_at: datetime  # UTC-aware
    occurred_on: date  # the day as written in the input (local date)
    territory_id: str | None
    project_id: str | None
    function: str | None
    activity_type: str
    suggested_type: str | None  # set when the mapping does not know ``activity_type``
    duration_hours: float
    description: str | None
    evidence_url: str | None
    extra: dict[str, Any] | None
    witness: str | None
    witness_role: str | None
    source_file: str
    source_line: int
    source_ref: str | None  # the xAPI statement id
    voided: bool
    assigned_type: str | None
    learner_id: NotRequired[int]
    ingested_at: NotRequired[datetime]


@dataclass(slots=True)
class Problem:
    """One rejected input, kept in quarantine with its raw content."""

    file: str  # the path as given by the user
    line: int | None  # physical line where the row or statement starts (header = 1)
    field: str
    key: str  # i18n key, without the ``ingest.`` prefix
    values: dict[str, Any]
    raw: str
    statement_id: str | None = None
    territory: str | None = None  # the territory the row names, when it could be read

    def reason(self, lang: str) -> str:
        return t(f"ingest.{self.key}", lang, **self.values)

    @classmethod
    def of(
        cls, error: FieldError, file: str, line: int | None, raw: str,
        statement_id: str | None = None, territory: str | None = None,
    ) -> Problem:
        return cls(file, line, error.field, error.key, error.values, raw, statement_id,
                   territory)


@dataclass(slots=True)
class Void:
    """An xAPI voiding statement: the statement ``target`` no longer counts."""

    statement_id: str
    target: str
    file: str
    line: int
    raw: str


@dataclass(slots=True)
class Batch:
    """What an importer hands over at a time: at most a few thousand inputs, in file order."""

    records: list[ActivityRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    voids: list[Void] = field(default_factory=list)
    position: int = 0  # bytes of the file read so far, for the progress bar

    def __len__(self) -> int:
        return len(self.records) + len(self.problems) + len(self.voids)
