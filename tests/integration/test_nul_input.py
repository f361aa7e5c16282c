"""Issue 21: a NUL character (``%00``, ``\\u0000``) in a path parameter, a query parameter or a
JSON or form body is refused at the edge with 422 and our error body, on every route, instead
of a 500 from PostgreSQL (which cannot store it in a text column); on SQLite too."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from apprenance.db import tables as t
from apprenance.web.input_guard import nul_in_body, nul_in_url
from web_world import LEA, World, build_world

PARAM = re.compile(r"\{(\w+)(?::\w+)?\}")
HOSTILE = "a%00b"


@pytest.fixture
def world(tmp_path: Path, db_url: str) -> World:
    return build_world(tmp_path, db_url=db_url)


def _flat(routes: list[Any]) -> list[Any]:
    """The routes, those of included routers too (FastAPI keeps them as one entry each)."""
    out: list[Any] = []
    for route in routes:
        contexts = getattr(route, "effective_route_contexts", None)
        out += _flat(list(contexts())) if contexts is not None else [route]
    return out


def _routes(world: World) -> list[tuple[str, str]]:
    """(method, URL) for every route of the application, each path parameter holding a NUL,
    a route without parameters given a query parameter with one."""
    out = []
    for route in _flat(world.client.app.routes):  # type: ignore[attr-defined]
        path = getattr(route, "path", None)
        if not path:
            continue
        methods = sorted(getattr(route, "methods", None) or {"GET"})
        url = PARAM.sub(HOSTILE, path) if PARAM.search(path) else f"{path}?q={HOSTILE}"
        if not getattr(route, "methods", None):  # a mount: a file below it
            url = f"{path}/{HOSTILE}"
        out += [(method, url) for method in methods if method != "HEAD"]
    return out


def _refused(response: Any, url: str) -> None:
    assert response.status_code < 500, (url, response.text[:300])
    if url.startswith("/xapi") or url.startswith("/oauth/"):  # an LRS and RFC 6749 say 400
        assert response.status_code == 400, (url, response.text[:300])
    else:
        assert response.status_code == 422, (url, response.text[:300])
    body = response.json()
    if url.startswith("/ims/ob/"):
        assert "NUL" in body["imsx_description"], body
    elif url.startswith("/oauth/"):
        assert body["error"] == "invalid_request" and "NUL" in body["error_description"]
    else:
        assert body["error"] == "input" and "NUL" in body["message"], body


def test_every_route_refuses_a_nul_in_its_path_or_query(world: World) -> None:
    routes = _routes(world)
    assert len(routes) > 40  # the whole application, not a sample
    for method, url in routes:
        response = world.client.request(method, url, headers=world.headers("admin"))
        _refused(response, url)


@pytest.mark.parametrize("url", [
    "/api/v1/learners?territory=a%00b", f"/api/v1/learners/{LEA}?lang=%00",
    "/api/v1/learners/a%00b/portfolio", "/api/v1/territories/val%00/coverage",
    "/api/v1/credentials?learner=a%00b", "/api/v1/catalog/search?q=eau%00",
    "/api/v1/rejects?resolved=%00", "/ims/ob/v3p0/credentials?since=%00",
])
def test_known_query_and_path_parameters(world: World, url: str) -> None:
    for role in ("admin", "coordinator", "learner", ""):
        _refused(world.client.get(url, headers=world.headers(role)), url)


def _activities(world: World) -> int:
    with world.app.store.transaction() as conn:
        return int(conn.execute(select(func.count()).select_from(t.activities)).scalar_one())


def test_a_json_body_with_a_nul_is_refused_and_nothing_is_stored(world: World) -> None:
    before = _activities(world)
    record = {"date": "2026-05-02", "participant": LEA, "hours": 2, "type": "atelier-participatif",
              "project": "legumerie-cantines", "description": "fin\u0000de ligne"}
    for field in ("description", "participant", "project", "x-note"):
        sent = {**record, field: f"{record.get(field, 'z')}\u0000"}
        response = world.client.post("/api/v1/activities", content=json.dumps([sent]),
                                     headers={**world.headers("coordinator"),
                                              "Content-Type": "application/json"})
        assert response.status_code == 422, response.text
        assert response.json()["detail"][0]["loc"] == ["body"]
        assert "NUL" in response.json()["message"]
    assert _activities(world) == before
    # a backslash followed by "u0000" is text, not a NUL: it goes through
    fine = {**record, "description": "un \\u0000 littéral"}
    response = world.client.post("/api/v1/activities", content=json.dumps([fine]),
                                 headers={**world.headers("coordinator"),
                                          "Content-Type": "application/json"})
    assert response.status_code == 200, response.text
    assert _activities(world) == before + 1


def test_json_bodies_of_other_routes_and_forms(world: World) -> None:
    bad = json.dumps({"reason": "x\u0000"})
    response = world.client.post("/api/v1/rejects/1/dismiss", content=bad,
                                 headers={**world.headers("admin"),
                                          "Content-Type": "application/json; charset=utf-8"})
    _refused(response, "/api/v1/rejects/1/dismiss")
    response = world.client.post("/xapi/statements", content=json.dumps({"id": "\u0000"}),
                                 headers={**world.headers("coordinator"),
                                          "Content-Type": "application/json",
                                          "X-Experience-API-Version": "1.0.3"})
    _refused(response, "/xapi/statements")
    response = world.client.post("/oauth/token", content=b"grant_type=client_credentials"
                                 b"&client_id=a%00b&client_secret=s",
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    _refused(response, "/oauth/token")


def test_the_french_message() -> None:
    from apprenance.i18n import t

    assert t("input.nul", "fr") == "le caractère NUL (%00, \\u0000) n'est pas accepté"


def test_the_detectors() -> None:
    assert nul_in_url({"path": "/a\x00", "query_string": b""}) == ["path"]
    assert nul_in_url({"path": "/a", "query_string": b"x=1&y=a%00"}) == ["query", "y"]
    assert nul_in_url({"path": "/a", "query_string": b"x=%2500"}) is None  # "%00", as text
    assert nul_in_body(b'["\\\\u0000"]', "application/json") is None
    assert nul_in_body(b'["\\\\\\u0000"]', "application/ld+json") == ["body"]
    assert nul_in_body(b"a=%00", "application/x-www-form-urlencoded") == ["body", "a"]
    assert nul_in_body(b"\x00", "multipart/form-data; boundary=b") is None
