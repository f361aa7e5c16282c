"""The coordinator reviews the badge requests of their territory
(``/territoires/{t}/demandes``): each with the learner's reasons, evidence and files, the
exchange so far, and one form: accept (a comment, optional: the badge is awarded and issued
at once, holds respected), ask for more (a question) or decline (a reason)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from apprenance.errors import ApprenanceError
from apprenance.public_url import check_signing_url
from apprenance.services.issuing.review import territory_label
from apprenance.services.recognition import requests as asks
from apprenance.services.recognition import witnesses
from apprenance.web.auth import check_csrf, check_territory, grant_of
from apprenance.web.deps import AnyGrantDep, AppDep, CatalogDep, LangDep, hosted_sources
from apprenance.web.pages import Csrf, Territory, render
from apprenance.web.recognition_pages import FileId, RequestId, file_response
from apprenance.web.request_views import request_view

router = APIRouter(include_in_schema=False)


def _page(request: Request, app: AppDep, catalog: CatalogDep, lang: str, territory: str, *,
          status: int = 200, error: dict[str, Any] | None = None,
          done: dict[str, Any] | None = None) -> HTMLResponse:
    rows = [request_view(r, catalog, lang) for r in asks.territory_requests(app.store, territory)]
    return render(request, "requests_review.html", lang, status=status, territory=territory,
                  territory_name=territory_label(app.store, territory), requests=rows,
                  error=error, done=done, roles=witnesses.ROLES)


@router.get("/territoires/{territory}/demandes", response_class=HTMLResponse)
def review_page(request: Request, app: AppDep, catalog: CatalogDep, grant: AnyGrantDep,
                lang: LangDep, territory: Territory) -> HTMLResponse:
    check_territory(grant, territory)
    done = request.query_params.get("fait")
    which = request.query_params.get("demande", "")
    return _page(request, app, catalog, lang, territory,
                 done={"what": done, "request": which} if done in
                 ("accepted", "more", "declined") else None)


@router.post("/territoires/{territory}/demandes/{request_id}/decision",
             response_class=HTMLResponse, response_model=None)
def decide(request: Request, app: AppDep, catalog: CatalogDep, lang: LangDep,
           territory: Territory, request_id: RequestId, csrf: Csrf,
           action: Annotated[Literal["accept", "more", "decline"], Form()],
           comment: Annotated[str, Form(max_length=4000)] = ""
           ) -> HTMLResponse | RedirectResponse:
    check_csrf(request, csrf)
    grant = grant_of(request)
    check_territory(grant, territory)
    if action == "accept":
        check_signing_url(app.settings)
    src = hosted_sources(app)
    by = grant.learner or f"{grant.role} token {grant.token_id}"
    try:
        done = asks.review(app.store, catalog, src.keys, urls=src.urls, clock=app.clock,
                           territory=territory, request_id=request_id, action=action,
                           comment=comment, by=by, lang=lang)
    except ApprenanceError as exc:
        if exc.http_status in (401, 403, 404):
            raise
        details = exc.details if isinstance(exc.details, dict) else {}
        return _page(request, app, catalog, lang, territory, status=exc.http_status,
                     error={"request": request_id, "field": details.get("field", "form"),
                            "message": exc.message, "value": comment})
    return RedirectResponse(
        f"/territoires/{territory}/demandes?fait={done.status}&demande={request_id}"
        f"#demande-{request_id}", status_code=303)


@router.post("/territoires/{territory}/demandes/{request_id}/temoins")
def ask_witness(request: Request, app: AppDep, catalog: CatalogDep, territory: Territory,
                request_id: RequestId, csrf: Csrf,
                witness: Annotated[str, Form(max_length=320)] = "",
                role: Annotated[str, Form(max_length=20)] = "habitant",
                witness_lang: Annotated[str, Form(max_length=5)] = "fr") -> RedirectResponse:
    """The coordinator asks a witness to endorse a request of their territory."""
    check_csrf(request, csrf)
    grant = grant_of(request)
    check_territory(grant, territory)
    participant = asks.territory_request(app.store, territory, request_id)["participant"]
    witnesses.ask(app.store, catalog, str(participant), witness=witness, role=role,
                  lang=witness_lang, request_id=request_id,
                  by=grant.learner or f"{grant.role} token {grant.token_id}",
                  urls=app.urls, clock=app.clock)
    return RedirectResponse(f"/territoires/{territory}/demandes?temoin={request_id}"
                            f"#demande-{request_id}", status_code=303)


@router.get("/territoires/{territory}/demandes/{request_id}/fichiers/{file_id}")
def review_file(request: Request, app: AppDep, grant: AnyGrantDep, territory: Territory,
                request_id: RequestId, file_id: FileId) -> Response:
    check_territory(grant, territory)
    return file_response(asks.file_for(app.store, request_id, file_id, participant=None,
                                       territory=territory))
