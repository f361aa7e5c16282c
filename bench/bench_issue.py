"""Issuing speed: 10,000 awards issued in one batch, every file written.

Per award: the OB 3.0 credential signed with eddsa-rdfc-2022 (undefined-term check included),
its VC-JWT, the badge PNG and SVG baked with it, the OB 2.0 hosted assertion and its baked PNG
and SVG, the rows in the store. Run with `.venv/bin/python bench/bench_issue.py [COUNT]`
(default 10,000; an SQLite store and the output in a temporary folder). Prints its figures.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from datetime import time as dtime
from pathlib import Path

from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "support"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from machine import describe

from apprenance.clock import fixed_clock
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.db import tables as t
from apprenance.db.store import Store
from apprenance.services.issuing.issue import issue
from apprenance.services.issuing.issuers import init_issuer
from issue_world import issuing_catalog

NOW = datetime(2026, 9, 15, 10, 0, tzinfo=UTC)


def seed(store: Store, count: int) -> None:
    """``count`` learners, each with 3 activities and the award of ``faire-1``."""
    day = date(2025, 3, 1)
    learners, activities, awards = [], [], []
    for i in range(1, count + 1):
        learners.append({"id": i, "participant": f"learner{i}@example.org", "lang": "fr",
                         "created_at": NOW})
        ids = []
        for k in range(3):
            aid = f"a{i}-{k}"
            ids.append(aid)
            activities.append({
                "id": aid, "learner_id": i, "occurred_at": datetime.combine(day, dtime(9), UTC),
                "occurred_on": day, "territory_id": "t1", "project_id": f"p{k}",
                "function": "alimentation", "activity_type": "atelier", "duration_hours": 3.0,
                "description": "Atelier de cuisine partagée", "content_hash": aid,
                "voided": False, "ingested_at": NOW})
        awards.append({"learner_id": i, "badge_id": "faire-1", "awarded_at": NOW,
                       "catalog_version": "v1", "activity_ids": ids})
    with store.transaction() as conn:
        conn.execute(insert(t.learners), learners)
        conn.execute(insert(t.activities), activities)
        conn.execute(insert(t.awards), awards)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = Store.open(f"sqlite:///{folder / 'bench.sqlite3'}")
        store.init()
        seed(store, count)
        keys, urls = KeyStore(folder / "keys"), HostedUrls("https://badges.example.org")
        init_issuer(store, keys, slug="collectif", name="Collectif", urls=urls,
                    clock=fixed_clock(NOW))
        catalog = issuing_catalog()
        start = time.perf_counter()
        report = issue(store, catalog, keys, urls=urls, clock=fixed_clock(NOW),
                       out=folder / "out", rng=random.Random(1))
        elapsed = time.perf_counter() - start
        files = sum(1 for p in (folder / "out").rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in (folder / "out").rglob("*") if p.is_file())
        store.dispose()
    assert len(report.issued) == count and not report.problems
    print(describe())
    print(f"issued {count} credentials in {elapsed:.1f} s: {count / elapsed:.0f} credentials/s, "
          f"{1000 * elapsed / count:.2f} ms each")
    print(f"{files} files written ({size / 1024 / 1024:.0f} MiB): per credential OB 3.0 JSON, "
          "VC-JWT, baked PNG and SVG, OB 2.0 JSON, baked PNG and SVG")


if __name__ == "__main__":
    main()
