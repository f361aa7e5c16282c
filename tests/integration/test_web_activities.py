"""Activities in over HTTP: the same checks, rejection report and idempotency as the command
line; territory limits for coordinators; unmapped activities to assign."""

from __future__ import annotations

import pytest

from apprenance.bootstrap import bundled
from web_world import World, build_world

CSV = bundled("examples") / "activites.csv"
ERRORS = bundled("examples") / "activites-with-errors.csv"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("activities"))


def _upload(world: World, role: str, path: object, name: str = "activites.csv") -> object:
    data = path.read_bytes() if hasattr(path, "read_bytes") else path
    return world.client.post("/api/v1/activities/upload", headers=world.headers(role),
                             files={"file": (name, data, "text/csv")})


def test_upload_is_idempotent(world: World) -> None:
    first = _upload(world, "coordinator", CSV)
    assert first.status_code == 200, first.text
    report = first.json()
    assert report["accepted"] > 600 and report["rejected"] == 0
    again = _upload(world, "coordinator", CSV).json()
    assert again["accepted"] == 0
    assert again["duplicates"] == report["accepted"]


def test_rejection_report(world: World) -> None:
    report = _upload(world, "admin", ERRORS, "activites-with-errors.csv").json()
    assert report["rejected"] > 0
    assert any(r.get("field") == "participant" for r in report["rejections"]), report
    rejects = world.client.get("/api/v1/rejects", headers=world.headers("admin"))
    assert rejects.status_code == 200 and rejects.json()
    mine = world.client.get("/api/v1/rejects", headers=world.headers("coordinator"))
    assert mine.status_code == 200  # a coordinator sees their territory's rejects only:
    assert all(r["territory"] == "val-de-serre" for r in mine.json())  # not the admin's


def test_coordinators_stay_in_their_territory(world: World) -> None:
    response = _upload(world, "other_coordinator", CSV)  # every row is val-de-serre's
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["accepted"] == 0 and report["rejected"] > 600
    assert {r["field"] for r in report["rejections"]} == {"territoire"}
    assert "val-de-serre" in report["rejections"][0]["reason"]
    assert _upload(world, "learner", CSV).status_code == 403
    assert _upload(world, "public", CSV).status_code == 401


def test_json_records(world: World) -> None:
    record = {"id": "json-1", "date": "2026-05-02", "participant": "olga@autre.example.org",
              "territoire": "autre", "projet": "jardin", "activite": "atelier-participatif",
              "duree": 2}
    response = world.client.post("/api/v1/activities", headers=world.headers("other_coordinator"),
                                 json=[record])
    assert response.status_code == 200, response.text
    assert response.json()["accepted"] + response.json()["rejected"] == 1
    assert world.client.post("/api/v1/activities", headers=world.headers("admin"),
                             json=[]).status_code == 400


def test_unmapped_assignment(world: World) -> None:
    record = {"id": "odd-1", "date": "2026-05-03", "participant": "olga@autre.example.org",
              "territoire": "autre", "projet": "jardin", "activite": "tricot-collectif",
              "duree": 2}
    world.client.post("/api/v1/activities", headers=world.headers("admin"), json=[record])
    groups = world.client.get("/api/v1/unmapped", headers=world.headers("other_coordinator"))
    assert groups.status_code == 200
    ids = [a["id"] for g in groups.json() for a in g["activities"]]
    assert "odd-1" in ids
    mine = world.client.get("/api/v1/unmapped", headers=world.headers("coordinator")).json()
    assert "odd-1" not in [a["id"] for g in mine for a in g["activities"]]
    refused = world.client.post("/api/v1/activities/odd-1/type",
                                headers=world.headers("coordinator"),
                                json={"type": "atelier-participatif"})
    assert refused.status_code == 403
    done = world.client.post("/api/v1/activities/odd-1/type",
                             headers=world.headers("other_coordinator"),
                             json={"type": "atelier-participatif"})
    assert done.status_code == 200, done.text
    unknown = world.client.post("/api/v1/activities/odd-1/type", headers=world.headers("admin"),
                                json={"type": "nope"})
    assert unknown.status_code == 400
