"""/api/v1: territories, projects and learners (each caller seeing only their own), and the
activities coming in — a log file upload (CSV, JSON Lines, xAPI) or JSON records, with the
same checks, rejection report and idempotency as ``apprenance ingest`` — with those waiting
for a decision (unmapped types to assign, rejected lines)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Form, Query, UploadFile
from fastapi import Path as PathParam
from pydantic import BaseModel, Field

from apprenance.bootstrap import App
from apprenance.domain.catalog import Catalog
from apprenance.errors import NotFound, PermissionDenied
from apprenance.i18n import t
from apprenance.services.ingest import coordination
from apprenance.services.ingest.coordination import receive
from apprenance.services.ingest.rejects import REASON_LIMIT, dismiss_reject, list_rejects
from apprenance.services.ingest.unmapped import assign_type
from apprenance.services.people import directory
from apprenance.services.people.access import Grant
from apprenance.services.people.territories import load_territory
from apprenance.web.auth import (
    check_learner,
    check_territory,
    learner_for,
    require,
    territories_of,
)
from apprenance.web.deps import (
    AppDep,
    CatalogDep,
    GrantDep,
    LangDep,
    Limit,
    Offset,
    StoreDep,
    read_upload,
)

router = APIRouter(prefix="/api/v1", tags=["territories"])
Ident = Annotated[str, PathParam(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9._:-]+$")]
Participant = Annotated[str, PathParam(min_length=1, max_length=320)]
MAX_LOG = 20 * 1024 * 1024


@router.get("/territories", summary="Territories you may see")
def territories(grant: GrantDep, store: StoreDep) -> list[dict[str, Any]]:
    return directory.list_territories(store, territories=territories_of(grant))


@router.post("/territories", status_code=201, summary="Load a territory description (YAML)")
async def upload_territory(grant: GrantDep, app: AppDep, file: UploadFile,
                           move_learners: Annotated[bool, Form()] = False) -> dict[str, Any]:
    """The same file as `apprenance territory FILE`; loading it again changes nothing. A
    learner already in another territory stays there (listed in `refused_moves`) unless
    `move_learners` is true (admins only; listed in `moved`)."""
    if move_learners and grant.role != "admin":
        raise PermissionDenied(t("territory.move.admin_only", app.settings.lang))
    require(grant, "admin")
    data = await read_upload(file)
    with tempfile.TemporaryDirectory() as tmp:
        name = Path(file.filename or "").name
        if not re.fullmatch(r"[\w.-]{1,100}", name) or not name.strip("."):  # "..", NUL ...
            name = "territory.yaml"
        path = Path(tmp) / name
        path.write_bytes(data)
        report = load_territory(app.store, path, clock=app.clock, lang=app.settings.lang,
                                move_learners=move_learners)
    return report.to_dict(app.settings.lang)


@router.get("/territories/{territory}", summary="One territory and its projects")
def territory(grant: GrantDep, store: StoreDep, territory: Ident) -> dict[str, Any]:
    check_territory(grant, territory)
    return directory.get_territory(store, territory)


@router.get("/territories/{territory}/coverage",
            summary="Hours per pillar and vital function across the territory")
def coverage(grant: GrantDep, store: StoreDep, territory: Ident) -> dict[str, Any]:
    check_territory(grant, territory)
    directory.get_territory(store, territory)
    return directory.coverage(store, territory)


@router.get("/projects", summary="Projects of your territories")
def projects(grant: GrantDep, store: StoreDep) -> list[dict[str, Any]]:
    return directory.list_projects(store, territories=territories_of(grant))


@router.get("/projects/{project}", summary="One project")
def project(grant: GrantDep, store: StoreDep, project: Ident) -> dict[str, Any]:
    found = directory.get_project(store, project)
    check_territory(grant, str(found["territory"]))
    return found


@router.get("/learners", summary="Learners you may see")
def learners(grant: GrantDep, store: StoreDep, limit: Limit = 100, offset: Offset = 0,
             territory: Annotated[str | None, Query(max_length=100)] = None
             ) -> list[dict[str, Any]]:
    if require(grant, "admin", "coordinator", "learner").role == "learner":
        return [directory.get_learner(store, str(grant.learner))]
    if territory is not None:
        check_territory(grant, territory)
    scope = [territory] if territory else territories_of(grant)
    return directory.list_learners(store, territories=scope, limit=limit, offset=offset)


@router.get("/learners/{learner}", summary="One learner")
def learner(grant: GrantDep, store: StoreDep, learner: Participant) -> dict[str, Any]:
    return learner_for(grant, store, learner)


class AssignBody(BaseModel):
    type: str = Field(min_length=1, max_length=100, description="An activity type of the mapping.")


def _ingest(app: App, catalog: Catalog, grant: Grant, name: str, data: bytes,
            fmt: str | None) -> dict[str, Any]:
    """Kept (once the sender is known to be allowed), then ingested within the sender's
    territories; a crash before the end leaves a marker that the next intake follows."""
    return receive(app.store, catalog, app.home, name, data, fmt, clock=app.clock,
                   lang=app.settings.lang, territories=territories_of(grant)).report


LogFormatName = Literal["csv", "jsonl", "xapi"]  # importers.FORMATS (a test checks it)


@router.post("/activities/upload", tags=["activities"],
             summary="Ingest an activity log file (CSV, JSONL, xAPI)")
async def upload(grant: GrantDep, app: AppDep, catalog: CatalogDep, file: UploadFile,
                 format: Annotated[LogFormatName | None, Form()] = None
                 ) -> dict[str, Any]:
    """Sending the same file again adds nothing (duplicates are counted, not stored)."""
    require(grant, "admin", "coordinator")
    data = await read_upload(file, MAX_LOG)
    return _ingest(app, catalog, grant, file.filename or "upload", data, format)


@router.post("/activities", tags=["activities"], summary="Ingest activities given as JSON records")
def post_activities(grant: GrantDep, app: AppDep, catalog: CatalogDep,
                    records: Annotated[list[dict[str, Any]], Body(
                        max_length=10_000, description="Records in the JSON Lines schema.")]
                    ) -> dict[str, Any]:
    require(grant, "admin", "coordinator")
    return _ingest(app, catalog, grant, "activities.jsonl", coordination.records_as_jsonl(records),
                   "jsonl")


@router.get("/unmapped", tags=["activities"],
            summary="Activities whose type the mapping does not know")
def unmapped(grant: GrantDep, app: AppDep, catalog: CatalogDep) -> list[dict[str, Any]]:
    return coordination.unmapped_in(app.store, catalog, territories_of(grant))


@router.post("/activities/{activity}/type", tags=["activities"],
             summary="Make an activity count as a known type")
def assign(grant: GrantDep, app: AppDep, catalog: CatalogDep,
           activity: Annotated[str, PathParam(min_length=1, max_length=200)],
           body: Annotated[AssignBody, Body()]) -> dict[str, Any]:
    require(grant, "admin", "coordinator")
    owner, territory = directory.activity_owner(app.store, activity)
    check_learner(grant, {"learner": owner, "territory": territory})
    return assign_type(app.store, catalog, activity, body.type, clock=app.clock).to_dict()


def _rejects_of(grant: Grant) -> str | None:
    """The territory whose rejects the grant may see (None: every reject, admins)."""
    if require(grant, "admin", "coordinator").role == "admin":
        return None
    return grant.territory or "\x00none"  # a coordinator without a territory sees none


@router.get("/rejects", tags=["activities"],
            summary="Rejected lines waiting for a fix (admins: all; coordinators: their "
                    "territory's)")
def rejects(grant: GrantDep, app: AppDep,
            limit: Annotated[int, Query(ge=1, le=10_000)] = 500,
            resolved: bool = False) -> list[dict[str, Any]]:
    return [r.to_dict() for r in list_rejects(app.store, include_resolved=resolved,
                                              limit=limit, territory=_rejects_of(grant))]


class DismissBody(BaseModel):
    reason: str = Field(min_length=1, max_length=REASON_LIMIT,
                        description="Why the reject is closed without a corrected row.")


@router.post("/rejects/{reject_id}/dismiss", tags=["activities"],
             summary="Close a rejected line by hand, with a reason (admins; coordinators: "
                     "their territory's)")
def dismiss(grant: GrantDep, app: AppDep, lang: LangDep,
            reject_id: Annotated[int, PathParam(ge=1)],
            body: Annotated[DismissBody, Body()]) -> dict[str, Any]:
    territory = _rejects_of(grant)
    if territory is not None and not list(list_rejects(
            app.store, include_resolved=True, ids=[reject_id], territory=territory)):
        raise NotFound(t("rejects.not_found", lang, id=reject_id))
    return dismiss_reject(app.store, reject_id, body.reason, app.clock(), lang).to_dict()
