"""Admins invite coordinators from the browser: a form (e-mail, territory, language), the
single-use sign-in link shown once, the invitations with their state, and withdrawal (which
ends the session the invitation opened). Coordinators sign in through that link."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse

from apprenance.services.mail import queue
from apprenance.services.people import directory, invitations
from apprenance.web.auth import check_csrf, grant_of, require
from apprenance.web.deps import AnyGrantDep, AppDep, LangDep
from apprenance.web.pages import Csrf, render

router = APIRouter(include_in_schema=False)
PAGE = "/admin/coordinateurs"


def _page(request: Request, app: AppDep, lang: str, *, link: str | None = None,
          invited: invitations.Invitation | None = None, status: int = 200,
          mailed: bool = False) -> HTMLResponse:
    return render(request, "coordinators.html", lang, status=status,
                  territories=directory.list_territories(app.store),
                  invitations=invitations.invitations(app.store, clock=app.clock),
                  link=link, invited=invited, mailed=mailed)


@router.get(PAGE, response_class=HTMLResponse)
def coordinators_page(request: Request, app: AppDep, grant: AnyGrantDep,
                      lang: LangDep) -> HTMLResponse:
    require(grant, "admin")
    return _page(request, app, lang)


@router.post(PAGE, response_class=HTMLResponse)
def invite(request: Request, app: AppDep, lang: LangDep, csrf: Csrf,
           email: Annotated[str, Form(min_length=3, max_length=320)],
           territory: Annotated[str, Form(min_length=1, max_length=100,
                                          pattern=r"^[A-Za-z0-9._:-]+$")],
           invite_lang: Annotated[Literal["", "fr", "en"], Form(alias="lang")] = ""
           ) -> HTMLResponse:
    """Create the invitation and show its link once (the page is not cached)."""
    check_csrf(request, csrf)
    grant = require(grant_of(request), "admin")
    new = invitations.invite(app.store, email, territory, clock=app.clock,
                             invited_by=grant.learner or f"admin token {grant.token_id}",
                             lang=invite_lang or None)
    link = f"{app.settings.public_url}/connexion/{new.token}"
    mailed = app.smtp() is not None and queue.mail_invitation(
        app.store, new, public_url=app.settings.public_url, clock=app.clock)
    return _page(request, app, lang, link=link, invited=new.invitation, status=201,
                 mailed=mailed)


@router.post(PAGE + "/{invitation}/retirer")
def withdraw(request: Request, app: AppDep, csrf: Csrf,
             invitation: Annotated[int, PathParam(ge=1, le=2**31)]) -> RedirectResponse:
    check_csrf(request, csrf)
    require(grant_of(request), "admin")
    invitations.withdraw(app.store, invitation, clock=app.clock)
    return RedirectResponse(PAGE, status_code=303)
