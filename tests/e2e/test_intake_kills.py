"""Issue 20: `apprenance serve` killed with SIGKILL at random moments (seeded) while a client
posts xAPI statements and sends again every batch left unanswered: afterwards every statement
has exactly one activity or one reject (a voiding statement: its target voided, or a reject),
and none is recorded without them."""

from __future__ import annotations

import copy
import json
import random
import subprocess
import threading
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.pool import NullPool

from apprenance.db import tables as t
from apprenance.db.access_tables import xapi_statements
from apprenance.db.store import Store
from apprenance.services.ingest import xapi_intake
from conftest import REPO
from live_server import free_port, server_env, wait_until_up
from web_world import LEA, build_world
from workers_world import APPRENANCE

pytestmark = pytest.mark.serial  # kills servers at random moments: alone, after the parallel run
V = {"X-Experience-API-Version": "1.0.3"}
KILLS = 4
BATCHES = 30
PER_BATCH = 8
VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def _serve(home: Path, db_url: str, port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [APPRENANCE, "--home", str(home), "--db", db_url, "serve", "--host", "127.0.0.1",
         "--port", str(port), "--workers", str(workers)],
        env=server_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_up(f"http://127.0.0.1:{port}", proc, tries=300)
    return proc


def _statements(rng: random.Random) -> list[list[dict[str, Any]]]:
    """Batches of statements for Léa on days of their own; some without a duration (each a
    reject), some voiding a statement of an earlier batch or of their own."""
    template = next(s for s in json.loads((REPO / "examples" / "activites-xapi.json").read_text(
        encoding="utf-8")) if s["actor"].get("mbox") == f"mailto:{LEA}")
    batches: list[list[dict[str, Any]]] = []
    day = date(2025, 1, 1)
    sent: list[str] = []
    for _ in range(BATCHES):
        batch = []
        for _ in range(PER_BATCH):
            if sent and rng.random() < 0.12:
                batch.append({"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                              "actor": template["actor"], "verb": {"id": VOIDED},
                              "object": {"objectType": "StatementRef",
                                         "id": sent.pop(rng.randrange(len(sent)))}})
                continue
            stmt = copy.deepcopy(template)
            stmt["id"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            stmt["timestamp"] = f"{day.isoformat()}T09:30:00+02:00"
            day += timedelta(days=1)
            if rng.random() < 0.1:
                del stmt["result"]["duration"]
            batch.append(stmt)
            sent.append(stmt["id"])
        batches.append(batch)
    return batches


def _send_with_kills(rng: random.Random, batches: list[Any], home: Path, db_url: str,
                     path: str, headers: dict[str, str]) -> int:
    """Post each batch (JSON) to a served ``path``; once in every few batches the server is
    killed after a random delay, started again, and the batch sent again until answered."""
    port = free_port()
    url = f"http://127.0.0.1:{port}{path}"
    proc = _serve(home, db_url, port)
    kills = 0
    try:
        for number, batch in enumerate(batches):
            doomed = kills < KILLS and number % (len(batches) // KILLS) == 1
            while True:
                timer = None
                if doomed:
                    timer = threading.Timer(rng.uniform(0.0, 0.25), proc.kill)
                    timer.start()
                    doomed = False
                try:
                    answer = httpx.post(url, headers=headers, json=batch, timeout=60)
                    answered = answer.status_code == 200
                    assert answered, answer.text
                except httpx.HTTPError:
                    answered = False
                if timer is not None:
                    timer.join()
                    if proc.poll() is None:
                        proc.kill()  # the timer fired after the answer: killed all the same
                    proc.wait()
                    kills += 1
                    proc = _serve(home, db_url, port)
                if answered:
                    break
    finally:
        proc.kill()
        proc.wait()
    return kills


@pytest.mark.slow
def test_killed_servers_lose_no_statement(tmp_path: Path, db_url: str) -> None:
    world = build_world(tmp_path, db_url=db_url)
    token = world.tokens["admin"]
    world.app.close()
    home = tmp_path / "home"
    rng = random.Random(20261202)
    batches = _statements(rng)
    kills = _send_with_kills(rng, batches, home, db_url, "/xapi/statements",
                             {"Authorization": f"Bearer {token}", **V})
    assert kills == KILLS
    _every_statement_once(db_url, [s for b in batches for s in b])


@pytest.mark.slow
def test_killed_servers_lose_no_posted_activity(tmp_path: Path, db_url: str) -> None:
    """The same for ``POST /api/v1/activities``: every record has its activity or a reject."""
    world = build_world(tmp_path, db_url=db_url)
    token = world.tokens["coordinator"]
    world.app.close()
    rng = random.Random(20261203)
    day = date(2025, 1, 1)
    batches = []
    for b in range(20):
        rows = []
        for k in range(10):
            rows.append({"id": f"k-{b}-{k}", "date": day.isoformat(), "participant": LEA,
                         "territoire": "val-de-serre", "projet": "legumerie-cantines",
                         "activite": "atelier-participatif",
                         "duree": 2 if rng.random() > 0.1 else "beaucoup"})
            day += timedelta(days=1)
        batches.append(rows)
    kills = _send_with_kills(rng, batches, tmp_path / "home", db_url, "/api/v1/activities",
                             {"Authorization": f"Bearer {token}"})
    assert kills == KILLS
    engine = create_engine(db_url, poolclass=NullPool)
    a, r = t.activities.c, t.rejects.c
    with engine.connect() as conn:
        stored = set(conn.execute(select(a.id).where(a.id.like("k-%"))).scalars())
        rejected = [json.loads(raw)["id"] for raw in conn.execute(
            select(r.raw).where(r.raw.like('%"k-%'))).scalars()]
    engine.dispose()
    wanted = {row["id"] for rows in batches for row in rows}
    assert sorted([*stored, *rejected]) == sorted(wanted)


def _every_statement_once(db_url: str, statements: list[dict[str, Any]]) -> None:
    engine = create_engine(db_url, poolclass=NullPool)
    a, r = t.activities.c, t.rejects.c
    with engine.connect() as conn:
        activities = dict(conn.execute(select(a.id, a.voided)).tuples().all())
        rejects = dict(conn.execute(select(r.statement_id, func.count()).where(
            r.statement_id.is_not(None)).group_by(r.statement_id)).tuples().all())
        recorded = set(conn.execute(select(xapi_statements.c.id)).scalars())
    engine.dispose()
    lost, twice = [], []
    for stmt in statements:
        sid = stmt["id"]
        if stmt["verb"]["id"] == VOIDED:
            done = int(activities.get(stmt["object"]["id"], False) is True) + rejects.get(sid, 0)
            if done == 0:
                lost.append(sid)
            continue
        found = int(sid in activities) + rejects.get(sid, 0)
        (lost if found == 0 else twice if found > 1 else []).append(sid)
    assert (lost, twice) == ([], [])
    assert recorded == {s["id"] for s in statements}
    assert xapi_intake.unprocessed(Store.open(db_url)) == []


def test_identical_uploads_at_once_on_a_real_server(tmp_path: Path, db_url: str) -> None:
    """Issue 21: the same new file sent by eight clients at once: every answer is 200, and the
    activities are accepted once in all (the others count them as duplicates)."""
    world = build_world(tmp_path, db_url=db_url)
    token = world.tokens["coordinator"]
    world.app.close()
    data = (REPO / "examples" / "activites.csv").read_bytes()
    port = free_port()
    proc = _serve(tmp_path / "home", db_url, port, workers=4)  # uploads race in processes
    gate = threading.Barrier(8)
    answers: list[httpx.Response] = []

    def send() -> None:
        gate.wait()
        answers.append(httpx.post(
            f"http://127.0.0.1:{port}/api/v1/activities/upload",
            headers={"Authorization": f"Bearer {token}"}, timeout=120,
            files={"file": ("activites.csv", data, "text/csv")}))

    try:
        threads = [threading.Thread(target=send) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        proc.kill()
        proc.wait()
    assert [a.status_code for a in answers] == [200] * 8, [a.text[:200] for a in answers]
    reports = [a.json() for a in answers]
    accepted = sum(r["accepted"] for r in reports)
    assert accepted > 600
    assert all(r["accepted"] + r["duplicates"] == accepted for r in reports), reports
