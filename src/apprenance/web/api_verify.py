"""/api/v1/verify: anyone posts a credential (JSON, VC-JWT, baked PNG or SVG, PDF
certificate) and gets the verdict with every check. Nothing posted is kept.

Keys and status lists this instance hosts are read in-process; other URLs are fetched over
HTTPS only, never from private or loopback addresses (no server-side request forgery)."""

from __future__ import annotations

import ipaddress
import json
import socket
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Body, Form, UploadFile

from apprenance.bootstrap import App
from apprenance.credentials.did import Fetcher
from apprenance.credentials.fetchers import HttpFetcher, caching, chain
from apprenance.errors import NotFound
from apprenance.services.verify import MAX_INPUT, verify_one
from apprenance.web.deps import AppDep
from apprenance.web.upload import read_upload

router = APIRouter(prefix="/api/v1", tags=["verification"])


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


class GuardedFetcher:
    """HTTPS to public addresses only."""

    def __init__(self) -> None:
        self.http = HttpFetcher(timeout=5.0)

    def __call__(self, url: str) -> bytes:
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname or not _public_host(parts.hostname):
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


@router.post("/verify", summary="Verify an uploaded credential, badge image or PDF")
async def verify_file(app: AppDep, file: UploadFile,
                      recipient: Annotated[str | None, Form(max_length=320)] = None
                      ) -> dict[str, Any]:
    data = await read_upload(file, MAX_INPUT)
    return verify_bytes(app, file.filename or "upload", data, recipient)


@router.post("/verify/credential", summary="Verify a credential given as a JSON document")
def verify_document(app: AppDep, credential: Annotated[dict[str, Any], Body(
        description="The credential (OB 3.0 / VC JSON-LD).")]) -> dict[str, Any]:
    data = json.dumps(credential, ensure_ascii=False).encode("utf-8")
    return verify_bytes(app, "credential.json", data, None)
