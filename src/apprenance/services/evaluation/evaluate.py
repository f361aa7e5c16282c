"""Evaluating badge and pathway rules for learners, and recording awards exactly once."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from typing import Any, NamedTuple

from apprenance.clock import Clock
from apprenance.db import awards_sql as sql
from apprenance.db.awards_sql import Candidate, Target
from apprenance.db.engine import Connection
from apprenance.db.store import Store
from apprenance.db.workers import stream_forked
from apprenance.db.writes import read_meta, write_meta
from apprenance.domain.award_dates import met_days
from apprenance.domain.catalog import Catalog, Rule
from apprenance.domain.evidence import ActivityFacts
from apprenance.domain.rules import Check, LearnerEvidence, compile_rule, contributing
from apprenance.services.evaluation.batch_gc import few_collections
from apprenance.services.evidence.totals import ensure_current, facts_by_learner, load_totals
from apprenance.services.people.directory import learner_id

META_KEY = "evaluation_catalog_version"
CHUNK = 1000
PARALLEL_FROM = 20 * CHUNK  # fewer learners than this: one process is faster
RECORD_ROWS = 50_000  # awards and learners written per transaction when workers evaluate


class NewAward(NamedTuple):
    """An award recorded by an evaluation (a light tuple: a first evaluation makes millions)."""

    learner: str
    badge: str
    awarded_at: datetime  # when this evaluation recorded it
    activity_ids: list[str]
    awarded_on: date | None = None  # the day the evidence met the rule


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
                 "awarded_on": a.awarded_on.isoformat() if a.awarded_on else None,
                 "activities": len(a.activity_ids)}
                for a in self.awards
            ],
        }


def _targets(
    conn: Connection, catalog: Catalog, participants: Sequence[str] | None, everyone: bool
) -> list[Target]:
    ids = [learner_id(conn, p) for p in participants] if participants else None
    changed_only = (not participants and not everyone
                    and read_meta(conn, META_KEY) == catalog.version)
    return sql.evaluation_targets(conn, ids, changed_only)


def evaluate(
    store: Store,
    catalog: Catalog,
    *,
    clock: Clock,
    participants: Sequence[str] | None = None,
    everyone: bool = False,
    workers: int = 1,
    parallel_from: int = PARALLEL_FROM,
    chunk_size: int = CHUNK,
) -> EvaluationReport:
    """Evaluate every badge and pathway for the learners with new evidence (or those given,
    or all); record each new award once, with the activities that satisfied its rule.

    With ``workers`` > 1 and many learners, forked processes share the chunks (the command
    line's ``--workers``; never from inside a threaded server)."""
    report = EvaluationReport(catalog_version=catalog.version)
    now = clock()

    def targets_of(conn: Connection) -> list[tuple[int, str, datetime | None]]:
        ensure_current(conn, catalog)
        return _targets(conn, catalog, participants, everyone)

    # every transaction runs again when the database refuses it for a concurrent one's sake
    targets = store.retrying(targets_of)
    chunks = [targets[i : i + chunk_size] for i in range(0, len(targets), chunk_size)]
    job = _Job(store, catalog, now)
    with few_collections():
        _run(job, chunks, report, workers if len(targets) >= parallel_from else 1)
    report.evaluated = len(targets)
    if participants is None:
        store.retrying(partial(write_meta, key=META_KEY, value=catalog.version))
    return report


def _run(job: _Job, chunks: list[list[Target]], report: EvaluationReport, workers: int) -> None:
    if workers > 1:
        # workers evaluate (reading only); this process records what they found meanwhile:
        # one writer, no waiting for each other's write lock
        # (several chunks per transaction: fewer commits rewrite the same pages)
        found = stream_forked(job.candidates, chunks, workers=workers, store=job.store)
        pending: list[tuple[Sequence[Target], list[Candidate]]] = []
        rows = 0
        for chunk, candidates in zip(chunks, found, strict=True):
            pending.append((chunk, candidates))
            rows += len(chunk) + len(candidates)
            if rows >= RECORD_ROWS:
                report.awards.extend(job.record(pending))
                pending, rows = [], 0
        report.awards.extend(job.record(pending))
    else:
        report.awards.extend(job.run(chunks))


@dataclass
class _Job:
    """Evaluating chunks of learners: what a worker process runs (inherited by fork)."""

    store: Store
    catalog: Catalog
    now: datetime
    checks: dict[str, Check] = field(default_factory=dict)

    def run(self, chunks: Sequence[Sequence[Target]]) -> list[NewAward]:
        """Evaluate and record each chunk in one transaction."""
        found: list[NewAward] = []
        for chunk in chunks:
            found.extend(self.store.retrying(partial(self._chunk, chunk)))
        return found

    def candidates(self, chunk: Sequence[Target]) -> list[Candidate]:
        """The awards the chunk's learners earn, not recorded (what a worker does)."""
        return self.store.retrying(partial(self._candidates, chunk))

    def record(self, found: Sequence[tuple[Sequence[Target], list[Candidate]]]
               ) -> list[NewAward]:
        """Record the awards found for chunks and mark their learners evaluated, in one
        transaction."""
        def write(conn: Connection) -> list[NewAward]:
            awards: list[NewAward] = []
            for chunk, candidates in found:
                awards.extend(_record(conn, candidates, self.catalog.version, self.now))
                sql.mark_evaluated(conn, chunk)
            return awards

        return self.store.retrying(write)

    def _candidates(self, chunk: Sequence[Target], conn: Connection) -> list[Candidate]:
        if not self.checks:
            self.checks = {b.id: compile_rule(b.rule) for b in self.catalog.badges.values()}
        return _evaluate_chunk(conn, self.catalog, self.checks, chunk, self.now.date())

    def _chunk(self, chunk: Sequence[Target], conn: Connection) -> list[NewAward]:
        awards = _record(conn, self._candidates(chunk, conn), self.catalog.version, self.now)
        sql.mark_evaluated(conn, chunk)
        return awards


def _evaluate_chunk(
    conn: Connection,
    catalog: Catalog,
    checks: dict[str, Check],
    chunk: Sequence[Target],
    today: date,
) -> list[Candidate]:
    ids = [i for i, _, _ in chunk]
    totals = load_totals(conn, ids)
    held = sql.held_badges(conn, ids)
    chunk_facts: dict[int, list[ActivityFacts]] = {}

    def facts_of(lid: int) -> list[ActivityFacts]:
        # one query for the whole chunk, the first time any learner needs activities
        if not chunk_facts:
            chunk_facts.update({lr: f for f, lr in facts_by_learner(conn, catalog, ids)})
            chunk_facts.setdefault(-1, [])
        return chunk_facts.get(lid, [])

    plan = [(badge.id, checks[badge.id], badge.rule) for badge in catalog.badges.values()
            if badge.kind != "declared"]  # declared badges: on the learner's word only
    earning: list[tuple[int, str, LearnerEvidence, list[tuple[str, Rule]]]] = []
    for lid, participant, _ in chunk:
        owned = set(held[lid])
        ev = LearnerEvidence(totals=totals[lid], load_facts=partial(facts_of, lid), held=owned)
        new: list[tuple[str, Rule]] = []
        for badge_id, check, rule in plan:
            if badge_id in owned or not check(ev):
                continue
            new.append((badge_id, rule))
            owned.add(badge_id)
        if new:
            earning.append((lid, participant, ev, new))
    # the days of the badges held, for the learners who earn new ones only (what the replay
    # needs: a badge held counts from the day it was earned)
    holders = [lid for lid, _, _, _ in earning if held[lid]]
    held_days = sql.held_days(conn, holders) if holders else {}
    candidates: list[Candidate] = []
    for lid, participant, ev, new in earning:
        held_on = {b: on for b, on in held_days.get(lid, {}).items() if b in held[lid]}
        facts = ev.facts()
        # the day each rule held (replayed on the activities), not the evaluation's day;
        # should the replay disagree with the stored totals: the last activity's day
        days = met_days(new, facts, held_on)
        last = max((a.day for a in facts), default=today)
        for badge_id, rule in new:
            used = contributing(rule, facts) if facts else []
            candidates.append((lid, participant, badge_id, json.dumps(used) if used else "[]",
                               days.get(badge_id, last)))
    return candidates


def _record(
    conn: Connection, candidates: list[Candidate], version: str, now: datetime
) -> list[NewAward]:
    """Insert the awards that do not exist yet and return those actually inserted (a row
    another process inserted first is not reported as new here)."""
    written = sql.record_awards(conn, candidates, version, now)
    return [NewAward(participant, badge, now, json.loads(used) if used != "[]" else [], on)
            for _, participant, badge, used, on in written]


def list_awards(store: Store, *, participant: str | None = None) -> list[dict[str, Any]]:
    """Every award (of one learner, when given), oldest first."""
    with store.transaction() as conn:
        lid = learner_id(conn, participant) if participant is not None else None
        rows = sql.awards_listing(conn, lid)
    return [
        {
            "learner": r.participant,
            "name": r.name,
            "badge": r.badge_id,
            "awarded_at": r.awarded_at.isoformat(),
            "awarded_on": (r.awarded_on or r.awarded_at.date()).isoformat(),
            "issued_at": r.issued_at.isoformat() if r.issued_at else None,
            "catalog_version": r.catalog_version,
            "activities": list(r.activity_ids or []),
            "issued": r.issued_at is not None,
        }
        for r in rows
    ]
