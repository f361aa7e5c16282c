"""/api/v1: territories, projects and learners, each caller seeing only their own."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, UploadFile
from fastapi import Path as PathParam

from apprenance.services import directory
from apprenance.services.territories import load_territory
from apprenance.web.auth import check_territory, learner_for, require, territories_of
from apprenance.web.deps import AppDep, GrantDep, Limit, Offset, StoreDep
from apprenance.web.upload import read_upload

router = APIRouter(prefix="/api/v1", tags=["territories"])
Ident = Annotated[str, PathParam(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9._:-]+$")]
Participant = Annotated[str, PathParam(min_length=1, max_length=320)]


@router.get("/territories", summary="Territories you may see")
def territories(grant: GrantDep, store: StoreDep) -> list[dict[str, Any]]:
    return directory.list_territories(store, territories=territories_of(grant))


@router.post("/territories", status_code=201, summary="Load a territory description (YAML)")
async def upload_territory(grant: GrantDep, app: AppDep, file: UploadFile) -> dict[str, Any]:
    """The same file as `apprenance territory FILE`; loading it again changes nothing."""
    require(grant, "admin")
    data = await read_upload(file)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(file.filename or "territory.yaml").name
        path.write_bytes(data)
        report = load_territory(app.store, path, clock=app.clock)
    return {"territory": report.territory, "projects": report.projects,
            "learners": report.learners, "new_learners": report.new_learners}


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
