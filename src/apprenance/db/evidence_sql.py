"""The statements of the evidence totals (``learner_evidence``, the learners' first and last
days) and of what is read to show a learner's evidence, on SQLite and PostgreSQL.

The hot paths (adding an ingest's totals, reading a chunk's totals for an evaluation,
reading every activity for a rebuild) go through the driver (``raw_sql``); the others through
SQLAlchemy's ``tables``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Connection, RowMapping, delete, func, select, update

from apprenance.db import tables as t
from apprenance.db.raw_sql import chunked, driver_time, is_sqlite, marks, raw_cursor
from apprenance.domain import evidence_codec as codec
from apprenance.domain.evidence import Totals, day_of

CHUNK = 500
EMPTY = codec.encode(Totals())
STORED_COLUMNS = ("id", "learner_id", "occurred_on", "activity_type", "assigned_type",
                  "function", "project_id", "territory_id", "duration_hours", "voided")


def learners_of_activities(conn: Connection, activity_ids: Sequence[str]) -> set[int]:
    """The learners the given activities belong to."""
    learners: set[int] = set()
    for chunk in chunked(activity_ids, CHUNK):
        learners.update(
            conn.execute(
                select(t.activities.c.learner_id).where(t.activities.c.id.in_(chunk))
            ).scalars()
        )
    return learners


def all_learner_ids(conn: Connection) -> list[int]:
    return list(conn.execute(select(t.learners.c.id)).scalars())


def clear_evidence(conn: Connection, learner_ids: Sequence[int]) -> None:
    """Forget the totals and first/last days of these learners (at most ``CHUNK``)."""
    conn.execute(delete(t.learner_evidence).where(
        t.learner_evidence.c.learner_id.in_(learner_ids)))
    conn.execute(
        update(t.learners)
        .where(t.learners.c.id.in_(learner_ids))
        .values(first_activity=None, last_activity=None)
    )


def add_to_stored(
    conn: Connection, learners: Sequence[int], add: Callable[[int, codec.Packed], None],
    span: Callable[[int], tuple[date, date] | None], changed_at: datetime | None,
    held: dict[int, codec.Packed] | None = None,
) -> None:
    """Add to each learner's stored totals (``add(learner, packed)`` adds in place) and widen
    their first/last days to ``span(learner)``, through the driver (this runs for every
    transaction of an ingest): each learner's value is read, added to and written back once.

    ``held``: totals known to be the stored ones (kept by the caller from one transaction to
    the next while nobody else wrote); those learners' values are not read again, and every
    learner's new totals are put in it."""
    if not learners:
        return
    sqlite = is_sqlite(conn)
    mark = marks(conn)
    known = held if held is not None else {}
    with raw_cursor(conn) as cursor:
        # learners in id order: two ingests adding to the same learners lock their rows in
        # the same order, and so never wait for each other in a circle (deadlock). Every
        # learner gets a row first, so that the rows read next exist and are locked
        # (PostgreSQL).
        ids = sorted(learners)
        read = [i for i in ids if i not in known] if known else ids
        cursor.executemany(
            f"INSERT INTO learner_evidence (learner_id, totals) VALUES ({marks(conn, 2)}) "
            "ON CONFLICT (learner_id) DO NOTHING", [(i, EMPTY) for i in read])
        stored: dict[int, bytes] = {}
        lock_rows = "" if sqlite else " ORDER BY learner_id FOR UPDATE"
        for chunk in chunked(read, CHUNK):
            cursor.execute(
                "SELECT learner_id, totals FROM learner_evidence "
                f"WHERE learner_id IN ({marks(conn, len(chunk))}){lock_rows}", tuple(chunk))
            stored.update(cursor.fetchall())
        values = []
        for i in ids:
            packed = known.get(i)
            if packed is None:
                packed = codec.Packed.unpack(stored[i])
                if held is not None:
                    held[i] = packed
            add(i, packed)
            values.append((packed.pack(), i))
        cursor.executemany(
            f"UPDATE learner_evidence SET totals = {mark} WHERE learner_id = {mark}", values)
        least, greatest = ("min", "max") if sqlite else ("least", "greatest")
        changed = driver_time(conn, changed_at)
        spans = []
        for learner in ids:
            days = span(learner)
            if days is None:
                continue
            first = driver_time(conn, datetime.combine(days[0], time(), UTC))
            last = driver_time(conn, datetime.combine(days[1], time(), UTC))
            spans.append((first, first, last, last, changed, learner))
        cursor.executemany(
            f"UPDATE learners SET first_activity = coalesce({least}(first_activity, {mark}), "
            f"{mark}) , last_activity = coalesce({greatest}(last_activity, {mark}), {mark}), "
            f"evidence_changed_at = coalesce({mark}, evidence_changed_at) WHERE id = {mark}",
            spans,
        )


def stored_activity_rows(conn: Connection, learner_ids: Sequence[int]) -> list[dict[str, Any]]:
    """The stored activities of the learners (``STORED_COLUMNS``), with their witnesses' roles
    (``witness_roles``), through the driver: a rebuild reads every activity."""
    in_list = marks(conn, len(learner_ids))
    roles: dict[str, list[str]] = defaultdict(list)
    with raw_cursor(conn) as cursor:
        cursor.execute(
            "SELECT t.activity_id, t.witness_role FROM attestations t JOIN activities a "
            f"ON a.id = t.activity_id WHERE a.learner_id IN ({in_list})", tuple(learner_ids))
        for activity_id, role in cursor:
            roles[activity_id].append(role or "")
        cursor.execute(f"SELECT {', '.join(STORED_COLUMNS)} FROM activities "
                       f"WHERE learner_id IN ({in_list})", tuple(learner_ids))
        rows = [dict(zip(STORED_COLUMNS, values, strict=True)) for values in cursor]
    for row in rows:
        row["witness_roles"] = roles.get(row["id"], ())
    return rows


def type_spans(
    conn: Connection, learner_ids: Sequence[int]
) -> Iterator[tuple[int, str, date, date]]:
    """(learner, type counted, first day, last day) of the learners' stored activities that are
    not voided, per type (its assigned type when it has one)."""
    a = t.activities.c
    kind = func.coalesce(a.assigned_type, a.activity_type)
    for chunk in chunked(learner_ids, CHUNK):
        for learner, type_id, first, last in conn.execute(
            select(a.learner_id, kind, func.min(a.occurred_on), func.max(a.occurred_on))
            .where(a.learner_id.in_(chunk), a.voided.is_(False))
            .group_by(a.learner_id, kind)
        ):
            yield int(learner), str(type_id), day_of(first), day_of(last)


def activity_rows(
    conn: Connection, learner_ids: Sequence[int]
) -> Iterator[tuple[RowMapping, tuple[str, ...]]]:
    """Every stored activity of the learners in date order, with its witnesses' roles."""
    roles: dict[str, list[str]] = defaultdict(list)
    a, at = t.activities.c, t.attestations.c
    for activity_id, role in conn.execute(
        select(at.activity_id, at.witness_role)
        .join(t.activities, a.id == at.activity_id)
        .where(a.learner_id.in_(learner_ids))
    ):
        roles[activity_id].append(role or "")
    for row in conn.execute(
        select(t.activities).where(a.learner_id.in_(learner_ids)).order_by(a.occurred_at)
    ).mappings():
        yield row, tuple(roles.get(row["id"], ()))


def stored_totals(conn: Connection, learner_ids: Sequence[int]) -> dict[int, Totals]:
    """The stored totals of the given learners (empty totals for those without evidence).

    This is the hot path of mass evaluation: one value per learner, through the driver."""
    out: dict[int, Totals] = {}
    decode, day = codec.decode, day_of
    with raw_cursor(conn) as cursor:
        for chunk in chunked(list(learner_ids), CHUNK):
            cursor.execute(
                "SELECT l.id, e.totals, l.first_activity, l.last_activity FROM learners l "
                "LEFT JOIN learner_evidence e ON e.learner_id = l.id "
                f"WHERE l.id IN ({marks(conn, len(chunk))})", tuple(chunk))
            for learner, value, first, last in cursor:
                totals = out[learner] = decode(value)
                totals.first = day(first) if first else None
                totals.last = day(last) if last else None
    for learner in learner_ids:
        out.setdefault(learner, Totals())
    return out


def stored_value(conn: Connection, learner_id: int) -> bytes | None:
    """A learner's stored totals, encoded (``evidence_codec``), or None."""
    value: bytes | None = conn.execute(select(t.learner_evidence.c.totals).where(
        t.learner_evidence.c.learner_id == learner_id)).scalar_one_or_none()
    return value


def learner_row(conn: Connection, learner_id: int) -> RowMapping:
    """The learner's row (``tables.learners``)."""
    return conn.execute(
        select(t.learners).where(t.learners.c.id == learner_id)).mappings().one()


def activity_row(conn: Connection, activity_id: str) -> RowMapping | None:
    """An activity's row (``tables.activities``) with its learner's ``participant``."""
    return conn.execute(
        select(t.activities, t.learners.c.participant)
        .join(t.learners, t.learners.c.id == t.activities.c.learner_id)
        .where(t.activities.c.id == activity_id)
    ).mappings().one_or_none()


def witnesses_of(conn: Connection, activity_id: str) -> list[tuple[str, str | None]]:
    """(witness, role) of each attestation of the activity."""
    return list(conn.execute(
        select(t.attestations.c.witness, t.attestations.c.witness_role)
        .where(t.attestations.c.activity_id == activity_id)
    ).tuples())

