"""The witness's page (``/temoignage/{token}``): reached by the e-mailed link, without an
account. It says who asks them to endorse which badge; they write a short comment (and the
name to show), and may withdraw it later through the same link. The page speaks the
language they were asked in (the mail's) until they choose another. The link's secret is the
only credential (no session, so no CSRF token: a forged form would need the secret)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from apprenance.errors import ApprenanceError
from apprenance.i18n import LANGS
from apprenance.services.recognition import witnesses
from apprenance.web.deps import LANG_COOKIE, AppDep, CatalogDep, LangDep
from apprenance.web.pages import Secret, render

router = APIRouter(include_in_schema=False)


def _page(request: Request, app: AppDep, catalog: CatalogDep, lang: str, token: str, *,
          status: int = 200, error: dict[str, Any] | None = None,
          done: str | None = None) -> HTMLResponse:
    # the language they were asked in (their mail's) unless they chose one on the site
    chosen = "lang" in request.query_params or request.cookies.get(LANG_COOKIE) in LANGS
    seen = witnesses.opened(app.store, catalog, token, lang if chosen else None,
                            clock=app.clock)
    return render(request, "witness.html", seen["page_lang"], status=status, seen=seen,
                  token=token,
                  error=error, done=done, headers={"Referrer-Policy": "no-referrer"})


@router.get("/temoignage/{token}", response_class=HTMLResponse)
def witness_page(request: Request, app: AppDep, catalog: CatalogDep, lang: LangDep,
                 token: Secret) -> HTMLResponse:
    done = request.query_params.get("fait")
    return _page(request, app, catalog, lang, token,
                 done=done if done in ("merci", "retire") else None)


@router.post("/temoignage/{token}", response_class=HTMLResponse, response_model=None)
def endorse(request: Request, app: AppDep, catalog: CatalogDep, lang: LangDep, token: Secret,
            comment: Annotated[str, Form(max_length=4000)] = "",
            name: Annotated[str, Form(max_length=200)] = ""
            ) -> HTMLResponse | RedirectResponse:
    try:
        witnesses.endorse(app.store, catalog, app.keys, token, name=name, comment=comment,
                          urls=app.urls, clock=app.clock)
    except ApprenanceError as exc:
        if exc.http_status in (401, 403, 404):
            raise
        return _page(request, app, catalog, lang, token, status=exc.http_status,
                     error={"message": exc.message, "comment": comment, "name": name})
    return RedirectResponse(f"/temoignage/{token}?fait=merci", status_code=303)


@router.post("/temoignage/{token}/retirer")
def withdraw(app: AppDep, catalog: CatalogDep, token: Secret) -> RedirectResponse:
    witnesses.withdraw(app.store, token, clock=app.clock, catalog=catalog,
                       public_url=app.urls.base)
    return RedirectResponse(f"/temoignage/{token}?fait=retire", status_code=303)
