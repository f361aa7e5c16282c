"""Coordinators join by invitation: an admin names an e-mail address and a territory, the
invitation is a single-use sign-in link (shown once, stored as its hash) that opens a session
scoped to that territory. Withdrawing an invitation ends the session it opened.

The link is mailed when SMTP is set (services/mail/queue.py), and shown once to the admin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from apprenance.clock import Clock, has_passed
from apprenance.db import invitations_sql as sql
from apprenance.db.store import Store
from apprenance.errors import InputError, NotFound, Unauthenticated
from apprenance.importers.values import learner_key
from apprenance.services.people import access

INVITATION_TTL = timedelta(days=7)
PREFIX = "apc"  # invitation secrets start with apc_ (sessions aps_, learner links aps_)
State = Literal["pending", "used", "expired", "withdrawn"]


@dataclass(frozen=True)
class Invitation:
    id: int
    email: str
    territory: str
    state: State
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None
    invited_by: str | None
    lang: str | None


@dataclass(frozen=True)
class NewInvitation:
    invitation: Invitation
    token: str  # shown once


def check_email(text: str) -> str:
    """An e-mail address as people type it: one @, a dot in the domain, no space; stored in the
    form learners' addresses are (case, width and accents folded; look-alikes refused)."""
    value = text.strip()
    local, at, domain = value.rpartition("@")
    if (not at or not local or "." not in domain or domain.startswith(".")
            or domain.endswith(".") or len(value) > 320 or any(c.isspace() for c in value)
            or "@" in local.replace('"', "")):
        raise InputError(f"not an e-mail address: {value[:80]!r}")
    return learner_key(value)  # one person, one address: the learners' normalisation


def is_invitation(token: str) -> bool:
    return token.startswith(PREFIX + "_")


def _state(row: sql.InvitationRow, now: datetime) -> State:
    if row.revoked_at is not None:
        return "withdrawn"
    if row.used_at is not None:
        return "used"
    return "expired" if has_passed(row.expires_at, now) else "pending"


def _public(row: sql.InvitationRow, now: datetime) -> Invitation:
    return Invitation(id=row.id, email=row.email, territory=row.territory,
                      state=_state(row, now), created_at=row.created_at,
                      expires_at=row.expires_at, used_at=row.used_at,
                      invited_by=row.invited_by, lang=row.lang)


def invite(store: Store, email: str, territory: str, *, clock: Clock,
           invited_by: str | None = None, lang: str | None = None,
           ttl: timedelta = INVITATION_TTL) -> NewInvitation:
    """A new invitation for ``email`` to coordinate ``territory``; the token is returned once."""
    address = check_email(email)
    token = access.new_secret(PREFIX)
    now = clock()
    with store.transaction() as conn:
        if not sql.territory_exists(conn, territory):
            raise NotFound(f"no territory {territory!r}: load it first (apprenance territory)")
        new_id = sql.insert_invitation(
            conn, token_hash=access.digest(token), email=address, role="coordinator",
            territory=territory, lang=lang, invited_by=invited_by, created_at=now,
            expires_at=now + ttl)
        row = sql.invitation_by_id(conn, new_id)
    assert row is not None
    return NewInvitation(_public(row, now), token)


@dataclass(frozen=True)
class Accepted:
    session: str  # the session token for the cookie
    territory: str
    lang: str | None


def accept(store: Store, token: str, *, clock: Clock) -> Accepted:
    """Spend an invitation (once) and open a coordinator session for its territory."""
    now = clock()
    unusable = Unauthenticated("this sign-in link is unknown, used or expired")
    with store.transaction() as conn:
        row = sql.invitation_by_hash(conn, access.digest(token))
        if row is None or _state(row, now) != "pending" or not sql.spend(conn, row.id, now):
            raise unusable
    session = access.create_token(store, role=row.role, territory=row.territory,
                                  kind="session", label=row.email, clock=clock,
                                  expires_in=access.SESSION_TTL)
    with store.transaction() as conn:
        sql.link_session(conn, row.id, sql.session_id_of(conn, access.digest(session)))
    return Accepted(session, row.territory, row.lang)


def invitations(store: Store, *, clock: Clock,
                territories: list[str] | None = None) -> list[Invitation]:
    """Invitations, newest first (of ``territories`` only, when given)."""
    now = clock()
    with store.transaction() as conn:
        rows = sql.list_invitations(conn, territories)
    return [_public(r, now) for r in rows]


def withdraw(store: Store, invitation_id: int, *, clock: Clock,
             territories: list[str] | None = None) -> Invitation:
    """Withdraw an invitation, and end the coordinator's session it opened."""
    now = clock()
    with store.transaction() as conn:
        row = sql.invitation_by_id(conn, invitation_id)
        if row is None or (territories is not None and row.territory not in territories):
            raise NotFound(f"no invitation {invitation_id}")
        sql.withdraw(conn, invitation_id, now)
        after = sql.invitation_by_id(conn, invitation_id)
    assert after is not None
    return _public(after, now)
