"""The HTTP service: ``create_app(settings)`` builds the FastAPI application over the same
services as the command line, with the one place where errors become HTTP responses."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from apprenance import __version__
from apprenance.bootstrap import App
from apprenance.config import Settings
from apprenance.errors import ApprenanceError, WalletRefused
from apprenance.web.auth import oauth_stays_in_ob_api

log = logging.getLogger("apprenance.web")
STATIC = Path(__file__).with_name("static")
# secrets in paths: sign-in and share links, and wallet offers (interaction, exchange and
# credential-offer URLs)
SECRET_PATHS = re.compile(r"(/(?:connexion|p|xapi-token|wallet/interactions|wallet/exchanges"
                          r"|wallet/oid4vci/offers)/)[^/?\s\"]+")
# query parameters that carry a secret (share links, tokens, OAuth codes and secrets)
SECRET_QUERY = re.compile(r"([?&](?:share|token|code|access_token|refresh_token|client_secret"
                          r"|password|secret|key)=)[^&\s\"#]+", re.IGNORECASE)


def redact(text: str) -> str:
    """``text`` (a request line or path) without the secrets in its path and query."""
    return SECRET_QUERY.sub(r"\1…", SECRET_PATHS.sub(r"\1…", text))
HTTP_CODES = {401: "unauthenticated", 403: "forbidden", 404: "not-found",
              405: "method-not-allowed", 406: "not-acceptable", 413: "too-large",
              415: "unsupported-media-type", 422: "input"}


class RedactSecrets(logging.Filter):
    """Keep sign-in and share link secrets, in paths and query strings, out of access logs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        record.msg = redact(str(record.msg))
        return True


def _status_and_body(exc: Exception, debug: bool) -> tuple[int, dict[str, Any]]:
    if isinstance(exc, ApprenanceError):
        status = exc.http_status
        if status >= 500 and not debug:
            message = "service unavailable" if status == 503 else "internal error"
            return status, {"error": exc.code, "message": message}
        return status, exc.to_dict()
    if isinstance(exc, RequestValidationError):
        problems = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")),
                     "type": str(e.get("type", ""))} for e in exc.errors()]
        text = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in problems)
        return 422, {"error": "input", "message": f"invalid request: {text}", "detail": problems}
    if isinstance(exc, StarletteHTTPException):
        code = HTTP_CODES.get(exc.status_code, "error")
        return exc.status_code, {"error": code, "message": str(exc.detail)}
    log.error("internal error on a request: %s", exc.__class__.__name__, exc_info=exc)
    return 500, {"error": "internal", "message": "internal error"}


def _imsx(status: int, body: dict[str, Any]) -> dict[str, Any]:
    """An error in the Open Badges API's ``Imsx_StatusInfo`` form."""
    minor = {400: "invalid_data", 401: "unauthorizedrequest", 403: "forbidden",
             404: "unknownobject", 405: "forbidden", 422: "invalid_data"}.get(status, "server_busy")
    return {"imsx_codeMajor": "failure", "imsx_severity": "error",
            "imsx_description": body["message"],
            "imsx_codeMinor": {"imsx_codeMinorField": [
                {"imsx_codeMinorFieldName": "TargetEndSystem",
                 "imsx_codeMinorFieldValue": minor}]}}


OAUTH_CODES = ("invalid_request", "invalid_client", "invalid_grant", "unauthorized_client",
               "unsupported_grant_type", "invalid_scope")


def _oauth_error(status: int, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """An error of the token endpoint as RFC 6749 (5.2) words it."""
    message = str(body["message"])
    code = message.split(":", 1)[0]
    if code not in OAUTH_CODES:
        code = "invalid_client" if status == 401 else "invalid_request"
    if status == 422:
        status = 400
    return status, {"error": code, "error_description": message}


def install_error_handler(api: FastAPI, settings: Settings) -> None:
    """The one exception handler: every error, ours or the framework's, becomes a response
    with the status its class names; HTML for pages, Imsx_StatusInfo for the OB API, JSON
    elsewhere. Server errors never show internals."""

    async def on_error(request: Request, exc: Exception) -> Response:
        if isinstance(exc, WalletRefused):  # a wallet protocol's own error form
            headers = {"Cache-Control": "no-store"}
            if exc.status == 401:
                headers["WWW-Authenticate"] = f'Bearer error="{exc.protocol_code}"'
            return JSONResponse({"error": exc.protocol_code, "error_description": exc.message},
                                status_code=exc.status, headers=headers)
        status, body = _status_and_body(exc, settings.debug)
        if status == 422 and request.url.path.startswith("/xapi"):
            status = 400  # an LRS answers 400 to an invalid statement
        headers = dict(getattr(exc, "headers", None) or {})
        if status == 401:
            headers.setdefault("WWW-Authenticate", 'Bearer realm="apprenance"')
        path = request.url.path
        if path.startswith("/oauth/"):
            status, oauth = _oauth_error(status, body)
            return JSONResponse(oauth, status_code=status, headers=headers)
        if path.startswith("/ims/ob/"):
            return JSONResponse(_imsx(status, body), status_code=status, headers=headers)
        wants_html = "text/html" in request.headers.get("accept", "") and not (
            path.startswith(("/api/", "/xapi", "/oauth", "/ims/", "/.well-known")))
        if wants_html:
            from apprenance.web.pages import error_page

            return error_page(request, status, body, headers, exc)
        return JSONResponse(body, status_code=status, headers=headers)

    for kind in (ApprenanceError, RequestValidationError, StarletteHTTPException, Exception):
        api.add_exception_handler(kind, on_error)


def create_app(settings: Settings, *, app: App | None = None) -> FastAPI:
    """The FastAPI application for ``settings`` (or for an ``App`` already built)."""
    from apprenance.web import (
        api_catalog,
        api_credentials,
        api_docs,
        api_endorsements,
        api_learners,
        api_territories,
        api_verify,
        awards,
        coordinators,
        credential_pages,
        hosting,
        input_guard,
        journal_pages,
        logs,
        mail_pages,
        ob3_api,
        openapi_doc,
        outputs,
        pages,
        recognition_pages,
        request_review,
        revoke_pages,
        territory_editor,
        triage,
        wallet_pages,
        wallet_protocols,
        witness_pages,
        xapi,
    )

    core = app or App(settings)
    api = FastAPI(
        title="apprenance", version=__version__,
        description="Recognise what people learn by doing real projects in rural territories. "
        "See docs/api.md.",
        openapi_url="/openapi.json", docs_url=None, redoc_url=None,
        dependencies=[Depends(oauth_stays_in_ob_api)],  # OAuth tokens: OB API only
    )
    api.state.apprenance = core
    install_error_handler(api, settings)
    api.add_middleware(input_guard.RefuseNul)  # NUL in path, query or body: 422 (issue 21)

    @api.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        h = response.headers
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("Referrer-Policy", "no-referrer")
        h.setdefault("X-Frame-Options", "DENY")
        h.setdefault("Content-Security-Policy",
                     "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                     "script-src 'self'; frame-ancestors 'none'; form-action 'self'")
        h.setdefault("Cache-Control", "no-store")
        return response

    for module in (api_territories, api_learners, api_credentials, api_catalog, api_endorsements,
                   api_verify, xapi, ob3_api, hosting, mail_pages, pages, coordinators,
                   triage, logs, awards, territory_editor, outputs, revoke_pages,
                   credential_pages, wallet_pages, wallet_protocols,
                   recognition_pages, request_review, witness_pages,  # issue 18
                   journal_pages):
        api.include_router(module.router)
    api.include_router(api_verify.pages)
    openapi_doc.install(api)  # /openapi.json declares every status each operation answers
    api_docs.install(api)  # its /static/swagger first: /static would take it
    api.mount("/static", StaticFiles(directory=STATIC), name="static")

    @api.get("/healthz", include_in_schema=False)
    def healthz() -> HTMLResponse:
        core.store.ping()
        return HTMLResponse("ok", media_type="text/plain")

    access_log = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, RedactSecrets) for f in access_log.filters):
        access_log.addFilter(RedactSecrets())
    return api


def from_environment() -> FastAPI:
    """The application for ``uvicorn --factory`` (``apprenance serve``): settings from the
    environment; when an SMTP host is set, a thread of each server process sends the mail
    queue (workers share it: each job is claimed by one, services/mail/worker.py)."""
    from apprenance.config import load_settings

    api = create_app(load_settings())
    install_mail_worker(api)
    return api


def install_mail_worker(api: FastAPI) -> None:
    """Start the mail worker with the server and stop it with it (SMTP set only)."""
    core: App = api.state.apprenance
    config = core.smtp()
    if config is None:
        return
    from apprenance.services.mail.worker import start_thread

    stops: list[Any] = []

    def start() -> None:
        _, stop = start_thread(core.store, config, public_url=core.settings.public_url,
                               clock=core.clock)
        stops.append(stop)
        log.info("mail worker started (SMTP %s)", config.host)

    def stop() -> None:
        for event in stops:
            event.set()

    api.router.on_startup.append(start)
    api.router.on_shutdown.append(stop)
