"""The routes phone wallets call (no session, no cookie: the secrets are in the URLs, codes
and tokens): OpenID4VCI 1.0 (issuer and authorization server metadata, credential offer by
reference, token, nonce and credential endpoints) and the VC-API exchange with its VCALM
interaction URL. Their errors are the protocols' own (``WalletRefused``)."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from apprenance.contracts.wallet_protocols import exchange_step
from apprenance.errors import WalletRefused
from apprenance.services.wallets import oid4vci, vcapi
from apprenance.web.auth import bearer
from apprenance.web.deps import AppDep, LangDep

router = APIRouter(include_in_schema=False)
OfferSecret = Annotated[str, PathParam(min_length=16, max_length=64,
                                       pattern=r"^[A-Za-z0-9_-]+$")]
MAX_BODY = 64 * 1024
NO_STORE = {"Cache-Control": "no-store"}
CORS = {"Access-Control-Allow-Origin": "*"}


def _json(body: dict[str, Any], **headers: str) -> JSONResponse:
    return JSONResponse(body, headers={**NO_STORE, **headers})


async def _body(request: Request, code: str) -> Any:
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise WalletRefused(code, "the request body is too large")
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise WalletRefused(code, "the request body is not JSON") from None


@router.get("/.well-known/openid-credential-issuer")
def issuer_metadata(app: AppDep) -> JSONResponse:
    return JSONResponse(oid4vci.issuer_metadata(app.urls.base),
                        headers={**CORS, "Cache-Control": "public, max-age=300"})


@router.get("/.well-known/oauth-authorization-server")
def authorization_server_metadata(app: AppDep) -> JSONResponse:
    return JSONResponse(oid4vci.authorization_server_metadata(app.urls.base),
                        headers={**CORS, "Cache-Control": "public, max-age=300"})


@router.get("/wallet/oid4vci/offers/{offer}")
def credential_offer(app: AppDep, lang: LangDep, offer: OfferSecret) -> JSONResponse:
    return _json(oid4vci.offer_by_reference(app.store, offer, base=app.urls.base, lang=lang,
                                            clock=app.clock))


@router.post("/wallet/oid4vci/token")
def token(app: AppDep,
          grant_type: Annotated[str | None, Form(max_length=200)] = None,
          code: Annotated[str | None, Form(alias="pre-authorized_code", max_length=200)] = None,
          tx_code: Annotated[str | None, Form(max_length=20)] = None) -> JSONResponse:
    return _json(oid4vci.token(app.store, grant_type=grant_type, code=code, tx_code=tx_code,
                               clock=app.clock))


@router.post("/wallet/oid4vci/nonce")
def nonce(app: AppDep) -> JSONResponse:
    return _json(oid4vci.nonce(app.store, clock=app.clock))


@router.post("/wallet/oid4vci/credential")
async def credential(request: Request, app: AppDep) -> JSONResponse:
    access = bearer(request)
    if access is None:
        raise WalletRefused("invalid_token", "an access token is needed", status=401)
    body = await _body(request, "invalid_credential_request")
    answer = await run_in_threadpool(oid4vci.credential, app.store, app.keys,
                                     base=app.urls.base, access=access, body=body,
                                     clock=app.clock)
    return _json(answer)


@router.get("/wallet/interactions/{offer}")
def interaction(app: AppDep, lang: LangDep, offer: OfferSecret) -> JSONResponse:
    """The VCALM interaction URL (``?iuv=1``): the protocols this offer speaks."""
    return _json(vcapi.interaction(app.store, offer, base=app.urls.base, lang=lang,
                                   clock=app.clock), **CORS)


@router.post("/wallet/exchanges/{offer}")
async def exchange(request: Request, app: AppDep, offer: OfferSecret) -> JSONResponse:
    step = exchange_step(await _body(request, "invalid_request"))
    body = {} if step.verifiablePresentation is None else \
        {"verifiablePresentation": step.verifiablePresentation}
    answer = await run_in_threadpool(vcapi.exchange, app.store, app.keys, offer, body,
                                     base=app.urls.base, clock=app.clock)
    return _json(answer, **CORS)
