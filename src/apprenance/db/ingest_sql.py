"""The statements of the ingest hot path, on SQLite and PostgreSQL.

Activities and attestations go through the driver's own connection (``executemany`` with a
prepared statement on SQLite; on PostgreSQL a binary ``COPY`` into a temporary table then
``INSERT ... SELECT ... ON CONFLICT DO NOTHING RETURNING``, in ``db/pg_ingest``, which also
reads the 24-hour cap's day totals): SQLAlchemy's per-row work would cost more than the whole
insert. Values are written exactly as SQLAlchemy writes them, so that the rest of apprenance
reads them back through the ``tables`` definitions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from itertools import compress
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, func, select, update

from apprenance.contracts.records import ActivityRecord
from apprenance.db import pg_ingest, sqlite_times
from apprenance.db import tables as t
from apprenance.db.activity_columns import ActivityColumns
from apprenance.db.raw_sql import is_sqlite, marks
from apprenance.db.writes import insert_for

sqlite_time = sqlite_times.sqlite_time  # how the statements here write times
COLUMNS, ATTESTATION_COLUMNS = pg_ingest.COLUMNS, pg_ingest.ATTESTATION_COLUMNS  # one list
CHUNK = 1000
_WITNESS = itemgetter("witness")
SQLITE_CACHE_KIB = 32768  # page cache of the ingesting connection: index pages stay in memory
# Optional text columns are bound as '' and stored as NULL (``NULLIF(?, '')``; none of them is
# ever '' in a record): the driver binds str, int and float directly, but None through its
# adapter lookup, which costs more than SQLite's insert of the value (0.6 s of CPU for five
# None columns of 500,000 rows: docs/benchmarks.md, "SQLite, fifth session")
_OPTIONAL_TEXT = frozenset({"territory_id", "project_id", "function", "suggested_type",
                            "description", "evidence_url", "extra", "source_ref",
                            "witness_role"})


def _values(columns: Sequence[str]) -> str:
    return ", ".join("NULLIF(?, '')" if c in _OPTIONAL_TEXT else "?" for c in columns)


_SQLITE_INSERT = (
    f"INSERT INTO activities ({', '.join(COLUMNS)}) VALUES ({_values(COLUMNS)}) "
    "ON CONFLICT DO NOTHING"
)
_SQLITE_ATTEST = (
    f"INSERT INTO attestations ({', '.join(ATTESTATION_COLUMNS)}) VALUES "
    f"({_values(ATTESTATION_COLUMNS)}) ON CONFLICT DO NOTHING"
)


def lock_for_writing(conn: Connection) -> None:
    """On SQLite, take the write lock now, so that what the batch reads stays true."""
    if is_sqlite(conn):
        conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def change_stamp(conn: Connection) -> tuple[object, int] | None:
    """On SQLite, what tells whether another connection committed since: this connection and
    its ``PRAGMA data_version`` (unchanged by its own commits, changed by any other's); None
    on PostgreSQL (no such promise: what was read is read again, under row locks)."""
    if not is_sqlite(conn):
        return None
    raw = conn.connection.driver_connection
    row = raw.execute("PRAGMA data_version").fetchone()  # type: ignore[union-attr]
    return raw, int(row[0])


def existing_ids(conn: Connection, ids: Sequence[str]) -> dict[str, tuple[str, str, int]]:
    """id -> (content hash, source file, source line) for the ids already stored."""
    out: dict[str, tuple[str, str, int]] = {}
    cur = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    for start in range(0, len(ids), 5000):
        chunk = list(ids[start : start + 5000])
        if is_sqlite(conn):
            cur.execute(
                "SELECT id, content_hash, source_file, source_line FROM activities "
                f"WHERE id IN ({marks(conn, len(chunk))})", chunk)
        else:
            cur.execute("SELECT id, content_hash, source_file, source_line FROM activities "
                        "WHERE id = ANY(%s)", (chunk,))
        for rid, digest, source, line in cur.fetchall():
            out[rid] = (digest, source, line)
    return out


def find_or_create_learners(
    conn: Connection, records: Sequence[ActivityRecord], now: datetime
) -> tuple[dict[str, tuple[int, str | None]], set[str]]:
    """participant -> (learner id, role) for the participants of ``records`` (one record
    each), creating the missing learners from the record; also the participants created."""
    lc = t.learners.c
    found = _learners_named(conn, [r["participant"] for r in records])
    # in participant order: two ingests creating the same learners never wait in a circle
    new = sorted((r for r in records if r["participant"] not in found),
                 key=lambda r: r["participant"])
    created: set[str] = set()
    if new:
        stmt = insert_for(conn)(t.learners).on_conflict_do_nothing(
            index_elements=["participant"])
        rows = [{"participant": r["participant"], "name": r["learner_name"],
                 "role": r["learner_role"], "source_file": r["source_file"],
                 "source_line": r["source_line"], "created_at": now} for r in new]
        for start in range(0, len(rows), CHUNK):
            for lid, participant, role in conn.execute(
                stmt.returning(lc.id, lc.participant, lc.role), rows[start : start + CHUNK]
            ):
                found[participant] = (lid, role)
                created.add(participant)
        late = [r["participant"] for r in new if r["participant"] not in found]
        if late:  # created meanwhile by another ingest
            found.update(_learners_named(conn, late))
    return found, created


def learner_ids(conn: Connection, participants: Sequence[str]) -> dict[str, int]:
    """participant -> learner id, for those of ``participants`` who are learners."""
    return {p: lid for p, (lid, _role) in _learners_named(conn, participants).items()}


def _learners_named(conn: Connection, participants: Sequence[str]
                    ) -> dict[str, tuple[int, str | None]]:
    """participant -> (learner id, role), for those of ``participants`` who are learners."""
    lc = t.learners.c
    found: dict[str, tuple[int, str | None]] = {}
    for start in range(0, len(participants), CHUNK):
        for lid, participant, role in conn.execute(
            select(lc.id, lc.participant, lc.role).where(
                lc.participant.in_(participants[start : start + CHUNK]))
        ):
            found[participant] = (lid, role)
    return found


def set_role_if_none(conn: Connection, learner_id: int, role: str) -> None:
    """Give the learner ``learner_id`` the role ``role`` if they have none yet."""
    lc = t.learners.c
    conn.execute(update(t.learners).where(lc.id == learner_id, lc.role.is_(None))
                 .values(role=role))


def lock_learners(conn: Connection, learner_ids: Sequence[int]) -> None:
    """On PostgreSQL, lock these learners' rows (in id order) until the transaction ends."""
    if is_sqlite(conn):
        return
    pg_ingest.lock_learners(conn, learner_ids)


def day_totals(conn: Connection, learner_ids: Sequence[int]) -> Iterable[tuple[int, Any, float]]:
    """(learner, day, hours) of the stored, not voided activities of these learners."""
    if not is_sqlite(conn):
        return pg_ingest.day_totals(conn, learner_ids)
    return _sqlite_day_totals(conn, learner_ids)


def _sqlite_day_totals(conn: Connection, learner_ids: Sequence[int]
                       ) -> Iterable[tuple[int, Any, float]]:
    a = t.activities.c
    for start in range(0, len(learner_ids), CHUNK):
        yield from conn.execute(
            select(a.learner_id, a.occurred_on, func.sum(a.duration_hours))
            .where(a.learner_id.in_(learner_ids[start : start + CHUNK]), a.voided.is_(False))
            .group_by(a.learner_id, a.occurred_on)
        ).tuples()


def insert_activities(
    conn: Connection, records: list[ActivityRecord], now: datetime,
    duplicates_likely: bool = False,
) -> tuple[set[str], dict[str, tuple[str, str, int]] | None]:
    """Insert the records whose id is not stored yet: (ids inserted, what is stored for the
    others when it had to be read). ``duplicates_likely`` (the last batch had some): on
    SQLite the stored ids are read first, rather than after an insert that is undone."""
    if not records:
        return set(), None
    for rec in records:
        rec["ingested_at"] = now
    if is_sqlite(conn):
        return _sqlite_insert(conn, records, now, duplicates_likely)
    return pg_ingest.insert_activities(conn, records), None


def _sqlite_insert(
    conn: Connection, records: list[ActivityRecord], now: datetime, duplicates_likely: bool,
) -> tuple[set[str], dict[str, tuple[str, str, int]] | None]:
    """Insert everything; only when some id was already there, undo and insert the others
    (the write lock is held, so what is read stays true). When duplicates are likely, read
    the stored ids first and insert the others."""
    rows = list(ActivityColumns.of(records).stored_rows(
        [r["learner_id"] for r in records], sqlite_time(now)))
    existing = existing_ids(conn, [r[0] for r in rows]) if duplicates_likely else None
    new = rows if existing is None else [r for r in rows if r[0] not in existing]
    if insert_all(conn, new, len(new)):
        return {r[0] for r in new}, existing
    existing = existing_ids(conn, [r[0] for r in rows])
    rows = [r for r in rows if r[0] not in existing]
    raw = conn.connection.driver_connection
    assert raw is not None
    raw.executemany(_SQLITE_INSERT, rows)  # the write lock is held: none is stored meanwhile
    return {r[0] for r in rows}, existing


def insert_all(conn: Connection, rows: Iterable[Sequence[Any]], count: int) -> bool:
    """SQLite: insert ``count`` activity ``rows`` (in ``COLUMNS`` order, optional text as '')
    if none of their ids is stored yet; otherwise insert nothing and say so."""
    raw = conn.connection.driver_connection
    assert raw is not None
    raw.execute("SAVEPOINT ingest_batch")
    before = raw.total_changes
    raw.executemany(_SQLITE_INSERT, rows)
    if raw.total_changes - before == count:
        raw.execute("RELEASE ingest_batch")
        return True
    raw.execute("ROLLBACK TO ingest_batch")
    raw.execute("RELEASE ingest_batch")
    return False


def insert_attestations(conn: Connection, records: list[ActivityRecord], now: datetime) -> None:
    """The attestations of stored records that name a witness."""
    attest = list(compress(records, map(_WITNESS, records)))
    if not attest:
        return
    if not is_sqlite(conn):
        pg_ingest.insert_attestations(conn, attest, now)
        return
    insert_attestation_rows(conn, ActivityColumns.of(attest).attestation_rows(
        range(len(attest)), sqlite_time(now)))


def insert_attestation_rows(conn: Connection, rows: Iterable[Sequence[Any]]) -> None:
    """SQLite: attestation ``rows`` in ``ATTESTATION_COLUMNS`` order, optional text as ''."""
    raw = conn.connection.driver_connection
    assert raw is not None
    raw.executemany(_SQLITE_ATTEST, rows)


def territories_and_projects(conn: Connection) -> tuple[frozenset[str], dict[str, str]]:
    """The territories' ids, and project id -> its territory, of the store."""
    territories = frozenset(conn.execute(select(t.territories.c.id)).scalars())
    projects = {pid: tid for pid, tid in
                conn.execute(select(t.projects.c.id, t.projects.c.territory_id))}
    return territories, projects


def delete_activities(conn: Connection, ids: Sequence[str]) -> None:
    """Take back activities inserted by this batch (over the 24-hours-a-day limit)."""
    a = t.activities.c
    for start in range(0, len(ids), CHUNK):
        conn.execute(t.activities.delete().where(a.id.in_(ids[start : start + CHUNK])))


def voided_state(conn: Connection, ids: Sequence[str]) -> dict[str, bool]:
    a = t.activities.c
    out: dict[str, bool] = {}
    for start in range(0, len(ids), CHUNK):
        for rid, voided in conn.execute(
            select(a.id, a.voided).where(a.id.in_(ids[start : start + CHUNK]))
        ):
            out[rid] = bool(voided)
    return out


def mark_voided(conn: Connection, ids: Sequence[str]) -> None:
    a = t.activities.c
    for start in range(0, len(ids), CHUNK):
        conn.execute(update(t.activities).where(a.id.in_(ids[start : start + CHUNK]))
                     .values(voided=True))


def hours_of(conn: Connection, ids: Sequence[str]) -> list[tuple[int, Any, float]]:
    """(learner, day, hours) of the given activities."""
    a = t.activities.c
    out: list[tuple[int, Any, float]] = []
    for start in range(0, len(ids), CHUNK):
        out.extend(conn.execute(select(a.learner_id, a.occurred_on, a.duration_hours).where(
            a.id.in_(ids[start : start + CHUNK]))).tuples())
    return out


def learner_territories(conn: Connection, learner_ids: Sequence[int]) -> dict[int, str]:
    """learner -> the territory they belong to, for those who belong to one."""
    lc = t.learners.c
    out: dict[int, str] = {}
    for start in range(0, len(learner_ids), CHUNK):
        for lid, home in conn.execute(select(lc.id, lc.territory_id).where(
                lc.id.in_(learner_ids[start : start + CHUNK]), lc.territory_id.is_not(None))):
            out[lid] = home
    return out


def activity_territories(conn: Connection, ids: Sequence[str]) -> dict[str, set[str | None]]:
    """activity -> its territory and its learner's (for the activities stored)."""
    a, lc = t.activities.c, t.learners.c
    out: dict[str, set[str | None]] = {}
    for start in range(0, len(ids), CHUNK):
        for rid, place, home in conn.execute(
            select(a.id, a.territory_id, lc.territory_id).join(t.learners, lc.id == a.learner_id)
            .where(a.id.in_(ids[start : start + CHUNK]))
        ):
            out[rid] = {place, home}
    return out


def as_day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
