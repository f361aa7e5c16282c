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
from apprenance.credentials.did import Fetcher
from apprenance.credentials.fetchers import HttpFetcher, caching, chain
from apprenance.errors import NotFound
from apprenance.services.downloads import document_of
from apprenance.services.verify import MAX_INPUT, verify_one
from apprenance.web.deps import AppDep, LangDep, read_upload
from apprenance.web.pages import render

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


def verify_bytes(app: App, name: str, data: bytes, recipient: str | None) -> dict[str, Any]:
    report = verify_one(name, data=data, fetcher=verification_fetcher(app), clock=app.clock,
                        recipient=recipient)
    return report.to_dict()


@router.post("/api/v1/verify", summary="Verify an uploaded credential, badge image or PDF")
async def verify_file(app: AppDep, file: UploadFile,
                      recipient: Annotated[str | None, Form(max_length=320)] = None
                      ) -> dict[str, Any]:
    data = await read_upload(file, MAX_INPUT)
    return verify_bytes(app, file.filename or "upload", data, recipient)


@router.post("/api/v1/verify/credential", summary="Verify a credential given as a JSON document")
def verify_document(app: AppDep, credential: Annotated[dict[str, Any], Body(
        description="The credential (OB 3.0 / VC JSON-LD).")]) -> dict[str, Any]:
    data = json.dumps(credential, ensure_ascii=False).encode("utf-8")
    return verify_bytes(app, "credential.json", data, None)

# check name -> (what it means when it passes, when it fails), French and English
PLAIN: dict[str, dict[str, tuple[str, str]]] = {
    "fr": {
        "unbake": ("Le badge contient bien sa certification.", "L'image ne contient pas de "
                   "certification lisible."),
        "pdf": ("L'attestation PDF contient bien sa certification.",
                "Le PDF ne contient pas de certification lisible."),
        "parse": ("Le document est lisible.", "Le document n'est pas lisible."),
        "terms": ("Son vocabulaire est celui des Open Badges.",
                  "Il utilise des termes inconnus des Open Badges."),
        "structure": ("Sa structure est celle d'un Open Badge 3.0.",
                      "Sa structure s'écarte de celle d'un Open Badge 3.0."),
        "issuer": ("La clé de signature appartient bien à l'émetteur.",
                   "La clé de signature n'est pas celle de l'émetteur annoncé."),
        "signature": ("La signature est intacte : rien n'a été modifié depuis la délivrance.",
                      "La signature ne correspond pas : le document a pu être modifié."),
        "window": ("Le badge est dans sa période de validité.",
                   "Le badge n'est pas (ou plus) dans sa période de validité."),
        "status": ("L'émetteur ne l'a pas révoqué.", "L'émetteur l'a révoqué."),
        "recipient": ("Il a bien été délivré à la personne indiquée.",
                      "Il n'a pas été délivré à la personne indiquée."),
        "verify": ("La vérification a abouti.", "La vérification n'a pas pu aboutir."),
    },
    "en": {
        "unbake": ("The badge carries its credential.", "The image carries no readable "
                   "credential."),
        "pdf": ("The PDF certificate carries its credential.",
                "The PDF carries no readable credential."),
        "parse": ("The document is readable.", "The document is not readable."),
        "terms": ("It speaks the Open Badges vocabulary.",
                  "It uses terms Open Badges does not define."),
        "structure": ("It is shaped as an Open Badge 3.0.",
                      "Its shape departs from an Open Badge 3.0."),
        "issuer": ("The signing key belongs to the issuer.",
                   "The signing key is not the stated issuer's."),
        "signature": ("The signature holds: nothing changed since it was issued.",
                      "The signature does not match: the document may have been altered."),
        "window": ("The badge is within its validity period.",
                   "The badge is not (or no longer) within its validity period."),
        "status": ("The issuer has not revoked it.", "The issuer has revoked it."),
        "recipient": ("It was issued to the person given.",
                      "It was not issued to the person given."),
        "verify": ("The verification ran to its end.", "The verification could not finish."),
    },
}


def explain(result: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """Each check as a sentence for people, with the technical detail kept beside it."""
    words = PLAIN[lang]
    out = []
    for check in result.get("checks", []):
        name, status = str(check.get("check")), str(check.get("status"))
        if status == "skipped":
            continue
        good, bad = words.get(name, (name, name))
        passed = status in ("ok", "warning")
        out.append({"name": name, "passed": passed, "text": good if passed else bad,
                    "detail": check.get("message", "")})
    return out


@pages.get("/verifier", response_class=HTMLResponse)
@pages.get("/verify", response_class=HTMLResponse)
def verify_form(request: Request, app: AppDep, lang: LangDep,
                credential: Annotated[str | None, Query(max_length=200)] = None
                ) -> HTMLResponse:
    """The form; with ``?credential=ID`` (the QR code of a PDF certificate), the verdict on
    that credential as this instance holds it."""
    if credential is None:
        return render(request, "verify.html", lang, result=None, checks=[], credential=None)
    document = json.dumps(document_of(app.store, credential)).encode("utf-8")
    result = verify_bytes(app, "credential.json", document, None)
    return render(request, "verify.html", lang, result=result,
                  checks=explain(result, lang), credential=credential)


@pages.post("/verifier", response_class=HTMLResponse)
@pages.post("/verify", response_class=HTMLResponse)
async def verify_upload(request: Request, app: AppDep, lang: LangDep,
                        file: Annotated[UploadFile, File()]) -> HTMLResponse:
    data = await read_upload(file, MAX_INPUT)
    result = verify_bytes(app, file.filename or "upload", data, None)
    return render(request, "verify.html", lang, result=result,
                  checks=explain(result, lang), credential=None)
