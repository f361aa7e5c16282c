"""Issue 12: coordinators read and write only their territory on the intake paths (xAPI
statements, uploads and JSON records); refused requests keep nothing under HOME/uploads."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from apprenance.bootstrap import bundled
from web_world import LEA, OTHER, World, build_world

V = {"X-Experience-API-Version": "1.0.3"}


@pytest.fixture
def world(tmp_path: Path) -> World:
    return build_world(tmp_path)


def _lea_statement() -> dict[str, Any]:
    data: list[dict[str, Any]] = json.loads(
        (bundled("examples") / "activites-xapi.json").read_text(encoding="utf-8"))
    return next(s for s in data if s["actor"].get("mbox") == f"mailto:{LEA}"
                and "duration" in s.get("result", {}))


def _files(world: World) -> list[str]:
    folder = world.app.home / "uploads"
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) \
        if folder.exists() else []


def _headers(world: World, role: str) -> dict[str, str]:
    return {**world.headers(role), **V}


def test_a_foreign_coordinator_cannot_post_or_read_a_statement(world: World) -> None:
    stmt = _lea_statement()
    refused = world.client.post("/xapi/statements", headers=_headers(world, "other_coordinator"),
                                json=[stmt])
    assert refused.status_code == 403, refused.text
    put = world.client.put(f"/xapi/statements?statementId={stmt['id']}",
                           headers=_headers(world, "other_coordinator"), json=stmt)
    assert put.status_code == 403
    assert world.client.get(f"/xapi/statements?statementId={stmt['id']}",
                            headers=_headers(world, "admin")).status_code == 404
    assert _files(world) == []  # nothing kept for a refused request

    assert world.client.post("/xapi/statements", headers=_headers(world, "coordinator"),
                             json=[stmt]).status_code == 200
    url = f"/xapi/statements?statementId={stmt['id']}"
    known = world.client.put(url, headers=_headers(world, "other_coordinator"), json=stmt)
    assert known.status_code == 403  # a stored id of another territory: refused all the same
    assert world.client.get(url, headers=_headers(world, "coordinator")).status_code == 200
    assert world.client.get(url, headers=_headers(world, "learner")).status_code == 200
    unknown = world.client.get(f"/xapi/statements?statementId={uuid.uuid4()}",
                               headers=_headers(world, "other_coordinator"))
    foreign = world.client.get(url, headers=_headers(world, "other_coordinator"))
    assert foreign.status_code == unknown.status_code == 404
    assert world.client.get(url, headers=_headers(world, "other_learner")).status_code == 404
    listed = world.client.get("/xapi/statements", headers=_headers(world, "other_coordinator"))
    assert listed.status_code == 200 and listed.json()["statements"] == []
    mine = world.client.get("/xapi/statements", headers=_headers(world, "coordinator")).json()
    assert [s["id"] for s in mine["statements"]] == [stmt["id"]]


def test_foreign_rows_of_json_records_are_rejects_the_others_kept(world: World) -> None:
    base = {"date": "2026-05-02", "projet": "jardin", "activite": "atelier-participatif",
            "duree": 2}
    records = [
        {**base, "id": "mine-1", "participant": OTHER, "territoire": "autre"},
        {**base, "id": "theirs-1", "participant": OTHER, "territoire": "val-de-serre",
         "projet": "legumerie-cantines"},
        {**base, "id": "theirs-2", "participant": LEA, "territoire": "autre"},
    ]
    response = world.client.post("/api/v1/activities", json=records,
                                 headers=world.headers("other_coordinator"))
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["accepted"] == 1 and report["rejected"] == 2, report
    by_line = {r["line"]: r for r in report["rejections"]}
    assert by_line[2]["field"] == "territoire" and "val-de-serre" in by_line[2]["reason"]
    assert by_line[3]["field"] == "participant" and LEA in by_line[3]["reason"]
    timeline = world.client.get(f"/api/v1/learners/{LEA}/activities?limit=1000",
                                headers=world.headers("admin")).json()
    assert "theirs-2" not in [a["id"] for a in timeline]
    olga = world.client.get(f"/api/v1/learners/{OTHER}/activities?limit=1000",
                            headers=world.headers("admin")).json()
    ids = [a["id"] for a in olga]
    assert "mine-1" in ids and "theirs-1" not in ids


def test_refused_uploads_leave_no_file(world: World) -> None:
    data = (bundled("examples") / "activites.csv").read_bytes()
    for role, form, status in [("public", {}, 401), ("learner", {}, 403),
                               ("coordinator", {"format": "nope"}, 422)]:
        response = world.client.post("/api/v1/activities/upload", headers=world.headers(role),
                                     data=form, files={"file": ("a.csv", data, "text/csv")})
        assert response.status_code == status, response.text
    assert _files(world) == []
