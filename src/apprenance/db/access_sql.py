"""The statements of access (``services.people.access``): API tokens and sessions, OAuth 2.0
clients, sign-in links and share links.

Functions take the connection and plain values (secrets already hashed by the use case) and
return plain values; ``None`` when nothing matches. Expiry and the constant-time comparison of
hashes are the use case's: rows come back as stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, and_, or_, select, update

from apprenance.db import access_tables as a
from apprenance.db import tables as t


class SignInLink(NamedTuple):
    id: int
    learner_id: int
    expires_at: datetime
    used_at: datetime | None


# --- tokens and sessions ------------------------------------------------------------------


def insert_token(conn: Connection, *, token_hash: str, kind: str, role: str,
                 territory: str | None, learner_id: int | None, client_id: str | None,
                 scopes: Sequence[str], label: str | None, created_at: datetime,
                 expires_at: datetime | None) -> None:
    conn.execute(a.api_tokens.insert().values(
        token_hash=token_hash, kind=kind, role=role, territory_id=territory,
        learner_id=learner_id, client_id=client_id, scopes=list(scopes), label=label,
        created_at=created_at, expires_at=expires_at,
    ))


def token_row(conn: Connection, token_hash: str) -> dict[str, Any] | None:
    """The token whose hash is ``token_hash``, with the participant of its learner."""
    c = a.api_tokens.c
    row = conn.execute(
        select(a.api_tokens, t.learners.c.participant)
        .outerjoin(t.learners, t.learners.c.id == c.learner_id)
        .where(c.token_hash == token_hash)
    ).mappings().one_or_none()
    return None if row is None else dict(row)


def revoke_token(conn: Connection, token_hash: str, now: datetime) -> None:
    conn.execute(update(a.api_tokens).where(a.api_tokens.c.token_hash == token_hash)
                 .values(revoked_at=now))


def purge_expired(conn: Connection, now: datetime) -> int:
    """Delete expired sessions and OAuth tokens, used or expired sign-in links: how many."""
    gone = conn.execute(a.api_tokens.delete().where(
        a.api_tokens.c.kind != "api", a.api_tokens.c.expires_at < now)).rowcount
    gone += conn.execute(a.sign_in_links.delete().where(or_(
        a.sign_in_links.c.used_at.is_not(None), a.sign_in_links.c.expires_at < now))).rowcount
    return int(gone)


# --- sign-in links ------------------------------------------------------------------------


def insert_sign_in_link(conn: Connection, *, token_hash: str, learner_id: int,
                        created_at: datetime, expires_at: datetime) -> None:
    conn.execute(a.sign_in_links.insert().values(
        token_hash=token_hash, learner_id=learner_id, created_at=created_at,
        expires_at=expires_at))


def sign_in_link(conn: Connection, token_hash: str) -> SignInLink | None:
    c = a.sign_in_links.c
    row = conn.execute(select(c.id, c.learner_id, c.expires_at, c.used_at)
                       .where(c.token_hash == token_hash)).one_or_none()
    return None if row is None else SignInLink(int(row.id), int(row.learner_id),
                                                row.expires_at, row.used_at)


def spend_sign_in_link(conn: Connection, link_id: int, now: datetime) -> bool:
    """Mark the link used, unless another transaction did first (then False)."""
    c = a.sign_in_links.c
    spent = conn.execute(update(a.sign_in_links)
                         .where(and_(c.id == link_id, c.used_at.is_(None)))
                         .values(used_at=now)).rowcount
    return bool(spent == 1)


# --- share links --------------------------------------------------------------------------


def insert_share_link(conn: Connection, *, token: str, learner_id: int, created_at: datetime,
                      expires_at: datetime | None) -> int:
    """The id of the new share link."""
    inserted = conn.execute(a.share_links.insert().values(
        token=token, learner_id=learner_id, created_at=created_at, expires_at=expires_at,
    )).inserted_primary_key
    assert inserted is not None
    return int(inserted[0])


def share_link_rows(conn: Connection, learner_id: int) -> list[dict[str, Any]]:
    """The learner's share links not revoked (expired ones too), newest first."""
    c = a.share_links.c
    return [dict(r) for r in conn.execute(
        select(a.share_links).where(c.learner_id == learner_id)
        .where(c.revoked_at.is_(None)).order_by(c.id.desc())).mappings()]


def revoke_share_link(conn: Connection, link_id: int, learner_id: int, now: datetime) -> bool:
    """Revoke the learner's live share link ``link_id``; False when there is none."""
    c = a.share_links.c
    done = conn.execute(update(a.share_links)
                        .where(and_(c.id == link_id, c.learner_id == learner_id,
                                    c.revoked_at.is_(None)))
                        .values(revoked_at=now)).rowcount
    return bool(done == 1)


def share_link_target(conn: Connection, token: str) -> tuple[str, datetime | None] | None:
    """(participant, expiry) of a share link not revoked whose learner is not erased."""
    c = a.share_links.c
    row = conn.execute(
        select(t.learners.c.participant, c.expires_at)
        .join(t.learners, t.learners.c.id == c.learner_id)
        .where(c.token == token, c.revoked_at.is_(None), t.learners.c.erased_at.is_(None))
    ).one_or_none()
    return None if row is None else (str(row.participant), row.expires_at)


# --- OAuth clients ------------------------------------------------------------------------


def insert_oauth_client(conn: Connection, *, client_id: str, secret_hash: str, name: str,
                        role: str, territory: str | None, learner_id: int | None,
                        scopes: Sequence[str], created_at: datetime) -> None:
    conn.execute(a.oauth_clients.insert().values(
        client_id=client_id, secret_hash=secret_hash, name=name, role=role,
        territory_id=territory, learner_id=learner_id, scopes=list(scopes),
        created_at=created_at))


def oauth_client_row(conn: Connection, client_id: str) -> dict[str, Any] | None:
    """The client not revoked, with the participant of its learner."""
    c = a.oauth_clients.c
    row = conn.execute(
        select(a.oauth_clients, t.learners.c.participant)
        .outerjoin(t.learners, t.learners.c.id == c.learner_id)
        .where(c.client_id == client_id, c.revoked_at.is_(None))
    ).mappings().one_or_none()
    return None if row is None else dict(row)
