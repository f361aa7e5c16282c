"""Issue 20: the statements of the xAPI intake are stored in one transaction with their
activities, the voiding of their targets, their rejects and their record. A crash at each step
of that transaction keeps nothing, and the retry (grouped otherwise, as a forwarding LRS may)
stores each statement's effect exactly once; a conflict found in the transaction (a concurrent
request) keeps nothing of the losing request; racing requests with one id and two contents
leave one activity, of the content recorded."""

from __future__ import annotations

import copy
import json
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from apprenance.bootstrap import bundled
from apprenance.db import tables as t
from apprenance.db.access_tables import xapi_statements
from apprenance.services.ingest import recovery, statement_store, writer, xapi_intake
from web_world import LEA, World, build_world

V = {"X-Experience-API-Version": "1.0.3"}
VOIDED = "http://adlnet.gov/expapi/verbs/voided"


@pytest.fixture
def world(tmp_path: Path, db_url: str) -> Iterator[World]:
    recovery._done.clear()  # a fresh process as far as healing is concerned
    yield build_world(tmp_path, db_url=db_url)
    recovery._done.clear()


def _template() -> dict[str, Any]:
    data = json.loads((bundled("examples") / "activites-xapi.json").read_text(encoding="utf-8"))
    return next(s for s in data if s["actor"].get("mbox") == f"mailto:{LEA}"
                and "duration" in s.get("result", {}))


def _statement(n: int, *, hours: int = 2, duration: bool = True) -> dict[str, Any]:
    stmt = copy.deepcopy(_template())
    stmt["id"] = str(uuid.UUID(int=n, version=4))
    stmt["timestamp"] = f"2025-02-{n % 28 + 1:02d}T09:30:00+01:00"
    stmt["result"]["duration"] = f"PT{hours}H"
    if not duration:
        del stmt["result"]["duration"]  # an activity without a duration: a reject
    return stmt


def _void(n: int, target: str) -> dict[str, Any]:
    return {"id": str(uuid.UUID(int=n, version=4)), "actor": _template()["actor"],
            "verb": {"id": VOIDED}, "object": {"objectType": "StatementRef", "id": target}}


def _post(world: World, statements: list[dict[str, Any]]) -> Any:
    return world.client.post("/xapi/statements", headers={**world.headers("admin"), **V},
                             json=statements)


def _state(world: World) -> dict[str, Any]:
    """What the store counts: activities (voided or not), rejects, recorded statements."""
    a, r = t.activities.c, t.rejects.c
    with world.app.store.transaction() as conn:
        return {
            "activities": dict(conn.execute(select(a.id, a.voided)).tuples().all()),
            "rejects": sorted(conn.execute(select(r.statement_id)).scalars(), key=str),
            "recorded": set(conn.execute(select(xapi_statements.c.id)).scalars()),
            "statements": conn.execute(select(func.count()).select_from(xapi_statements))
            .scalar_one(),
        }


def _effects(state: dict[str, Any], stmt: dict[str, Any]) -> int:
    """Activities plus rejects of a statement (a void: its target voided, or its reject)."""
    sid = stmt["id"]
    rejected = state["rejects"].count(sid)
    if stmt["verb"]["id"] == VOIDED:
        return int(state["activities"].get(stmt["object"]["id"]) is True) + rejected
    return int(sid in state["activities"]) + rejected


def _after(real: Callable[..., Any]) -> Callable[..., Any]:
    """``real``, then the process dies (before the transaction commits)."""

    def dying(*args: Any, **kwargs: Any) -> Any:
        real(*args, **kwargs)
        raise RuntimeError("killed")

    return dying


# each step of the one transaction, in order: where the crash comes just after
STEPS: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    "activities written": lambda mp: mp.setattr(writer.BatchWriter, "write",
                                                 _after(writer.BatchWriter.write)),
    "evidence told": lambda mp: mp.setattr(writer, "add_sums", _after(writer.add_sums)),
    "voids settled": lambda mp: mp.setattr(writer.BatchWriter, "settle_voids",
                                           _after(writer.BatchWriter.settle_voids)),
    "rejects resolved": lambda mp: mp.setattr(statement_store, "resolve_file",
                                              _after(statement_store.resolve_file)),
    "statements recorded": lambda mp: mp.setattr(statement_store, "record",
                                                 _after(statement_store.record)),
}


@pytest.mark.parametrize("step", list(STEPS))
def test_a_crash_in_the_transaction_keeps_nothing_and_the_retry_stores_all_once(
        world: World, monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    earlier = _statement(1)
    assert _post(world, [earlier]).status_code == 200
    batch = [_statement(2), _statement(3, duration=False), _void(4, earlier["id"]),
             _void(5, str(uuid.UUID(int=99, version=4))), _statement(6, hours=3)]
    before = _state(world)
    STEPS[step](monkeypatch)
    died = _post(world, batch)
    assert died.status_code == 500
    monkeypatch.undo()
    assert _state(world) == before  # nothing of the dead request: no activity, reject, record
    assert xapi_intake.unprocessed(world.app.store) == []
    # the client sends them again, grouped otherwise (as an LRS forwarding them may)
    for part in (batch[3:][::-1], batch[:3]):
        again = _post(world, part)
        assert again.status_code == 200, again.text
    state = _state(world)
    assert {s["id"]: _effects(state, s) for s in batch} == {s["id"]: 1 for s in batch}
    assert state["recorded"] == before["recorded"] | {s["id"] for s in batch}
    assert state["activities"][earlier["id"]] is True  # voided
    assert _post(world, batch).status_code == 200  # and once more: nothing changes
    assert _state(world) == state


def test_a_conflict_found_in_the_transaction_keeps_nothing_of_the_request(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """A concurrent request recorded the id with other content after this one's check: the
    record refuses it (409), and the other statements of the request are not kept either."""
    first = _statement(10, hours=2)
    assert _post(world, [first]).status_code == 200
    before = _state(world)
    other = _statement(10, duration=False)  # same id, other content (would be a reject)
    new = _statement(11)
    monkeypatch.setattr(statement_store, "fresh_statements", lambda _store, stmts: stmts)
    answer = _post(world, [new, other])
    assert answer.status_code == 409, answer.text
    assert _state(world) == before
    monkeypatch.undo()
    stored = world.client.get("/xapi/statements", params={"statementId": first["id"]},
                              headers={**world.headers("admin"), **V}).json()
    assert stored["result"]["duration"] == "PT2H"
    assert _post(world, [new]).status_code == 200


def test_racing_requests_with_one_id_leave_the_activity_of_the_recorded_content(
        world: World) -> None:
    """Eight requests at once with one id, four with 2 hours and four with 5: the winner's
    content is both the activity and the record; the others answer 200 (same content) or
    409."""
    contents = [_statement(20, hours=2 if k % 2 else 5) for k in range(8)]
    gate = threading.Barrier(len(contents))
    statuses: list[int] = []

    def send(stmt: dict[str, Any]) -> None:
        gate.wait()
        statuses.append(_post(world, [stmt]).status_code)

    threads = [threading.Thread(target=send, args=(s,)) for s in contents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(set(statuses)) in ([200, 409], [200])
    sid = contents[0]["id"]
    a = t.activities.c
    with world.app.store.transaction() as conn:
        hours = conn.execute(select(a.duration_hours).where(a.id == sid)).scalars().all()
        recorded = conn.execute(select(xapi_statements.c.statement)
                                .where(xapi_statements.c.id == sid)).scalar_one()
        rejects = conn.execute(select(func.count()).select_from(t.rejects)
                               .where(t.rejects.c.statement_id == sid)).scalar_one()
    assert len(hours) == 1 and rejects == 0
    assert f"PT{int(hours[0])}H" == recorded["result"]["duration"]
    won = statuses.count(200)
    assert won == sum(1 for s in contents if s["result"] == recorded["result"])
