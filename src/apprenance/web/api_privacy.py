"""/api/v1: a learner's personal data for the instance's admins — everything held about them
(right of access), and erasure (right to erasure): ``services.privacy``, docs/privacy.md."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi import Path as PathParam
from pydantic import BaseModel, Field

from apprenance.errors import InputError
from apprenance.services.privacy import erase_learner, export_learner
from apprenance.web.auth import require
from apprenance.web.deps import AppDep, GrantDep, KeysDep, UrlsDep

router = APIRouter(prefix="/api/v1", tags=["privacy"])
Participant = Annotated[str, PathParam(min_length=1, max_length=320)]


class EraseBody(BaseModel):
    confirm: bool = Field(False, description="Must be true: an erasure cannot be undone.")


@router.get("/learners/{learner}/export",
            summary="Everything held about a learner, as one JSON document (admins)")
def export(grant: GrantDep, app: AppDep, learner: Participant) -> dict[str, Any]:
    require(grant, "admin")
    return export_learner(app.store, learner, clock=app.clock, home=app.home)


@router.post("/learners/{learner}/erase",
             summary="Erase a learner's personal data, revoke their credentials (admins)")
def erase(grant: GrantDep, app: AppDep, keys: KeysDep, urls: UrlsDep, learner: Participant,
          body: Annotated[EraseBody, Body()]) -> dict[str, Any]:
    require(grant, "admin")
    if not body.confirm:
        raise InputError('an erasure cannot be undone: send {"confirm": true}')
    report = erase_learner(app.store, keys, learner, urls=urls, clock=app.clock, home=app.home)
    return report.to_dict()
