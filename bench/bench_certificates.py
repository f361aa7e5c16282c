"""Certificate speed: PDF certificates written in batch for learners with a year of activity.

The store holds the example territory (Val de Serre) and its activity log, copied for
``COUNT`` learners (each copy shifted by a few days), evaluated with the bundled catalog, and
half of the learners' last pathway issued as a signed credential (attached to the PDF, with the
QR code). Then ``write_batch`` writes every certificate (gather, render, write), as
``apprenance certificate --all --out DIR`` does, in one process and then one per core (the
latter time includes starting the workers). Run with
`.venv/bin/python bench/bench_certificates.py [COUNT] [DATABASE_URL]` (default: 300 learners,
an SQLite file in a temporary folder). Prints its figures; the target is 20 per second.
"""

from __future__ import annotations

import csv
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

from sqlalchemy import insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "support"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from machine import describe

from apprenance.bootstrap import App, bundled
from apprenance.clock import fixed_clock
from apprenance.config import load_settings
from apprenance.credentials.pdf.certificate import render_certificate
from apprenance.db import tables as t
from apprenance.db.store import Store
from apprenance.services.certificates.batch import write_batch
from apprenance.services.certificates.gather import (
    CertificateOptions,
    batch_learners,
    gather_certificate,
)
from apprenance.services.evaluation.evaluate import evaluate
from apprenance.services.evidence.totals import rebuild_evidence
from apprenance.services.people.territories import load_territory
from credential_world import sample_credential, signed

NOW = datetime(2026, 9, 15, 10, 0, tzinfo=UTC)
TARGET = 20.0


def seed(store: Store, count: int) -> None:
    """The example log copied for ``count`` learners (ids ``lNNNN-...``)."""
    examples = bundled("examples")
    load_territory(store, examples / "territory.yaml", clock=fixed_clock(NOW))
    with (examples / "activites.csv").open(encoding="utf-8") as f:
        rows = []
        for r in csv.DictReader(f):
            try:
                day = date.fromisoformat(r["date"][:10])
                hours = float(r["duree"].replace(",", "."))
            except ValueError:
                continue
            rows.append((r, day, hours))
    originals = sorted({r["participant"].strip().lower() for r, _, _ in rows})
    learners, activities = [], []
    for i in range(count):
        source = originals[i % len(originals)]
        learners.append({"id": 100_000 + i, "participant": f"l{i:05d}.{source}",
                         "name": f"Apprenant·e n° {i + 1} — Émile Œuvray", "lang": "fr",
                         "territory_id": "val-de-serre", "created_at": NOW})
        shift = timedelta(days=i % 7)
        for r, day, hours in rows:
            if r["participant"].strip().lower() != source:
                continue
            when = day + shift
            activities.append({
                "id": f"l{i:05d}-{r['id']}", "learner_id": 100_000 + i,
                "occurred_at": datetime.combine(when, dtime(9), UTC), "occurred_on": when,
                "territory_id": "val-de-serre", "project_id": r["projet"] or None,
                "function": r["fonction"] or None, "activity_type": r["activite"],
                "duration_hours": hours, "content_hash": r["id"], "voided": False,
                "ingested_at": NOW})
    with store.transaction() as conn:
        conn.execute(insert(t.learners), learners)
        for start in range(0, len(activities), 5000):
            conn.execute(insert(t.activities), activities[start:start + 5000])


def attach_credentials(store: Store) -> int:
    """A signed OB 3.0 credential for the pathway award of every other learner who has one."""
    a = t.awards.c
    with store.transaction() as conn:
        awards = conn.execute(select(a.id, a.learner_id).where(a.badge_id.like("immersion%"))
                              .order_by(a.id)).all()
        rows = []
        for n, (award, learner) in enumerate(awards[::2]):
            credential = signed(sample_credential())
            credential["id"] = f"urn:uuid:00000000-0000-4000-8000-{n:012d}"
            rows.append({"id": credential["id"], "award_id": award, "learner_id": learner,
                         "format": "ob3", "document": credential, "issued_at": NOW})
        if rows:
            conn.execute(insert(t.credentials), rows)
    return len(rows)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    folder = Path(tempfile.mkdtemp(prefix="apprenance-bench-certs-"))
    url = sys.argv[2] if len(sys.argv) > 2 else f"sqlite:///{folder / 'store.sqlite3'}"
    catalog = App(load_settings(home=folder / "home")).catalog()
    store = Store.open(url)
    store.init()
    started = time.perf_counter()
    seed(store, count)
    with store.transaction() as conn:
        rebuild_evidence(conn, catalog)
    evaluate(store, catalog, clock=fixed_clock(NOW), everyone=True)
    attached = attach_credentials(store)
    print(f"machine: {describe()}")
    print(f"store: {store.dialect}, {count} learners seeded and evaluated in "
          f"{time.perf_counter() - started:.1f} s; {attached} pathway credentials attached")

    options = CertificateOptions(lang="fr", public_url="https://apprenance.example.org")
    clock = fixed_clock(NOW)
    participants = batch_learners(store, catalog)
    sample = participants[-min(30, len(participants)):]  # the seeded learners, full pages
    gathered = []
    for participant in sample:
        begun = time.perf_counter()
        data = gather_certificate(store, catalog, participant, options=options, clock=clock)
        gathered.append((time.perf_counter() - begun, data))
    renders, sizes, pages = [], [], []
    for _, data in [g for g in gathered if g[1].activities] or gathered:
        begun = time.perf_counter()
        pdf = render_certificate(data, created=NOW)
        renders.append(time.perf_counter() - begun)
        sizes.append(len(pdf))
        pages.append(pdf.count(b"/Type /Page\n"))
    print(f"one certificate: gather {statistics.median(g for g, _ in gathered) * 1000:.1f} ms, "
          f"render {statistics.median(renders) * 1000:.1f} ms (median of {len(sample)}); "
          f"{statistics.mean(sizes) / 1024:.0f} KiB, {min(pages)}-{max(pages)} pages")

    for workers in (1, os.cpu_count() or 1):
        out = folder / f"out-{workers}"
        cpu = time.process_time()
        report = write_batch(store, catalog, participants, out, options=options, clock=clock,
                             workers=workers)
        cpu = time.process_time() - cpu
        written = len(list(out.glob("*.pdf")))
        verdict = "ok" if report.per_second >= TARGET else "BELOW TARGET"
        print(f"batch, {workers} process(es): {written} certificates written in "
              f"{report.seconds:.1f} s = {report.per_second:.1f} per second "
              f"(target {TARGET:.0f}/s: {verdict})")
        if workers == 1:  # CPU time: what one core does when the machine is not shared
            print(f"  CPU time {cpu:.1f} s = {written / cpu:.1f} certificates per CPU-second "
                  f"({1000 * cpu / written:.1f} ms each)")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}; "
          f"files in {folder}")


if __name__ == "__main__":
    main()
