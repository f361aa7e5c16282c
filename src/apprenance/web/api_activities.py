"""/api/v1: activities in — a log file upload (CSV, JSON Lines, xAPI) or JSON records, with
the same checks, rejection report and idempotency as ``apprenance ingest`` — and the
activities waiting for a decision (unmapped types to assign, rejected lines)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Form, Query, UploadFile
from fastapi import Path as PathParam
from pydantic import BaseModel, Field

from apprenance.bootstrap import App
from apprenance.domain.catalog import Catalog
from apprenance.services import directory, uploads
from apprenance.services.access import Grant
from apprenance.services.coordination import unmapped_in
from apprenance.services.rejects import list_rejects
from apprenance.services.unmapped import assign_type
from apprenance.web.auth import check_learner, require, territories_of
from apprenance.web.deps import AppDep, CatalogDep, GrantDep
from apprenance.web.upload import read_upload

router = APIRouter(prefix="/api/v1", tags=["activities"])
MAX_LOG = 20 * 1024 * 1024


class AssignBody(BaseModel):
    type: str = Field(min_length=1, max_length=100, description="An activity type of the mapping.")


def _ingest(app: App, catalog: Catalog, grant: Grant, name: str, data: bytes,
            fmt: str | None) -> dict[str, Any]:
    scope = territories_of(grant)
    path, found = uploads.keep_upload(app.home, name, data, fmt)
    if scope is not None:
        uploads.check_territories(app.store, catalog, path, found, scope)
    return uploads.ingest_upload(app.store, catalog, path, found, name, clock=app.clock,
                                 lang=app.settings.lang)


@router.post("/activities/upload", summary="Ingest an activity log file (CSV, JSONL, xAPI)")
async def upload(grant: GrantDep, app: AppDep, catalog: CatalogDep, file: UploadFile,
                 format: Annotated[Literal["csv", "jsonl", "xapi"] | None, Form()] = None
                 ) -> dict[str, Any]:
    """Sending the same file again adds nothing (duplicates are counted, not stored)."""
    require(grant, "admin", "coordinator")
    data = await read_upload(file, MAX_LOG)
    return _ingest(app, catalog, grant, file.filename or "upload", data, format)


@router.post("/activities", summary="Ingest activities given as JSON records")
def post_activities(grant: GrantDep, app: AppDep, catalog: CatalogDep,
                    records: Annotated[list[dict[str, Any]], Body(
                        max_length=10_000, description="Records in the JSON Lines schema.")]
                    ) -> dict[str, Any]:
    require(grant, "admin", "coordinator")
    return _ingest(app, catalog, grant, "activities.jsonl", uploads.records_as_jsonl(records),
                   "jsonl")


@router.get("/unmapped", summary="Activities whose type the mapping does not know")
def unmapped(grant: GrantDep, app: AppDep, catalog: CatalogDep) -> list[dict[str, Any]]:
    return unmapped_in(app.store, catalog, territories_of(grant))


@router.post("/activities/{activity}/type", summary="Make an activity count as a known type")
def assign(grant: GrantDep, app: AppDep, catalog: CatalogDep,
           activity: Annotated[str, PathParam(min_length=1, max_length=200)],
           body: Annotated[AssignBody, Body()]) -> dict[str, Any]:
    require(grant, "admin", "coordinator")
    owner, territory = directory.activity_owner(app.store, activity)
    check_learner(grant, {"learner": owner, "territory": territory})
    return assign_type(app.store, catalog, activity, body.type, clock=app.clock).to_dict()


@router.get("/rejects", summary="Rejected lines waiting for a fix (admins)")
def rejects(grant: GrantDep, app: AppDep,
            limit: Annotated[int, Query(ge=1, le=10_000)] = 500,
            resolved: bool = False) -> list[dict[str, Any]]:
    require(grant, "admin")
    return [r.to_dict() for r in list_rejects(app.store, include_resolved=resolved,
                                              limit=limit)]
