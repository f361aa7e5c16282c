"""What the xAPI specification refuses (ADL conformance requirements XAPI-00021 to 00107) is
refused: by the HTTP intake as a 400 naming the statement and the property, with nothing
stored; by ``ingest --format xapi`` as a rejected line with field and reason."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from apprenance.bootstrap import bundled
from apprenance.errors import FieldError
from apprenance.importers.xapi_rules import check_statement
from conftest import REPO, CliResult
from web_world import LEA, World, build_world

V = {"X-Experience-API-Version": "1.0.3"}
ADL = "http://adlnet.gov/expapi/verbs/"
AGENT = {"mbox": "mailto:someone@example.org"}
REF = {"objectType": "StatementRef", "id": "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f1"}


def _examples() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(
        (bundled("examples") / "activites-xapi.json").read_text(encoding="utf-8"))
    return data


def base() -> dict[str, Any]:
    """A statement of the example file, valid for the specification and the profile."""
    return copy.deepcopy(next(s for s in _examples() if s["actor"].get("mbox") == f"mailto:{LEA}"))


def _set(stmt: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    *parents, last = path.split(".")
    node = stmt
    for key in parents:
        node = node.setdefault(key, {})
    node[last] = value
    return stmt


# (path set, value, field named, reason key)
REFUSED: list[tuple[str, Any, str, str]] = [
    ("colour", "blue", "colour", "xapi.unknown_property"),
    ("actor.openid", "https://id.example.org/lea", "actor", "xapi.ifi"),
    ("actor.email", "lea@example.org", "actor.email", "xapi.unknown_property"),
    ("actor.name", ["Léa"], "actor.name", "xapi.text"),
    ("actor.objectType", "Person", "actor.objectType", "xapi.agent_type"),
    ("verb.id", "attended", "verb.id", "xapi.iri"),
    ("verb.id", "http://adlnet.gov/expapi/verbs/<attended>", "verb.id", "xapi.iri"),
    ("verb.display", {"english!": "attended"}, "verb.display", "xapi.language"),
    ("verb.description", {"en": "x"}, "verb.description", "xapi.unknown_property"),
    ("object.id", "https://example.org/a b", "object.id", "xapi.iri"),
    ("object.id", "https://example.org/%zz", "object.id", "xapi.iri"),
    ("object.objectType", "Thing", "object.objectType", "xapi.object_kind"),
    ("object.definition.name", {"fr_FR": "Atelier"}, "object.definition.name", "xapi.language"),
    ("object.definition.moreInfo", "pas un IRI", "object.definition.moreInfo", "xapi.iri"),
    ("object.definition.interactionType", "essay", "object.definition.interactionType",
     "xapi.interaction"),
    ("object.definition.correctResponsesPattern", ["a"], "object.definition.interactionType",
     "xapi.missing"),
    ("id", "1234", "id", "xapi.uuid"),
    ("id", "41e5d472f4b342f7a7ed1eefb1e3bc65", "id", "xapi.uuid"),
    ("version", "0.95", "version", "xapi.version"),
    ("version", "3.0.0", "version", "xapi.version"),
    ("timestamp", "01/06/2026 09:30", "timestamp", "xapi.timestamp"),
    ("timestamp", "2026-06-01T9:30", "timestamp", "xapi.timestamp"),
    ("stored", "hier", "stored", "xapi.timestamp"),
    ("result.duration", "4h30", "result.duration", "duration.iso"),
    ("result.duration", "PT", "result.duration", "duration.iso"),
    ("result.score", {"scaled": 1.5}, "result.score.scaled", "xapi.scaled"),
    ("result.score", {"scaled": "0.5"}, "result.score.scaled", "xapi.number"),
    ("result.score", {"raw": 12, "min": 0, "max": 10}, "result.score.raw", "xapi.score_raw"),
    ("result.score", {"min": 10, "max": 0}, "result.score.max", "xapi.score_range"),
    ("result.success", "yes", "result.success", "xapi.boolean"),
    ("result.extensions", {"evidence": "x"}, "result.extensions", "xapi.iri"),
    ("context.extensions", {"role": "etudiant"}, "context.extensions", "xapi.iri"),
    ("context.registration", "r-1", "context.registration", "xapi.uuid"),
    ("context.language", "fr_FR", "context.language", "xapi.language"),
    ("context.contextActivities", {}, "context.contextActivities", "xapi.empty"),
    ("context.contextActivities", {"sibling": [{"id": "https://example.org/p"}]},
     "context.contextActivities.sibling", "xapi.unknown_property"),
    ("context.statement", {"objectType": "StatementRef", "id": "x"}, "context.statement.id",
     "xapi.uuid"),
    ("context.team", AGENT, "context.team.objectType", "xapi.type_expected"),
    ("context.instructor", {"mbox": "julien@example.org"}, "context.instructor.mbox",
     "xapi.mbox"),
    ("authority", {"name": "LRS"}, "authority", "xapi.ifi"),
    ("authority", {"objectType": "Group", "member": [AGENT, AGENT, AGENT]}, "authority.member",
     "xapi.authority_group"),
    ("attachments", {"usageType": "https://example.org/u"}, "attachments", "xapi.not_list"),
    ("attachments", [{"usageType": "signature", "display": {"en": "s"}}],
     "attachments[0].usageType", "xapi.iri"),
    ("attachments", [{"usageType": "https://example.org/u", "display": {"en": "s"},
                      "contentType": "application/pdf", "length": -1, "sha2": "ab" * 32}],
     "attachments[0].length", "xapi.length"),
    ("object", {"objectType": "StatementRef", "id": "nope"}, "object.id", "xapi.uuid"),
    ("object", {"objectType": "Agent", "name": "nobody"}, "object", "xapi.ifi"),
    ("object", {"objectType": "SubStatement", "actor": AGENT,
                "verb": {"id": ADL + "attended"}, "object": {
                    "objectType": "SubStatement", "actor": AGENT,
                    "verb": {"id": ADL + "attended"}, "object": {"id": "https://e.org/a"}}},
     "object.object.objectType", "xapi.nested_sub"),
    ("object", {"objectType": "SubStatement", "id": "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f1",
                "actor": AGENT, "verb": {"id": ADL + "attended"},
                "object": {"id": "https://e.org/a"}}, "object.id", "xapi.unknown_property"),
]


@pytest.mark.parametrize(("path", "value", "field", "key"), REFUSED,
                         ids=[f"{r[0]}={str(r[1])[:30]}" for r in REFUSED])
def test_what_the_specification_refuses(path: str, value: Any, field: str, key: str) -> None:
    with pytest.raises(FieldError) as caught:
        check_statement(_set(base(), path, value))
    assert (caught.value.field, caught.value.key) == (field, key)


def test_a_voiding_statement_targets_a_statement_ref() -> None:
    stmt = _set(base(), "verb", {"id": ADL + "voided"})
    with pytest.raises(FieldError) as caught:
        check_statement(stmt)
    assert (caught.value.field, caught.value.key) == ("object.objectType", "xapi.void_ref")
    stmt["object"] = REF
    stmt.pop("result")
    stmt["context"] = {"platform": "LMS"}
    with pytest.raises(FieldError) as caught:
        check_statement(stmt)
    assert (caught.value.field, caught.value.key) == ("context.platform", "xapi.activity_only")
    stmt.pop("context")
    check_statement(stmt)


@pytest.mark.parametrize(("path", "value"), [
    ("timestamp", "20260601T093000Z"), ("timestamp", "2026-06-01T09:30:00.123456+02:00"),
    ("stored", "2026-06-01T09:30Z"), ("version", "2.0.0"), ("version", "1.0"),
    ("result.duration", "P1Y2M"), ("result.score", {"scaled": -1, "raw": 3, "min": 0, "max": 3}),
    ("verb.display", {"zh-Hant-TW": "x", "x-private": "y", "de-CH-1996": "z", "und": "u"}),
    ("authority", {"objectType": "Group", "member": [
        {"account": {"homePage": "https://lrs.example.org", "name": "app"}}, AGENT]}),
    ("actor", {"objectType": "Group", "member": [AGENT]}),  # valid xAPI; the profile refuses
    ("object", {"objectType": "Agent", "mbox": "mailto:x@example.org"}),
    ("attachments", [{"usageType": "https://example.org/u", "display": {"en": "s"},
                      "contentType": "application/pdf; charset=binary", "length": 10,
                      "sha2": "ab" * 32, "fileUrl": "https://example.org/f.pdf"}]),
    ("context.extensions", {"https://example.org/e": None}),
])
def test_what_the_specification_allows(path: str, value: Any) -> None:
    check_statement(_set(base(), path, value))


def test_the_example_statements_are_valid() -> None:
    for stmt in _examples():
        check_statement(stmt)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("xapi-refusals"))


def _fresh(n: int) -> dict[str, Any]:
    stmt = base()
    stmt["id"] = f"7a0c1e52-2b3d-4c5e-8f60-7182930a4b{n:02d}"
    stmt["object"]["id"] += f"-refusal-{n}"
    return stmt


def test_the_intake_refuses_the_whole_request(world: World) -> None:
    good, bad = _fresh(1), _set(_fresh(2), "actor.openid", "https://id.example.org/lea")
    headers = {**world.headers("coordinator"), **V}
    response = world.client.post("/xapi/statements", headers=headers, json=[good, bad])
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["details"] == {"statement": 1, "field": "actor", "reason": "xapi.ifi"}
    assert body["message"].startswith("déclaration 1 : actor :")  # the instance speaks French
    for sid in (good["id"], bad["id"]):
        assert world.client.get(f"/xapi/statements?statementId={sid}",
                                headers=headers).status_code == 404
    scaled = _set(_fresh(3), "result.score", {"scaled": 2})
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
        lines.append(_set(_fresh(n), path, value))
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


def test_a_deeply_nested_statement_is_refused_not_a_stack_overflow() -> None:
    deep: list[Any] = []
    for _ in range(5000):
        deep = [deep]
    with pytest.raises(FieldError) as caught:
        check_statement(_set(base(), "context.contextActivities.other", deep))
    assert caught.value.key == "xapi.not_object"
