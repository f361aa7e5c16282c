"""What the xAPI specification refuses is refused by the HTTP intake as a 400 naming the
statement and the property, with nothing stored, and by ``ingest --format xapi`` as a rejected
line with field and reason (the statement checks themselves: tests/unit/test_xapi_refusals.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, CliResult
from web_world import World, build_world
from xapi_cases import REFUSED, base, set_path

V = {"X-Experience-API-Version": "1.0.3"}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("xapi-refusals"))


def _fresh(n: int) -> dict[str, Any]:
    stmt = base()
    stmt["id"] = f"7a0c1e52-2b3d-4c5e-8f60-7182930a4b{n:02d}"
    stmt["object"]["id"] += f"-refusal-{n}"
    return stmt


def test_the_intake_refuses_the_whole_request(world: World) -> None:
    good, bad = _fresh(1), set_path(_fresh(2), "actor.openid", "https://id.example.org/lea")
    headers = {**world.headers("coordinator"), **V}
    response = world.client.post("/xapi/statements", headers=headers, json=[good, bad])
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["details"] == {"statement": 1, "field": "actor", "reason": "xapi.ifi"}
    # the instance speaks French
    assert body["message"].startswith("déclaration 1\u00a0: actor\u00a0:")
    for sid in (good["id"], bad["id"]):
        assert world.client.get(f"/xapi/statements?statementId={sid}",
                                headers=headers).status_code == 404
    scaled = set_path(_fresh(3), "result.score", {"scaled": 2})
    response = world.client.put(f"/xapi/statements?statementId={scaled['id']}",
                                headers=headers, json=scaled)
    assert response.status_code == 400
    assert response.json()["details"]["field"] == "result.score.scaled"
    assert world.client.post("/xapi/statements", headers=headers,
                             json=[good]).status_code == 200


def test_file_ingest_rejects_each_refused_line(cli: Callable[..., CliResult],
                                               home: Path, tmp_path: Path) -> None:
    assert cli("--home", home, "init").code == 0
    assert cli("--home", home, "territory", REPO / "examples" / "territory.yaml").code == 0
    lines = [_fresh(10)]
    for n, (path, value, _, _) in enumerate(REFUSED[:12], start=11):
        lines.append(set_path(_fresh(n), path, value))
    log = tmp_path / "statements.json"
    log.write_text("".join(json.dumps(s) + "\n" for s in lines), encoding="utf-8")
    result = cli("--home", home, "--lang", "en", "ingest", "--format", "xapi", "--json", log)
    assert result.code == 0, result.err
    report = result.json()
    assert (report["accepted"], report["rejected"]) == (1, 12), report["rejections"]
    got = [(r["line"], r["field"], r["statement_id"]) for r in report["rejections"]]
    assert got == [(n, REFUSED[n - 2][2], lines[n - 1]["id"]) for n in range(2, 14)]
    reasons = {r["field"]: r["reason"] for r in report["rejections"]}
    assert reasons["colour"] == "'colour' is not an xAPI statement property"
    assert reasons["verb.display"] == "'english!' is not a language tag (RFC 5646)"
