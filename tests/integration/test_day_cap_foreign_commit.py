"""The 24-hour cap and the evidence totals across the transactions of one ingest: the day
totals and the decoded evidence totals kept in memory from one transaction to the next (SQLite,
when nobody else wrote) are read again when another process committed in between, so that the
hours it stored count."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import apprenance.db.ingest_sql as ingest_sql
import apprenance.services.ingest.pipeline as pipeline
from apprenance.db.tables import learner_evidence, learners
from apprenance.domain import evidence_codec as codec
from ingest_cli import Cli, rows_of, run

APPRENANCE = str(Path(sys.executable).parent / "apprenance")
HEAD = "id,date,participant,territoire,projet,activite,duree\n"
FILLER = 5000  # one batch of rows (read_csv's batch size): the row after it is in another


def _log(path: Path, rows: list[str]) -> Path:
    path.write_text(HEAD + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("foreign", [True, False], ids=["other-process-wrote", "nobody-wrote"])
def test_hours_committed_by_another_process_between_transactions_count(
    cli: Cli, store: list[str], db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    foreign: bool,
) -> None:
    filler = [f"f{i},2025-0{1 + i % 9}-{1 + i % 28:02d},p{i % 50}@example.org,val,jardin,"
              f"atelier-cuisine,0.25" for i in range(FILLER - 1)]
    first = _log(tmp_path / "first.csv", [
        "x1,2025-11-20,x@example.org,val,jardin,atelier-cuisine,1", *filler,
        "x2,2025-11-20,x@example.org,val,jardin,atelier-cuisine,5",
        "x3,2025-11-21,x@example.org,val,jardin,atelier-cuisine,2"])
    other = _log(tmp_path / "other.csv", [
        "o1,2025-11-20,x@example.org,val,jardin,atelier-cuisine,20"])
    # one batch per transaction, and the other process's ingest just before the second one
    monkeypatch.setattr(pipeline, "SQLITE_COMMIT_ROWS", 1)
    monkeypatch.setattr(pipeline, "COMMIT_ROWS", 1)
    env = {k: v for k, v in os.environ.items() if not k.startswith("APPRENANCE_")}
    calls: list[int] = []
    lock = ingest_sql.lock_for_writing

    def lock_after_the_other(conn: Any) -> None:
        calls.append(1)
        if foreign and len(calls) == 2:
            done = subprocess.run([APPRENANCE, *store, "ingest", "--json", str(other)],
                                  env=env, capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, done.stderr
        lock(conn)

    monkeypatch.setattr(ingest_sql, "lock_for_writing", lock_after_the_other)
    report = run(cli, store, "ingest", "--json", first)
    assert len(calls) >= 2
    if foreign:  # 1 + 20 stored, then 5: over 24 hours
        assert report["accepted"] == FILLER + 1
        assert [(r["line"], r["field"]) for r in report["rejections"]] == [(FILLER + 2, "duree")]
        assert "21" in report["rejections"][0]["reason"]
    else:  # 1 + 5 fit
        assert report["accepted"] == FILLER + 2 and report["rejected"] == 0
    # the evidence totals count the other process's 20 hours too (x3 was added to them in the
    # second transaction: to what is stored, not to what the first one left in memory)
    hours, count = 1 + 20 + 2 if foreign else 1 + 5 + 2, 3
    value = rows_of(db_url, select(learner_evidence.c.totals).join(
        learners, learners.c.id == learner_evidence.c.learner_id).where(
        learners.c.participant == "x@example.org"))[0]["totals"]
    totals = codec.decode(value)
    assert totals.hours[("total", "")] == pytest.approx(hours)
    assert totals.counts[("total", "")] == count
