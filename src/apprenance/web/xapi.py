"""/xapi: the statements resource of an LRS, so that an existing LRS or LMS can forward
statements to apprenance. POST (one or many: 200 with their ids), PUT with ``statementId``
(204), GET by ``statementId``; 409 when an id is reused with other content, 400 for an invalid
statement or a missing ``X-Experience-API-Version`` header. Staff credentials: an API token as
``Bearer``, or as the password of HTTP Basic (what LRS clients send)."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, Query
from fastapi.responses import JSONResponse, Response

from apprenance.bootstrap import App
from apprenance.errors import InputError
from apprenance.services import xapi_intake
from apprenance.services.ingest import LogFile, ingest_files
from apprenance.web.auth import require
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


def _receive(app: App, catalog: Any, statements: list[Any], version: str,
             put_id: str | None = None) -> list[str]:
    checked = xapi_intake.check(statements, put_id=put_id, lang=app.settings.lang)
    fresh = xapi_intake.store_statements(app.store, checked, version=version, clock=app.clock)
    if fresh:
        path = xapi_intake.spool(app.home, fresh)
        ingest_files(app.store, catalog, [LogFile(path, "xapi", "xapi")], clock=app.clock,
                     lang=app.settings.lang)
    return [s["id"] for s in checked]


@router.post("/statements", summary="Store statements (LRS): 200 with their ids")
def post_statements(grant: GrantDep, app: AppDep, catalog: CatalogDep, body: Statements,
                    version: Version = None) -> JSONResponse:
    require(grant, "admin", "coordinator")
    items = body if isinstance(body, list) else [body]
    ids = _receive(app, catalog, items, _version(version))
    return JSONResponse(ids, headers=HEADERS)


@router.put("/statements", status_code=204, summary="Store one statement under its id")
def put_statement(grant: GrantDep, app: AppDep, catalog: CatalogDep,
                  body: Annotated[dict[str, Any], Body()],
                  statementId: Annotated[str, Query(max_length=64)],
                  version: Version = None) -> Response:
    require(grant, "admin", "coordinator")
    sid = xapi_intake.statement_id(statementId)
    _receive(app, catalog, [body], _version(version), put_id=sid)
    return Response(status_code=204, headers=HEADERS)


@router.get("/statements", summary="A statement by id, or the latest statements")
def get_statements(grant: GrantDep, app: AppDep, version: Version = None,
                   statementId: Annotated[str | None, Query(max_length=64)] = None,
                   limit: Annotated[int, Query(ge=1, le=500)] = 100) -> JSONResponse:
    require(grant, "admin", "coordinator")
    _version(version)
    if statementId is not None:
        return JSONResponse(xapi_intake.get_statement(app.store, statementId), headers=HEADERS)
    found = xapi_intake.recent_statements(app.store, limit=limit)
    return JSONResponse({"statements": found, "more": ""}, headers=HEADERS)


@router.get("/about", summary="The xAPI versions this endpoint speaks")
def about() -> JSONResponse:
    return JSONResponse({"version": ["1.0.3", "2.0.0"]}, headers=HEADERS)
