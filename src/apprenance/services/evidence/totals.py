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
from datetime import datetime
from typing import Any

from apprenance.db import evidence_sql as sql
from apprenance.db.engine import Connection
from apprenance.db.evidence_sql import CHUNK
from apprenance.db.raw_sql import chunked
from apprenance.db.writes import EVIDENCE_LOCK, lock, read_meta, write_meta
from apprenance.domain import evidence_codec as codec
from apprenance.domain.catalog import Catalog
from apprenance.domain.evidence import (
    ActivityFacts,
    Totals,
    day_of,
    facts_for,
)
from apprenance.services.evidence.group_sums import GroupSums

META_KEY = "evidence_catalog_version"


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

