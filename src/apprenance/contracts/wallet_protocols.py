"""The bodies phone wallets send, checked at the edge: the OpenID4VCI 1.0 credential request
and the VC-API exchange step. A body that does not fit is refused with the protocol's own
error code (``invalid_credential_request``, ``invalid_request``), never a traceback."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from apprenance.errors import WalletRefused

MAX_JWT = 8_000


class JwtProofs(BaseModel):
    model_config = ConfigDict(extra="ignore")
    jwt: list[str] = Field(min_length=1, max_length=1)


class CredentialRequest(BaseModel):
    """``POST /wallet/oid4vci/credential`` (OpenID4VCI 1.0 section 8.2)."""

    model_config = ConfigDict(extra="ignore")
    credential_configuration_id: str | None = Field(None, max_length=100)
    credential_identifier: str | None = Field(None, max_length=100)
    proofs: JwtProofs
    proof: Any = None  # the draft's single proof: refused below


class ExchangeStep(BaseModel):
    """``POST /wallet/exchanges/{id}``: ``{}``, then ``{"verifiablePresentation": ...}``."""

    model_config = ConfigDict(extra="ignore")
    verifiablePresentation: dict[str, Any] | None = None


def _problem(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ())) or "body"
    return f"{where}: {first.get('msg', 'invalid')}"


def credential_request(body: Any) -> CredentialRequest:
    try:
        request = CredentialRequest.model_validate(body)
    except ValidationError as exc:
        raise WalletRefused("invalid_credential_request", _problem(exc)) from None
    if request.proof is not None:
        raise WalletRefused("invalid_credential_request",
                            "send proofs.jwt (OpenID4VCI 1.0), not the drafts' proof")
    if any(len(p) > MAX_JWT for p in request.proofs.jwt):
        raise WalletRefused("invalid_proof", "the proof is too long")
    return request


def exchange_step(body: Any) -> ExchangeStep:
    try:
        return ExchangeStep.model_validate(body if body is not None else {})
    except ValidationError as exc:
        raise WalletRefused("invalid_request", _problem(exc)) from None
