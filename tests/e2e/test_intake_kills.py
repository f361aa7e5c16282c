"""Issue 20: `apprenance serve` killed with SIGKILL at seeded random moments of a stream of
requests on every intake path: xAPI statements posted in batches (voiding ones and rejected
ones among them) and put one by one, activity files uploaded, activities posted as JSON. The
client sends every request left unanswered again once the server is back (a batch of
statements regrouped, as a forwarding LRS may). Afterwards every statement has exactly one
activity or one reject (a voiding statement: its target voided, or its reject) and is
recorded; every row sent is stored or rejected exactly once; nothing is left to heal."""

from __future__ import annotations

import contextlib
import copy
import csv
import io
import json
import os
import random
import signal
import subprocess
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Connection, create_engine, func, or_, select
from sqlalchemy.pool import NullPool

from apprenance.db import tables as t
from apprenance.db.access_tables import xapi_statements
from apprenance.db.store import Store
from apprenance.services.ingest import recovery, xapi_intake
from conftest import REPO
from live_server import free_port, server_env, wait_until_up
from web_world import LEA, build_world
from workers_world import APPRENANCE

pytestmark = pytest.mark.serial  # kills servers at random moments: a group started first
V = {"X-Experience-API-Version": "1.0.3"}
REQUESTS = 28
PER_REQUEST = 6
VOIDED = "http://adlnet.gov/expapi/verbs/voided"
COLUMNS = ("id", "date", "participant", "territoire", "projet", "activite", "duree")


def _serve(home: Path, db_url: str, port: int, workers: int = 1,
           log: Path | None = None) -> subprocess.Popen[bytes]:
    err = log.open("ab") if log is not None else subprocess.DEVNULL
    proc = subprocess.Popen(
        [APPRENANCE, "--home", str(home), "--db", db_url, "serve", "--host", "127.0.0.1",
         "--port", str(port), "--workers", str(workers)],
        env=server_env(), stdout=err, stderr=err, start_new_session=True)
    if log is not None:
        err.close()  # type: ignore[union-attr]
    wait_until_up(f"http://127.0.0.1:{port}", proc, tries=600)
    return proc


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL the server and its worker processes (its own session: a killed master leaves
    its workers running, holding database connections, when only it is killed)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)


@dataclass
class Request:
    """One request of the stream: ``kind`` (statements, put, upload, records) and its body."""

    kind: str
    body: Any

    def has_reject(self) -> bool:
        """Whether a row or a statement of it is rejected (without a duration)."""
        if self.kind == "statements":
            return any("duration" not in s.get("result", {"duration": 0}) for s in self.body)
        return self.kind != "put" and b"beaucoup" in (
            self.body if self.kind == "upload" else json.dumps(self.body).encode())

    def ids(self) -> list[str]:
        """The ids of its statements (voids aside) or of its rows."""
        if self.kind == "put":
            return [self.body["id"]]
        if self.kind == "statements":
            return [s["id"] for s in self.body if s["verb"]["id"] != VOIDED]
        if self.kind == "records":
            return [r["id"] for r in self.body]
        return [line.split(",", 1)[0] for line in self.body.decode("utf-8").splitlines()[1:]]

    def send(self, base: str, tokens: dict[str, str], again: bool) -> bool:
        """Send it (a batch of statements sent again: reversed, in two halves); answered."""
        xapi = {"Authorization": f"Bearer {tokens['admin']}", **V}
        staff = {"Authorization": f"Bearer {tokens['coordinator']}"}
        if self.kind == "statements":
            batch = self.body[::-1] if again else self.body
            parts = [batch[: len(batch) // 2], batch[len(batch) // 2 :]] if again else [batch]
            return all(_answered(httpx.post(f"{base}/xapi/statements", headers=xapi,
                                            json=part, timeout=60)) for part in parts)
        if self.kind == "put":
            return _answered(httpx.put(f"{base}/xapi/statements", headers=xapi, json=self.body,
                                       params={"statementId": self.body["id"]}, timeout=60),
                             204)
        if self.kind == "upload":
            return _answered(httpx.post(f"{base}/api/v1/activities/upload", headers=staff,
                                        files={"file": ("journal.csv", self.body, "text/csv")},
                                        timeout=60))
        return _answered(httpx.post(f"{base}/api/v1/activities", headers=staff, json=self.body,
                                    timeout=60))


def _answered(response: httpx.Response, status: int = 200) -> bool:
    assert response.status_code == status, response.text
    return True


class Stream:
    """The seeded requests, and what they sent: statements and rows (by id)."""

    def __init__(self, rng: random.Random) -> None:
        data = json.loads((REPO / "examples" / "activites-xapi.json").read_text("utf-8"))
        self.template = next(s for s in data if s["actor"].get("mbox") == f"mailto:{LEA}"
                             and "duration" in s.get("result", {}))
        self.rng = rng
        self.day = date(2025, 1, 1)
        self.sent: list[str] = []  # statements a later void may name
        self.statements: list[dict[str, Any]] = []
        self.rows: list[str] = []
        self.requests = [self._request(n) for n in range(REQUESTS)]

    def _request(self, n: int) -> Request:
        kind = self.rng.choices(["statements", "put", "upload", "records"], [4, 2, 2, 2])[0]
        if kind == "statements":
            batch = [self._statement(may_void=True) for _ in range(PER_REQUEST)]
            self.sent.extend(s["id"] for s in batch if s["verb"]["id"] != VOIDED)
            return Request(kind, batch)
        if kind == "put":
            stmt = self._statement(may_void=False)
            self.sent.append(stmt["id"])
            return Request(kind, stmt)
        rows = [self._row(n, k) for k in range(PER_REQUEST)]
        if kind == "records":
            return Request(kind, rows)
        out = io.StringIO()
        writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return Request(kind, out.getvalue().encode("utf-8"))

    def _next_day(self) -> str:
        self.day += timedelta(days=1)
        return self.day.isoformat()

    def _statement(self, *, may_void: bool) -> dict[str, Any]:
        sid = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
        if may_void and self.sent and self.rng.random() < 0.15:
            stmt = {"id": sid, "actor": self.template["actor"], "verb": {"id": VOIDED},
                    "object": {"objectType": "StatementRef",
                               "id": self.sent.pop(self.rng.randrange(len(self.sent)))}}
        else:
            stmt = copy.deepcopy(self.template)
            stmt["id"] = sid
            stmt["timestamp"] = f"{self._next_day()}T09:30:00+02:00"
            if self.rng.random() < 0.1:
                del stmt["result"]["duration"]  # a reject
        self.statements.append(stmt)
        return stmt

    def _row(self, n: int, k: int) -> dict[str, Any]:
        rid = f"k-{n:02d}-{k:02d}"
        self.rows.append(rid)
        return {"id": rid, "date": self._next_day(), "participant": LEA,
                "territoire": "val-de-serre", "projet": "legumerie-cantines",
                "activite": "atelier-participatif",
                "duree": 2 if self.rng.random() > 0.1 else "beaucoup"}


# the kinds of the requests that see a kill, each once, and when: just after the request's
# first commit (the moment a store written in two transactions is left half done), or after a
# random part of the time the last request of its kind took
KILLED = (("statements", "commit"), ("upload", "commit"), ("statements", "random"),
          ("records", "random"))


def _doomed(rng: random.Random, stream: Stream) -> dict[int, str]:
    """Request number -> how it is killed: one request of each kind of ``KILLED``, among
    those with a reject (the retry must not reject anything twice)."""
    doomed: dict[int, str] = {}
    for kind, when in KILLED:
        numbers = [n for n, r in enumerate(stream.requests)
                   if r.kind == kind and n and n not in doomed and r.has_reject()]
        doomed[rng.choice(numbers)] = when
    return doomed


def _committed(conn: Connection, request: Request) -> bool:
    """Whether anything of ``request`` is in the store yet."""
    a, r, s = t.activities.c, t.rejects.c, xapi_statements.c
    ids = request.ids()
    if request.kind in ("statements", "put"):
        found = [select(a.id).where(a.id.in_(ids)), select(s.id).where(s.id.in_(ids)),
                 select(r.id).where(r.statement_id.in_(ids))]
    else:
        found = [select(a.id).where(a.id.in_(ids)),
                 select(r.id).where(or_(*[r.raw.like(f"%{x}%") for x in ids]))]
    return any(conn.execute(q.limit(1)).first() is not None for q in found)


def _kill_after_commit(db_url: str, request: Request, proc: subprocess.Popen[bytes],
                       done: threading.Event) -> threading.Thread:
    """A thread that kills ``proc`` as soon as something of ``request`` is committed."""

    def watch() -> None:
        engine = create_engine(db_url, poolclass=NullPool)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            while not done.is_set() and not _committed(conn, request):
                time.sleep(0.002)
        _kill(proc)
        engine.dispose()

    thread = threading.Thread(target=watch)
    thread.start()
    return thread


def _send_with_kills(rng: random.Random, stream: Stream, home: Path, db_url: str,
                     tokens: dict[str, str], logs: Path) -> int:
    """Send the stream in order; the doomed requests see the server killed (then started
    again); a request left unanswered is sent again until answered."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = _serve(home, db_url, port, log=logs)
    doomed = _doomed(rng, stream)
    took: dict[str, float] = {}
    kills = 0
    try:
        for number, request in enumerate(stream.requests):
            again = False
            while True:
                killer: threading.Thread | None = None
                done = threading.Event()  # answered: a watcher kills at once
                when = doomed.pop(number, None)
                if when == "commit":
                    killer = _kill_after_commit(db_url, request, proc, done)
                elif when == "random":
                    delay = took.get(request.kind, 0.1) * rng.uniform(0.0, 1.2)
                    killer = threading.Timer(delay, proc.kill)
                    killer.start()
                begin = time.monotonic()
                try:
                    answered = request.send(base, tokens, again)
                except httpx.HTTPError:  # killed before it answered (or before it was sent)
                    answered = False
                if killer is not None:
                    done.set()
                    killer.join()
                    if proc.poll() is None:
                        _kill(proc)  # it fired after the answer: killed all the same
                    proc.wait()
                    kills += 1
                    proc = _serve(home, db_url, port, log=logs)
                if answered:
                    if not again:
                        took[request.kind] = time.monotonic() - begin
                    break
                again = True
    finally:
        _kill(proc)
        proc.wait()
    return kills


@pytest.mark.slow
def test_killed_servers_lose_nothing_sent_on_any_intake_path(tmp_path: Path,
                                                             db_url: str) -> None:
    world = build_world(tmp_path, db_url=db_url)
    tokens = world.tokens
    world.app.close()
    home = tmp_path / "home"
    rng = random.Random(20261203)
    stream = Stream(rng)
    assert {r.kind for r in stream.requests} == {"statements", "put", "upload", "records"}
    logs = tmp_path / "server.log"
    kills = _send_with_kills(rng, stream, home, db_url, tokens, logs)
    assert kills == len(KILLED)
    _every_statement_once(db_url, stream.statements)
    _every_row_once(db_url, stream.rows)
    store = Store.open(db_url)
    try:
        assert not recovery.needs_healing(store, home)
    finally:
        store.dispose()
    assert "Traceback" not in logs.read_text(encoding="utf-8", errors="replace")


def _every_row_once(db_url: str, wanted: list[str]) -> None:
    engine = create_engine(db_url, poolclass=NullPool)
    a, r = t.activities.c, t.rejects.c
    with engine.connect() as conn:
        stored = list(conn.execute(select(a.id).where(a.id.like("k-%"))).scalars())
        raws = list(conn.execute(select(r.raw).where(r.raw.like("%k-%"),
                                                     r.statement_id.is_(None))).scalars())
    engine.dispose()
    rejected = []
    for raw in raws:  # a row refused by its checks: the CSV line or the JSON record
        try:
            rejected.append(json.loads(raw)["id"])
        except ValueError:
            rejected.append(next(csv.reader([raw]))[0])
    assert sorted(wanted) == sorted(set(wanted))
    assert Counter([*stored, *rejected]) == Counter(wanted)


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
        else:
            done = int(sid in activities) + rejects.get(sid, 0)
        (lost if done == 0 else twice if done > 1 else []).append(sid)
    assert (lost, twice) == ([], [])
    assert recorded == {s["id"] for s in statements}
    store = Store.open(db_url)
    try:
        assert xapi_intake.unprocessed(store) == []
    finally:
        store.dispose()


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
        _kill(proc)
        proc.wait()
    assert [a.status_code for a in answers] == [200] * 8, [a.text[:200] for a in answers]
    reports = [a.json() for a in answers]
    accepted = sum(r["accepted"] for r in reports)
    assert accepted > 600
    assert all(r["accepted"] + r["duplicates"] == accepted for r in reports), reports
