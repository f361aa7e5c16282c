"""The OpenAPI document, told true: every operation declares each status it can answer, with
the body the one error handler (``web/app.py``) really sends for its family of routes.

The statuses are derived here, in one place, from what FastAPI knows of each route:

* 401 and 403 when the route reads the caller's grant (``GrantDep``, ``AnyGrantDep``, or an
  endpoint calling ``grant_of`` itself), 401 with its ``WWW-Authenticate`` header;
* 404 when the path names something (path parameters), plus ``NOT_FOUND`` below;
* 400 when the request has a body (its content is checked), plus ``BAD_INPUT`` below;
* 409 for the operations of ``CONFLICTS`` (where the services raise ``Conflict``);
* 413 for uploads (``multipart/form-data``), from ``TooLarge``;
* 422 when the request has parameters or a body (the framework's validation, rendered as our
  error body with a ``detail`` list) or reads the catalog (``CatalogError``);
* 500 and 503 when the route is given the ``App`` (its store: ``StoreError``,
  ``StoreUnavailable``); and the statuses of ``SigningError``'s subtree when it reads the
  issuers' keys.

Families (as the handler shapes them): ``/oauth/`` answers RFC 6749 errors (a validation
error is a 400 ``invalid_request``), ``/ims/ob/`` ``Imsx_StatusInfo``, ``/xapi`` our error
body with 400 in place of 422, everything else our error body (``{"error", "message"}``),
also as an HTML page on the hosted documents when the reader asks for HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import Response

from apprenance.errors import ApprenanceError, SigningError

REF = "#/components/schemas/{model}"


class Problem(BaseModel):
    """One field the framework refused."""

    model_config = ConfigDict(title="Problem")
    loc: list[str | int] = Field(description="Where: body, query, path or header, then names.")
    msg: str = Field(description="What is wrong.")
    type: str = Field(description="The kind of problem.")


class ErrorBody(BaseModel):
    """The error of our API (docs/errors.md)."""

    model_config = ConfigDict(title="Error")
    error: str = Field(pattern=r"^[a-z][a-z0-9-]*$",
                       description="Its stable code (docs/errors.md), e.g. not-found.")
    message: str = Field(description="What went wrong, for people, naming the line or field.")
    details: Any = Field(None, description="More about it, when the error carries some.")
    detail: list[Problem] = Field(default_factory=list,
                                  description="Invalid requests (422): each field refused.")


class ImsxCodeMinorField(BaseModel):
    model_config = ConfigDict(title="Imsx_CodeMinorField")
    imsx_codeMinorFieldName: str
    imsx_codeMinorFieldValue: Literal[
        "forbidden", "fullsuccess", "internal_server_error", "invalid_data",
        "invalid_query_parameter", "misdirected_request", "not_acceptable", "not_allowed",
        "not_found", "not_modified", "server_busy", "unauthorizedrequest", "unknown",
        "unknownobject"]


class ImsxCodeMinor(BaseModel):
    model_config = ConfigDict(title="Imsx_CodeMinor")
    imsx_codeMinorField: list[ImsxCodeMinorField] = Field(min_length=1)


class ImsxStatusInfo(BaseModel):
    """The error of the Open Badges 3.0 API."""

    model_config = ConfigDict(title="Imsx_StatusInfo")
    imsx_codeMajor: Literal["failure", "processing", "success", "unsupported"]
    imsx_severity: Literal["error", "status", "warning"]
    imsx_description: str | None = None
    imsx_codeMinor: ImsxCodeMinor | None = None


class OAuthError(BaseModel):
    """The error of the token endpoint (RFC 6749, 5.2)."""

    model_config = ConfigDict(title="OAuthError")
    error: Literal["invalid_request", "invalid_client", "invalid_grant", "unauthorized_client",
                   "unsupported_grant_type", "invalid_scope"]
    error_description: str


MODELS: dict[str, type[BaseModel]] = {"Error": ErrorBody, "Imsx_StatusInfo": ImsxStatusInfo,
                                      "OAuthError": OAuthError}
DESCRIPTIONS = {
    400: "Invalid input: the message names the line or field.",
    401: "No credentials, or bad ones.",
    403: "Known caller, outside their rights.",
    404: "Nothing by that name (or nothing the caller may know of).",
    409: "The request clashes with what is stored.",
    413: "The upload is larger than this route takes.",
    422: "Invalid request: each refused field is named (or an invalid catalog).",
    500: "Internal error (no internals are shown).",
    503: "The database cannot be reached: try again.",
}
# statuses the services answer that the route's signature does not show
NOT_FOUND = {("GET", "/api/v1/learners"), ("POST", "/api/v1/evaluate"),
             ("POST", "/api/v1/credentials/issue"), ("GET", "/xapi/statements"),
             ("GET", "/api/v1/frameworks/export"), ("GET", "/.well-known/did.json"),
             ("GET", "/ims/ob/v3p0/profile"), ("PUT", "/ims/ob/v3p0/profile")}
UNAUTHENTICATED = {("POST", "/oauth/token")}  # client authentication, no grant
NO_STORE = {("GET", "/ims/ob/v3p0/discovery")}  # given the App for its settings only
BAD_INPUT = {("GET", "/xapi/statements")}  # the version header, checked by the route
CONFLICTS = {("POST", "/xapi/statements"), ("PUT", "/xapi/statements"),
             ("POST", "/api/v1/credentials/issue"),
             ("POST", "/api/v1/credentials/{credential}/revoke"),
             ("POST", "/api/v1/learners/{learner}/clr"),
             ("GET", "/api/v1/learners/{learner}/certificate.pdf")}
# success answers FastAPI cannot see (the endpoint builds its Response itself)
SUCCESS: dict[tuple[str, str], dict[str, Any]] = {
    ("GET", "/images/badges/{badge}.svg"): {"200": {
        "description": "The badge's artwork.",
        "content": {"image/svg+xml": {"schema": {"type": "string"}}}}},
    ("POST", "/ims/ob/v3p0/credentials"): {
        "200": {"description": "The credential was known: updated.", "content": {
            "application/json": {"schema": {"type": "object"}},
            "text/plain": {"schema": {"type": "string"}}}},
        "201": {"description": "The credential was added.", "content": {
            "application/json": {"schema": {"type": "object"}},
            "text/plain": {"schema": {"type": "string"}}}}},
}
XAPI_HEADERS = {"X-Experience-API-Version": {
    "description": "The xAPI version of the answer.", "required": True,
    "schema": {"type": "string"}}}
PAGED_HEADERS = {
    "X-Total-Count": {"description": "How many credentials in all.", "required": True,
                      "schema": {"type": "string", "pattern": "^[0-9]+$"}},
    "Link": {"description": "first, last, next and prev pages (RFC 8288).", "required": True,
             "schema": {"type": "string"}}}
CHALLENGE = {"WWW-Authenticate": {"description": "How to authenticate (Bearer).",
                                  "required": True, "schema": {"type": "string"}}}


def statuses_of(kind: type[ApprenanceError]) -> set[int]:
    """The HTTP statuses of ``kind`` and of every error class under it."""
    found, todo = set(), [kind]
    while todo:
        cls = todo.pop()
        found.add(cls.http_status)
        todo.extend(cls.__subclasses__())
    return found


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for sub in dependant.dependencies:
        if sub.call is not None:
            yield sub.call
        yield from _calls(sub)


def family(path: str) -> Literal["oauth", "imsx", "xapi", "api", "hosted"]:
    """Which shape of error the handler gives ``path``."""
    if path.startswith("/oauth/"):
        return "oauth"
    if path.startswith("/ims/ob/"):
        return "imsx"
    if path.startswith("/xapi"):
        return "xapi"
    if path.startswith(("/api/", "/.well-known")):
        return "api"
    return "hosted"


def answers(route: Any, method: str, operation: dict[str, Any]) -> set[int]:
    """Every error status ``route`` can answer, from what it depends on and takes."""
    from apprenance.web.auth import api_grant, grant_of
    from apprenance.web.deps import get_app, get_catalog, get_keys, get_sources, get_store

    calls = set(_calls(route.dependant))
    direct = {d.call for d in route.dependant.dependencies}
    names = set(route.endpoint.__code__.co_names)
    key = (method, route.path_format)
    params = bool(operation.get("parameters"))
    body = "requestBody" in operation
    out: set[int] = set()
    grant = bool(calls & {api_grant, grant_of} or names & {"grant_of", "api_grant"})
    if grant:
        out |= {401, 403}
    if key in UNAUTHENTICATED:
        out.add(401)
    if route.dependant.path_params or key in NOT_FOUND:
        out.add(404)
    if body or key in BAD_INPUT:
        out.add(400)
    if key in CONFLICTS:
        out.add(409)
    if "multipart/form-data" in operation.get("requestBody", {}).get("content", {}):
        out.add(413)
    if params or body or get_catalog in calls:
        out.add(422)
    if (grant or direct & {get_app, get_store, get_sources}) and key not in NO_STORE:
        out |= {500, 503}  # the store: tokens are looked up there too
    if get_keys in calls:
        out |= statuses_of(SigningError)
    kind = family(route.path_format)
    if kind in ("oauth", "xapi") and 422 in out:
        out = (out - {422}) | {400}
    return out


def _content(kind: str) -> dict[str, Any]:
    model = {"oauth": "OAuthError", "imsx": "Imsx_StatusInfo"}.get(kind, "Error")
    content: dict[str, Any] = {"application/json": {
        "schema": {"$ref": REF.format(model=model)}}}
    if kind == "hosted":  # the handler answers a page to a reader asking for HTML
        content["text/html"] = {"schema": {"type": "string"}}
    return content


def _fix_success(route: Any, method: str, operation: dict[str, Any]) -> None:
    """Drop the ``application/json`` FastAPI assumes for an endpoint returning a bare
    ``Response`` whose declared media types do not include it; add what it cannot see."""
    responses: dict[str, Any] = operation["responses"]
    returns = route.endpoint.__annotations__.get("return")
    explicit = route.responses.get(200, {}).get("content", {})
    ok = responses.get("200", {}).get("content", {})
    bare = (isinstance(returns, type) and issubclass(returns, Response)) or returns in (
        "Response", "FileResponse")
    if bare and explicit and "application/json" not in explicit:
        ok.pop("application/json", None)
    responses.update(SUCCESS.get((method, route.path_format), {}))
    if route.path_format == "/ims/ob/v3p0/credentials" and method == "GET":
        responses["200"]["headers"] = PAGED_HEADERS
    if family(route.path_format) == "xapi":
        for status, response in responses.items():
            if status.startswith("2"):
                response["headers"] = XAPI_HEADERS


def api_routes(routes: Iterable[Any]) -> Iterator[Any]:
    """The API routes of ``routes``, included routers' ones with their full paths (FastAPI
    0.165 keeps included routers whole: ``iter_route_contexts`` walks them)."""
    from fastapi import routing

    walk = getattr(routing, "iter_route_contexts", None)
    for route in (walk(list(routes)) if walk else routes):
        if isinstance(getattr(route, "original_route", route), APIRoute):
            yield route


def declare_answers(doc: dict[str, Any], routes: Iterable[Any]) -> dict[str, Any]:
    """Add to each operation of ``doc`` the error statuses it can answer (see above)."""
    schemas: dict[str, Any] = doc.setdefault("components", {}).setdefault("schemas", {})
    for name, model in MODELS.items():
        schema = model.model_json_schema(ref_template=REF)
        schemas.update(schema.pop("$defs", {}))
        schemas[name] = schema
    for route in api_routes(routes):
        if not route.include_in_schema:
            continue
        for method in sorted(route.methods):
            operation = doc["paths"].get(route.path_format, {}).get(method.lower())
            if operation is None:
                continue
            responses = operation["responses"]
            responses.pop("422", None)  # FastAPI's HTTPValidationError: not what we answer
            _fix_success(route, method, operation)
            kind = family(route.path_format)
            for status in sorted(answers(route, method, operation)):
                response: dict[str, Any] = {"description": DESCRIPTIONS[status],
                                            "content": _content(kind)}
                if status == 401:
                    response["headers"] = CHALLENGE
                responses[str(status)] = response
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    return doc


def install(api: FastAPI) -> None:
    """Make ``api.openapi()`` (``/openapi.json``) the declared document, built once."""

    def openapi() -> dict[str, Any]:
        if api.openapi_schema is None:
            declare_answers(FastAPI.openapi(api), api.routes)
        return api.openapi_schema or {}

    api.openapi = openapi  # type: ignore[method-assign]
