"""Who may reach the service: API tokens, sessions, OAuth 2.0 clients, sign-in links for
learners, share links a learner publishes.

Secrets are random (``secrets.token_urlsafe``), shown once, stored as their SHA-256 and compared
in constant time; they are never logged. Expired, used or revoked secrets give nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from apprenance.clock import Clock, has_passed
from apprenance.db import access_sql as sql
from apprenance.db import people_sql
from apprenance.db.engine import Connection
from apprenance.db.store import Store
from apprenance.errors import InputError, NotFound, Unauthenticated
from apprenance.importers.values import learner_key

ROLES = ("admin", "coordinator", "learner")
OB_SCOPE = "https://purl.imsglobal.org/spec/ob/v3p0/scope/"
OB_SCOPES: dict[str, str] = {
    OB_SCOPE + "credential.readonly": "Permission to read OpenBadgeCredentials.",
    OB_SCOPE + "credential.upsert": "Permission to create or update OpenBadgeCredentials.",
    OB_SCOPE + "profile.readonly": "Permission to read the profile.",
    OB_SCOPE + "profile.update": "Permission to update the profile.",
}
SESSION_TTL = timedelta(days=14)
SIGN_IN_TTL = timedelta(hours=24)
OAUTH_TTL = timedelta(hours=1)


@dataclass(frozen=True)
class Grant:
    """What a presented secret allows: a role, its territory or learner, its OAuth scopes."""

    role: str  # admin | coordinator | learner | public
    kind: str = "api"  # api | session | oauth | anonymous
    territory: str | None = None
    learner: str | None = None  # participant of the learner
    learner_id: int | None = None
    scopes: frozenset[str] = field(default_factory=frozenset)
    token_id: int | None = None
    client_id: str | None = None


PUBLIC = Grant(role="public", kind="anonymous")


def digest(secret: str) -> str:
    """The SHA-256 of a secret, as stored."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_secret(prefix: str) -> str:
    return f"{prefix}_{secrets.token_urlsafe(32)}"


def _learner(conn: Connection, participant: str) -> tuple[int, str | None]:
    found = people_sql.live_learner_home(conn, learner_key(participant))
    if found is None:
        raise NotFound(f"no learner {participant!r}")
    return found


def _check_role(conn: Connection, role: str, territory: str | None,
                learner: str | None) -> int | None:
    if role not in ROLES:
        raise InputError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    if role == "coordinator":
        if not territory:
            raise InputError("a coordinator token needs a territory (--territory)")
        if not people_sql.territory_exists(conn, territory):
            raise NotFound(f"no territory {territory!r}")
    if role == "learner":
        if not learner:
            raise InputError("a learner token needs a learner (--learner)")
        return _learner(conn, learner)[0]
    return None


def create_token(
    store: Store, *, role: str, clock: Clock, territory: str | None = None,
    learner: str | None = None, label: str | None = None, kind: str = "api",
    expires_in: timedelta | None = None, scopes: Iterable[str] = (),
    client_id: str | None = None,
) -> str:
    """A new secret token for ``role``; only its hash is stored. Returned once."""
    token = new_secret({"api": "apr", "session": "aps", "oauth": "apo"}[kind])
    now = clock()
    with store.transaction() as conn:
        lid = _check_role(conn, role, territory, learner)
        sql.insert_token(
            conn, token_hash=digest(token), kind=kind, role=role,
            territory=territory if role == "coordinator" else None, learner_id=lid,
            client_id=client_id, scopes=sorted(scopes), label=label, created_at=now,
            expires_at=now + expires_in if expires_in else None,
        )
    return token


def resolve_token(store: Store, token: str, *, clock: Clock) -> Grant:
    """The grant of a presented token; ``Unauthenticated`` when unknown, expired or revoked."""
    wanted = digest(token)
    with store.transaction() as conn:
        row = sql.token_row(conn, wanted)
    if row is None or not hmac.compare_digest(str(row["token_hash"]), wanted):
        raise Unauthenticated("unknown or expired token")
    if row["revoked_at"] is not None or has_passed(row["expires_at"], clock()):
        raise Unauthenticated("unknown or expired token")
    return Grant(
        role=row["role"], kind=row["kind"], territory=row["territory_id"],
        learner=row["participant"], learner_id=row["learner_id"],
        scopes=frozenset(row["scopes"] or ()), token_id=int(row["id"]),
        client_id=row["client_id"],
    )


def revoke_token(store: Store, token: str, *, clock: Clock) -> None:
    """End a token or session now (sign-out)."""
    with store.transaction() as conn:
        sql.revoke_token(conn, digest(token), clock())


def create_sign_in_link(store: Store, participant: str, *, clock: Clock,
                        ttl: timedelta = SIGN_IN_TTL) -> str:
    """A single-use secret that opens a session for the learner until it expires."""
    token = new_secret("aps")
    now = clock()
    with store.transaction() as conn:
        lid, _ = _learner(conn, participant)
        sql.insert_sign_in_link(conn, token_hash=digest(token), learner_id=lid,
                                created_at=now, expires_at=now + ttl)
    return token


def use_sign_in_link(store: Store, token: str, *, clock: Clock) -> str:
    """Spend a sign-in link (once) and return a new session token for its learner."""
    now = clock()
    with store.transaction() as conn:
        row = sql.sign_in_link(conn, digest(token))
        if row is None or row.used_at is not None or has_passed(row.expires_at, now):
            raise Unauthenticated("this sign-in link is unknown, used or expired")
        if not sql.spend_sign_in_link(conn, row.id, now):  # another request spent it first
            raise Unauthenticated("this sign-in link is unknown, used or expired")
        participant = people_sql.participant_of(conn, row.learner_id)
    return create_token(store, role="learner", learner=participant, kind="session",
                        expires_in=SESSION_TTL, clock=clock)


def create_share_link(store: Store, participant: str, *, clock: Clock,
                      days: int | None = 90) -> dict[str, Any]:
    """A public link to the learner's portfolio, until revoked or expired."""
    if days is not None and not 1 <= days <= 3650:
        raise InputError("a share link lasts from 1 to 3650 days")
    token = secrets.token_urlsafe(24)
    now = clock()
    with store.transaction() as conn:
        lid, _ = _learner(conn, participant)
        new_id = sql.insert_share_link(
            conn, token=token, learner_id=lid, created_at=now,
            expires_at=now + timedelta(days=days) if days else None,
        )
    return {"id": new_id, "token": token, "created_at": now.isoformat(),
            "expires_at": (now + timedelta(days=days)).isoformat() if days else None}


def share_links_of(store: Store, participant: str, *, clock: Clock) -> list[dict[str, Any]]:
    """The learner's live share links, newest first."""
    now = clock()
    with store.transaction() as conn:
        lid, _ = _learner(conn, participant)
        rows = sql.share_link_rows(conn, lid)
    return [
        {"id": r["id"], "token": r["token"], "created_at": r["created_at"].isoformat(),
         "expires_at": r["expires_at"].isoformat() if r["expires_at"] else None}
        for r in rows if not has_passed(r["expires_at"], now)
    ]


def revoke_share_link(store: Store, participant: str, link_id: int, *, clock: Clock) -> None:
    """Revoke one of the learner's share links; ``NotFound`` if it is not theirs."""
    with store.transaction() as conn:
        lid, _ = _learner(conn, participant)
        done = sql.revoke_share_link(conn, link_id, lid, clock())
    if not done:
        raise NotFound(f"no live share link {link_id}")


def resolve_share_link(store: Store, token: str, *, clock: Clock) -> str:
    """The participant whose portfolio a share link opens; ``NotFound`` once revoked/expired."""
    with store.transaction() as conn:
        row = sql.share_link_target(conn, token)
    if row is None or has_passed(row[1], clock()):
        raise NotFound("this share link is unknown, revoked or expired")
    return row[0]


def create_oauth_client(
    store: Store, *, name: str, role: str, clock: Clock, territory: str | None = None,
    learner: str | None = None, scopes: Iterable[str] = tuple(OB_SCOPES),
) -> tuple[str, str]:
    """Register a platform (client credentials grant); returns (client_id, secret), once."""
    wanted = sorted(set(scopes))
    unknown = [s for s in wanted if s not in OB_SCOPES]
    if unknown:
        raise InputError(f"unknown scopes: {', '.join(unknown)}")
    client_id = f"client_{secrets.token_hex(8)}"
    secret = new_secret("aoc")
    with store.transaction() as conn:
        lid = _check_role(conn, role, territory, learner)
        sql.insert_oauth_client(
            conn, client_id=client_id, secret_hash=digest(secret), name=name, role=role,
            territory=territory if role == "coordinator" else None, learner_id=lid,
            scopes=wanted, created_at=clock())
    return client_id, secret


def oauth_token(store: Store, client_id: str, secret: str, requested: Iterable[str] | None,
                *, clock: Clock) -> tuple[str, list[str]]:
    """Client credentials grant: an access token for the scopes asked (all the client's when
    none asked). ``Unauthenticated`` for a bad client, ``PermissionDenied``-like input error
    for scopes the client does not have."""
    with store.transaction() as conn:
        row = sql.oauth_client_row(conn, client_id)
    expected = str(row["secret_hash"]) if row is not None else digest("")
    if not hmac.compare_digest(expected, digest(secret)) or row is None:
        raise Unauthenticated("invalid client")
    assert row is not None
    allowed = set(row["scopes"] or ())
    scopes = allowed if requested is None else set(requested)
    if not scopes or not scopes <= allowed:
        raise InputError("invalid_scope: the client may not ask for these scopes")
    token = create_token(store, role=row["role"], territory=row["territory_id"],
                         learner=row["participant"], kind="oauth", scopes=scopes,
                         expires_in=OAUTH_TTL, client_id=client_id, clock=clock)
    return token, sorted(scopes)


def purge_expired(store: Store, *, clock: Clock) -> int:
    """Forget expired sessions and OAuth tokens, and used or expired sign-in links."""
    now = clock()
    with store.transaction() as conn:
        return sql.purge_expired(conn, now)
