"""Open recognition in the browser, for the learner: their badge requests
(``/portfolio/demandes``), a new one (a badge, why, evidence: words, a link, files), one
request with its exchange (answer "more", ask a witness to endorse), its files. Forms work
without JavaScript; a refused field answers the page again with the field named."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from apprenance.errors import ApprenanceError, PermissionDenied, Unauthenticated
from apprenance.public_url import check_signing_url
from apprenance.services.recognition import requests as asks
from apprenance.services.recognition import witnesses
from apprenance.services.recognition.uploads import MAX_FILE, Upload
from apprenance.web.auth import check_csrf, grant_of
from apprenance.web.deps import AppDep, CatalogDep, LangDep
from apprenance.web.pages import Csrf, render
from apprenance.web.request_views import request_view

router = APIRouter(include_in_schema=False)
RequestId = Annotated[int, PathParam(ge=1, le=2**31)]
FileId = Annotated[int, PathParam(ge=1, le=2**31)]
Text = Annotated[str, Form(max_length=4000)]
Files = Annotated[list[UploadFile], File()]


def learner_of(request: Request) -> str:
    grant = grant_of(request)
    if grant.role != "learner" or grant.learner is None:
        if grant.role == "public":
            raise Unauthenticated("open your sign-in link first")
        raise PermissionDenied("badge requests are the learner's own")
    return grant.learner


def _session_learner(request: Request, csrf: str) -> str:
    check_csrf(request, csrf)
    return learner_of(request)


async def _uploads(files: list[UploadFile]) -> tuple[Upload, ...]:
    out = []
    for f in files:
        if not f.filename:
            continue  # the empty file input of a form sent without a file
        out.append(Upload(f.filename, await f.read(MAX_FILE + 1)))
    return tuple(out)


def form_error(exc: ApprenanceError) -> dict[str, Any]:
    details = exc.details if isinstance(exc.details, dict) else {}
    return {"field": details.get("field", "form"), "problem": details.get("problem", "input"),
            "file": details.get("file"), "message": exc.message}


@router.get("/portfolio/demandes", response_class=HTMLResponse)
def my_requests(request: Request, app: AppDep, catalog: CatalogDep,
                lang: LangDep) -> HTMLResponse:
    participant = learner_of(request)
    rows = [request_view(r, catalog, lang) for r in asks.requests_of(app.store, participant)]
    return render(request, "requests.html", lang, requests=rows)


def _new_page(request: Request, app: AppDep, catalog: CatalogDep, lang: str, participant: str,
              *, status: int = 200, error: dict[str, Any] | None = None,
              values: dict[str, str] | None = None) -> HTMLResponse:
    badges = asks.requestable(catalog, lang, asks.held_badges(app.store, participant))
    return render(request, "request_new.html", lang, status=status, badges=badges,
                  error=error, values=values or {}, max_mib=MAX_FILE // (1024 * 1024))


@router.get("/portfolio/demandes/nouvelle", response_class=HTMLResponse)
def new_request(request: Request, app: AppDep, catalog: CatalogDep,
                lang: LangDep) -> HTMLResponse:
    return _new_page(request, app, catalog, lang, learner_of(request))


@router.post("/portfolio/demandes", response_class=HTMLResponse, response_model=None)
async def submit_request(request: Request, app: AppDep, catalog: CatalogDep, lang: LangDep,
                         csrf: Csrf, badge: Annotated[str, Form(max_length=100)] = "",
                         reason: Text = "", text: Text = "",
                         link: Annotated[str, Form(max_length=2000)] = "",
                         files: Files = []  # noqa: B006
                         ) -> HTMLResponse | RedirectResponse:
    participant = _session_learner(request, csrf)
    values = {"badge": badge, "reason": reason, "text": text, "link": link}
    declared = badge in catalog.badges and catalog.badges[badge].kind == "declared"
    try:
        evidence = asks.Evidence(text, link, await _uploads(files))
        if declared:  # issued on the learner's own word, at once
            check_signing_url(app.settings)
            rid = asks.declare(app.store, catalog, app.keys, participant, badge=badge,
                               reason=reason, evidence=evidence, urls=app.urls,
                               clock=app.clock)[0]
        else:
            rid = asks.submit(app.store, catalog, participant, badge=badge, reason=reason,
                              evidence=evidence, clock=app.clock, public_url=app.urls.base)
    except ApprenanceError as exc:
        return _new_page(request, app, catalog, lang, participant, status=exc.http_status,
                         error=form_error(exc), values=values)
    return RedirectResponse(f"/portfolio/demandes/{rid}?fait=envoyee", status_code=303)


def _one_page(request: Request, app: AppDep, catalog: CatalogDep, lang: str,
              participant: str, request_id: int, *, status: int = 200,
              error: dict[str, Any] | None = None, done: str | None = None) -> HTMLResponse:
    row = asks.request_of(app.store, participant, request_id)
    asked = witnesses.of_request(app.store, participant, request_id)
    return render(request, "request.html", lang, status=status,
                  req=request_view(row, catalog, lang), asked=asked, error=error,
                  done=done, roles=witnesses.ROLES)


@router.get("/portfolio/demandes/{request_id}", response_class=HTMLResponse)
def one_request(request: Request, app: AppDep, catalog: CatalogDep, lang: LangDep,
                request_id: RequestId) -> HTMLResponse:
    done = request.query_params.get("fait")
    return _one_page(request, app, catalog, lang, learner_of(request), request_id,
                     done=done if done in ("envoyee", "repondu", "demande") else None)


@router.post("/portfolio/demandes/{request_id}/reponse", response_class=HTMLResponse,
             response_model=None)
async def answer_request(request: Request, app: AppDep, catalog: CatalogDep, lang: LangDep,
                         request_id: RequestId, csrf: Csrf, reply: Text = "", text: Text = "",
                         link: Annotated[str, Form(max_length=2000)] = "",
                         files: Files = []  # noqa: B006
                         ) -> HTMLResponse | RedirectResponse:
    participant = _session_learner(request, csrf)
    try:
        asks.answer(app.store, participant, request_id, reply=reply,
                    evidence=asks.Evidence(text, link, await _uploads(files)), clock=app.clock,
                    catalog=catalog, public_url=app.urls.base)
    except ApprenanceError as exc:
        if exc.http_status in (401, 403, 404):
            raise
        return _one_page(request, app, catalog, lang, participant, request_id,
                         status=exc.http_status, error=form_error(exc))
    return RedirectResponse(f"/portfolio/demandes/{request_id}?fait=repondu", status_code=303)


@router.post("/portfolio/demandes/{request_id}/temoins", response_class=HTMLResponse,
             response_model=None)
def ask_witness(request: Request, app: AppDep, catalog: CatalogDep, lang: LangDep,
                request_id: RequestId, csrf: Csrf,
                witness: Annotated[str, Form(max_length=320)] = "",
                role: Annotated[str, Form(max_length=20)] = "habitant",
                witness_lang: Annotated[str, Form(max_length=5)] = "fr"
                ) -> HTMLResponse | RedirectResponse:
    participant = _session_learner(request, csrf)
    try:
        witnesses.ask(app.store, catalog, participant, witness=witness, role=role,
                      lang=witness_lang, request_id=request_id, by=participant,
                      urls=app.urls, clock=app.clock)
    except ApprenanceError as exc:
        if exc.http_status in (401, 403, 404):
            raise
        return _one_page(request, app, catalog, lang, participant, request_id,
                         status=exc.http_status, error=form_error(exc))
    return RedirectResponse(f"/portfolio/demandes/{request_id}?fait=demande#temoins",
                            status_code=303)


@router.get("/portfolio/demandes/{request_id}/fichiers/{file_id}")
def request_file(request: Request, app: AppDep, request_id: RequestId,
                 file_id: FileId) -> Response:
    found = asks.file_for(app.store, request_id, file_id, participant=learner_of(request),
                          territory=None)
    return file_response(found)


def file_response(found: dict[str, Any]) -> Response:
    """A request's file, downloaded (never shown inline: it came from a learner)."""
    return Response(bytes(found["data"]), media_type=str(found["media_type"]), headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(str(found['name']))}",
        "X-Content-Type-Options": "nosniff"})


Uid = Annotated[str, PathParam(min_length=8, max_length=100, pattern=r"^[A-Za-z0-9-]+$")]


@router.post("/credentials/{credential}/temoins")
def ask_witness_on_credential(request: Request, app: AppDep, catalog: CatalogDep,
                              credential: Uid, csrf: Csrf,
                              witness: Annotated[str, Form(max_length=320)] = "",
                              role: Annotated[str, Form(max_length=20)] = "habitant",
                              witness_lang: Annotated[str, Form(max_length=5)] = "fr"
                              ) -> RedirectResponse:
    """The owner of an issued badge asks a witness to endorse it (signed on its own, its
    subject the badge, when the witness answers)."""
    participant = _session_learner(request, csrf)
    witnesses.ask(app.store, catalog, participant, witness=witness, role=role,
                  lang=witness_lang, credential_id=f"urn:uuid:{credential}", by=participant,
                  urls=app.urls, clock=app.clock)
    return RedirectResponse(f"/credentials/{credential}?temoin=demande#temoignages",
                            status_code=303)
