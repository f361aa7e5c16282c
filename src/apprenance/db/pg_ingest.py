"""The ingest hot path on PostgreSQL, through the driver's own connection (psycopg 3).

Activities and attestations: a binary ``COPY`` into a temporary staging table of the same
columns (made once per session, emptied after each batch and at each commit), then one
``INSERT ... SELECT ... ON CONFLICT DO NOTHING`` into the table; the ids actually inserted come
back (``RETURNING id``), so that duplicates are decided by the database: two ingests of the
same file at the same time store every row once. Rows go in id order, so that two ingests of
overlapping files take their row locks in the same order.

The binary format skips both the text formatting of each value (client) and its parsing
(server): for 100,000 rows, 0.15 s of client CPU instead of 1.07 s, 0.24 s of server CPU
instead of 0.58 s (docs/benchmarks.md). Its values must have the staging columns' exact types
(``ACTIVITY_TYPES``): times are made UTC-aware as ``tables.UtcDateTime`` makes them, ``extra``
is written as the same JSON text as before (non-ASCII kept).

The 24-hour cap's reads: the learners' rows locked in one statement (id order), and their
stored day totals read as the driver's plain tuples (through SQLAlchemy, its per-row work cost
more than the query: every transaction reads again the days of all its learners).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import partial

from sqlalchemy import Connection

from apprenance.contracts.records import ActivityRecord
from apprenance.db.raw_sql import RawCursor, raw_cursor

COLUMNS = ("id", "learner_id", "occurred_at", "occurred_on", "territory_id", "project_id",
           "function", "activity_type", "suggested_type", "duration_hours", "description",
           "evidence_url", "extra", "content_hash", "voided", "source_file", "source_line",
           "source_ref", "ingested_at")
ACTIVITY_TYPES = ("varchar", "int4", "timestamptz", "date", "varchar", "varchar", "varchar",
                  "varchar", "varchar", "float8", "text", "text", "json", "varchar", "bool",
                  "text", "int4", "text", "timestamptz")
ATTESTATION_COLUMNS = ("activity_id", "witness", "witness_role", "source_file", "source_line",
                       "created_at")
ATTESTATION_TYPES = ("varchar", "varchar", "varchar", "text", "int4", "timestamptz")
_EXTRA_TEXT = partial(json.dumps, ensure_ascii=False)
_LEARNER_CHUNK = 10_000


def _stage(cur: RawCursor, table: str, name: str, columns: Sequence[str]) -> str:
    """The staging table ``name`` for ``table`` (created once per session); its columns."""
    cols = ", ".join(columns)
    cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} ON COMMIT DELETE ROWS AS "
                f"SELECT {cols} FROM {table} WITH NO DATA")
    return cols


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def insert_activities(conn: Connection, records: Sequence[ActivityRecord]) -> set[str]:
    """Insert the records whose id is not stored yet; the ids inserted."""
    with raw_cursor(conn) as cur:
        return _insert_activities(cur, records)


def _insert_activities(cur: RawCursor, records: Sequence[ActivityRecord]) -> set[str]:
    from psycopg.types.json import Json  # imported here: an SQLite ingest never loads psycopg

    cols = _stage(cur, "activities", "ingest_stage", COLUMNS)
    with cur.copy(f"COPY ingest_stage ({cols}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types(list(ACTIVITY_TYPES))
        write = copy.write_row
        for r in records:
            extra = r["extra"]
            write((
                r["id"], r["learner_id"], _utc(r["occurred_at"]), r["occurred_on"],
                r["territory_id"], r["project_id"], r["function"], r["activity_type"],
                r["suggested_type"], r["duration_hours"], r["description"],
                r["evidence_url"], None if extra is None else Json(extra, _EXTRA_TEXT),
                r["content_hash"], r["voided"], r["source_file"], r["source_line"],
                r["source_ref"], _utc(r["ingested_at"])))
    cur.execute(f"INSERT INTO activities ({cols}) SELECT {cols} FROM ingest_stage "
                "ORDER BY id ON CONFLICT (id) DO NOTHING RETURNING id")
    inserted = {row[0] for row in cur.fetchall()}
    cur.execute("TRUNCATE ingest_stage")
    return inserted


def insert_attestations(conn: Connection, attest: Sequence[ActivityRecord],
                        now: datetime) -> None:
    """The attestations of ``attest`` (stored records that name a witness), once each."""
    with raw_cursor(conn) as cur:
        _insert_attestations(cur, attest, now)


def _insert_attestations(cur: RawCursor, attest: Sequence[ActivityRecord],
                         now: datetime) -> None:
    cols = _stage(cur, "attestations", "ingest_stage_att", ATTESTATION_COLUMNS)
    created = _utc(now)
    with cur.copy(f"COPY ingest_stage_att ({cols}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types(list(ATTESTATION_TYPES))
        for r in attest:
            copy.write_row((r["id"], r["witness"], r["witness_role"], r["source_file"],
                            r["source_line"], created))
    cur.execute(f"INSERT INTO attestations ({cols}) SELECT {cols} FROM ingest_stage_att "
                "ON CONFLICT (activity_id, witness) DO NOTHING")
    cur.execute("TRUNCATE ingest_stage_att")


def lock_learners(conn: Connection, learner_ids: Sequence[int]) -> None:
    """Lock these learners' rows (in id order) until the transaction ends."""
    ids = sorted(learner_ids)
    with raw_cursor(conn) as cur:
        for start in range(0, len(ids), _LEARNER_CHUNK):
            cur.execute("SELECT id FROM learners WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
                        (ids[start : start + _LEARNER_CHUNK],))
            cur.fetchall()


def day_totals(conn: Connection, learner_ids: Sequence[int]) -> list[tuple[int, date, float]]:
    """(learner, day, hours) of the stored, not voided activities of these learners."""
    out: list[tuple[int, date, float]] = []
    with raw_cursor(conn) as cur:
        for start in range(0, len(learner_ids), _LEARNER_CHUNK):
            cur.execute("SELECT learner_id, occurred_on, sum(duration_hours) FROM activities "
                        "WHERE learner_id = ANY(%s) AND NOT voided "
                        "GROUP BY learner_id, occurred_on",
                        (list(learner_ids[start : start + _LEARNER_CHUNK]),))
            out.extend(cur.fetchall())
    return out
