"""/api/v1: a learner's evidence, progress, awards and timeline; evaluation; sign-in and
share links; their personal data for admins (export and erasure, docs/privacy.md)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi import Path as PathParam
from pydantic import BaseModel, Field

from apprenance.errors import InputError
from apprenance.services.evaluation.evaluate import evaluate, list_awards
from apprenance.services.evidence.progress import evidence_for, explain_activity, progress_for
from apprenance.services.people import access, directory
from apprenance.services.privacy.report import erase_learner, export_learner
from apprenance.web.auth import check_learner, learner_for, require, territories_of
from apprenance.web.deps import (
    AppDep,
    CatalogDep,
    GrantDep,
    KeysDep,
    LangDep,
    Limit,
    Offset,
    StoreDep,
    UrlsDep,
)

router = APIRouter(prefix="/api/v1", tags=["learners"])
Participant = Annotated[str, PathParam(min_length=1, max_length=320)]
ActivityId = Annotated[str, PathParam(min_length=1, max_length=200)]


class EvaluateBody(BaseModel):
    learners: list[Annotated[str, Field(min_length=1, max_length=320)]] = Field(
        default_factory=list, max_length=10_000,
        description="Only these learners; default: those with new evidence.")
    everyone: bool = Field(False, description="Every learner, not only those with news.")


class EraseBody(BaseModel):
    confirm: bool = Field(False, description="Must be true: an erasure cannot be undone.")


class ShareBody(BaseModel):
    days: int | None = Field(90, ge=1, le=3650, description="Days before it expires; "
                             "null for a link that lasts until revoked.")


@router.get("/me", summary="Who you are for the service")
def me(grant: GrantDep) -> dict[str, Any]:
    return {"role": grant.role, "territory": grant.territory, "learner": grant.learner,
            "kind": grant.kind}


@router.get("/learners/{learner}/evidence", summary="Weighted hours per dimension")
def evidence(grant: GrantDep, store: StoreDep, catalog: CatalogDep,
             learner: Participant) -> dict[str, Any]:
    learner_for(grant, store, learner)
    return evidence_for(store, catalog, learner)


@router.get("/learners/{learner}/progress", summary="What is met and missing, per badge")
def progress(grant: GrantDep, store: StoreDep, catalog: CatalogDep, lang: LangDep,
             learner: Participant) -> dict[str, Any]:
    learner_for(grant, store, learner)
    return progress_for(store, catalog, learner, lang)


@router.get("/learners/{learner}/awards", summary="Badges the learner earned")
def learner_awards(grant: GrantDep, store: StoreDep, learner: Participant
                   ) -> list[dict[str, Any]]:
    learner_for(grant, store, learner)
    return list_awards(store, participant=learner)


@router.get("/learners/{learner}/activities", summary="The evidence timeline, newest first")
def timeline(grant: GrantDep, store: StoreDep, learner: Participant, limit: Limit = 200,
             offset: Offset = 0) -> list[dict[str, Any]]:
    learner_for(grant, store, learner)
    return directory.activities_of(store, learner, limit=limit, offset=offset)


@router.get("/activities/{activity}", summary="Why an activity counts as it does")
def activity(grant: GrantDep, store: StoreDep, catalog: CatalogDep,
             activity: ActivityId) -> dict[str, Any]:
    require(grant, "admin", "coordinator", "learner")
    owner, territory = directory.activity_owner(store, activity)
    check_learner(grant, {"learner": owner, "territory": territory})
    return explain_activity(store, catalog, activity)


@router.get("/awards", summary="Awards in your territories")
def awards(grant: GrantDep, store: StoreDep) -> list[dict[str, Any]]:
    scope = territories_of(grant)
    found = list_awards(store)
    if scope is None:
        return found
    mine = {x["learner"] for x in directory.list_learners(store, territories=scope,
                                                           limit=10**7)}
    return [x for x in found if x["learner"] in mine]


@router.post("/evaluate", summary="Evaluate badge rules and record new awards")
def run_evaluation(grant: GrantDep, app: AppDep, catalog: CatalogDep,
                   body: Annotated[EvaluateBody, Body()]) -> dict[str, Any]:
    scope = territories_of(grant)
    wanted = body.learners
    if scope is not None:
        for name in wanted:
            learner_for(grant, app.store, name)
        if not wanted:
            wanted = [x["learner"] for x in directory.list_learners(
                app.store, territories=scope, limit=10**7)]
            if not wanted:
                return {"evaluated": 0, "new_awards": 0, "awards": []}
    report = evaluate(app.store, catalog, clock=app.clock, participants=wanted or None,
                      everyone=body.everyone)
    return report.to_dict()


@router.post("/learners/{learner}/sign-in-links", status_code=201,
             summary="A single-use sign-in link for the learner (staff)")
def sign_in_link(grant: GrantDep, app: AppDep, learner: Participant) -> dict[str, Any]:
    require(grant, "admin", "coordinator")
    learner_for(grant, app.store, learner)
    token = access.create_sign_in_link(app.store, learner, clock=app.clock)
    return {"url": f"{app.settings.public_url}/connexion/{token}",
            "expires_in": int(access.SIGN_IN_TTL.total_seconds())}


@router.get("/learners/{learner}/share-links", summary="The learner's live share links")
def share_links(grant: GrantDep, app: AppDep, learner: Participant) -> list[dict[str, Any]]:
    learner_for(grant, app.store, learner)
    links = access.share_links_of(app.store, learner, clock=app.clock)
    return [{**x, "url": f"{app.settings.public_url}/p/{x['token']}"} for x in links]


@router.post("/learners/{learner}/share-links", status_code=201,
             summary="Publish the learner's portfolio under a new link (the learner only)")
def new_share_link(grant: GrantDep, app: AppDep, learner: Participant,
                   body: Annotated[ShareBody, Body()]) -> dict[str, Any]:
    require(grant, "learner")
    learner_for(grant, app.store, learner)
    link = access.create_share_link(app.store, learner, days=body.days, clock=app.clock)
    return {**link, "url": f"{app.settings.public_url}/p/{link['token']}"}


@router.delete("/learners/{learner}/share-links/{link}", status_code=204,
               summary="Revoke a share link")
def revoke_share(grant: GrantDep, app: AppDep, learner: Participant,
                 link: Annotated[int, PathParam(ge=1, le=2**62)]) -> None:
    require(grant, "learner", "admin")
    learner_for(grant, app.store, learner)
    access.revoke_share_link(app.store, learner, link, clock=app.clock)


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
