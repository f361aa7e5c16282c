"""Verification, open to anyone: ``/api/v1/verify`` takes a credential (JSON, VC-JWT, baked
PNG or SVG, PDF certificate) and answers the verdict with every check; the page
``/verifier`` (also ``/verify``, where the certificates' QR codes point) explains it in plain
words. Nothing posted is kept.

Keys and status lists this instance hosts are read in-process; other URLs are fetched over
HTTPS only, never from private or loopback addresses (no server-side request forgery)."""

from __future__ import annotations

import ipaddress
import json
import socket
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Body, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse

from apprenance.bootstrap import App
from apprenance.credentials.trust.did import Fetcher
from apprenance.credentials.trust.fetchers import HttpFetcher, caching, chain
from apprenance.credentials.verify.verifier import Report
from apprenance.errors import NotFound
from apprenance.services.downloads import document_of
from apprenance.services.verify import MAX_INPUT, verify_one
from apprenance.web.deps import AppDep, LangDep, read_upload
from apprenance.web.pages import render
from apprenance.web.verify_explain import check_label, checks_for_people, facts, headline

router = APIRouter(tags=["verification"])
pages = APIRouter(include_in_schema=False)


def _public_host(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return False
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if not address.is_global:
            return False
    return bool(infos)


def _allowed(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "https" and bool(parts.hostname) and _public_host(
        str(parts.hostname))


class GuardedFetcher:
    """HTTPS to public addresses only, redirects included."""

    def __init__(self) -> None:
        self.http = HttpFetcher(timeout=5.0, allow=_allowed)

    def __call__(self, url: str) -> bytes:
        if not _allowed(url):
            raise NotFound(f"not fetching {url}: only https URLs on public addresses")
        return self.http(url)


def verification_fetcher(app: App) -> Fetcher:
    """Hosted documents of this instance first (in-process), then the guarded network."""
    from apprenance.web.hosting import local_fetcher

    extra = getattr(app, "extra_fetcher", None)
    parts: list[Fetcher] = [local_fetcher(app)]
    if extra is not None:  # tests: the recorded documents of other issuers
        parts.append(extra)
    parts.append(GuardedFetcher())
    return caching(chain(*parts))


def verify_report(app: App, name: str, data: bytes, recipient: str | None) -> Report:
    return verify_one(name, data=data, fetcher=verification_fetcher(app), clock=app.clock,
                      recipient=recipient)


def verify_bytes(app: App, name: str, data: bytes, recipient: str | None,
                 lang: str | None = None) -> dict[str, Any]:
    """The report as JSON; with ``lang``, each check also carries its ``text`` in it."""
    return verify_report(app, name, data, recipient).to_dict(lang)


@router.post("/api/v1/verify", summary="Verify an uploaded credential, badge image or PDF")
async def verify_file(app: AppDep, lang: LangDep, file: UploadFile,
                      recipient: Annotated[str | None, Form(max_length=320)] = None
                      ) -> dict[str, Any]:
    """The verdict, every check (``text``: its message in ``lang``), the failed checks and
    ``vouches_for`` (holder, badge, issuer, dates, status; ``holder.recipient``: whether the
    ``recipient`` given matches)."""
    data = await read_upload(file, MAX_INPUT)
    return verify_bytes(app, file.filename or "upload", data, recipient or None, lang)


@router.post("/api/v1/verify/credential", summary="Verify a credential given as a JSON document")
def verify_document(app: AppDep, lang: LangDep, credential: Annotated[dict[str, Any], Body(
        description="The credential (OB 3.0 / VC JSON-LD).")]) -> dict[str, Any]:
    data = json.dumps(credential, ensure_ascii=False).encode("utf-8")
    return verify_bytes(app, "credential.json", data, None, lang)


def _page(request: Request, lang: str, report: Report | None, credential: str | None,
          recipient: str | None = None) -> HTMLResponse:
    if report is None:
        return render(request, "verify.html", lang, result=None, credential=None,
                      recipient=None)
    kind, sentence = headline(report, lang)
    failed = [check_label(name, lang) for name in report.failed_checks]
    return render(request, "verify.html", lang, result=report, verdict=kind, headline=sentence,
                  failed=failed, checks=checks_for_people(report, lang),
                  facts=facts(report, lang, recipient), credential=credential,
                  recipient=recipient)


@pages.get("/verifier", response_class=HTMLResponse)
@pages.get("/verify", response_class=HTMLResponse)
def verify_form(request: Request, app: AppDep, lang: LangDep,
                credential: Annotated[str | None, Query(max_length=200)] = None
                ) -> HTMLResponse:
    """The form; with ``?credential=ID`` (the QR code of a PDF certificate), the verdict on
    that credential as this instance holds it."""
    if credential is None:
        return _page(request, lang, None, None)
    document = json.dumps(document_of(app.store, credential)).encode("utf-8")
    return _page(request, lang, verify_report(app, "credential.json", document, None),
                 credential)


@pages.post("/verifier", response_class=HTMLResponse)
@pages.post("/verify", response_class=HTMLResponse)
async def verify_upload(request: Request, app: AppDep, lang: LangDep,
                        file: Annotated[UploadFile, File()],
                        recipient: Annotated[str | None, Form(max_length=320)] = None
                        ) -> HTMLResponse:
    """The verdict on the uploaded file; with ``recipient`` (an email address), whether the
    credential was issued to it."""
    data = await read_upload(file, MAX_INPUT)
    asked = (recipient or "").strip() or None
    report = verify_report(app, file.filename or "upload", data, asked)
    return _page(request, lang, report, None, asked)
