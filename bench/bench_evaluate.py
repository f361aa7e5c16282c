"""Evaluation speed: 100,000 learners x 30 badge rules, then the incremental evaluation after
1,000 new activities. Prints its figures; run with `.venv/bin/python bench/bench_evaluate.py
[DATABASE_URL]` (default: an SQLite file in a temporary folder)."""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe

from apprenance.clock import fixed_clock
from apprenance.db import tables as t
from apprenance.db.store import Store
from apprenance.domain import evidence_codec as codec
from apprenance.domain.catalog import (
    ActivityType,
    AllOf,
    AtLeast,
    Badge,
    Catalog,
    Filters,
    Measure,
)
from apprenance.domain.evidence import Totals, facts_for
from apprenance.services.evaluation.evaluate import evaluate
from apprenance.services.evidence.totals import META_KEY, add_to_evidence

LEARNERS = int(os.environ.get("BENCH_LEARNERS", "100000"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(min(os.cpu_count() or 1, 2))))
PILLARS = ("connaitre", "faire", "vivre-ensemble", "etre")
FUNCTIONS = ("alimentation", "habitat", "apprendre", "soigner")


def catalog() -> Catalog:
    kinds = {}
    for i in range(8):
        p1, p2 = PILLARS[i % 4], PILLARS[(i + 1) % 4]
        kinds[f"type-{i}"] = ActivityType(
            id=f"type-{i}", label={"fr": f"type {i}"}, pillars={p1: 0.7, p2: 0.3},
            competences={f"comp:{i}": 1.0}, functions=(FUNCTIONS[i % 4],))
    badges: dict[str, Badge] = {}

    def add(bid: str, rule: object, kind: str = "badge") -> None:
        badges[bid] = Badge(id=bid, kind=kind, name={"fr": bid}, description={}, criteria={},
                            achievement_type="Badge", rule=rule)  # type: ignore[arg-type]

    for p in PILLARS:
        add(f"{p}-1", Measure("hours", 8, Filters(pillar=p)))
        add(f"{p}-2", AllOf((Measure("hours", 30, Filters(pillar=p)),
                             Measure("distinct", 2, of="project"),
                             Measure("badges", 1, ids=(f"{p}-1",)))))
        add(f"{p}-3", AllOf((Measure("hours", 100, Filters(pillar=p)),
                             Measure("attestations", 5),
                             Measure("badges", 1, ids=(f"{p}-2",)))))
    for i in range(8):
        add(f"comp-{i}", AllOf((Measure("hours", 10, Filters(competence=f"comp:{i}")),
                                Measure("count", 3, Filters(activity=f"type-{i}")))))
    for f in FUNCTIONS:
        add(f"fn-{f}", AllOf((Measure("hours", 20, Filters(function=f)),
                              Measure("attestations", 2, role="habitant"))))
    add("community-1", Measure("attestations", 5, role="habitant"))
    add("community-2", Measure("attestations", 3, role="elu"))
    add("months", Measure("distinct", 6, of="month"))
    add("projects", Measure("distinct", 3, of="project"))
    add("path-1", AllOf((Measure("span_days", 330), Measure("hours", 400),
                         Measure("distinct", 3, of="function"),
                         Measure("badges", 3, ids=tuple(f"{p}-2" for p in PILLARS)))), "pathway")
    add("path-2", AtLeast(2, (Measure("badges", 1, ids=("path-1",)),
                              Measure("span_days", 1000), Measure("hours", 1200))), "pathway")
    return Catalog(version="bench", schemes={}, prefixes={}, concepts={},
                   activity_types=kinds, badges=badges)


def populate(store: Store, cat: Catalog, rng: random.Random) -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    with store.transaction() as conn:
        conn.execute(insert(t.store_meta), [{"key": META_KEY, "value": cat.version}])
        batch_l, batch_e = [], []
        for lid in range(1, LEARNERS + 1):
            totals = Totals()
            for _ in range(rng.randint(5, 40)):
                kind = cat.activity_types[f"type-{rng.randrange(8)}"]
                day = date(2025, 1, 1) + timedelta(days=rng.randrange(540))
                totals.add(facts_for(
                    activity_id="x", day=day, hours=rng.choice((1.5, 2, 3, 4)), kind=kind,
                    function=None, project=f"p{rng.randrange(4)}", territory="t",
                    witness_roles=(rng.choice(("habitant", "elu", "")),)
                    if rng.random() < 0.3 else ()))
            batch_l.append({"id": lid, "participant": f"l{lid}@x.org", "created_at": now,
                            "first_activity": datetime.combine(totals.first, datetime.min.time(),
                                                               UTC),
                            "last_activity": datetime.combine(totals.last, datetime.min.time(),
                                                              UTC),
                            "evidence_changed_at": now})
            batch_e.append({"learner_id": lid, "totals": codec.encode(totals)})
            if len(batch_l) >= 5000:
                conn.execute(insert(t.learners), batch_l)
                conn.execute(insert(t.learner_evidence), batch_e)
                batch_l, batch_e = [], []
        if batch_l:
            conn.execute(insert(t.learners), batch_l)
            conn.execute(insert(t.learner_evidence), batch_e)


def new_activities(store: Store, cat: Catalog, rng: random.Random, n: int) -> None:
    now = datetime(2026, 2, 1, tzinfo=UTC)
    rows = []
    for i in range(n):
        day = date(2026, 1, 1) + timedelta(days=rng.randrange(30))
        rows.append({
            "id": f"new-{i}", "learner_id": rng.randint(1, LEARNERS),
            "occurred_at": datetime.combine(day, datetime.min.time(), UTC), "occurred_on": day,
            "territory_id": "t", "project_id": "p9", "function": None,
            "activity_type": f"type-{rng.randrange(8)}", "assigned_type": None,
            "suggested_type": None, "duration_hours": 3.0, "description": None,
            "evidence_url": None, "extra": None, "content_hash": f"new-{i}", "voided": False,
            "source_file": "bench", "source_line": i, "source_ref": None, "ingested_at": now,
        })
    with store.transaction() as conn:
        conn.execute(insert(t.activities), rows)
        add_to_evidence(conn, cat, [{**r, "witness": None, "witness_role": None} for r in rows])


def main() -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        url = sys.argv[1] if len(sys.argv) > 1 else f"sqlite:///{tmp}/bench.sqlite3"
        store = Store.open(url)
        store.init()
        cat = catalog()
        t0 = time.perf_counter()
        populate(store, cat, rng)
        print(f"machine: {describe()}")
        print(f"store: {store.dialect}; populated {LEARNERS:,} learners in "
              f"{time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        report = evaluate(store, cat, clock=fixed_clock(datetime(2026, 1, 2, tzinfo=UTC)),
                          everyone=True, workers=WORKERS)
        full = time.perf_counter() - t0
        print(f"first evaluation, {WORKERS} workers: {LEARNERS:,} learners x {len(cat.badges)} "
              f"rules in {full:.2f} s ({len(report.awards):,} awards written)")
        for workers in (WORKERS, 1):
            t0 = time.perf_counter()
            again = evaluate(store, cat, clock=fixed_clock(datetime(2026, 1, 3, tzinfo=UTC)),
                             everyone=True, workers=workers)
            print(f"re-evaluation of every learner (--all), {workers} worker(s): "
                  f"{again.evaluated:,} learners x {len(cat.badges)} rules in "
                  f"{time.perf_counter() - t0:.2f} s ({len(again.awards)} new awards)")
        new_activities(store, cat, rng, 1000)
        t0 = time.perf_counter()
        report = evaluate(store, cat, clock=fixed_clock(datetime(2026, 2, 2, tzinfo=UTC)))
        inc = time.perf_counter() - t0
        print(f"incremental evaluation after 1,000 new activities: {report.evaluated} learners "
              f"in {inc:.2f} s ({len(report.awards)} new awards)")
        store.dispose()


if __name__ == "__main__":
    main()
