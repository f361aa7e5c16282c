"""Evaluating badge and pathway rules for learners, and recording awards exactly once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from apprenance.clock import Clock
from apprenance.db import tables as t
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog
from apprenance.domain.rules import LearnerEvidence, contributing, is_met
from apprenance.errors import NotFound
from apprenance.services.evidence import ensure_current, learner_facts, load_totals

META_KEY = "evaluation_catalog_version"
CHUNK = 1000


@dataclass
class NewAward:
    learner: str
    badge: str
    awarded_at: datetime
    activity_ids: list[str]


@dataclass
class EvaluationReport:
    evaluated: int = 0
    awards: list[NewAward] = field(default_factory=list)
    catalog_version: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "evaluated": self.evaluated,
            "new_awards": len(self.awards),
            "catalog_version": self.catalog_version,
            "awards": [
                {"learner": a.learner, "badge": a.badge, "awarded_at": a.awarded_at.isoformat(),
                 "activities": len(a.activity_ids)}
                for a in self.awards
            ],
        }


def learner_id(conn: Connection, participant: str) -> int:
    """The id of the learner ``participant`` (email or handle, any case)."""
    found = conn.execute(
        select(t.learners.c.id).where(t.learners.c.participant == participant.strip().lower())
    ).scalar_one_or_none()
    if found is None:
        raise NotFound(f"no learner {participant!r}")
    return int(found)


def _targets(
    conn: Connection, catalog: Catalog, participants: Sequence[str] | None, everyone: bool
) -> list[tuple[int, str, datetime | None]]:
    lc = t.learners.c
    query = (
        select(lc.id, lc.participant, lc.evidence_changed_at)
        .where(lc.erased_at.is_(None))
        .order_by(lc.id)
    )
    if participants:
        ids = [learner_id(conn, p) for p in participants]
        query = query.where(lc.id.in_(ids))
    elif not everyone and _stored(conn) == catalog.version:
        query = query.where(
            and_(
                lc.evidence_changed_at.is_not(None),
                or_(lc.evaluated_at.is_(None), lc.evidence_changed_at > lc.evaluated_at),
            )
        )
    return [(int(i), str(p), changed) for i, p, changed in conn.execute(query)]


def evaluate(
    store: Store,
    catalog: Catalog,
    *,
    clock: Clock,
    participants: Sequence[str] | None = None,
    everyone: bool = False,
) -> EvaluationReport:
    """Evaluate every badge and pathway for the learners with new evidence (or those given,
    or all); record each new award once, with the activities that satisfied its rule."""
    report = EvaluationReport(catalog_version=catalog.version)
    now = clock()
    with store.transaction() as conn:
        ensure_current(conn, catalog)
        targets = _targets(conn, catalog, participants, everyone)
    for start in range(0, len(targets), CHUNK):
        chunk = targets[start : start + CHUNK]
        with store.transaction() as conn:
            report.awards.extend(_evaluate_chunk(conn, catalog, chunk, now))
            _mark_evaluated(conn, chunk)
        report.evaluated += len(chunk)
    if participants is None:
        with store.transaction() as conn:
            _store_version(conn, catalog.version)
    return report


def _mark_evaluated(conn: Connection, chunk: Sequence[tuple[int, str, datetime | None]]) -> None:
    """Mark learners evaluated up to the evidence they were evaluated on: evidence that
    arrived meanwhile (another process) leaves them to evaluate again."""
    lc = t.learners.c
    seen = [{"lid": i, "seen": changed} for i, _, changed in chunk if changed is not None]
    if seen:
        conn.execute(
            update(t.learners)
            .where(lc.id == bindparam("lid"), lc.evidence_changed_at == bindparam("seen"))
            .values(evaluated_at=lc.evidence_changed_at),
            seen,
        )


def _evaluate_chunk(
    conn: Connection,
    catalog: Catalog,
    chunk: Sequence[tuple[int, str, datetime | None]],
    now: datetime,
) -> list[NewAward]:
    ids = [i for i, _, _ in chunk]
    totals = load_totals(conn, ids)
    held: dict[int, set[str]] = defaultdict(set)
    for lid, badge in conn.execute(
        select(t.awards.c.learner_id, t.awards.c.badge_id).where(t.awards.c.learner_id.in_(ids))
    ):
        held[lid].add(badge)
    new: list[NewAward] = []
    for lid, participant, _ in chunk:
        ev = LearnerEvidence(
            totals=totals[lid],
            load_facts=lambda lid=lid: learner_facts(conn, catalog, lid),  # type: ignore[misc]
            held=held[lid],
        )
        for badge in catalog.badges.values():
            if badge.id in ev.held or not is_met(badge.rule, ev):
                continue
            activity_ids = contributing(badge.rule, ev.facts())
            if _record(conn, lid, badge.id, now, catalog.version, activity_ids):
                new.append(NewAward(participant, badge.id, now, activity_ids))
            ev.held.add(badge.id)
    return new


def _record(
    conn: Connection, lid: int, badge: str, now: datetime, version: str, activity_ids: list[str]
) -> bool:
    """Insert the award unless it exists (a unique key makes concurrent runs safe)."""
    ins = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    stmt = ins(t.awards).values(
        learner_id=lid, badge_id=badge, awarded_at=now, catalog_version=version,
        activity_ids=activity_ids,
    ).on_conflict_do_nothing(index_elements=["learner_id", "badge_id"])
    return bool(conn.execute(stmt).rowcount)


def _stored(conn: Connection) -> str | None:
    return conn.execute(
        select(t.store_meta.c.value).where(t.store_meta.c.key == META_KEY)
    ).scalar_one_or_none()


def _store_version(conn: Connection, version: str) -> None:
    ins = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    stmt = ins(t.store_meta).values(key=META_KEY, value=version)
    conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": version}))


def list_awards(store: Store, *, participant: str | None = None) -> list[dict[str, Any]]:
    """Every award (of one learner, when given), oldest first."""
    a, lc = t.awards.c, t.learners.c
    query = (
        select(lc.participant, lc.name, a.badge_id, a.awarded_at, a.catalog_version,
               a.activity_ids, a.issued_at)
        .join(t.learners, lc.id == a.learner_id)
        .order_by(a.awarded_at, a.id)
    )
    with store.transaction() as conn:
        if participant is not None:
            query = query.where(a.learner_id == learner_id(conn, participant))
        rows = conn.execute(query).all()
    return [
        {
            "learner": r.participant,
            "name": r.name,
            "badge": r.badge_id,
            "awarded_at": r.awarded_at.isoformat(),
            "catalog_version": r.catalog_version,
            "activities": list(r.activity_ids or []),
            "issued": r.issued_at is not None,
        }
        for r in rows
    ]
