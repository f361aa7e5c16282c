"""Mail in the browser: the coordinator's page of a territory's mail (failed and bounced
first, "retry" for those), and the learner's request for a new sign-in link on /connexion
(the same answer for every address: no account enumeration)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse

from apprenance.services.mail import queue
from apprenance.services.people import directory
from apprenance.web.auth import check_csrf, check_territory, grant_of
from apprenance.web.deps import AnyGrantDep, AppDep, LangDep
from apprenance.web.pages import Csrf, Territory, render

router = APIRouter(include_in_schema=False)
JobNumber = Annotated[int, PathParam(ge=1, le=2**62)]


@router.get("/territoires/{territory}/courriels", response_class=HTMLResponse)
def mail_page(request: Request, app: AppDep, grant: AnyGrantDep, lang: LangDep,
              territory: Territory,
              envoyes: Annotated[int | None, Query(ge=0, le=10**7)] = None,
              reessaye: Annotated[int | None, Query(ge=1, le=2**62)] = None) -> HTMLResponse:
    """The territory's mail: recipient, subject, state, attempts, last error, dates."""
    check_territory(grant, territory)
    found = directory.get_territory(app.store, territory)
    jobs = queue.territory_mail(app.store, territory)
    retried = next((j for j in jobs if j.id == reessaye), None)
    return render(request, "mail.html", lang, territory=territory,
                  place=found["name"] or territory, jobs=jobs, queued_now=envoyes,
                  retried=retried, configured=app.smtp() is not None)


@router.post("/territoires/{territory}/courriels/{job}/reessayer")
def retry_mail(request: Request, app: AppDep, territory: Territory, job: JobNumber,
               csrf: Csrf) -> RedirectResponse:
    """Queue a failed or bounced mail of the territory again."""
    check_csrf(request, csrf)
    check_territory(grant_of(request), territory)
    queue.retry(app.store, job, clock=app.clock, territory=territory)
    return RedirectResponse(f"/territoires/{territory}/courriels?reessaye={job}",
                            status_code=303)


@router.post("/connexion/lien", response_class=HTMLResponse)
def request_link(request: Request, app: AppDep, lang: LangDep,
                 email: Annotated[str, Form(min_length=1, max_length=320)]) -> HTMLResponse:
    """A learner asks for a new sign-in link: the same page whether the address is known,
    unknown, or over its limit; the work is the same lookups (the mail goes later, from the
    queue), so the answer takes as long either way."""
    queue.request_sign_in(app.store, email, public_url=app.settings.public_url,
                          clock=app.clock)
    return render(request, "signin.html", lang, link=None, requested=True)
