"""Who is asking, and what they may see.

Roles: ``admin`` (everything), ``coordinator`` (issuer staff of one territory), ``learner``
(their own portfolio and evidence), ``public`` (what a learner chose to share, hosted
credentials, verification, the catalog). A request proves its role with an API token
(``Authorization: Bearer``), an OAuth 2.0 access token (Open Badges API only), or the session
cookie a sign-in link opens (read-only requests on the API; forms carry a CSRF token).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Collection
from typing import Any

from fastapi import Request

from apprenance.db.store import Store
from apprenance.errors import InputError, PermissionDenied, Unauthenticated
from apprenance.importers.values import learner_key
from apprenance.services.people.access import PUBLIC, Grant, digest, resolve_token
from apprenance.services.people.directory import get_learner

SESSION_COOKIE = "apprenance_session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# where an OAuth 2.0 access token is worth something: the Open Badges API (and its token
# endpoint, which takes client credentials, never an access token)
OAUTH_PATHS = ("/ims/ob/v3p0", "/oauth/")
OAUTH_ONLY = "OAuth access tokens are for the Open Badges API (/ims/ob/v3p0) only"


def bearer(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer`` header (or the password of HTTP Basic, as
    LRS clients send it), if any."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            raise Unauthenticated("malformed Basic credentials") from None
        return decoded.partition(":")[2].strip() or None
    if scheme.lower() != "bearer":
        return None
    return value.strip() or None


def grant_of(request: Request) -> Grant:
    """The grant of this request (cached on it): bearer token, else session cookie, else public.

    A bad bearer token is refused (401) rather than treated as public."""
    cached = getattr(request.state, "grant", None)
    if isinstance(cached, Grant):
        return cached
    app = request.app.state.apprenance
    token = bearer(request)
    grant = PUBLIC
    if token is not None:
        grant = resolve_token(app.store, token, clock=app.clock)
    else:
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie:
            try:
                grant = resolve_token(app.store, cookie, clock=app.clock)
            except Unauthenticated:
                grant = PUBLIC
            if grant.kind != "session":
                grant = PUBLIC
    if grant.kind == "oauth" and not request.url.path.startswith(OAUTH_PATHS):
        raise PermissionDenied(OAUTH_ONLY)
    request.state.grant = grant
    return grant


def oauth_stays_in_ob_api(request: Request) -> None:
    """Refuse (403) a live OAuth access token on every route outside the Open Badges API,
    public ones included: pages, /api/v1, /xapi, hosted documents. (Routes that read a grant
    refuse it in ``grant_of`` too; this covers the routes that read none.)"""
    if request.url.path.startswith(OAUTH_PATHS):
        return
    try:
        token = bearer(request)
    except Unauthenticated:
        return  # the route decides what a malformed header is worth
    if token is None or not token.startswith("apo_"):
        return
    app = request.app.state.apprenance
    try:
        grant = resolve_token(app.store, token, clock=app.clock)
    except Unauthenticated:
        return
    if grant.kind == "oauth":
        raise PermissionDenied(OAUTH_ONLY)


def api_grant(request: Request) -> Grant:
    """The grant for /api/v1: OAuth tokens are for the Open Badges API only; a session cookie
    only reads (writing through the API needs a bearer token: no cross-site forgery)."""
    grant = grant_of(request)
    if grant.kind == "oauth":
        raise PermissionDenied(OAUTH_ONLY)
    if grant.kind == "session" and request.method not in SAFE_METHODS \
            and bearer(request) is None:
        raise PermissionDenied("use an API token to change data through the API")
    return grant


def require(grant: Grant, *roles: str) -> Grant:
    """Refuse unless the grant has one of ``roles`` (401 for the public, 403 otherwise)."""
    if grant.role in roles:
        return grant
    if grant.role == "public":
        raise Unauthenticated("sign in or send an API token (Authorization: Bearer ...)")
    raise PermissionDenied(f"the {grant.role} role may not do this")


def territories_of(grant: Grant) -> Collection[str] | None:
    """The territories the grant covers: None for every one (admin)."""
    require(grant, "admin", "coordinator")
    if grant.role == "admin":
        return None
    return [grant.territory] if grant.territory else []


def check_territory(grant: Grant, territory: str) -> None:
    """Refuse unless the grant covers ``territory``."""
    covered = territories_of(grant)
    if covered is not None and territory not in covered:
        raise PermissionDenied(f"territory {territory!r} is not yours")


def check_learner(grant: Grant, learner: dict[str, Any]) -> None:
    """Refuse unless the grant may see this learner (a row from the directory service)."""
    require(grant, "admin", "coordinator", "learner")
    if grant.role == "admin":
        return
    if grant.role == "coordinator" and learner.get("territory") == grant.territory:
        return
    if grant.role == "learner" and learner.get("learner") == grant.learner:
        return
    raise PermissionDenied("this learner is not yours")


def learner_for(grant: Grant, store: Store, participant: str) -> dict[str, Any]:
    """The learner ``participant`` if the grant may see them (the role is checked first, so
    the public learns nothing about who exists)."""
    require(grant, "admin", "coordinator", "learner")
    if grant.role == "learner" and not _is_self(grant, participant):
        # before the look-up: a learner cannot tell who else exists (403 either way)
        raise PermissionDenied("this learner is not yours")
    found = get_learner(store, participant)
    check_learner(grant, found)
    return found


def _is_self(grant: Grant, participant: str) -> bool:
    try:
        return grant.learner is not None and learner_key(participant) == grant.learner
    except InputError:
        return False


def require_scope(grant: Grant, scope: str) -> Grant:
    """Refuse unless the (OAuth) grant carries ``scope``."""
    if grant.role == "public":
        raise Unauthenticated("an OAuth 2.0 access token is needed (client credentials)")
    if scope not in grant.scopes:
        raise PermissionDenied(f"the access token lacks the scope {scope}")
    return grant


def csrf_token(request: Request) -> str:
    """The anti-forgery token of the current session (derived from it, never stored)."""
    cookie = request.cookies.get(SESSION_COOKIE, "")
    return hashlib.sha256(f"csrf:{digest(cookie)}".encode()).hexdigest()[:32]


def check_csrf(request: Request, sent: str | None) -> None:
    if not request.cookies.get(SESSION_COOKIE) or not sent \
            or not hmac.compare_digest(csrf_token(request), sent):
        raise PermissionDenied("this form has expired: reload the page and try again")
