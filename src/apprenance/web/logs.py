"""The territory's activity logs in the browser: sending one or several log files (a plain
form; ``static/logs.js`` adds a progress bar), the result of each file (accepted,
duplicates, unmapped, rejected; a file rejected whole is an error), and the rejected rows of
the territory, each with a form to correct it and ingest it again, and one to dismiss it with
a reason. Over the same services as ``apprenance ingest`` and ``apprenance rejects``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from apprenance.bootstrap import App
from apprenance.domain.catalog import Catalog
from apprenance.errors import InputError
from apprenance.i18n import t
from apprenance.services.evaluation.evaluate import evaluate
from apprenance.services.ingest.coordination import MAX_FILES, Received, receive
from apprenance.services.ingest.corrections import MAX_TEXT, correct, form_for, open_reject
from apprenance.services.ingest.rejects import REASON_LIMIT, RejectRow, dismiss_reject, list_rejects
from apprenance.services.people.directory import get_territory
from apprenance.web.api_territories import MAX_LOG
from apprenance.web.auth import check_csrf, check_territory, grant_of
from apprenance.web.deps import AnyGrantDep, AppDep, CatalogDep, LangDep
from apprenance.web.pages import Csrf, Territory, render

router = APIRouter(include_in_schema=False)
RejectId = Annotated[int, PathParam(ge=1, le=2**62)]
SHOWN = 200  # rejects listed on a page
MIB = 1024 * 1024
Done = Literal["fixed", "again", "dismissed"]


def reject_view(row: RejectRow, lang: str) -> dict[str, Any]:
    """What the pages show of a reject: where, why (in ``lang``), its raw row, and how it can
    be corrected (None: dismiss it, or correct the file)."""
    return {"id": row.id, "file": row.label or Path(row.source_file).name, "line": row.line,
            "field": row.field, "reason": row.reason_in(lang), "raw": row.raw,
            "fix": form_for(row)}


def _rejects(app: App, territory: str, lang: str, file: str | None = None
             ) -> list[dict[str, Any]]:
    rows = list_rejects(app.store, territory=territory, file=file, limit=SHOWN + 1)
    return [reject_view(r, lang) for r in rows]


@router.get("/territoires/{territory}/journaux", response_class=HTMLResponse)
def logs_form(request: Request, app: AppDep, grant: AnyGrantDep, lang: LangDep,
              territory: Territory) -> HTMLResponse:
    check_territory(grant, territory)
    info = get_territory(app.store, territory)
    waiting = len(list(list_rejects(app.store, territory=territory, limit=SHOWN + 1)))
    return render(request, "logs_upload.html", lang, territory=info, waiting=waiting,
                  max_files=MAX_FILES, max_size=MAX_LOG // MIB)


async def _read(upload: UploadFile, lang: str) -> tuple[str, bytes | None, str | None]:
    """(name, bytes, error) of one sent file: an empty or too large file is an error."""
    name = Path(upload.filename or "").name or "upload"
    data = await upload.read(MAX_LOG + 1)
    if not data:
        return name, None, t("logs.result.empty", lang, file=name)
    if len(data) > MAX_LOG:
        return name, None, t("logs.result.too_large", lang, file=name, size=MAX_LOG // MIB)
    return name, data, None


def _ingest_one(app: App, catalog: Catalog, territory: str, lang: str, fmt: str | None,
                name: str, data: bytes) -> dict[str, Any]:
    """The result of one file: its counts and open rejects, or why it was refused."""
    try:
        got: Received = receive(app.store, catalog, app.home, name, data, fmt,
                                clock=app.clock, lang=lang, territories=[territory])
    except InputError as exc:  # an unknown format ...: this file only
        return {"file": name, "error": t("logs.result.refused", lang, file=name,
                                         reason=str(exc))}
    return {"file": name, "report": got.report, "failed": got.all_rejected,
            "notes": got.report["notes"],
            "rejects": _rejects(app, territory, lang, Path(got.source).name)}


@router.post("/territoires/{territory}/journaux", response_class=HTMLResponse)
async def logs_upload(request: Request, app: AppDep, catalog: CatalogDep, lang: LangDep,
                      territory: Territory, csrf: Csrf,
                      files: Annotated[list[UploadFile], File()],
                      format: Annotated[Literal["auto", "csv", "jsonl", "xapi"], Form()] = "auto"
                      ) -> HTMLResponse:
    """Each file is ingested within the territory, on its own: its counts, its rejects."""
    check_csrf(request, csrf)
    check_territory(grant_of(request), territory)
    info = get_territory(app.store, territory)
    chosen = [f for f in files if f.filename]
    if not chosen:
        raise InputError(t("logs.none_chosen", lang))
    if len(chosen) > MAX_FILES:
        raise InputError(t("logs.too_many", lang, count=MAX_FILES))
    fmt = None if format == "auto" else format
    results = []
    for upload in chosen:  # one file in memory at a time
        name, data, error = await _read(upload, lang)
        results.append({"file": name, "error": error} if data is None else await
                       run_in_threadpool(_ingest_one, app, catalog, territory, lang, fmt,
                                         name, data))
    failed = any(r.get("error") or r.get("failed") for r in results)
    # the learners with new evidence are evaluated at once: awards wait for the review page
    evaluated = await run_in_threadpool(lambda: evaluate(app.store, catalog, clock=app.clock))
    return render(request, "logs_result.html", lang, status=422 if failed else 200,
                  territory=info, results=results, shown=SHOWN,
                  new_awards=len(evaluated.awards))


@router.get("/territoires/{territory}/rejets", response_class=HTMLResponse)
def rejects_page(request: Request, app: AppDep, grant: AnyGrantDep, lang: LangDep,
                 territory: Territory, done: Annotated[Done | None, Query()] = None
                 ) -> HTMLResponse:
    check_territory(grant, territory)
    return _rejects_page(request, app, territory, lang, done=done)


def _rejects_page(request: Request, app: App, territory: str, lang: str, *,
                  done: str | None = None, error: dict[str, Any] | None = None
                  ) -> HTMLResponse:
    """The territory's rejects; ``error``: a correction or dismissal refused, shown at its
    row with what was typed (status 400)."""
    info = get_territory(app.store, territory)
    return render(request, "logs_rejects.html", lang, status=400 if error else 200,
                  territory=info, done=done, error=error,
                  rejects=_rejects(app, territory, lang), shown=SHOWN)


def _back(territory: str, done: str) -> RedirectResponse:
    return RedirectResponse(f"/territoires/{territory}/rejets?done={done}",
                            status_code=303)


@router.post("/territoires/{territory}/rejets/{reject}/corriger")
def correct_reject(request: Request, app: AppDep, catalog: CatalogDep, lang: LangDep,
                   territory: Territory, reject: RejectId, csrf: Csrf,
                   cell: Annotated[list[str] | None, Form(max_length=200)] = None,
                   text: Annotated[str, Form(max_length=MAX_TEXT)] = "") -> Response:
    """Ingest the corrected row within the territory; its reject is closed."""
    check_csrf(request, csrf)
    check_territory(grant_of(request), territory)
    row = open_reject(app.store, reject, territory, lang)
    try:
        got = correct(app.store, catalog, app.home, row, cells=list(cell or []), text=text,
                      clock=app.clock, lang=lang, territory=territory)
    except InputError as exc:
        return _rejects_page(request, app, territory, lang, error={
            "id": reject, "kind": "fix", "message": str(exc), "cells": list(cell or []),
            "text": text})
    evaluate(app.store, catalog, clock=app.clock)  # the corrected row may complete a badge
    return _back(territory, "again" if got.report["rejected"] else "fixed")


@router.post("/territoires/{territory}/rejets/{reject}/ecarter")
def dismiss(request: Request, app: AppDep, lang: LangDep, territory: Territory,
            reject: RejectId, csrf: Csrf,
            reason: Annotated[str, Form(max_length=REASON_LIMIT)] = "") -> Response:
    check_csrf(request, csrf)
    check_territory(grant_of(request), territory)
    open_reject(app.store, reject, territory, lang)
    try:
        dismiss_reject(app.store, reject, reason, app.clock(), lang)
    except InputError as exc:
        return _rejects_page(request, app, territory, lang, error={
            "id": reject, "kind": "dismiss", "message": str(exc), "cells": [], "text": ""})
    return _back(territory, "dismissed")
