"""/xapi: the statements resource of an LRS, so that an existing LRS or LMS can forward
statements to apprenance. POST (one or many: 200 with their ids), PUT with ``statementId``
(204), GET by ``statementId``; 409 when an id is reused with other content, 400 for an invalid
statement or a missing ``X-Experience-API-Version`` header. Staff credentials: an API token as
``Bearer``, or as the password of HTTP Basic (what LRS clients send)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, Query
from fastapi.responses import JSONResponse, Response

from apprenance.bootstrap import App
from apprenance.errors import InputError
from apprenance.services.ingest import coordination, xapi_intake
from apprenance.services.ingest.statement_store import receive_statements
from apprenance.services.people.access import Grant
from apprenance.web.auth import require, territories_of
from apprenance.web.deps import AppDep, CatalogDep, GrantDep

router = APIRouter(prefix="/xapi", tags=["xAPI"])
VERSION = "1.0.3"
VERSIONS = re.compile(r"^(1\.0(\.\d+)?|2\.0(\.\d+)?)$")
Version = Annotated[str | None, Header(alias="X-Experience-API-Version",
                                       description="1.0.x or 2.0.x")]
Statements = Annotated[dict[str, Any] | list[dict[str, Any]], Body(
    description="One xAPI statement, or an array of statements.")]
HEADERS = {"X-Experience-API-Version": VERSION}


def _version(value: str | None) -> str:
    if value is None or not VERSIONS.match(value.strip()):
        raise InputError("the X-Experience-API-Version header (1.0.x or 2.0.x) is required")
    return value.strip()


def _receive(app: App, catalog: Any, grant: Grant, statements: list[Any], version: str,
             put_id: str | None = None) -> list[str]:
    """Check, authorise (a coordinator only for learners and places of their territory:
    403 and nothing kept otherwise), then store the new statements with their activities
    and rejects in one transaction."""
    checked = xapi_intake.check(statements, put_id=put_id, lang=app.settings.lang)
    scope = territories_of(grant)
    if scope is not None:  # first: a known id of another territory is no business of theirs
        with tempfile.TemporaryDirectory() as tmp:
            probe = Path(tmp) / "statements.json"
            probe.write_text(xapi_intake.spool_text(checked), encoding="utf-8")
            coordination.check_territories(app.store, catalog, probe, "xapi", scope)
    return receive_statements(app.store, catalog, app.home, checked, version=version,
                              clock=app.clock, lang=app.settings.lang)


@router.post("/statements", summary="Store statements (LRS): 200 with their ids")
def post_statements(grant: GrantDep, app: AppDep, catalog: CatalogDep, body: Statements,
                    version: Version = None) -> JSONResponse:
    require(grant, "admin", "coordinator")
    items = body if isinstance(body, list) else [body]
    ids = _receive(app, catalog, grant, items, _version(version))
    return JSONResponse(ids, headers=HEADERS)


@router.put("/statements", status_code=204, summary="Store one statement under its id")
def put_statement(grant: GrantDep, app: AppDep, catalog: CatalogDep,
                  body: Annotated[dict[str, Any], Body()],
                  statementId: Annotated[str, Query(max_length=64)],
                  version: Version = None) -> Response:
    require(grant, "admin", "coordinator")
    sid = xapi_intake.statement_id(statementId)
    _receive(app, catalog, grant, [body], _version(version), put_id=sid)
    return Response(status_code=204, headers=HEADERS)


@router.get("/statements", summary="A statement by id, or the latest statements")
def get_statements(grant: GrantDep, app: AppDep, version: Version = None,
                   statementId: Annotated[str | None, Query(max_length=64)] = None,
                   limit: Annotated[int, Query(ge=1, le=500)] = 100) -> JSONResponse:
    """Coordinators see their territory's statements, a learner their own (another's id
    answers 404, as an unknown one does)."""
    require(grant, "admin", "coordinator", "learner")
    _version(version)
    if grant.role == "learner":
        scope: dict[str, Any] = {"territories": [], "learner_id": grant.learner_id or -1}
    else:
        scope = {"territories": territories_of(grant), "learner_id": None}
    if statementId is not None:
        return JSONResponse(xapi_intake.get_statement(app.store, statementId, **scope),
                            headers=HEADERS)
    found = xapi_intake.recent_statements(app.store, limit=limit, **scope)
    return JSONResponse({"statements": found, "more": ""}, headers=HEADERS)


@router.get("/about", summary="The xAPI versions this endpoint speaks")
def about() -> JSONResponse:
    return JSONResponse({"version": ["1.0.3", "2.0.0"]}, headers=HEADERS)
