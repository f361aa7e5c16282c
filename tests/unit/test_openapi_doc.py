"""The OpenAPI document declares, centrally, every status each operation can answer with the
body the error handler really sends (issue 21): exact sets for known routes, the error schemas
checked against real answers, and the conformance check catching an undeclared status."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from schemathesis.checks import status_code_conformance
from schemathesis.core.failures import FailureGroup
from schemathesis.openapi.checks import UndefinedStatusCode

from apprenance.config import load_settings
from apprenance.errors import Conflict, NotFound, TooLarge
from apprenance.web import openapi_doc
from apprenance.web.app import create_app, install_error_handler

ERROR, IMSX, OAUTH = ("#/components/schemas/Error", "#/components/schemas/Imsx_StatusInfo",
                      "#/components/schemas/OAuthError")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    home = tmp_path_factory.mktemp("openapi") / "home"
    return TestClient(create_app(load_settings(home=home, public_url="http://testserver")),
                      raise_server_exceptions=False)


@pytest.fixture(scope="module")
def doc(client: TestClient) -> dict[str, Any]:
    found = client.get("/openapi.json")
    assert found.status_code == 200
    body = found.json()
    assert isinstance(body, dict)
    return body


def _errors(doc: dict[str, Any], method: str, path: str) -> dict[str, str]:
    """status -> the schema $ref of its JSON body, for every declared error status."""
    responses = doc["paths"][path][method]["responses"]
    return {status: r["content"]["application/json"]["schema"]["$ref"]
            for status, r in responses.items() if int(status) >= 400}


@pytest.mark.parametrize(("method", "path", "expected", "ref"), [
    ("post", "/api/v1/activities/upload",
     {"400", "401", "403", "413", "422", "500", "503"}, ERROR),
    ("get", "/api/v1/badges/{badge}", {"404", "422"}, ERROR),
    ("get", "/api/v1/me", {"401", "403", "500", "503"}, ERROR),
    ("post", "/api/v1/credentials/{credential}/revoke",
     {"400", "401", "403", "404", "409", "422", "500", "503"}, ERROR),
    ("put", "/xapi/statements", {"400", "401", "403", "409", "500", "503"}, ERROR),
    ("get", "/ims/ob/v3p0/credentials", {"401", "403", "422", "500", "503"}, IMSX),
    ("post", "/oauth/token", {"400", "401", "500", "503"}, OAUTH),
])
def test_known_operations_declare_exactly_their_statuses(
        doc: dict[str, Any], method: str, path: str, expected: set[str], ref: str) -> None:
    errors = _errors(doc, method, path)
    assert set(errors) == expected
    assert set(errors.values()) == {ref}
    responses = doc["paths"][path][method]["responses"]
    assert responses["401" if "401" in expected else next(iter(expected))]
    if "401" in expected:
        assert responses["401"]["headers"]["WWW-Authenticate"]["required"] is True


def test_framework_validation_error_is_replaced_everywhere(doc: dict[str, Any]) -> None:
    assert "HTTPValidationError" not in str(doc)
    assert {"Error", "Problem", "Imsx_StatusInfo", "OAuthError"} <= set(
        doc["components"]["schemas"])
    # /xapi and /oauth answer 400 where the others answer 422
    for path, ops in doc["paths"].items():
        if path.startswith(("/xapi", "/oauth")):
            assert all("422" not in op["responses"] for op in ops.values()), path


def test_success_media_types_are_the_real_ones(doc: dict[str, Any]) -> None:
    def ok(path: str) -> set[str]:
        return set(doc["paths"][path]["get"]["responses"]["200"]["content"])

    assert ok("/api/v1/learners/{learner}/certificate.pdf") == {"application/pdf"}
    assert ok("/.well-known/did.json") == {"application/did+ld+json"}
    assert ok("/issuers/{issuer}/status/{list_id}.json") == {"application/vc+ld+json"}
    assert ok("/issuers/{issuer}/ob2/badges/{badge}.png") == {"image/png"}
    assert ok("/images/badges/{badge}.svg") == {"image/svg+xml"}
    assert ok("/api/v1/concepts/{prefix}/{notation}") == {"application/ld+json", "text/html"}
    assert ok("/api/v1/frameworks/export") == {"application/json", "application/ld+json",
                                              "text/turtle"}


def _valid(doc: dict[str, Any], ref: str, body: Any) -> None:
    schema = {"$ref": ref, "components": doc["components"]}
    jsonschema_rs.Draft202012Validator(schema).validate(body)


def test_declared_error_schemas_match_real_answers(client: TestClient,
                                                   doc: dict[str, Any]) -> None:
    invalid = client.get("/api/v1/badges?lang=xx")  # the framework's validation
    assert invalid.status_code == 422
    assert invalid.json()["detail"][0]["loc"] == ["query", "lang"]
    _valid(doc, ERROR, invalid.json())
    missing = client.get("/api/v1/badges/no-such-badge")
    assert missing.status_code == 404
    _valid(doc, ERROR, missing.json())
    unsigned = client.get("/ims/ob/v3p0/credentials")
    assert unsigned.status_code == 401
    _valid(doc, IMSX, unsigned.json())
    grant = client.post("/oauth/token", data={"grant_type": "password"})
    assert grant.status_code == 400
    assert grant.json()["error"] == "unsupported_grant_type"
    _valid(doc, OAUTH, grant.json())
    with pytest.raises(jsonschema_rs.ValidationError):
        _valid(doc, ERROR, {"error": {"code": "input"}, "message": "nested"})


def test_an_upload_too_large_is_a_413(client: TestClient, doc: dict[str, Any]) -> None:
    from apprenance.services.verify import MAX_INPUT

    big = client.post("/api/v1/verify", files={"file": ("x.json", b" " * (MAX_INPUT + 1))})
    assert big.status_code == 413
    assert big.json()["error"] == "too-large"
    assert TooLarge.http_status == 413
    _valid(doc, ERROR, big.json())


def _tiny(tmp_path: Path, declare_conflict: bool) -> FastAPI:
    api = FastAPI()
    install_error_handler(api, load_settings(home=tmp_path / "home"))

    @api.get("/api/v1/things/{thing}")
    def thing(thing: str) -> dict[str, Any]:
        if thing == "taken":
            raise Conflict("that thing is taken")
        raise NotFound(f"no thing {thing!r}")

    if declare_conflict:
        openapi_doc.CONFLICTS.add(("GET", "/api/v1/things/{thing}"))
    openapi_doc.install(api)
    return api


@pytest.mark.parametrize("declared", [False, True])
def test_conformance_catches_an_undeclared_status(tmp_path: Path, declared: bool,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(openapi_doc, "CONFLICTS", set(openapi_doc.CONFLICTS))
    schema = schemathesis.openapi.from_asgi("/openapi.json", _tiny(tmp_path, declared))
    operation = schema["/api/v1/things/{thing}"]["GET"]
    operation.Case(path_parameters={"thing": "absent"}).call_and_validate(
        checks=[status_code_conformance])  # 404: declared (a path parameter)
    taken = operation.Case(path_parameters={"thing": "taken"})
    if declared:
        taken.call_and_validate(checks=[status_code_conformance])
    else:
        with pytest.raises(FailureGroup) as caught:
            taken.call_and_validate(checks=[status_code_conformance])
        assert [type(e) for e in caught.value.exceptions] == [UndefinedStatusCode]
        assert "Received: 409" in str(caught.value.exceptions[0])
