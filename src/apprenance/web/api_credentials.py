"""/api/v1: credentials — issue, revoke, list, and download as OB 3.0 JSON, VC-JWT, baked PNG
or SVG, OB 2.0 assertion, and the PDF certificate. Downloads are open to the learner, their
coordinators, and anyone holding one of the learner's live share links (``?share=``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Query
from fastapi import Path as PathParam
from fastapi.responses import Response
from pydantic import BaseModel, Field

from apprenance.bootstrap import App
from apprenance.credentials.formats.registry import DOWNLOADS, FORMATS
from apprenance.credentials.pdf.certificate import render_certificate
from apprenance.errors import NotFound, PermissionDenied
from apprenance.i18n import Lang
from apprenance.public_url import check_signing_url
from apprenance.services import downloads
from apprenance.services.certificates.gather import CertificateOptions, gather_certificate
from apprenance.services.issuing.clr_records import build_clr
from apprenance.services.issuing.elm_export import build_elm
from apprenance.services.issuing.issue import credentials_of, get_credential
from apprenance.services.issuing.revocation import revoke
from apprenance.services.people import access, directory
from apprenance.services.people.access import Grant
from apprenance.web.auth import check_learner, learner_for, require, territories_of
from apprenance.web.deps import AppDep, CatalogDep, GrantDep, KeysDep, UrlsDep

router = APIRouter(prefix="/api/v1", tags=["credentials"])
CredentialId = Annotated[str, PathParam(min_length=1, max_length=200,
                                        pattern=r"^[A-Za-z0-9:._-]+$")]
Participant = Annotated[str, PathParam(min_length=1, max_length=320)]
Share = Annotated[str | None, Query(max_length=100, description="A live share link token.")]
FILE_RESPONSES: dict[int | str, dict[str, Any]] = {200: {"content": {
    FORMATS[name].media_type: {} for name in DOWNLOADS}}}
DownloadName = Literal["json", "jwt", "png", "svg", "ob2"]  # DOWNLOADS (a test checks it)
CLR, PDF, ELM = FORMATS["clr"], FORMATS["pdf"], FORMATS["elm"]


class IssueBody(BaseModel):
    learners: list[Annotated[str, Field(min_length=1, max_length=320)]] = Field(
        default_factory=list, max_length=10_000,
        description="Only these learners; default: every learner you may see.")


class RevokeBody(BaseModel):
    reason: str = Field(min_length=1, max_length=500)


SHARE_MISS = "nothing is shared here: the share link is unknown, revoked or expired, or " \
    "opens another portfolio"


def _shared_owner(app: App, share: str, find: Callable[[], tuple[str, str | None]]
                  ) -> tuple[str, str | None] | None:
    """The owner ``find`` names, if the share link is live and is that owner's."""
    try:
        holder: str | None = access.resolve_share_link(app.store, share, clock=app.clock)
    except NotFound:
        holder = None
    try:
        owner: tuple[str, str | None] | None = find()
    except NotFound:
        owner = None
    return owner if owner is not None and holder is not None and owner[0] == holder else None


def allowed(app: App, grant: Grant, share: str | None,
            find: Callable[[], tuple[str, str | None]]) -> tuple[str, str | None]:
    """(owner, territory) of what ``find`` looks up, if the caller may see it: the learner,
    their coordinators, an admin, or anyone with a live share link of that learner.

    No enumeration: the public with a ``share`` gets one and the same 404 whether the learner
    or credential is unknown, the link unknown, expired or revoked, or another learner's; the
    public without one gets 401 before anything is looked up."""
    if share is not None:
        owner = _shared_owner(app, share, find)
        if owner is not None:
            return owner
        if grant.role == "public":
            raise NotFound(SHARE_MISS)
    require(grant, "admin", "coordinator", "learner")
    owner = find()
    check_learner(grant, {"learner": owner[0], "territory": owner[1]})
    return owner


def _learner_owner(app: App, learner: str) -> Callable[[], tuple[str, str | None]]:
    def find() -> tuple[str, str | None]:
        found = directory.get_learner(app.store, learner)
        return str(found["learner"]), found["territory"]
    return find


def _credential_owner(app: App, credential: str) -> Callable[[], tuple[str, str | None]]:
    return lambda: downloads.credential_owner(app.store, credential)


def _file(doc: downloads.Download) -> Response:
    return Response(doc.body, media_type=doc.media_type, headers={
        "Content-Disposition": f'attachment; filename="{doc.filename}"',
        "Cache-Control": "private, max-age=300"})


@router.get("/learners/{learner}/credentials", summary="The learner's issued credentials")
def learner_credentials(grant: GrantDep, app: AppDep, learner: Participant
                        ) -> list[dict[str, Any]]:
    learner_for(grant, app.store, learner)
    return credentials_of(app.store, learner)


@router.post("/credentials/issue", summary="Sign and issue every pending award (bulk)")
def issue_pending(grant: GrantDep, app: AppDep, catalog: CatalogDep, keys: KeysDep,
                  urls: UrlsDep, body: Annotated[IssueBody, Body()]) -> dict[str, Any]:
    scope = territories_of(grant)
    for name in body.learners:
        learner_for(grant, app.store, name)
    check_signing_url(app.settings)  # 409 for a loopback public URL (docs/api.md)
    wanted = body.learners or [x["learner"] for x in directory.list_learners(
        app.store, territories=scope, limit=10**7)]
    report = downloads.issue_for(app.store, catalog, keys, urls=urls, clock=app.clock,
                                 participants=wanted)
    return report.to_dict()


@router.get("/credentials/{credential}", summary="One credential, its status and document")
def credential(grant: GrantDep, app: AppDep, credential: CredentialId,
               share: Share = None) -> dict[str, Any]:
    allowed(app, grant, share, _credential_owner(app, credential))
    found = get_credential(app.store, credential)
    return {k: found[k] for k in ("id", "format", "issuer", "badge", "issued_at", "revoked",
                                  "revocation_reason", "document")}


@router.get("/credentials/{credential}/{fmt}", summary="Download a credential",
            responses=FILE_RESPONSES, response_class=Response)
def download(grant: GrantDep, app: AppDep, catalog: CatalogDep, credential: CredentialId,
             fmt: DownloadName, share: Share = None
             ) -> Response:
    allowed(app, grant, share, _credential_owner(app, credential))
    return _file(downloads.credential_file(app.store, catalog, credential, fmt))


@router.post("/credentials/{credential}/revoke", summary="Revoke a credential")
def revoke_credential(grant: GrantDep, app: AppDep, keys: KeysDep, urls: UrlsDep,
                      credential: CredentialId, body: Annotated[RevokeBody, Body()]
                      ) -> dict[str, Any]:
    require(grant, "admin", "coordinator")
    _, territory = downloads.credential_owner(app.store, credential)
    if grant.role == "coordinator" and territory != grant.territory:
        raise PermissionDenied("this credential was not issued in your territory")
    check_signing_url(app.settings)
    done = revoke(app.store, keys, credential, reason=body.reason, urls=urls, clock=app.clock)
    return done.to_dict()


@router.post("/learners/{learner}/clr", summary="Build and sign the learner's CLR 2.0 record",
             responses={200: {"content": {CLR.media_type: {}}}}, response_class=Response)
def clr(grant: GrantDep, app: AppDep, catalog: CatalogDep, keys: KeysDep, urls: UrlsDep,
        learner: Participant,
        pathway: Annotated[str | None, Query(max_length=100)] = None) -> Response:
    found = learner_for(grant, app.store, learner)
    check_signing_url(app.settings)
    record = build_clr(app.store, catalog, keys, found["learner"], pathway=pathway, urls=urls,
                       clock=app.clock)
    body = json.dumps(record.document, ensure_ascii=False, indent=2).encode("utf-8")
    return _file(downloads.Download(body, CLR.media_type, f"clr{CLR.suffix}"))


@router.get("/learners/{learner}/certificate.pdf", summary="The learner's PDF certificate",
            responses={200: {"content": {PDF.media_type: {}}}}, response_class=Response)
def certificate(grant: GrantDep, app: AppDep, catalog: CatalogDep, learner: Participant,
                share: Share = None,
                pathway: Annotated[str | None, Query(max_length=100)] = None,
                lang: Annotated[Lang | None, Query()] = None) -> Response:
    owner, _ = allowed(app, grant, share, _learner_owner(app, learner))
    check_signing_url(app.settings)  # its QR code and attached credential name the public URL
    options = CertificateOptions(lang=lang, public_url=app.settings.public_url)
    data = gather_certificate(app.store, catalog, owner, pathway=pathway,
                              options=options, clock=app.clock)
    pdf = render_certificate(data, created=app.clock())
    return _file(downloads.Download(pdf, PDF.media_type, f"certificat{PDF.suffix}"))


@router.get("/learners/{learner}/europass.jsonld",
            summary="The learner's pathway as a Europass credential (ELM 3, JSON-LD)",
            responses={200: {"content": {ELM.media_type: {}}}}, response_class=Response)
def europass(grant: GrantDep, app: AppDep, catalog: CatalogDep, keys: KeysDep,
             learner: Participant,
             pathway: Annotated[str | None, Query(max_length=100)] = None,
             lang: Annotated[Lang | None, Query()] = None,
             sign: Annotated[bool, Query(description="Add the issuer's Data Integrity proof "
                                         "(default: unsigned, for the institution's eIDAS "
                                         "seal).")] = False) -> Response:
    """For the learner and their coordinators: the EuropeanDigitalCredential of the pathway
    (default: the one earned last), for a registrar or the Europass wallet once sealed."""
    found = learner_for(grant, app.store, learner)
    if sign:
        check_signing_url(app.settings)
    export = build_elm(app.store, catalog, keys, found["learner"], pathway=pathway,
                       clock=app.clock, lang=lang, signed=sign)
    body = json.dumps(export.document, ensure_ascii=False, indent=2).encode("utf-8")
    return _file(downloads.Download(body, ELM.media_type,
                                    f"europass-{export.pathway}{ELM.suffix}"))
