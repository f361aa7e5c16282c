"""Hosted documents at their stable public URLs, with their content types and cache headers:
OB 3.0 achievements, did:web documents (``/.well-known/did.json`` and one per issuer), status
list credentials, OB 2.0 issuer profiles, badge classes, images, revocation lists and hosted
assertions, and the badge artwork. Public: this is what verifiers fetch."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from fastapi import APIRouter
from fastapi import Path as PathParam
from fastapi.responses import Response

from apprenance.bootstrap import App
from apprenance.credentials.trust.did import Fetcher
from apprenance.errors import NotFound
from apprenance.i18n import Lang
from apprenance.services.issuing import hosted
from apprenance.services.issuing.hosted import Hosted
from apprenance.web.deps import SourcesDep, hosted_sources

router = APIRouter(tags=["hosting"])
Slug = Annotated[str, PathParam(min_length=1, max_length=100,
                                pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
JSON_DOC: dict[int | str, dict[str, Any]] = {200: {"content": {"application/ld+json": {}}}}
DID_DOC: dict[int | str, dict[str, Any]] = {200: {"content": {"application/did+ld+json": {}}}}
VC_DOC: dict[int | str, dict[str, Any]] = {200: {"content": {"application/vc+ld+json": {}}}}


def respond(doc: Hosted) -> Response:
    body = doc.body if isinstance(doc.body, bytes) else json.dumps(
        doc.body, ensure_ascii=False, indent=2).encode("utf-8")
    return Response(body, media_type=doc.media_type,
                    headers={"Cache-Control": doc.cache, "Access-Control-Allow-Origin": "*"})


def local_fetcher(app: App) -> Fetcher:
    """Answers the URLs this instance hosts in-process (no network, no deadlock)."""
    base = urlsplit(app.settings.public_url)

    def fetch(url: str) -> bytes:
        parts = urlsplit(url.split("#", 1)[0])
        # did:web always resolves over https: same host, either scheme
        if parts.netloc != base.netloc or parts.scheme not in ("http", "https"):
            raise NotFound(f"not hosted here: {url}")
        path = parts.path.removeprefix(base.path.rstrip("/"))
        doc = hosted.resolve(hosted_sources(app), path)
        return doc.body if isinstance(doc.body, bytes) else json.dumps(doc.body).encode()

    return fetch


@router.get("/.well-known/did.json", summary="The instance's did:web document",
            responses=DID_DOC)
def instance_did(src: SourcesDep) -> Response:
    return respond(hosted.instance_did(src))


@router.get("/issuers/{issuer}/did.json", summary="An issuer's did:web document",
            responses=DID_DOC)
def issuer_did(src: SourcesDep, issuer: Slug) -> Response:
    return respond(hosted.issuer_did(src, issuer))


@router.get("/issuers/{issuer}/status/{list_id}.json",
            summary="A Bitstring Status List credential", responses=VC_DOC)
def status_list(src: SourcesDep, issuer: Slug,
                list_id: Annotated[int, PathParam(ge=0, le=10**9)]) -> Response:
    return respond(hosted.status_list(src, issuer, list_id))


@router.get("/achievements/{badge}.{lang}.json", summary="An OB 3.0 Achievement",
            responses=JSON_DOC)
def achievement(src: SourcesDep, badge: Slug, lang: Lang) -> Response:
    return respond(hosted.achievement(src, badge, lang))


@router.get("/issuers/{issuer}/ob2/profile.json", summary="OB 2.0 Issuer", responses=JSON_DOC)
def ob2_issuer(src: SourcesDep, issuer: Slug) -> Response:
    return respond(hosted.ob2_issuer(src, issuer))


@router.get("/issuers/{issuer}/ob2/revocations.json", summary="OB 2.0 RevocationList",
            responses=JSON_DOC)
def ob2_revocations(src: SourcesDep, issuer: Slug) -> Response:
    return respond(hosted.ob2_revocation_list(src, issuer))


@router.get("/issuers/{issuer}/ob2/badges/{badge}.json", summary="OB 2.0 BadgeClass",
            responses=JSON_DOC)
def ob2_badge(src: SourcesDep, issuer: Slug, badge: Slug) -> Response:
    return respond(hosted.ob2_badge_class(src, issuer, badge))


@router.get("/issuers/{issuer}/ob2/badges/{badge}.png", summary="OB 2.0 BadgeClass image",
            responses={200: {"content": {"image/png": {}}}})
def ob2_badge_image(src: SourcesDep, issuer: Slug, badge: Slug) -> Response:
    return respond(hosted.badge_image_png(src, badge))


@router.get("/ob2/assertions/{uid}.json", summary="OB 2.0 hosted Assertion",
            responses=JSON_DOC)
def ob2_assertion(src: SourcesDep, uid: Annotated[str, PathParam(
        min_length=1, max_length=200, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")]) -> Response:
    return respond(hosted.ob2_assertion(src, uid))


@router.get("/images/badges/{badge}.svg", summary="The artwork of a badge (SVG)",
            responses={200: {"content": {"image/svg+xml": {}}}})
def badge_image(src: SourcesDep, badge: Slug) -> Response:
    return respond(hosted.badge_artwork(src, badge, ".svg"))


@router.get("/images/badges/{badge}.png", summary="The artwork of a badge (PNG)",
            responses={200: {"content": {"image/png": {}}}})
def badge_image_png(src: SourcesDep, badge: Slug) -> Response:
    return respond(hosted.badge_artwork(src, badge, ".png"))


@router.get("/issuers/{issuer}/image.{ext}", summary="The issuer's image",
            responses={200: {"content": {"image/png": {}, "image/svg+xml": {}}}})
def issuer_image(src: SourcesDep, issuer: Slug, ext: Literal["png", "svg"]) -> Response:
    return respond(hosted.issuer_image(src, issuer, f".{ext}"))


@router.get("/endorsers/{endorser}/profile.json", summary="An endorser's OB 3.0 Profile",
            responses=JSON_DOC)
def endorser_profile(src: SourcesDep, endorser: Slug) -> Response:
    return respond(hosted.endorser_profile(src, endorser))


@router.get("/endorsers/{endorser}/did.json",
            summary="An endorser's DID document (derived from its did:key)", responses=DID_DOC)
def endorser_did(src: SourcesDep, endorser: Slug) -> Response:
    return respond(hosted.endorser_did(src, endorser))
