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
from datetime import date, datetime
from typing import Any

from apprenance.db import evidence_sql as sql
from apprenance.db.engine import Connection
from apprenance.db.evidence_sql import CHUNK, day_of
from apprenance.db.raw_sql import chunked
from apprenance.db.writes import EVIDENCE_LOCK, lock, read_meta, write_meta
from apprenance.domain import evidence_codec as codec
from apprenance.domain.catalog import ActivityType, Catalog
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
TOTAL_KEY: Key = (TOTAL, "")


def effective_type(row: Mapping[Any, Any]) -> str:
    return str(row.get("assigned_type") or row["activity_type"])


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
        day=day_of(row["occurred_on"]),
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
    conn: Connection, catalog: Catalog, sums: GroupSums, changed_at: datetime | None,
    held: HeldTotals | None = None,
) -> None:
    """Add what ``sums`` holds (activities stored in this transaction) to the totals
    (``held``: the stored totals an ingest keeps from one transaction to the next)."""
    if not sums:
        return
    current = stored_version(conn) == catalog.version
    lock(conn, EVIDENCE_LOCK, shared=current)
    if stored_version(conn) != catalog.version:  # read again: another process may have rebuilt
        rebuild_evidence(conn, catalog)  # counts the new rows too: they are in this transaction
        if held is not None:
            held.clear()
        return
    sql.add_to_stored(conn, sums.learners(), sums.add_packed, sums.span, changed_at,
                      held.usable() if held is not None else None)


class HeldTotals:
    """Learners' stored totals kept packed (``evidence_codec.Packed``) by an ingest from one
    transaction to the next, so that each transaction adds to them without reading and
    decoding them again; only while the store says nobody else wrote in between (SQLite: same
    connection, same ``PRAGMA data_version``, as ``ingest.days.DayLimit``). Forgotten when
    another connection committed, when a transaction is rolled back, when the ingest's own
    voids or a rebuild change totals, and past ``KEYS_LIMIT`` keys held (memory)."""

    KEYS_LIMIT = 1_000_000

    def __init__(self) -> None:
        self._values: dict[int, codec.Packed] = {}
        self._stamp: tuple[object, int] | None = None

    def begin(self, stamp: tuple[object, int] | None) -> None:
        """A new transaction, with the store's change stamp (``ingest_sql.change_stamp``)."""
        if stamp is None or stamp != self._stamp:
            self._values.clear()
        self._stamp = stamp

    def usable(self) -> dict[int, codec.Packed] | None:
        """The totals held (kept up to date by ``evidence_sql.add_to_stored``), or None when
        the store gives no stamp (PostgreSQL: values are read again, under row locks)."""
        if self._stamp is None:
            return None
        if sum(len(p.keys) for p in self._values.values()) > self.KEYS_LIMIT:
            self._values.clear()
        return self._values

    def clear(self) -> None:
        self._values.clear()

    def abandon(self) -> None:
        """The transaction under way was rolled back: what it added is not stored."""
        self._stamp = None
        self._values.clear()


def totals_of_rows(catalog: Catalog, rows: Sequence[Mapping[str, Any]]) -> dict[int, Totals]:
    """What ``rows`` add to each learner's totals."""
    sums = GroupSums(catalog)
    sums.add(rows)
    return sums.totals()


class GroupSums:
    """What activity rows add to learners' totals, summed as they come (the hot path of ingest).

    Pillar and competence weights depend on the activity type only, so hours are summed per
    learner and type and weighed once per pair when the sums are added to totals; the other
    dimensions are summed per learner and (dimension, key) directly. Sums are kept per learner,
    so that each learner's are added straight into their stored totals (``add_to``)."""

    def __init__(self, catalog: Catalog) -> None:
        self.kinds = catalog.activity_types
        self.by_type: dict[int, dict[str, list[float]]] = {}
        self.plain: dict[int, dict[Key, list[float]]] = {}
        self.spans: dict[int, list[date]] = {}
        self._months: dict[Any, tuple[date, Key]] = {}
        self._keys: dict[tuple[str, str], Key] = {}  # one tuple per (dimension, key)
        # (type, function, project, territory) as a row writes them -> their keys
        self._combos: dict[tuple[str, str | None, str | None, str | None], tuple[Key, ...]] = {}
        self._weights: dict[str, list[tuple[Key, float]]] = {}

    def __bool__(self) -> bool:
        return bool(self.by_type)

    def add(self, rows: Iterable[Mapping[str, Any]]) -> None:
        kinds, by_type, plain, spans = self.kinds, self.by_type, self.plain, self.spans
        months, keys_of, combos = self._months, self._keys, self._combos
        for row in rows:
            if row.get("voided"):
                continue
            kind = kinds.get(row.get("assigned_type") or row["activity_type"])
            if kind is None:
                continue
            learner = int(row["learner_id"])
            hours = float(row["duration_hours"])
            on = row["occurred_on"]
            found = months.get(on)
            if found is None:
                day = day_of(on)
                found = months[on] = (day, ("month", f"{day.year:04d}-{day.month:02d}"))
            day, month = found
            mine = by_type.get(learner)
            if mine is None:
                mine = by_type[learner] = {}
                keyed = plain[learner] = {}
            else:
                keyed = plain[learner]
            acc = mine.get(kind.id)
            if acc is None:
                mine[kind.id] = [hours, 1]
            else:
                acc[0] += hours
                acc[1] += 1
            written = (kind.id, row.get("function"), row.get("project_id"),
                       row.get("territory_id"))
            keys = combos.get(written)
            if keys is None:
                keys = combos[written] = self._combo(kind, *written[1:])
            for key in (month, *keys):
                acc = keyed.get(key)
                if acc is None:
                    keyed[key] = [hours, 1]
                else:
                    acc[0] += hours
                    acc[1] += 1
            roles = row.get("witness_roles")  # stored rows: every attestation's role
            if roles is None:  # rows being ingested: at most one witness
                roles = (str(row.get("witness_role") or ""),) if row.get("witness") else ()
            if roles:
                for role in {ANY_ROLE, *roles}:
                    if not role:
                        continue  # a witness of unknown role counts for any role only
                    key = keys_of.get((ATTESTATION, role)) or self._key(ATTESTATION, role)
                    acc = keyed.get(key)
                    if acc is None:
                        keyed[key] = [0.0, 1]
                    else:
                        acc[1] += 1
            span = spans.get(learner)
            if span is None:
                spans[learner] = [day, day]
            elif day < span[0]:
                span[0] = day
            elif day > span[1]:
                span[1] = day

    def _combo(self, kind: ActivityType, function: str | None, project: str | None,
               territory: str | None) -> tuple[Key, ...]:
        """The keys other than the month that a row of ``kind`` adds to, with the function,
        project and territory it names (the kind's first function when it names none)."""
        function = function or (kind.functions[0] if kind.functions else None)
        named = (("function", function), ("project", project), ("territory", territory))
        return tuple(self._keys.get((dimension, name)) or self._key(dimension, name)
                     for dimension, name in named if name)

    def _key(self, dimension: str, name: str) -> Key:
        key = self._keys[(dimension, name)] = (dimension, name)
        return key

    def learners(self) -> list[int]:
        """The learners with sums, in id order."""
        return sorted(self.by_type)

    def add_to(self, learner: int, into: Totals) -> Totals:
        """Add the learner's sums to ``into`` (in place; also returned), widening its first
        and last day (as ``Totals.add`` of each activity would, up to the order in which
        hours are added)."""
        h, c = into.hours, into.counts
        for kind_id, (hours, n) in self.by_type.get(learner, {}).items():
            weighted = self._weights.get(kind_id)
            if weighted is None:
                weighted = self._weighted(kind_id)
            count = int(n)
            for key, weight in weighted:
                h[key] += hours * weight
                c[key] += count
        for key, (hours, n) in self.plain.get(learner, {}).items():
            if key[0] != ATTESTATION:
                h[key] += hours
            c[key] += int(n)
        span = self.spans.get(learner)
        if span is not None:
            first, last = span
            into.first = first if into.first is None else min(into.first, first)
            into.last = last if into.last is None else max(into.last, last)
        into.invalidate()
        return into

    def add_packed(self, learner: int, into: codec.Packed) -> None:
        """Add the learner's sums to ``into`` (in place), as ``add_to`` adds to ``Totals``:
        the same additions in the same order (so the same hours to the last bit)."""
        slot, index, h, c = into.slot, into.index.get, into.hours, into.counts
        for kind_id, (hours, n) in self.by_type.get(learner, {}).items():
            weighted = self._weights.get(kind_id)
            if weighted is None:
                weighted = self._weighted(kind_id)
            count = int(n)
            for key, weight in weighted:
                i = index(key)
                if i is None:
                    i = slot(key)
                h[i] += hours * weight
                c[i] += count
        for key, (hours, n) in self.plain.get(learner, {}).items():
            i = index(key)
            if i is None:
                i = slot(key)
            if key[0] != ATTESTATION:
                h[i] += hours
            c[i] += int(n)

    def span(self, learner: int) -> tuple[date, date] | None:
        """The first and last day of the learner's sums."""
        found = self.spans.get(learner)
        return None if found is None else (found[0], found[1])

    def _weighted(self, kind_id: str) -> list[tuple[Key, float]]:
        kind = self.kinds[kind_id]
        weighted = self._weights[kind_id] = [
            (TOTAL_KEY, 1.0), (("activity", kind_id), 1.0),
            *((("pillar", p), w) for p, w in kind.pillars.items()),
            *((("competence", k), w) for k, w in kind.competences.items())]
        return weighted

    def totals(self) -> dict[int, Totals]:
        """The sums as each learner's totals."""
        return {learner: self.add_to(learner, Totals()) for learner in self.by_type}

    def clear(self) -> None:
        self.by_type, self.plain, self.spans = {}, {}, {}


def remove_from_evidence(conn: Connection, catalog: Catalog, activity_ids: Iterable[str]) -> None:
    """Recompute the totals of the learners whose activities were voided or changed."""
    ids = list(activity_ids)
    if not ids:
        return
    learners = sql.learners_of_activities(conn, ids)
    rebuild_evidence(conn, catalog, learner_ids=sorted(learners))


def rebuild_evidence(
    conn: Connection, catalog: Catalog, learner_ids: Sequence[int] | None = None
) -> int:
    """Recompute totals from the stored activities (all learners, or the given ones)."""
    lock(conn, EVIDENCE_LOCK)
    ids = list(learner_ids) if learner_ids is not None else sql.all_learner_ids(conn)
    for chunk in chunked(ids, CHUNK):
        sql.clear_evidence(conn, chunk)
        sums = GroupSums(catalog)
        sums.add(sql.stored_activity_rows(conn, chunk))
        sql.add_to_stored(conn, sums.learners(), sums.add_packed, sums.span, None)
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


def facts_by_learner(
    conn: Connection, catalog: Catalog, learner_ids: Sequence[int]
) -> list[tuple[list[ActivityFacts], int]]:
    per: dict[int, list[ActivityFacts]] = defaultdict(list)
    for row, roles in sql.activity_rows(conn, learner_ids):
        facts = row_facts(catalog, row, roles)
        if facts is not None:
            per[int(row["learner_id"])].append(facts)
    return [(facts, learner) for learner, facts in per.items()]


def learner_facts(conn: Connection, catalog: Catalog, learner_id: int) -> list[ActivityFacts]:
    """The mapped activities of one learner, in date order."""
    found = facts_by_learner(conn, catalog, [learner_id])
    return found[0][0] if found else []


def load_totals(conn: Connection, learner_ids: Sequence[int]) -> dict[int, Totals]:
    """The stored totals of the given learners (empty totals for those without evidence)."""
    return sql.stored_totals(conn, learner_ids)


def stored_rows(conn: Connection, learner_id: int) -> list[tuple[str, str, float, int]]:
    """(dimension, key, hours, count) of a learner's stored totals, in key order."""
    return codec.decode(sql.stored_value(conn, learner_id)).rows()

