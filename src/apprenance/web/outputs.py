"""The coordinator's outputs for a territory: every certificate as one ZIP (a background job
with its progress, a JSON status the page polls, the download), the credits export as CSV,
and learners' single-use sign-in links in bulk (a page or a CSV to pass on, or mailed).
Pages read with any grant of the territory; forms need a session and its CSRF token."""

from __future__ import annotations

import secrets
import threading
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from apprenance import i18n
from apprenance.bootstrap import App
from apprenance.errors import Conflict, InputError
from apprenance.public_url import check_signing_url
from apprenance.services.certificates.credits_export import CreditsExport, export_credits
from apprenance.services.certificates.gather import CertificateOptions
from apprenance.services.certificates.territory_zip import (
    CertificateJob,
    CertificateJobs,
    learners_with_awards,
)
from apprenance.services.mail import queue as mail_queue
from apprenance.services.people import directory, sign_in_batch
from apprenance.web.auth import check_csrf, check_territory, grant_of
from apprenance.web.deps import AnyGrantDep, AppDep, CatalogDep, LangDep
from apprenance.web.pages import Csrf, Territory, render

router = APIRouter(include_in_schema=False)
JobId = Annotated[str, PathParam(min_length=8, max_length=40, pattern=r"^[A-Za-z0-9_-]+$")]
DAYS = (1, 7, 14, 30)
_JOBS_LOCK = threading.Lock()


def jobs_of(request: Request, app: App) -> CertificateJobs:
    """The certificate jobs of this server process (made on first use)."""
    state = request.app.state
    with _JOBS_LOCK:
        jobs = getattr(state, "certificate_jobs", None)
        if not isinstance(jobs, CertificateJobs):
            jobs = CertificateJobs(app.home / "exports" / "certificates")
            state.certificate_jobs = jobs
    return jobs


def _base(territory: str) -> str:
    return f"/territoires/{territory}"


def _outputs_page(request: Request, app: App, lang: str, territory: str, *,
                  error: str | None = None, status: int = 200) -> HTMLResponse:
    found = directory.get_territory(app.store, territory)
    return render(request, "outputs.html", lang, status=status, territory=territory,
                  place=found["name"] or territory, error=error, days=DAYS,
                  certified=len(learners_with_awards(app.store, territory)),
                  learners=sign_in_batch.territory_learners(app.store, territory),
                  latest=jobs_of(request, app).latest(territory),
                  mail_ready=app.smtp() is not None, sending=secrets.token_urlsafe(8))


@router.get("/territoires/{territory}/sorties", response_class=HTMLResponse)
def outputs_page(request: Request, app: AppDep, grant: AnyGrantDep,
                 lang: LangDep, territory: Territory) -> HTMLResponse:
    check_territory(grant, territory)
    return _outputs_page(request, app, lang, territory)


# --- certificates as one ZIP -----------------------------------------------------------


@router.post("/territoires/{territory}/certificats")
def start_certificates(request: Request, app: AppDep, catalog: CatalogDep, lang: LangDep,
                       territory: Territory, csrf: Csrf) -> RedirectResponse:
    """Start the batch in the background; the browser goes to its page at once."""
    check_csrf(request, csrf)
    check_territory(grant_of(request), territory)
    check_signing_url(app.settings, lang=lang)  # QR codes and credentials name the public URL
    if not learners_with_awards(app.store, territory):
        raise Conflict(i18n.t("outputs.certs_none", lang))
    options = CertificateOptions(lang=lang, default_lang=lang,
                                 public_url=app.settings.public_url)
    job = jobs_of(request, app).start(app.store, catalog, territory, options=options,
                                      clock=app.clock)
    return RedirectResponse(f"{_base(territory)}/certificats/{job.id}", status_code=303)


def _job(request: Request, app: App, territory: str, job_id: str) -> CertificateJob:
    check_territory(grant_of(request), territory)
    return jobs_of(request, app).get(job_id, territory)


@router.get("/territoires/{territory}/certificats/{job}", response_class=HTMLResponse)
def job_page(request: Request, app: AppDep, lang: LangDep, territory: Territory,
             job: JobId) -> HTMLResponse:
    """The batch's state; without JavaScript a refresh shows how far it got."""
    found = _job(request, app, territory, job)
    name = directory.get_territory(app.store, territory)["name"] or territory
    return render(request, "outputs_job.html", lang, territory=territory, place=name,
                  job=found.to_dict(), base=_base(territory))


@router.get("/territoires/{territory}/certificats/{job}/etat")
def job_status(request: Request, app: AppDep, territory: Territory,
               job: JobId) -> dict[str, Any]:
    """The batch's state as JSON (what the page polls)."""
    return _job(request, app, territory, job).to_dict()


@router.get("/territoires/{territory}/certificats/{job}/zip", response_class=Response)
def job_zip(request: Request, app: AppDep, lang: LangDep, territory: Territory,
            job: JobId) -> Response:
    found = _job(request, app, territory, job)
    if found.state != "done" or found.zip_path is None:
        raise Conflict(f"the certificates are not ready ({found.state})")
    if not found.zip_path.is_file():
        raise Conflict("the ZIP file is no longer there: prepare the certificates again")
    return FileResponse(found.zip_path, media_type="application/zip",
                        filename=f"certificats-{territory}-{found.started_at:%Y-%m-%d}.zip")


# --- the credits export ----------------------------------------------------------------


CREDITS_MEDIA = {"csv": "text/csv; charset=utf-8",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _credits(app: App, catalog: Any, grant: Any, lang: str, territory: str,
             fmt: str) -> CreditsExport:
    check_territory(grant, territory)
    options = CertificateOptions(lang=lang, default_lang=lang,
                                 public_url=app.settings.public_url)
    return export_credits(app.store, catalog, fmt=fmt, clock=app.clock, territory=territory,
                          options=options)


def _download(content: bytes, fmt: str, name: str) -> Response:
    return Response(content, media_type=CREDITS_MEDIA[fmt], headers={
        "Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/territoires/{territory}/credits.csv", response_class=Response)
def credits_csv(request: Request, app: AppDep, catalog: CatalogDep, grant: AnyGrantDep,
                lang: LangDep, territory: Territory) -> Response:
    """One row per learner and pathway of the territory (headers, names and labels in the
    page's language)."""
    export = _credits(app, catalog, grant, lang, territory, "csv")
    return _download(export.content, "csv", f"credits-{territory}.csv")


@router.get("/territoires/{territory}/credits-competences.csv", response_class=Response)
def credits_competences_csv(request: Request, app: AppDep, catalog: CatalogDep,
                            grant: AnyGrantDep, lang: LangDep,
                            territory: Territory) -> Response:
    """The competences each learner reached, one row per learner, pathway and competence."""
    export = _credits(app, catalog, grant, lang, territory, "csv")
    return _download(export.competences_csv(), "csv",
                     f"credits-{territory}-competences.csv")


@router.get("/territoires/{territory}/credits.xlsx", response_class=Response)
def credits_xlsx(request: Request, app: AppDep, catalog: CatalogDep, grant: AnyGrantDep,
                 lang: LangDep, territory: Territory) -> Response:
    """Both tables as one workbook (two sheets)."""
    export = _credits(app, catalog, grant, lang, territory, "xlsx")
    return _download(export.content, "xlsx", f"credits-{territory}.xlsx")


# --- sign-in links in bulk -------------------------------------------------------------


@router.post("/territoires/{territory}/liens", response_class=Response)
def sign_in_links(
    request: Request, app: AppDep, lang: LangDep, territory: Territory, csrf: Csrf,
    learners: Annotated[list[str] | None, Form()] = None,
    everyone: Annotated[bool, Form(alias="all")] = False,
    days: Annotated[int, Form(ge=1, le=sign_in_batch.MAX_DAYS)] = 7,
    output: Annotated[Literal["page", "csv", "mail"], Form(alias="format")] = "page",
    sending: Annotated[str, Form(alias="envoi", max_length=40)] = "",
) -> Response:
    """Make one single-use link per chosen learner and show them once (or as a CSV), or
    mail each learner theirs (``envoi``: the form's mark, so a second click sends none)."""
    check_csrf(request, csrf)
    check_territory(grant_of(request), territory)
    chosen = None if everyone else [p[:320] for p in (learners or [])[:10_000]]
    if output == "mail":
        try:
            wanted = sign_in_batch.chosen_learners(app.store, territory, chosen)
        except InputError as exc:
            message = i18n.t("outputs.links_none", lang) if not learners else exc.message
            return _outputs_page(request, app, lang, territory, error=message, status=422)
        sent = mail_queue.queue_sign_in_links(
            app.store, wanted, public_url=app.settings.public_url, days=days, clock=app.clock,
            batch=sending or secrets.token_urlsafe(8))
        return RedirectResponse(f"{_base(territory)}/courriels?envoyes={sent.queued}",
                                status_code=303)
    try:
        links = sign_in_batch.links_for(app.store, territory, chosen,
                                        public_url=app.settings.public_url, days=days,
                                        clock=app.clock)
    except InputError as exc:
        message = i18n.t("outputs.links_none", lang) if not learners else exc.message
        return _outputs_page(request, app, lang, territory, error=message,
                             status=422)
    if output == "csv":
        header = [i18n.t(f"outputs.col.{k}", lang) for k in ("person", "identifier", "link",
                                                              "until")]
        return Response(sign_in_batch.links_csv(links, header),
                        media_type="text/csv; charset=utf-8", headers={
                            "Content-Disposition":
                                f'attachment; filename="liens-{territory}.csv"'})
    name = directory.get_territory(app.store, territory)["name"] or territory
    until: date = links[0].expires_at.date()
    return render(request, "outputs_links.html", lang, status=201, territory=territory,
                  place=name, links=links, until=until, base=_base(territory))
