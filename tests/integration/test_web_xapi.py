"""The xAPI intake answers as an LRS does, and statements become activities exactly once."""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any

import pytest

from apprenance.bootstrap import bundled
from web_world import LEA, World, build_world

V = {"X-Experience-API-Version": "1.0.3"}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("xapi"))


@pytest.fixture(scope="module")
def statements() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(
        (bundled("examples") / "activites-xapi.json").read_text(encoding="utf-8"))
    return [s for s in data if s["actor"].get("mbox") == f"mailto:{LEA}"][:3]


def _headers(world: World, role: str = "coordinator") -> dict[str, str]:
    return {**world.headers(role), **V}


def _timeline(world: World) -> list[str]:
    found = world.client.get(f"/api/v1/learners/{LEA}/activities?limit=1000",
                             headers=world.headers("admin")).json()
    return [a["source"]["statement"] for a in found if a["source"]["statement"]]


def test_post_stores_and_ingests_once(world: World, statements: list[dict[str, Any]]) -> None:
    before = len(_timeline(world))
    first = world.client.post("/xapi/statements", headers=_headers(world), json=statements)
    assert first.status_code == 200, first.text
    assert first.json() == [s["id"] for s in statements]
    assert first.headers["x-experience-api-version"].startswith("1.0")
    assert len(_timeline(world)) == before + len(statements)
    again = world.client.post("/xapi/statements", headers=_headers(world), json=statements)
    assert again.status_code == 200
    assert len(_timeline(world)) == before + len(statements)
    got = world.client.get(f"/xapi/statements?statementId={statements[0]['id']}",
                           headers=_headers(world))
    assert got.status_code == 200 and got.json()["verb"] == statements[0]["verb"]


def test_conflicting_reuse_of_an_id_is_409(world: World,
                                           statements: list[dict[str, Any]]) -> None:
    stored = world.client.post("/xapi/statements", headers=_headers(world),
                               json=statements[:1])
    assert stored.status_code == 200
    changed = json.loads(json.dumps(statements[0]))
    changed["result"]["duration"] = "PT9H"
    response = world.client.put(f"/xapi/statements?statementId={changed['id']}",
                                headers=_headers(world), json=changed)
    assert response.status_code == 409
    same = world.client.put(f"/xapi/statements?statementId={statements[0]['id']}",
                            headers=_headers(world), json=statements[0])
    assert same.status_code == 204


def test_put_with_a_new_id_and_basic_auth(world: World,
                                          statements: list[dict[str, Any]]) -> None:
    fresh = {k: v for k, v in statements[1].items() if k != "id"}
    fresh["object"] = {**fresh["object"], "id": fresh["object"]["id"] + "-bis"}
    sid = str(uuid.uuid4())
    basic = base64.b64encode(f"lrs:{world.tokens['coordinator']}".encode()).decode()
    response = world.client.put(f"/xapi/statements?statementId={sid}", json=fresh,
                                headers={"Authorization": f"Basic {basic}", **V})
    assert response.status_code == 204, response.text
    assert world.client.get(f"/xapi/statements?statementId={sid}",
                            headers=_headers(world)).status_code == 200


@pytest.mark.parametrize("body", [{"actor": {}}, {"actor": {"mbox": "mailto:a@b"},
                                                  "verb": {"id": "nope"}, "object": {}},
                                  [], "text", [1]])
def test_invalid_statements_are_400(world: World, body: Any) -> None:
    response = world.client.post("/xapi/statements", headers=_headers(world), json=body)
    assert response.status_code == 400, response.text


def test_version_header_is_required(world: World, statements: list[dict[str, Any]]) -> None:
    response = world.client.post("/xapi/statements", headers=world.headers("coordinator"),
                                 json=statements[:1])
    assert response.status_code == 400
    assert "X-Experience-API-Version" in response.json()["message"]


def test_who_may_post(world: World, statements: list[dict[str, Any]]) -> None:
    assert world.client.post("/xapi/statements", headers=V,
                             json=statements[:1]).status_code == 401
    assert world.client.post("/xapi/statements", headers=_headers(world, "learner"),
                             json=statements[:1]).status_code == 403
    assert world.client.get("/xapi/statements?statementId=" + str(uuid.uuid4()),
                            headers=_headers(world)).status_code == 404
    assert world.client.get("/xapi/statements?statementId=nope",
                            headers=_headers(world)).status_code == 400
