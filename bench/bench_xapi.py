"""xAPI intake speed: statements posted to ``/xapi/statements`` in batches (and one by one with
PUT), in process through FastAPI's TestClient (no socket: the intake's own work, not the HTTP
server's), on an SQLite file and on PostgreSQL. Prints statements per second for each.

    .venv/bin/python bench/bench_xapi.py [--batches 40] [--per-batch 50] [--puts 200]
                                         [--pg-url URL | --no-pg]

``--pg-url`` (or APPRENANCE_BENCH_PG_URL) names the PostgreSQL server; default
postgresql+psycopg://postgres@127.0.0.1:5432/test. The benchmark creates its own database there
and drops it at the end.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import shutil
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe

from apprenance.bootstrap import App, bundled
from apprenance.config import load_settings
from apprenance.services.people import access
from apprenance.services.people.territories import load_territory
from apprenance.services.store import init_store
from apprenance.web.app import create_app

V = {"X-Experience-API-Version": "1.0.3"}
VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def statements(count: int, rng: random.Random) -> list[dict[str, Any]]:
    """``count`` statements of the example's learners, each on a day of its own (no day goes
    over 24 hours); one in ten voids an earlier one, one in twenty has no duration (a
    reject)."""
    examples = json.loads((bundled("examples") / "activites-xapi.json").read_text("utf-8"))
    templates = [s for s in examples if s.get("verb", {}).get("id") != VOIDED
                 and isinstance(s.get("result"), dict) and "duration" in s["result"]]
    out: list[dict[str, Any]] = []
    day = date(2020, 1, 1)
    for n in range(count):
        if out and n % 10 == 9:
            out.append({"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                        "actor": out[-1]["actor"], "verb": {"id": VOIDED},
                        "object": {"objectType": "StatementRef", "id": out[-1]["id"]}})
            continue
        stmt = copy.deepcopy(templates[n % len(templates)])
        stmt["id"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        stmt["timestamp"] = f"{day.isoformat()}T09:30:00+02:00"
        day += timedelta(days=1)
        if n % 20 == 7:
            del stmt["result"]["duration"]
        out.append(stmt)
    return out


def run(db_url: str | None, args: argparse.Namespace) -> dict[str, float]:
    tmp = Path(tempfile.mkdtemp(prefix="apprenance-bench-xapi-"))
    try:
        app = App(load_settings(home=tmp / "home", database_url=db_url,
                                public_url="https://bench.example.org"))
        init_store(app.home, lambda: app.store)
        load_territory(app.store, bundled("examples") / "territory.yaml", clock=app.clock)
        admin = {"Authorization": "Bearer " + access.create_token(
            app.store, role="admin", clock=app.clock), **V}
        client = TestClient(create_app(app.settings, app=app))
        rng = random.Random(20)
        warm = statements(20, rng)
        client.post("/xapi/statements", headers=admin, json=warm).raise_for_status()
        batches = [statements(args.per_batch, rng) for _ in range(args.batches)]
        begin, cpu = time.perf_counter(), time.process_time()
        for batch in batches:
            client.post("/xapi/statements", headers=admin, json=batch).raise_for_status()
        posted, posted_cpu = time.perf_counter() - begin, time.process_time() - cpu
        begin = time.perf_counter()
        for batch in batches[: max(1, args.batches // 4)]:  # sent again: every one known
            client.post("/xapi/statements", headers=admin, json=batch).raise_for_status()
        again = time.perf_counter() - begin
        singles = [s for s in statements(args.puts, rng) if s["verb"]["id"] != VOIDED]
        begin, cpu = time.perf_counter(), time.process_time()
        for stmt in singles:
            client.put("/xapi/statements", headers=admin, params={"statementId": stmt["id"]},
                       json=stmt).raise_for_status()
        put, put_cpu = time.perf_counter() - begin, time.process_time() - cpu
        app.close()
        sent = args.batches * args.per_batch
        return {"batched": sent / posted, "again": max(1, args.batches // 4) * args.per_batch
                / again, "put": len(singles) / put,
                "post_cpu_ms": 1000 * posted_cpu / sent,
                "put_cpu_ms": 1000 * put_cpu / len(singles)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def postgres(server: str, args: argparse.Namespace) -> dict[str, float]:
    from sqlalchemy import create_engine, text

    name = f"apprenance_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        return run(server.rsplit("/", 1)[0] + f"/{name}", args)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=40)
    parser.add_argument("--per-batch", type=int, default=50)
    parser.add_argument("--puts", type=int, default=200)
    parser.add_argument("--pg-url", default=os.environ.get(
        "APPRENANCE_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"))
    parser.add_argument("--no-pg", action="store_true", help="SQLite only.")
    args = parser.parse_args()
    results = {"SQLite": run(None, args)}
    if not args.no_pg:
        results["PostgreSQL"] = postgres(args.pg_url, args)
    print(f"xAPI intake — {args.batches} POSTs of {args.per_batch} statements (1 in 10 a void,"
          f" 1 in 20 a reject), then a quarter of them again, then {args.puts} PUTs — "
          f"{describe()}")
    print("CPU: of this process only (the client, the app and SQLite; not PostgreSQL's server)")
    print("| store | POST statements/s | CPU ms/statement | POST again (known) statements/s "
          "| PUT statements/s | CPU ms/PUT |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, r in results.items():
        print(f"| {name} | {r['batched']:.0f} | {r['post_cpu_ms']:.2f} | {r['again']:.0f} "
              f"| {r['put']:.1f} | {r['put_cpu_ms']:.1f} |")


if __name__ == "__main__":
    main()
