"""Loading a large file into a store that holds little yet (SQLite): the activities' learner
index is dropped for the load and built once after it.

Kept up to date row by row, that index costs SQLite about as much as the rest of the insert
(each row lands on a random page of it: the learners come in any order); built after, from
the finished table, it is one sorted pass (docs/benchmarks.md, "bulk load"). While it is
missing, readers still get every answer, more slowly, and the one ingest reading by learner
(the 24-hour cap) reads each learner's stored days once per run. Every ingest builds it again
if it is missing when it ends, whatever the outcome, and so does ``apprenance init``: an
ingest killed midway leaves it missing only until the next one.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from apprenance.db import tables as t

# below this many rows in the files, the index is kept (building it again costs a pass over
# every stored row); above, it is dropped when the store holds fewer than half as many
BULK_MIN_ROWS = 50_000
ROW_BYTES = 150  # a log row's size on disk, at least (the benchmark's rows: 184 bytes)


def estimated_rows(sizes: list[int]) -> int:
    """At most how many rows files of these sizes in bytes hold (for choosing only)."""
    return sum(sizes) // ROW_BYTES


def worthwhile(conn: Connection, rows: int) -> bool:
    """Whether loading ``rows`` rows without the learner index, then building it, costs less
    than keeping it (SQLite only: PostgreSQL's 24-hour cap reads by learner every
    transaction, which the index serves)."""
    if conn.dialect.name != "sqlite" or rows < BULK_MIN_ROWS:
        return False
    limit = rows // 2  # counted up to this only: the answer is all that is needed
    stored = conn.execute(
        select(func.count()).select_from(select(t.activities.c.id).limit(limit).subquery())
    ).scalar_one()
    return bool(stored < limit)


def drop_learner_index(conn: Connection) -> None:
    t.activities_by_learner.drop(conn, checkfirst=True)


def restore_learner_index(conn: Connection) -> bool:
    """Build the index if it is missing; True when it was."""
    if _has_learner_index(conn):
        return False
    t.activities_by_learner.create(conn, checkfirst=True)
    return True


def _has_learner_index(conn: Connection) -> bool:
    name = t.activities_by_learner.name
    if conn.dialect.name == "sqlite":
        found = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)
        ).first()
    else:
        found = conn.exec_driver_sql("SELECT 1 FROM pg_indexes WHERE indexname = %(n)s",
                                     {"n": name}).first()
    return found is not None
