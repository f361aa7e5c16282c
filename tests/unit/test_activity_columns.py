"""Records held by column (``db/activity_columns``): what the reading process sends the writer
for a large file read apart into SQLite. Its records must come back as the checks made them,
and its rows be those SQLite stores."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from apprenance.contracts.records import ActivityRecord
from apprenance.db.activity_columns import ActivityColumns
from apprenance.db.ingest_sql import ATTESTATION_COLUMNS, COLUMNS


def _record(i: int, **changes: Any) -> ActivityRecord:
    rec: dict[str, Any] = {
        "id": f"a{i}", "content_hash": f"{i:064x}", "participant": f"p{i % 3}@example.org",
        "learner_name": "Ana", "learner_role": "habitant",
        "occurred_at": datetime(2026, 3, 1 + i % 5, 9, 30, 15, 250, tzinfo=UTC),
        "occurred_on": date(2026, 3, 1 + i % 5), "territory_id": "val", "project_id": "jardin",
        "function": "alimentation", "activity_type": "atelier-cuisine", "suggested_type": None,
        "duration_hours": 1.5 + i, "description": "Semis", "evidence_url": None,
        "extra": None, "witness": None, "witness_role": None, "source_file": "/logs/a.csv",
        "source_line": i + 2, "source_ref": None, "voided": False, "assigned_type": None,
    }
    rec.update(changes)
    return rec  # type: ignore[return-value]


RECORDS = [
    _record(0),
    _record(1, territory_id=None, project_id=None, function=None, description=None,
            learner_name=None, learner_role=None, suggested_type="repair-cafe",
            activity_type="atelier-inconnu"),
    _record(2, extra={"résultat": {"score": 0.8}, "liste": [1, "é"]},
            evidence_url="https://example.org/p.jpg", source_ref="urn:uuid:1",
            witness="w@example.org", witness_role="elu"),
    _record(3, witness="v@example.org", voided=True, assigned_type="jardinage-collectif",
            occurred_at=datetime(2026, 3, 2, 23, 0, tzinfo=timezone(timedelta(hours=2)))
            .astimezone(UTC)),
]


def test_records_come_back_as_the_checks_made_them() -> None:
    columns = pickle.loads(pickle.dumps(ActivityColumns.of(RECORDS)))
    assert len(columns) == len(RECORDS)
    back = columns.records()
    assert back == RECORDS
    assert [columns.record(i) for i in (3, 1)] == [RECORDS[3], RECORDS[1]]
    assert columns.records([2, 0]) == [RECORDS[2], RECORDS[0]]
    assert all(r["occurred_at"].utcoffset() == timedelta(0) for r in back)
    assert columns.days() == [r["occurred_on"].toordinal() for r in RECORDS]


def test_rows_are_in_the_stored_form() -> None:
    columns = ActivityColumns.of(RECORDS)
    rows = [dict(zip(COLUMNS, row, strict=True))
            for row in columns.stored_rows([7, 8, 9, 7], "2026-09-15 10:00:00.000000")]
    assert [r["learner_id"] for r in rows] == [7, 8, 9, 7]
    assert rows[0]["occurred_at"] == "2026-03-01 09:30:15.000250"
    assert rows[3]["occurred_at"] == "2026-03-02 21:00:00.000000"
    assert rows[0]["occurred_on"] == "2026-03-01"
    # optional text as '' (stored as NULL by the insert), extra values as JSON, voided 0/1
    assert (rows[1]["territory_id"], rows[1]["function"], rows[1]["description"],
            rows[1]["source_ref"]) == ("", "", "", "")
    assert rows[1]["suggested_type"] == "repair-cafe"
    assert rows[2]["extra"] == '{"résultat": {"score": 0.8}, "liste": [1, "é"]}'
    assert (rows[0]["extra"], rows[0]["voided"], rows[3]["voided"]) == ("", 0, 1)
    assert all(r["ingested_at"] == "2026-09-15 10:00:00.000000" for r in rows)
    assert rows[2]["source_line"] == 4 and rows[2]["duration_hours"] == 3.5
    attest = [dict(zip(ATTESTATION_COLUMNS, row, strict=True))
              for row in columns.attestation_rows([2, 3], "2026-09-15 10:00:00.000000")]
    assert [(a["activity_id"], a["witness"], a["witness_role"]) for a in attest] == [
        ("a2", "w@example.org", "elu"), ("a3", "v@example.org", "")]
