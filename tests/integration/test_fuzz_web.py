"""Fuzzing the HTTP edges that take files and documents: activity log uploads (any bytes, any
file name), JSON records, xAPI statements (the LRS endpoint), territory descriptions, and the
public verification upload.

Property: the service answers every request with a success or a 4xx carrying our error
document, never a 500 (an exception that escaped).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fuzz_support import (
    format_text,
    fuzz,
    good_object,
    json_objects,
    json_values,
    mutated_json,
    statement,
)
from web_world import World, build_world

file_names = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["..", ".", "", "../../etc/passwd", "/etc/passwd", "a/b/c.csv", "x.csv\x00",
                     "x.c\x00sv", "..\\..\\x.csv", "x" * 300 + ".csv", "log.jsonl", "log.json",
                     "CON", "x.%2e%2e", "é.csv", "x.json"]))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("fuzz-web"))


def answered(response: Any) -> Any:
    assert response.status_code < 500, response.text[:500]
    if response.status_code >= 400:
        body = response.json()
        assert body.get("message") or body.get("detail"), body
    return response


@fuzz(30)
@given(st.one_of(st.binary(max_size=300), format_text.map(
    lambda t: t.encode("utf-8", "surrogateescape"))), file_names,
    st.sampled_from([None, "csv", "jsonl", "xapi"]))
def test_activity_upload(world: World, data: bytes, name: str, fmt: str | None) -> None:
    answered(world.client.post(
        "/api/v1/activities/upload", headers=world.headers("coordinator"),
        files={"file": (name, data, "text/csv")}, data={"format": fmt} if fmt else {}))


def test_a_raw_file_name_with_a_nul_byte_is_only_a_name(world: World) -> None:
    body = (b'--b\r\nContent-Disposition: form-data; name="file"; filename="x.c\x00sv"\r\n'
            b"Content-Type: text/csv\r\n\r\n" + b"not a log\r\n--b--\r\n")
    answered(world.client.post(
        "/api/v1/activities/upload", content=body,
        headers={**world.headers("coordinator"),
                 "Content-Type": "multipart/form-data; boundary=b"}))


@fuzz(30)
@given(st.lists(st.one_of(json_objects, st.builds(
    lambda o, m: {**o, **m}, st.just(good_object(1)), json_objects)), min_size=1, max_size=4))
def test_json_records(world: World, records: list[dict[str, Any]]) -> None:
    answered(world.client.post(
        "/api/v1/activities", content=json.dumps(records).encode(),
        headers={**world.headers("coordinator"), "Content-Type": "application/json"}))


statements = st.one_of(
    mutated_json(statement(5)),
    json_values,
    st.builds(lambda n: {**statement(6), "result": {"duration": "PT1H",
                                                   "x": json.loads("[" * n + "]" * n)}},
              st.integers(min_value=100, max_value=900)),
    st.just({**statement(7), "object": {**statement(7)["object"], "x": "\ud800"}}),
)


@fuzz(40)
@given(st.lists(statements, min_size=1, max_size=3))
def test_xapi_statements(world: World, items: list[Any]) -> None:
    answered(world.client.post(
        "/xapi/statements", content=json.dumps(items).encode(),
        headers={**world.headers("coordinator"), "Content-Type": "application/json",
                 "X-Experience-API-Version": "1.0.3"}))


@fuzz(25)
@given(st.one_of(format_text, json_values.map(lambda v: json.dumps(v))), file_names)
def test_territory_upload(world: World, text: str, name: str) -> None:
    answered(world.client.post(
        "/api/v1/territories", headers=world.headers("admin"),
        files={"file": (name, text.encode("utf-8", "surrogateescape"), "application/yaml")}))


@fuzz(30)
@given(st.binary(max_size=300), file_names)
def test_verification_upload(world: World, data: bytes, name: str) -> None:
    response = answered(world.client.post("/api/v1/verify",
                                          files={"file": (name, data or b"x", "image/png")}))
    assert response.status_code == 200 or not name  # no file name: not a file, 422
    answered(world.client.post("/verifier", files={"file": (name, data or b"x", "image/png")}))
