"""Two `apprenance ingest` processes on the same store at the same time, on SQLite and on
PostgreSQL: every row is stored once, and each one is counted once as accepted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text

from conftest import CliResult
from ingest_cli import write_territories

APPRENANCE = str(Path(sys.executable).parent / "apprenance")
ROWS = 20_000


def test_two_processes_store_each_row_once(
    cli: Callable[..., CliResult], home: Path, db_url: str, tmp_path: Path
) -> None:
    opts = ["--home", str(home), "--db", db_url]
    assert cli(*opts, "init").code == 0
    for path in write_territories(tmp_path):
        assert cli(*opts, "territory", path).code == 0
    log = tmp_path / "log.csv"
    with open(log, "w", encoding="utf-8") as f:
        f.write("id,date,participant,territoire,projet,activite,duree,temoin\n")
        for i in range(ROWS):
            f.write(f"c{i},2025-{1 + i % 12:02d}-{1 + i % 28:02d},p{i % 97}@example.org,val,"
                    f"jardin,atelier-cuisine,0.5,{'habitant:w@example.org' if i % 3 else ''}\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("APPRENANCE_")}
    env["APPRENANCE_LANG"] = "en"
    procs = [subprocess.Popen([APPRENANCE, *opts, "ingest", "--json", str(log)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    reports = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
        reports.append(json.loads(out))
    assert sum(r["accepted"] for r in reports) == ROWS
    assert sum(r["duplicates"] for r in reports) == ROWS
    assert all(r["rejected"] == 0 for r in reports)
    engine = create_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM activities")).scalar() == ROWS
        assert conn.execute(text("SELECT count(*) FROM attestations")).scalar() == (
            ROWS - len(range(0, ROWS, 3)))
        assert conn.execute(text("SELECT count(*) FROM learners")).scalar() == 97
    engine.dispose()
