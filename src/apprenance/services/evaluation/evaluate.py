"""Evaluating badge and pathway rules for learners, and recording awards exactly once."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from typing import Any, NamedTuple

from sqlalchemy import Connection, and_, or_, select

from apprenance.clock import Clock
from apprenance.db import tables as t
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
    elif not everyone and read_meta(conn, META_KEY) == catalog.version:
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


Target = tuple[int, str, datetime | None]  # learner id, participant, evidence changed at
# learner id, participant, badge, activity ids (JSON), the day the evidence met the rule
Candidate = tuple[int, str, str, str, date]


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
                _mark_evaluated(conn, chunk)
            return awards

        return self.store.retrying(write)

    def _candidates(self, chunk: Sequence[Target], conn: Connection) -> list[Candidate]:
        if not self.checks:
            self.checks = {b.id: compile_rule(b.rule) for b in self.catalog.badges.values()}
        return _evaluate_chunk(conn, self.catalog, self.checks, chunk, self.now.date())

    def _chunk(self, chunk: Sequence[Target], conn: Connection) -> list[NewAward]:
        awards = _record(conn, self._candidates(chunk, conn), self.catalog.version, self.now)
        _mark_evaluated(conn, chunk)
        return awards


def _mark_evaluated(conn: Connection, chunk: Sequence[tuple[int, str, datetime | None]]) -> None:
    """Mark learners evaluated up to the evidence they were evaluated on: evidence that
    arrived meanwhile (another process) leaves them to evaluate again."""
    sqlite = conn.dialect.name == "sqlite"
    seen: list[tuple[object, int, object]] = []
    for i, _, changed in chunk:
        if changed is not None:  # on SQLite, as SQLAlchemy stores times there
            when = t.sqlite_time(changed) if sqlite else changed
            seen.append((when, i, when))
    if not seen:
        return
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    if sqlite:
        cursor.executemany("UPDATE learners SET evaluated_at = ? WHERE id = ? "
                           "AND evidence_changed_at = ?", seen)
    else:  # one statement, not a round trip per learner
        cursor.execute(
            "UPDATE learners l SET evaluated_at = v.seen "
            "FROM unnest(%s::integer[], %s::timestamptz[]) AS v(id, seen) "
            "WHERE l.id = v.id AND l.evidence_changed_at = v.seen",
            ([i for _, i, _ in seen], [w for w, _, _ in seen]))
    cursor.close()


def _evaluate_chunk(
    conn: Connection,
    catalog: Catalog,
    checks: dict[str, Check],
    chunk: Sequence[Target],
    today: date,
) -> list[Candidate]:
    ids = [i for i, _, _ in chunk]
    totals = load_totals(conn, ids)
    held = _held(conn, ids)
    chunk_facts: dict[int, list[ActivityFacts]] = {}

    def facts_of(lid: int) -> list[ActivityFacts]:
        # one query for the whole chunk, the first time any learner needs activities
        if not chunk_facts:
            chunk_facts.update({lr: f for f, lr in facts_by_learner(conn, catalog, ids)})
            chunk_facts.setdefault(-1, [])
        return chunk_facts.get(lid, [])

    plan = [(badge.id, checks[badge.id], badge.rule) for badge in catalog.badges.values()]
    candidates: list[Candidate] = []
    for lid, participant, _ in chunk:
        held_on = held[lid]
        owned = set(held_on)
        ev = LearnerEvidence(totals=totals[lid], load_facts=partial(facts_of, lid), held=owned)
        new: list[tuple[str, Rule]] = []
        for badge_id, check, rule in plan:
            if badge_id in owned or not check(ev):
                continue
            new.append((badge_id, rule))
            owned.add(badge_id)
        if not new:
            continue
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


def _held(conn: Connection, ids: Sequence[int]) -> dict[int, dict[str, date | None]]:
    """The badges each learner holds already, with the day each was earned (plain driver SQL:
    a million rows at times)."""
    held: dict[int, dict[str, date | None]] = defaultdict(dict)
    mark = "?" if conn.dialect.name == "sqlite" else "%s"
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    cursor.execute("SELECT learner_id, badge_id, awarded_on FROM awards "
                   f"WHERE learner_id IN ({', '.join([mark] * len(ids))})", tuple(ids))
    for lid, badge, on in cursor:  # SQLite answers the day as text
        held[lid][badge] = date.fromisoformat(on) if isinstance(on, str) else on
    cursor.close()
    return held


def _record(
    conn: Connection, candidates: list[Candidate], version: str, now: datetime
) -> list[NewAward]:
    """Insert the awards that do not exist yet and return those actually inserted.

    The unique key (learner, badge) makes concurrent evaluations safe: a row another process
    inserted first is skipped, and is not reported as new here."""
    if not candidates:
        return []
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    if conn.dialect.name != "sqlite":
        written = _pg_insert(cursor, candidates, version, now)
    else:
        cursor.executemany(
            "INSERT INTO awards (learner_id, badge_id, awarded_at, awarded_on, catalog_version, "
            "activity_ids) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (learner_id, badge_id) DO NOTHING",
            [(lid, badge, t.sqlite_time(now), on.isoformat(), version, used)
             for lid, _, badge, used, on in candidates])
        written = candidates
        if cursor.rowcount != len(candidates):
            # some were there already (another evaluation): report only the rows written now
            a = t.awards.c
            mine = {
                (int(lid), str(b))
                for lid, b in conn.execute(
                    select(a.learner_id, a.badge_id).where(
                        a.learner_id.in_({c[0] for c in candidates}), a.awarded_at == now
                    )
                )
            }
            written = [c for c in candidates if (c[0], c[2]) in mine]
    cursor.close()
    return [NewAward(participant, badge, now, json.loads(used) if used != "[]" else [], on)
            for _, participant, badge, used, on in written]


def _pg_insert(
    cursor: Any, candidates: list[Candidate], version: str, now: datetime
) -> list[Candidate]:
    """PostgreSQL: the candidates copied into a temporary table, then inserted in one
    statement, in their order (learners in id order, badges in catalog order), that returns
    the rows it wrote (those another evaluation wrote first are not)."""
    cursor.execute("CREATE TEMP TABLE IF NOT EXISTS award_days_stage (n integer, "
                   "learner_id integer, badge_id text, activity_ids text, awarded_on date) "
                   "ON COMMIT DELETE ROWS")
    with cursor.copy("COPY award_days_stage (n, learner_id, badge_id, activity_ids, awarded_on) "
                     "FROM STDIN") as copy:
        for n, (lid, _, badge, used, on) in enumerate(candidates):
            copy.write_row((n, lid, badge, used, on))
    cursor.execute(
        "INSERT INTO awards (learner_id, badge_id, awarded_at, catalog_version, activity_ids, "
        "awarded_on) "
        "SELECT learner_id, badge_id, %s, %s, activity_ids::json, awarded_on "
        "FROM award_days_stage "
        "ORDER BY n ON CONFLICT (learner_id, badge_id) DO NOTHING "
        "RETURNING learner_id, badge_id", (now, version))
    inserted = {(int(lid), str(badge)) for lid, badge in cursor.fetchall()}
    cursor.execute("DELETE FROM award_days_stage")
    return [c for c in candidates if (c[0], c[2]) in inserted]


def list_awards(store: Store, *, participant: str | None = None) -> list[dict[str, Any]]:
    """Every award (of one learner, when given), oldest first."""
    a, lc = t.awards.c, t.learners.c
    query = (
        select(lc.participant, lc.name, a.badge_id, a.awarded_at, a.awarded_on,
               a.catalog_version, a.activity_ids, a.issued_at)
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
            "awarded_on": (r.awarded_on or r.awarded_at.date()).isoformat(),
            "issued_at": r.issued_at.isoformat() if r.issued_at else None,
            "catalog_version": r.catalog_version,
            "activities": list(r.activity_ids or []),
            "issued": r.issued_at is not None,
        }
        for r in rows
    ]
