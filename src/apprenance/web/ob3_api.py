"""The 1EdTech Open Badges 3.0 API (``/ims/ob/v3p0``): the service description document,
getCredentials / upsertCredential, getProfile / putProfile, protected by OAuth 2.0 access
tokens (client credentials grant at ``/oauth/token``) carrying the spec's scopes. Errors
are ``Imsx_StatusInfo`` documents (the one error handler shapes them)."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Form, Query, Request
from fastapi.responses import JSONResponse, Response

from apprenance import __version__
from apprenance.credentials.trust.jwt import decode_jwt, looks_like_jwt
from apprenance.errors import InputError, PermissionDenied, Unauthenticated
from apprenance.services.issuing import ob_api
from apprenance.services.people.access import OB_SCOPE, OB_SCOPES, Grant, oauth_token
from apprenance.web.api_verify import verify_bytes
from apprenance.web.auth import grant_of, require_scope
from apprenance.web.deps import AnyGrantDep, AppDep

router = APIRouter(tags=["Open Badges 3.0 API"])
BASE = "/ims/ob/v3p0"
READ, UPSERT = OB_SCOPE + "credential.readonly", OB_SCOPE + "credential.upsert"
PROFILE_READ, PROFILE_UPDATE = OB_SCOPE + "profile.readonly", OB_SCOPE + "profile.update"
CREDENTIAL_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"type": "object"}},
    "text/plain": {"schema": {"type": "string"}}}}}


def _oauth(grant: Grant, scope: str) -> Grant:
    if grant.kind != "oauth":
        if grant.role == "public":
            raise Unauthenticated("an OAuth 2.0 access token is needed")
        raise PermissionDenied("the Open Badges API takes OAuth 2.0 access tokens only")
    return require_scope(grant, scope)


@router.get(f"{BASE}/discovery", summary="The Service Description Document")
def discovery(app: AppDep) -> dict[str, Any]:
    base = app.settings.public_url
    return {
        "openapi": "3.0.1",
        "info": {"title": "apprenance — Open Badges API", "version": __version__,
                 "termsOfService": f"{base}/", "x-imssf-privacyPolicyUrl": f"{base}/",
                 "x-imssf-image": f"{base}/static/favicon.svg"},
        "servers": [{"url": f"{base}{BASE}"}],
        "paths": {"/credentials": {"get": {"operationId": "getCredentials"},
                                   "post": {"operationId": "upsertCredential"}},
                  "/profile": {"get": {"operationId": "getProfile"},
                               "put": {"operationId": "putProfile"}},
                  "/discovery": {"get": {"operationId": "getServiceDescription"}}},
        "components": {"securitySchemes": {"OAuth2CCG": {
            "type": "oauth2",
            "description": "OAuth 2.0 Client Credentials Grant (clients are registered with "
                           "`apprenance token client`).",
            "x-imssf-name": "apprenance",
            "x-imssf-registrationUrl": f"{base}/",
            "flows": {"clientCredentials": {"tokenUrl": f"{base}/oauth/token",
                                            "scopes": OB_SCOPES}}}}},
    }


@router.post("/oauth/token", summary="OAuth 2.0 token endpoint (client credentials grant)")
def token(request: Request, app: AppDep,
          grant_type: Annotated[str, Form(max_length=100)],
          scope: Annotated[str | None, Form(max_length=2000)] = None,
          client_id: Annotated[str | None, Form(max_length=100)] = None,
          client_secret: Annotated[str | None, Form(max_length=200)] = None) -> JSONResponse:
    if grant_type != "client_credentials":
        raise InputError("unsupported_grant_type: only client_credentials is supported")
    header = request.headers.get("authorization", "")
    if header.lower().startswith("basic "):
        try:
            pair = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            raise Unauthenticated("invalid_client: malformed Basic credentials") from None
        client_id, _, client_secret = pair.partition(":")
    if not client_id or not client_secret:
        raise Unauthenticated("invalid_client: client authentication is required")
    access, scopes = oauth_token(app.store, client_id, client_secret,
                                 scope.split() if scope else None, clock=app.clock)
    return JSONResponse({"access_token": access, "token_type": "Bearer", "expires_in": 3600,
                         "scope": " ".join(scopes)}, headers={"Cache-Control": "no-store"})


@router.get(f"{BASE}/credentials", summary="getCredentials")
def get_credentials(request: Request, app: AppDep, grant: AnyGrantDep,
                    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
                    since: Annotated[datetime | None, Query()] = None) -> JSONResponse:
    _oauth(grant, READ)
    total, page = ob_api.list_credentials(
        app.store, learner=grant.learner if grant.role == "learner" else None,
        territory=grant.territory if grant.role == "coordinator" else None,
        since=since, limit=limit, offset=offset)
    url = f"{app.settings.public_url}{BASE}/credentials"
    last = max(0, (total - 1) // limit * limit)
    links = [f'<{url}?limit={limit}&offset=0>; rel="first"',
             f'<{url}?limit={limit}&offset={last}>; rel="last"']
    if offset + limit < total:
        links.append(f'<{url}?limit={limit}&offset={offset + limit}>; rel="next"')
    if offset > 0:
        links.append(f'<{url}?limit={limit}&offset={max(0, offset - limit)}>; rel="prev"')
    return JSONResponse({"credential": page, "compactJwsString": []},
                        headers={"X-Total-Count": str(total), "Link": ", ".join(links)})


@router.post(f"{BASE}/credentials", summary="upsertCredential", openapi_extra=CREDENTIAL_BODY)
async def upsert_credential(request: Request, app: AppDep) -> Response:
    grant = _oauth(grant_of(request), UPSERT)
    if grant.role != "learner" or grant.learner is None:
        raise PermissionDenied("credentials are upserted into a learner's own collection")
    raw = await request.body()
    if len(raw) > 2 * 1024 * 1024 or not raw.strip():
        raise InputError("the body must be a credential of at most 2 MiB")
    result = verify_bytes(app, "upsert", raw, None)
    if not result["verified"]:
        failed = [c["message"] for c in result["checks"] if c["status"] == "failed"]
        raise InputError("the credential does not verify: " + "; ".join(failed[:3]))
    text = raw.decode("utf-8-sig").strip()
    document = decode_jwt(text).credential if looks_like_jwt(text) else json.loads(text)
    created = ob_api.upsert_credential(app.store, grant.learner, document, clock=app.clock)
    if looks_like_jwt(text):
        return Response(text, status_code=201 if created else 200, media_type="text/plain")
    return JSONResponse(document, status_code=201 if created else 200)


@router.get(f"{BASE}/profile", summary="getProfile")
def get_profile(app: AppDep, grant: AnyGrantDep) -> dict[str, Any]:
    _oauth(grant, PROFILE_READ)
    if grant.role == "learner" and grant.learner:
        return ob_api.learner_profile(app.store, grant.learner)
    return ob_api.issuer_profile(app.store, grant.territory)


@router.put(f"{BASE}/profile", summary="putProfile")
def put_profile(app: AppDep, grant: AnyGrantDep,
                profile: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    _oauth(grant, PROFILE_UPDATE)
    if grant.role != "learner" or grant.learner is None:
        raise PermissionDenied("issuer profiles are managed with `apprenance issuer`")
    return ob_api.update_learner_profile(app.store, grant.learner, profile)
