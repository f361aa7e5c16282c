"""Keeping each learner's evidence totals up to date as activities arrive, and reading them.

Totals are kept per catalog version: when the catalog changes (a mapping gains a type, weights
change), the next write or read rebuilds them from the stored activities.

Several processes may write at once. Adding to the totals happens in the transaction that
stores the activities added, and rows are upserted in key order (no deadlock between two
ingests). On PostgreSQL a rebuild holds an advisory lock exclusively while additions share it:
a rebuild never misses nor counts twice what a concurrent ingest adds, and two processes that
find the totals out of date rebuild them once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Connection, delete, select, update

from apprenance.db import tables as t
from apprenance.db.writes import EVIDENCE_LOCK, lock, read_meta, write_meta
from apprenance.domain import evidence_codec as codec
from apprenance.domain.catalog import Catalog
from apprenance.domain.evidence import (
    ANY_ROLE,
    ATTESTATION,
    TOTAL,
    ActivityFacts,
    Key,
    Totals,
    facts_for,
)

META_KEY = "evidence_catalog_version"
CHUNK = 500
EMPTY = codec.encode(Totals())
TOTAL_KEY: Key = (TOTAL, "")


def effective_type(row: Mapping[Any, Any]) -> str:
    return str(row.get("assigned_type") or row["activity_type"])


def _day(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def row_facts(
    catalog: Catalog, row: Mapping[Any, Any], witness_roles: tuple[str, ...]
) -> ActivityFacts | None:
    """The facts of a stored activity row, or None when it does not count (unmapped, voided)."""
    if row.get("voided"):
        return None
    kind = catalog.activity_types.get(effective_type(row))
    if kind is None:
        return None
    return facts_for(
        activity_id=str(row["id"]),
        day=_day(row["occurred_on"]),
        hours=float(row["duration_hours"]),
        kind=kind,
        function=row.get("function"),
        project=row.get("project_id"),
        territory=row.get("territory_id"),
        witness_roles=witness_roles,
    )


def add_to_evidence(conn: Connection, catalog: Catalog, rows: Sequence[Mapping[str, Any]]) -> None:
    """Add newly stored activity rows (with ``witness_role``/``witness`` keys) to the totals."""
    if not rows:
        return
    sums = GroupSums(catalog)
    sums.add(rows)
    add_sums(conn, catalog, sums, max((r["ingested_at"] for r in rows), default=None))


def add_sums(
    conn: Connection, catalog: Catalog, sums: GroupSums, changed_at: datetime | None
) -> None:
    """Add what ``sums`` holds (activities stored in this transaction) to the totals."""
    if not sums:
        return
    current = stored_version(conn) == catalog.version
    lock(conn, EVIDENCE_LOCK, shared=current)
    if stored_version(conn) != catalog.version:  # read again: another process may have rebuilt
        rebuild_evidence(conn, catalog)  # counts the new rows too: they are in this transaction
        return
    _write_deltas(conn, sums.totals(), changed_at)


def totals_of_rows(catalog: Catalog, rows: Sequence[Mapping[str, Any]]) -> dict[int, Totals]:
    """What ``rows`` add to each learner's totals."""
    sums = GroupSums(catalog)
    sums.add(rows)
    return sums.totals()


class GroupSums:
    """What activity rows add to learners' totals, summed as they come (the hot path of ingest).

    Pillar and competence weights depend on the activity type only, so hours are summed per
    (learner, type) and weighed once per pair when the totals are asked for; the other
    dimensions are summed per (learner, dimension, key) directly."""

    def __init__(self, catalog: Catalog) -> None:
        self.kinds = catalog.activity_types
        self.by_type: dict[tuple[int, str], list[float]] = {}
        self.plain: dict[tuple[int, str, str], list[float]] = {}
        self.spans: dict[int, list[date]] = {}
        self._months: dict[Any, str] = {}

    def __bool__(self) -> bool:
        return bool(self.by_type)

    def add(self, rows: Iterable[Mapping[str, Any]]) -> None:
        kinds, by_type, plain, spans = self.kinds, self.by_type, self.plain, self.spans
        months = self._months
        for row in rows:
            if row.get("voided"):
                continue
            kind = kinds.get(row.get("assigned_type") or row["activity_type"])
            if kind is None:
                continue
            learner = int(row["learner_id"])
            hours = float(row["duration_hours"])
            on = row["occurred_on"]
            day = _day(on)
            month = months.get(on)
            if month is None:
                month = months[on] = f"{day.year:04d}-{day.month:02d}"
            acc = by_type.get((learner, kind.id))
            if acc is None:
                by_type[(learner, kind.id)] = [hours, 1]
            else:
                acc[0] += hours
                acc[1] += 1
            function = row.get("function") or (kind.functions[0] if kind.functions else None)
            keys = [("month", month)]
            if function:
                keys.append(("function", function))
            if row.get("project_id"):
                keys.append(("project", row["project_id"]))
            if row.get("territory_id"):
                keys.append(("territory", row["territory_id"]))
            for dim, key in keys:
                acc = plain.get((learner, dim, key))
                if acc is None:
                    plain[(learner, dim, key)] = [hours, 1]
                else:
                    acc[0] += hours
                    acc[1] += 1
            roles = row.get("witness_roles")  # stored rows: every attestation's role
            if roles is None:  # rows being ingested: at most one witness
                roles = (str(row.get("witness_role") or ""),) if row.get("witness") else ()
            if roles:
                for key in {ANY_ROLE, *roles}:
                    if not key:
                        continue  # a witness of unknown role counts for any role only
                    acc = plain.get((learner, ATTESTATION, key))
                    if acc is None:
                        plain[(learner, ATTESTATION, key)] = [0.0, 1]
                    else:
                        acc[1] += 1
            span = spans.get(learner)
            if span is None:
                spans[learner] = [day, day]
            elif day < span[0]:
                span[0] = day
            elif day > span[1]:
                span[1] = day

    def totals(self) -> dict[int, Totals]:
        """The sums as each learner's totals (as ``Totals.add`` of each activity would give,
        up to the order in which hours are added)."""
        kinds = self.kinds
        out: dict[int, Totals] = defaultdict(Totals)
        weights: dict[str, list[tuple[Key, float]]] = {}
        for (learner, kind_id), (hours, n) in self.by_type.items():
            weighted = weights.get(kind_id)
            if weighted is None:
                kind = kinds[kind_id]
                weighted = weights[kind_id] = [
                    (TOTAL_KEY, 1.0), (("activity", kind_id), 1.0),
                    *((("pillar", p), w) for p, w in kind.pillars.items()),
                    *((("competence", k), w) for k, w in kind.competences.items())]
            totals = out[learner]
            h, c = totals.hours, totals.counts
            count = int(n)
            for key, weight in weighted:
                h[key] += hours * weight
                c[key] += count
        for (learner, dim, name), (hours, n) in self.plain.items():
            totals = out[learner]
            if dim != ATTESTATION:
                totals.hours[(dim, name)] += hours
            totals.counts[(dim, name)] += int(n)
        for learner, (first, last) in self.spans.items():
            out[learner].first, out[learner].last = first, last
        return out

    def clear(self) -> None:
        self.by_type, self.plain, self.spans = {}, {}, {}


def remove_from_evidence(conn: Connection, catalog: Catalog, activity_ids: Iterable[str]) -> None:
    """Recompute the totals of the learners whose activities were voided or changed."""
    ids = list(activity_ids)
    if not ids:
        return
    learners: set[int] = set()
    for chunk in _chunks(ids, CHUNK):
        learners.update(
            conn.execute(
                select(t.activities.c.learner_id).where(t.activities.c.id.in_(chunk))
            ).scalars()
        )
    rebuild_evidence(conn, catalog, learner_ids=sorted(learners))


def rebuild_evidence(
    conn: Connection, catalog: Catalog, learner_ids: Sequence[int] | None = None
) -> int:
    """Recompute totals from the stored activities (all learners, or the given ones)."""
    lock(conn, EVIDENCE_LOCK)
    ids = list(learner_ids) if learner_ids is not None else list(
        conn.execute(select(t.learners.c.id)).scalars()
    )
    for chunk in _chunks(ids, CHUNK):
        conn.execute(delete(t.learner_evidence).where(
            t.learner_evidence.c.learner_id.in_(chunk)))
        conn.execute(
            update(t.learners)
            .where(t.learners.c.id.in_(chunk))
            .values(first_activity=None, last_activity=None)
        )
        sums = GroupSums(catalog)
        sums.add(_stored_rows(conn, chunk))
        _write_deltas(conn, sums.totals(), None)
    if learner_ids is None:
        write_meta(conn, META_KEY, catalog.version)
    return len(ids)


def ensure_current(conn: Connection, catalog: Catalog) -> bool:
    """Rebuild every total when they were computed with another catalog; True if rebuilt."""
    if stored_version(conn) == catalog.version:
        return False
    lock(conn, EVIDENCE_LOCK)
    if stored_version(conn) == catalog.version:  # rebuilt by another process meanwhile
        return False
    rebuild_evidence(conn, catalog)
    return True


def stored_version(conn: Connection) -> str | None:
    return read_meta(conn, META_KEY)


def _write_deltas(
    conn: Connection, per_learner: Mapping[int, Totals], changed_at: datetime | None
) -> None:
    """Add the totals to each learner's stored ones and widen their first/last days, through
    the driver (this runs for every transaction of an ingest): each learner's value is read,
    added to and written back once."""
    if not per_learner:
        return
    sqlite = conn.dialect.name == "sqlite"
    mark = "?" if sqlite else "%s"
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    # learners in id order: two ingests adding to the same learners lock their rows in the
    # same order, and so never wait for each other in a circle (deadlock). Every learner gets
    # a row first, so that the rows read next exist and are locked (PostgreSQL).
    ids = sorted(per_learner)
    cursor.executemany(
        f"INSERT INTO learner_evidence (learner_id, totals) VALUES ({mark}, {mark}) "
        "ON CONFLICT (learner_id) DO NOTHING", [(i, EMPTY) for i in ids])
    stored: dict[int, bytes] = {}
    lock_rows = "" if sqlite else " ORDER BY learner_id FOR UPDATE"
    for chunk in _chunks(ids, CHUNK):
        cursor.execute(
            "SELECT learner_id, totals FROM learner_evidence "
            f"WHERE learner_id IN ({','.join([mark] * len(chunk))}){lock_rows}", tuple(chunk))
        stored.update(cursor.fetchall())
    cursor.executemany(
        f"UPDATE learner_evidence SET totals = {mark} WHERE learner_id = {mark}",
        [(codec.encode(codec.merge(codec.decode(stored[i]), per_learner[i])), i) for i in ids])
    least, greatest = ("min", "max") if sqlite else ("least", "greatest")
    spans = []
    for learner in ids:
        totals = per_learner[learner]
        if totals.first is None or totals.last is None:
            continue
        first = datetime.combine(totals.first, time(), UTC)
        last = datetime.combine(totals.last, time(), UTC)
        spans.append((_stamp(first, sqlite), _stamp(last, sqlite), _stamp(changed_at, sqlite),
                      learner))
    cursor.executemany(
        f"UPDATE learners SET first_activity = coalesce({least}(first_activity, {mark}), "
        f"{mark}) , last_activity = coalesce({greatest}(last_activity, {mark}), {mark}), "
        f"evidence_changed_at = coalesce({mark}, evidence_changed_at) WHERE id = {mark}",
        [(f, f, la, la, ch, lid) for f, la, ch, lid in spans],
    )
    cursor.close()


def _stamp(value: datetime | None, sqlite: bool) -> object:
    """A timestamp as the driver stores it (SQLite keeps SQLAlchemy's text format)."""
    if value is None or not sqlite:
        return value
    return t.sqlite_time(value)


_STORED_COLUMNS = ("id", "learner_id", "occurred_on", "activity_type", "assigned_type",
                   "function", "project_id", "territory_id", "duration_hours", "voided")


def _stored_rows(conn: Connection, learner_ids: Sequence[int]) -> list[dict[str, Any]]:
    """The stored activities of the learners, with their witnesses' roles, as ``GroupSums``
    takes them (plain driver SQL: a rebuild reads every activity)."""
    mark = "?" if conn.dialect.name == "sqlite" else "%s"
    marks = ",".join([mark] * len(learner_ids))
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    roles: dict[str, list[str]] = defaultdict(list)
    cursor.execute(
        "SELECT t.activity_id, t.witness_role FROM attestations t JOIN activities a "
        f"ON a.id = t.activity_id WHERE a.learner_id IN ({marks})", tuple(learner_ids))
    for activity_id, role in cursor:
        roles[activity_id].append(role or "")
    cursor.execute(f"SELECT {', '.join(_STORED_COLUMNS)} FROM activities "
                   f"WHERE learner_id IN ({marks})", tuple(learner_ids))
    rows = [dict(zip(_STORED_COLUMNS, values, strict=True)) for values in cursor]
    cursor.close()
    for row in rows:
        row["witness_roles"] = roles.get(row["id"], ())
    return rows


def facts_by_learner(
    conn: Connection, catalog: Catalog, learner_ids: Sequence[int]
) -> list[tuple[list[ActivityFacts], int]]:
    roles: dict[str, list[str]] = defaultdict(list)
    a, at = t.activities.c, t.attestations.c
    for activity_id, role in conn.execute(
        select(at.activity_id, at.witness_role)
        .join(t.activities, a.id == at.activity_id)
        .where(a.learner_id.in_(learner_ids))
    ):
        roles[activity_id].append(role or "")
    per: dict[int, list[ActivityFacts]] = defaultdict(list)
    for row in conn.execute(
        select(t.activities).where(a.learner_id.in_(learner_ids)).order_by(a.occurred_at)
    ).mappings():
        facts = row_facts(catalog, row, tuple(roles.get(row["id"], ())))
        if facts is not None:
            per[int(row["learner_id"])].append(facts)
    return [(facts, learner) for learner, facts in per.items()]


def learner_facts(conn: Connection, catalog: Catalog, learner_id: int) -> list[ActivityFacts]:
    """The mapped activities of one learner, in date order."""
    found = facts_by_learner(conn, catalog, [learner_id])
    return found[0][0] if found else []


def load_totals(conn: Connection, learner_ids: Sequence[int]) -> dict[int, Totals]:
    """The stored totals of the given learners (empty totals for those without evidence).

    This is the hot path of mass evaluation: one value per learner, plain driver SQL."""
    out: dict[int, Totals] = {}
    mark = "?" if conn.dialect.name == "sqlite" else "%s"
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    decode, day = codec.decode, _day
    for chunk in _chunks(list(learner_ids), CHUNK):
        marks = ",".join([mark] * len(chunk))
        cursor.execute(
            "SELECT l.id, e.totals, l.first_activity, l.last_activity FROM learners l "
            f"LEFT JOIN learner_evidence e ON e.learner_id = l.id WHERE l.id IN ({marks})",
            tuple(chunk))
        for learner, value, first, last in cursor:
            totals = out[learner] = decode(value)
            totals.first = day(first) if first else None
            totals.last = day(last) if last else None
    cursor.close()
    for learner in learner_ids:
        out.setdefault(learner, Totals())
    return out


def stored_rows(conn: Connection, learner_id: int) -> list[tuple[str, str, float, int]]:
    """(dimension, key, hours, count) of a learner's stored totals, in key order."""
    value = conn.execute(select(t.learner_evidence.c.totals).where(
        t.learner_evidence.c.learner_id == learner_id)).scalar_one_or_none()
    return codec.decode(value).rows()


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
