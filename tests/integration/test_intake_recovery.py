"""Issue 20: nothing lost on the intake paths when the server dies mid-request. Stores left
with statements without activity (by older versions), and uploads marked but never ingested,
are put right by the next intake; identical uploads at once all succeed. (The xAPI intake's
one transaction: test_xapi_one_transaction.)"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from apprenance.bootstrap import bundled
from apprenance.db import tables as t
from apprenance.db import xapi_sql
from apprenance.services.ingest import coordination, xapi_intake
from apprenance.services.ingest import recovery as intake_recovery
from web_world import LEA, World, build_world

V = {"X-Experience-API-Version": "1.0.3"}
XAPI = bundled("examples") / "activites-xapi.json"


@pytest.fixture
def world(tmp_path: Path, db_url: str) -> Iterator[World]:
    intake_recovery._done.clear()  # a fresh process as far as recovery is concerned
    yield build_world(tmp_path, db_url=db_url)
    intake_recovery._done.clear()


def _lea(n: int) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(XAPI.read_text(encoding="utf-8"))
    return [s for s in data if s["actor"].get("mbox") == f"mailto:{LEA}"][:n]


def _count(world: World, table: Any, *where: Any) -> int:
    with world.app.store.transaction() as conn:
        return int(conn.execute(select(func.count()).select_from(table).where(*where))
                   .scalar_one())


def _effects(world: World, sid: str) -> int:
    """Activities plus rejects of a statement: exactly one when nothing was lost."""
    return (_count(world, t.activities, t.activities.c.id == sid)
            + _count(world, t.rejects, t.rejects.c.statement_id == sid))


def test_statements_stored_without_activity_are_ingested_again(world: World) -> None:
    first, second, third = _lea(3)
    void = {"id": "c0ffee00-0000-4000-8000-000000000001", "actor": first["actor"],
            "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
            "object": {"objectType": "StatementRef", "id": second["id"]}}
    # what the old intake left after a kill: statements recorded, activities never written
    checked = xapi_intake.check([first, second, void])
    with world.app.store.transaction() as conn:
        xapi_sql.insert_statements(conn, [
            {"id": s["id"], "content_hash": xapi_intake.content_hash(s), "statement": s,
             "version": "1.0.3", "stored_at": world.app.clock()} for s in checked])
    assert [s["id"] for s in xapi_intake.unprocessed(world.app.store)] == \
        sorted(s["id"] for s in checked)
    response = world.client.post("/xapi/statements", headers={**world.headers("admin"), **V},
                                 json=[third])
    assert response.status_code == 200, response.text
    assert _effects(world, first["id"]) == 1 and _effects(world, third["id"]) == 1
    assert _count(world, t.activities, t.activities.c.id == second["id"],
                  t.activities.c.voided.is_(True)) == 1
    assert xapi_intake.unprocessed(world.app.store) == []


def test_an_upload_kept_but_not_ingested_is_ingested_by_the_next_intake(
        world: World) -> None:
    records = [{"id": "lost-1", "date": "2026-05-02", "participant": "olga@autre.example.org",
                "territoire": "autre", "projet": "jardin",
                "activite": "atelier-participatif", "duree": 2},
               {"id": "lost-2", "date": "2026-05-02", "participant": LEA,
                "territoire": "autre", "projet": "jardin",
                "activite": "atelier-participatif", "duree": 2}]
    data = coordination.records_as_jsonl(records)
    # what a kill between keeping and ingesting leaves: the file and its marker
    path, fmt = coordination.keep_upload(world.app.home, "activities.jsonl", data, "jsonl")
    mark = intake_recovery.mark_pending(world.app.home, path, fmt, "activities.jsonl", ["autre"])
    mark.close()  # the process was killed: its lock is gone, its marker stays
    record = {**records[0], "id": "next-1"}
    response = world.client.post("/api/v1/activities", json=[record],
                                 headers=world.headers("other_coordinator"))
    assert response.status_code == 200, response.text
    assert _count(world, t.activities, t.activities.c.id.in_(["lost-1", "next-1"])) == 2
    # healed within its sender's territory: Léa belongs to val-de-serre
    assert _count(world, t.activities, t.activities.c.id == "lost-2") == 0
    assert list(intake_recovery.pending_folder(world.app.home).glob("*.json")) == []


def test_the_marker_comes_before_the_file_and_is_followed_either_way(world: World) -> None:
    """The marker is written before the upload's file: a kill between the two leaves a marker
    of no file (dropped, nothing ingested); a kill after leaves both (the file ingested, its
    format detected from the content when the sender named none)."""
    records = [{"id": "early-1", "date": "2026-05-03", "participant": "olga@autre.example.org",
                "territoire": "autre", "projet": "jardin",
                "activite": "atelier-participatif", "duree": 2}]
    data = coordination.records_as_jsonl(records)
    never = coordination.upload_path(world.app.home, "never.jsonl", data + b"\n", None)
    intake_recovery.mark_pending(world.app.home, never, None, "never.jsonl", ["autre"]).close()
    kept = coordination.upload_path(world.app.home, "kept.jsonl", data, None)
    intake_recovery.mark_pending(world.app.home, kept, None, "kept.jsonl", ["autre"]).close()
    coordination.keep_upload(world.app.home, "kept.jsonl", data, None, path=kept)
    assert intake_recovery.needs_healing(world.app.store, world.app.home)
    counts = intake_recovery.heal_now(world.app.store, world.app.catalog(), world.app.home,
                                      clock=world.app.clock, lang="fr")
    assert counts == {"statements": 0, "uploads": 1}
    assert not never.exists()
    assert _count(world, t.activities, t.activities.c.id == "early-1") == 1
    assert list(intake_recovery.pending_folder(world.app.home).glob("*")) == []
    assert not intake_recovery.needs_healing(world.app.store, world.app.home)


def test_an_upload_still_in_flight_is_left_to_its_process(world: World) -> None:
    """A worker starting while another one ingests an upload must not take that upload for an
    interrupted one (it did: the eight identical uploads at once on four workers all answered
    'accepted 0', each file ingested by a starting worker's recovery instead)."""
    records = [{"id": "flight-1", "date": "2026-05-02", "participant": "olga@autre.example.org",
                "territoire": "autre", "projet": "jardin",
                "activite": "atelier-participatif", "duree": 2}]
    data = coordination.records_as_jsonl(records)
    path, fmt = coordination.keep_upload(world.app.home, "flight.jsonl", data, "jsonl")
    mark = intake_recovery.mark_pending(world.app.home, path, fmt, "flight.jsonl", ["autre"])
    try:
        counts = intake_recovery.heal_now(world.app.store, world.app.catalog(), world.app.home,
                                          clock=world.app.clock, lang="fr")
        assert counts["uploads"] == 0
        assert _count(world, t.activities, t.activities.c.id == "flight-1") == 0
        assert mark.path.is_file()
    finally:
        mark.close()
    # once its process is gone, the marker is followed
    counts = intake_recovery.heal_now(world.app.store, world.app.catalog(), world.app.home,
                                      clock=world.app.clock, lang="fr")
    assert counts["uploads"] == 1
    assert _count(world, t.activities, t.activities.c.id == "flight-1") == 1
    assert not mark.path.exists()


def test_identical_uploads_at_once_all_succeed(world: World) -> None:
    data = bundled("examples").joinpath("activites.csv").read_bytes()
    failures: list[BaseException] = []
    for attempt in range(15):  # the same new file kept by many threads at once
        payload = data + f"\n# {attempt}\n".encode()
        gate = threading.Barrier(8)

        def keep(payload: bytes = payload, gate: threading.Barrier = gate) -> None:
            gate.wait()
            try:
                coordination.keep_upload(world.app.home, "a.csv", payload, "csv")
            except BaseException as exc:
                failures.append(exc)

        threads = [threading.Thread(target=keep) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == []
    answers: list[Any] = []

    def send() -> None:
        answers.append(world.client.post(
            "/api/v1/activities/upload", headers=world.headers("coordinator"),
            files={"file": ("activites.csv", data, "text/csv")}))

    senders = [threading.Thread(target=send) for _ in range(4)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    assert [a.status_code for a in answers] == [200] * 4, [a.text for a in answers]
    reports = [a.json() for a in answers]
    total = sum(r["accepted"] for r in reports)
    assert total == reports[0]["accepted"] + reports[0]["duplicates"]
    assert all(r["accepted"] + r["duplicates"] == total for r in reports)


def test_concurrent_uploads_keep_every_learner_day_within_24_hours(world: World) -> None:
    """Issue 21: eight ingests at once, each adding 5 h to the same two learner-days."""
    from apprenance.services.ingest.pipeline import LogFile, ingest_files

    catalog = world.app.catalog()
    paths = []
    for k in range(8):
        rows = [{"id": f"cap-{k}-{d}", "date": f"2026-06-0{d}", "participant": LEA,
                 "territoire": "val-de-serre", "projet": "legumerie-cantines",
                 "activite": "atelier-participatif", "duree": 5} for d in (1, 2)]
        path = world.app.home / f"cap-{k}.jsonl"
        path.write_bytes(coordination.records_as_jsonl(rows))
        paths.append(path)
    gate = threading.Barrier(len(paths))
    failures: list[BaseException] = []

    def ingest(path: Path) -> None:
        gate.wait()
        try:
            ingest_files(world.app.store, catalog, [LogFile(path, path.name, "jsonl")],
                         clock=world.app.clock, lang="en")
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=ingest, args=(p,)) for p in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    a = t.activities.c
    with world.app.store.transaction() as conn:
        days = dict(conn.execute(
            select(a.occurred_on, func.sum(a.duration_hours))
            .join(t.learners, t.learners.c.id == a.learner_id)
            .where(t.learners.c.participant == LEA, a.id.like("cap-%"))
            .group_by(a.occurred_on)).tuples().all())
    assert len(days) == 2 and all(hours == 20 for hours in days.values()), days
