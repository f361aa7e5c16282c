"""The learner's own evidence in the browser: their journal (``/portfolio/journal``: notes,
photos, documents on their timeline, one form to add one), and the coordinator's view of
their territory's notes (``/territoires/{t}/journal``), each turned into an attested
activity with one form (a type, hours, a project)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from apprenance.domain.catalog import text
from apprenance.errors import ApprenanceError
from apprenance.services.recognition import journal
from apprenance.services.recognition.uploads import MAX_FILE, Upload
from apprenance.web.auth import check_csrf, check_territory, grant_of
from apprenance.web.deps import AnyGrantDep, AppDep, CatalogDep, LangDep
from apprenance.web.pages import Csrf, Territory, render
from apprenance.web.recognition_pages import file_response, form_error, learner_of

router = APIRouter(include_in_schema=False)
NoteId = Annotated[int, PathParam(ge=1, le=2**31)]


def _mine(request: Request, app: AppDep, lang: str, participant: str, *, status: int = 200,
          error: dict[str, Any] | None = None, done: bool = False) -> HTMLResponse:
    return render(request, "journal.html", lang, status=status, error=error, done=done,
                  notes=journal.notes_of(app.store, participant),
                  today=app.clock().date().isoformat())


@router.get("/portfolio/journal", response_class=HTMLResponse)
def my_journal(request: Request, app: AppDep, lang: LangDep) -> HTMLResponse:
    return _mine(request, app, lang, learner_of(request),
                 done=request.query_params.get("fait") == "ajoute")


@router.post("/portfolio/journal", response_class=HTMLResponse, response_model=None)
async def add_note(request: Request, app: AppDep, lang: LangDep, csrf: Csrf,
                   day: Annotated[str, Form(max_length=20)] = "",
                   note: Annotated[str, Form(max_length=4000)] = "",
                   file: Annotated[UploadFile | None, File()] = None
                   ) -> HTMLResponse | RedirectResponse:
    check_csrf(request, csrf)
    participant = learner_of(request)
    upload = Upload(file.filename, await file.read(MAX_FILE + 1)) \
        if file is not None and file.filename else None
    try:
        journal.add_note(app.store, participant, day=day, text=note, upload=upload,
                         clock=app.clock)
    except ApprenanceError as exc:
        if exc.http_status in (401, 403, 404):
            raise
        return _mine(request, app, lang, participant, status=exc.http_status,
                     error=form_error(exc))
    return RedirectResponse("/portfolio/journal?fait=ajoute", status_code=303)


@router.get("/portfolio/journal/{note_id}/fichier")
def my_note_file(request: Request, app: AppDep, note_id: NoteId) -> Response:
    return file_response(journal.note_file(app.store, note_id, participant=learner_of(request),
                                           territory=None))


def _review(request: Request, app: AppDep, catalog: CatalogDep, lang: str, territory: str, *,
            status: int = 200, error: dict[str, Any] | None = None,
            done: str | None = None) -> HTMLResponse:
    types = sorted(({"id": k, "label": text(v.label, lang)}
                    for k, v in catalog.activity_types.items()),
                   key=lambda x: x["label"].casefold())
    return render(request, "journal_review.html", lang, status=status, territory=territory,
                  notes=journal.territory_notes(app.store, territory), types=types,
                  error=error, done=done)


@router.get("/territoires/{territory}/journal", response_class=HTMLResponse)
def territory_journal(request: Request, app: AppDep, catalog: CatalogDep, grant: AnyGrantDep,
                      lang: LangDep, territory: Territory) -> HTMLResponse:
    check_territory(grant, territory)
    done = request.query_params.get("atteste")
    return _review(request, app, catalog, lang, territory,
                   done=done if done and done.isdigit() else None)


@router.post("/territoires/{territory}/journal/{note_id}/attester", response_class=HTMLResponse,
             response_model=None)
def attest_note(request: Request, app: AppDep, catalog: CatalogDep, lang: LangDep,
                territory: Territory, note_id: NoteId, csrf: Csrf,
                type: Annotated[str, Form(max_length=100)] = "",
                hours: Annotated[float, Form(ge=0, le=1000)] = 0,
                project: Annotated[str, Form(max_length=100)] = ""
                ) -> HTMLResponse | RedirectResponse:
    check_csrf(request, csrf)
    grant = grant_of(request)
    check_territory(grant, territory)
    by = grant.learner or f"{grant.role} token {grant.token_id}"
    try:
        journal.attest(app.store, catalog, territory, note_id, activity_type=type,
                       hours=hours, project=project or None, by=by, clock=app.clock)
    except ApprenanceError as exc:
        if exc.http_status in (401, 403, 404):
            raise
        return _review(request, app, catalog, lang, territory, status=exc.http_status,
                       error={**form_error(exc), "note": note_id})
    return RedirectResponse(f"/territoires/{territory}/journal?atteste={note_id}#note-{note_id}",
                            status_code=303)


@router.get("/territoires/{territory}/journal/{note_id}/fichier")
def territory_note_file(request: Request, app: AppDep, grant: AnyGrantDep,
                        territory: Territory, note_id: NoteId) -> Response:
    check_territory(grant, territory)
    return file_response(journal.note_file(app.store, note_id, participant=None,
                                           territory=territory))
