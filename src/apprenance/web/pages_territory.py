"""The coordinator's territory page: learners and their badges, coverage of the four pillars
and six vital functions, activities waiting for a decision, and bulk issuing."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse

from apprenance.services import directory
from apprenance.services.coordination import territory_overview
from apprenance.services.downloads import issue_for
from apprenance.services.unmapped import assign_type
from apprenance.web import texts
from apprenance.web.auth import check_csrf, check_learner, check_territory, grant_of
from apprenance.web.charts import pillars_svg
from apprenance.web.deps import AnyGrantDep, AppDep, CatalogDep, LangDep, hosted_sources
from apprenance.web.pages import render

router = APIRouter(include_in_schema=False)
Territory = Annotated[str, PathParam(min_length=1, max_length=100,
                                     pattern=r"^[A-Za-z0-9._:-]+$")]
Csrf = Annotated[str, Form(max_length=64)]


@router.get("/territoires/{territory}", response_class=HTMLResponse)
def territory_page(request: Request, app: AppDep, catalog: CatalogDep, grant: AnyGrantDep,
                   lang: LangDep, territory: Territory,
                   issued: Annotated[int | None, Query(ge=0, le=10**7)] = None
                   ) -> HTMLResponse:
    check_territory(grant, territory)
    doc = territory_overview(app.store, catalog, territory, lang,
                             with_rejects=grant.role == "admin")
    chart = pillars_svg(doc["pillars"], title=texts.t("territory.coverage", lang))
    return render(request, "territory.html", lang, doc=doc, chart=chart, issued=issued,
                  types=sorted(catalog.activity_types))


@router.post("/territoires/{territory}/delivrer")
def bulk_issue(request: Request, app: AppDep, catalog: CatalogDep, territory: Territory,
               csrf: Csrf) -> RedirectResponse:
    check_csrf(request, csrf)
    check_territory(grant_of(request), territory)
    src = hosted_sources(app)
    learners = [x["learner"] for x in directory.list_learners(
        app.store, territories=[territory], limit=10**7)]
    report = issue_for(app.store, catalog, src.keys, urls=src.urls, clock=app.clock,
                       participants=learners)
    return RedirectResponse(f"/territoires/{territory}?issued={len(report.issued)}",
                            status_code=303)


@router.post("/territoires/{territory}/activites/{activity}/type")
def assign(request: Request, app: AppDep, catalog: CatalogDep, territory: Territory,
           activity: Annotated[str, PathParam(min_length=1, max_length=200)], csrf: Csrf,
           type: Annotated[str, Form(min_length=1, max_length=100)]) -> RedirectResponse:
    check_csrf(request, csrf)
    grant = grant_of(request)
    check_territory(grant, territory)
    owner, where = directory.activity_owner(app.store, activity)
    check_learner(grant, {"learner": owner, "territory": where})
    assign_type(app.store, catalog, activity, type, clock=app.clock)
    return RedirectResponse(f"/territoires/{territory}#attente", status_code=303)
