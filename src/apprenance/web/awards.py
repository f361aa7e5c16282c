"""Awards review, for the coordinator of a territory (and the admin): the pending awards with
the evidence that met each criterion, issued all at once or a selection (one form, checkboxes),
or held back with a reason and released later. Forms work without JavaScript; each answers
with the page, saying what was done."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse

from apprenance import i18n
from apprenance.bootstrap import App
from apprenance.domain.catalog import text
from apprenance.errors import InputError
from apprenance.public_url import check_signing_url
from apprenance.services.issuing import review
from apprenance.services.issuing.issue import IssueReport
from apprenance.services.people.access import Grant
from apprenance.web.auth import check_csrf, check_territory, grant_of
from apprenance.web.deps import AnyGrantDep, AppDep, CatalogDep, LangDep, hosted_sources
from apprenance.web.pages import Csrf, Territory, render

router = APIRouter(include_in_schema=False)
Award = Annotated[int, PathParam(ge=1, le=2**31)]
Reason = Annotated[str, Form(max_length=2000)]


def _page(request: Request, app: App, lang: str, territory: str, *, status: int = 200,
          report: IssueReport | None = None, error: dict[str, Any] | None = None,
          done: dict[str, Any] | None = None,
          names: dict[str, str] | None = None) -> HTMLResponse:
    awards = review.pending_review(app.store, app.catalog(), territory, lang)
    issued = []
    for c in report.issued if report else []:
        uid = c.credential_id.removeprefix("urn:uuid:")
        badge = app.catalog().badges.get(c.badge)
        issued.append({"learner": c.learner, "badge": c.badge, "credential": uid,
                       "name": (names or {}).get(c.learner) or c.learner,
                       "badge_name": text(badge.name, lang) if badge else c.badge})
    return render(request, "awards.html", lang, status=status, territory=territory,
                  territory_name=review.territory_label(app.store, territory),
                  awards=awards, held=sum(1 for a in awards if a["hold"]), report=report,
                  issued=issued, error=error, done=done,
                  t_plural=lambda key, count, **v: i18n.t_plural(key, lang, count, **v),
                  switch_url="/langue?" + urlencode({"lang": "en" if lang == "fr" else "fr",
                                                     "next": _path(territory)}))


def _path(territory: str) -> str:
    """The page's own address (what a form's answer switches language to, not the form's)."""
    return f"/territoires/{territory}/badges"


def _by(grant: Grant) -> str:
    return grant.learner or f"{grant.role} token {grant.token_id}"


def _signed_in(request: Request, territory: str, csrf: str) -> Grant:
    check_csrf(request, csrf)
    grant = grant_of(request)
    check_territory(grant, territory)
    return grant


@router.get("/territoires/{territory}/badges", response_class=HTMLResponse)
def awards_page(request: Request, app: AppDep, grant: AnyGrantDep, lang: LangDep,
                territory: Territory,
                held: Annotated[int | None, Query(ge=1, le=2**31)] = None,
                released: Annotated[int | None, Query(ge=1, le=2**31)] = None
                ) -> HTMLResponse:
    check_territory(grant, territory)
    done = {"held": held} if held else {"released": released} if released else None
    return _page(request, app, lang, territory, done=done)


@router.post("/territoires/{territory}/badges/delivrer", response_class=HTMLResponse)
def issue_awards(request: Request, app: AppDep, catalog: CatalogDep, lang: LangDep,
                 territory: Territory, csrf: Csrf,
                 action: Annotated[Literal["all", "selected"], Form()] = "selected",
                 award: Annotated[list[int], Form(max_length=10_000)] = []  # noqa: B006
                 ) -> HTMLResponse:
    """Issue every pending award (``action=all``) or those ticked; the page then lists what
    was issued and how many were held back."""
    _signed_in(request, territory, csrf)
    check_signing_url(app.settings)
    src = hosted_sources(app)
    names = review.learner_names(app.store, territory)
    try:
        report = review.issue_pending(app.store, catalog, src.keys, urls=src.urls,
                                      clock=app.clock, territory=territory,
                                      awards=None if action == "all" else award)
    except InputError:
        return _page(request, app, lang, territory, status=400,
                     error={"what": "selection"})
    return _page(request, app, lang, territory, report=report, names=names)


@router.post("/territoires/{territory}/badges/{award}/retenir", response_class=HTMLResponse,
             response_model=None)
def hold_award(request: Request, app: AppDep, lang: LangDep, territory: Territory,
               award: Award, csrf: Csrf, reason: Reason = "") -> HTMLResponse | RedirectResponse:
    """Hold the award back: a reason is required (else the page again, the field marked)."""
    grant = _signed_in(request, territory, csrf)
    try:
        review.hold(app.store, territory, award, reason, by=_by(grant), clock=app.clock)
    except InputError as exc:
        problem = (exc.details or {}).get("problem", "required")
        return _page(request, app, lang, territory, status=400,
                     error={"what": "reason", "award": award, "problem": problem,
                            "value": reason[:review.REASON_MAX]})
    return RedirectResponse(f"{_path(territory)}?held={award}#award-{award}",
                            status_code=303)


@router.post("/territoires/{territory}/badges/{award}/liberer")
def release_award(request: Request, app: AppDep, territory: Territory, award: Award,
                  csrf: Csrf) -> RedirectResponse:
    grant = _signed_in(request, territory, csrf)
    review.release(app.store, territory, award, by=_by(grant), clock=app.clock)
    return RedirectResponse(f"{_path(territory)}?released={award}#award-{award}",
                            status_code=303)
