"""The SQL of staff invitations (``invitations``): write one, spend one exactly once, list and
withdraw them, end the session a withdrawn invitation opened, and the addresses of a
territory's coordinators (their accepted invitations)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, RowMapping, and_, select, update

from apprenance.db import access_tables as a
from apprenance.db import tables as t


@dataclass(frozen=True)
class InvitationRow:
    id: int
    email: str
    role: str
    territory: str
    lang: str | None
    invited_by: str | None
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None
    revoked_at: datetime | None
    session_id: int | None


def territory_exists(conn: Connection, territory: str) -> bool:
    return conn.execute(select(t.territories.c.id)
                        .where(t.territories.c.id == territory)).first() is not None


def insert_invitation(conn: Connection, *, token_hash: str, email: str, role: str,
                      territory: str, lang: str | None, invited_by: str | None,
                      created_at: datetime, expires_at: datetime) -> int:
    result = conn.execute(a.invitations.insert().values(
        token_hash=token_hash, email=email, role=role, territory_id=territory, lang=lang,
        invited_by=invited_by, created_at=created_at, expires_at=expires_at))
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _row(r: RowMapping) -> InvitationRow:
    return InvitationRow(
        id=int(r["id"]), email=r["email"], role=r["role"], territory=r["territory_id"],
        lang=r["lang"], invited_by=r["invited_by"], created_at=r["created_at"],
        expires_at=r["expires_at"], used_at=r["used_at"], revoked_at=r["revoked_at"],
        session_id=r["session_id"])


def invitation_by_hash(conn: Connection, token_hash: str) -> InvitationRow | None:
    found = conn.execute(select(a.invitations).where(a.invitations.c.token_hash == token_hash)
                         ).mappings().one_or_none()
    return None if found is None else _row(found)


def invitation_by_id(conn: Connection, invitation_id: int) -> InvitationRow | None:
    found = conn.execute(select(a.invitations).where(a.invitations.c.id == invitation_id)
                         ).mappings().one_or_none()
    return None if found is None else _row(found)


def spend(conn: Connection, invitation_id: int, now: datetime) -> bool:
    """Mark the invitation used; False when another request spent it first."""
    c = a.invitations.c
    spent = conn.execute(update(a.invitations)
                         .where(and_(c.id == invitation_id, c.used_at.is_(None),
                                     c.revoked_at.is_(None)))
                         .values(used_at=now)).rowcount
    return spent == 1


def link_session(conn: Connection, invitation_id: int, session_id: int) -> None:
    conn.execute(update(a.invitations).where(a.invitations.c.id == invitation_id)
                 .values(session_id=session_id))


def session_id_of(conn: Connection, token_hash: str) -> int:
    return int(conn.execute(select(a.api_tokens.c.id)
                            .where(a.api_tokens.c.token_hash == token_hash)).scalar_one())


def list_invitations(conn: Connection, territories: list[str] | None) -> list[InvitationRow]:
    query = select(a.invitations).order_by(a.invitations.c.created_at.desc(),
                                           a.invitations.c.id.desc())
    if territories is not None:
        query = query.where(a.invitations.c.territory_id.in_(territories))
    return [_row(m) for m in conn.execute(query).mappings()]


def withdraw(conn: Connection, invitation_id: int, now: datetime) -> None:
    """Withdraw the invitation and end the session it opened, if any."""
    c = a.invitations.c
    conn.execute(update(a.invitations).where(and_(c.id == invitation_id, c.revoked_at.is_(None)))
                 .values(revoked_at=now))
    session = conn.execute(select(c.session_id).where(c.id == invitation_id)).scalar_one()
    if session is not None:
        conn.execute(update(a.api_tokens)
                     .where(and_(a.api_tokens.c.id == session, a.api_tokens.c.revoked_at.is_(None)))
                     .values(revoked_at=now))


def coordinator_addresses(conn: Connection, territory: str) -> list[tuple[str, str | None]]:
    """(address, language) of each coordinator of ``territory``: an invitation accepted and
    not withdrawn is the coordinator's account (their session may end, the address stays);
    one per address, in the language of the invitation accepted last."""
    c = a.invitations.c
    rows = conn.execute(select(c.email, c.lang)
                        .where(and_(c.territory_id == territory, c.role == "coordinator",
                                    c.used_at.is_not(None), c.revoked_at.is_(None)))
                        .order_by(c.used_at, c.id)).all()
    found: dict[str, tuple[str, str | None]] = {}
    for email, lang in rows:
        found[str(email).casefold()] = (str(email), lang)
    return sorted(found.values())
