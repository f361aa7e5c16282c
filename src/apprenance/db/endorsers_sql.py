"""The statements of endorsements by third parties: endorsers (profile and DID; never a private
key) and their signed endorsements of a badge or pathway, listed, attached to what is issued
(the active ones) and withdrawn. Functions take a connection and plain values and return plain
values or the dataclasses below."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update

from apprenance.db import tables as t
from apprenance.db.issuing_tables import endorsements, endorsers


@dataclass(frozen=True)
class EndorserRow:
    """One row of ``endorsers``."""

    id: str
    name: str
    url: str | None
    email: str | None
    country: str | None
    did: str
    public_multibase: str
    key_held: str  # "instance" (the home folder keeps the private key) or "external"
    created_at: datetime


@dataclass(frozen=True)
class EndorsementRow:
    """One row of ``endorsements`` (one language of one ``endorse``)."""

    id: str
    batch: str
    endorser_id: str
    badge_id: str
    lang: str
    comment: str | None
    document: dict[str, Any]
    created_at: datetime
    withdrawn_at: datetime | None
    withdrawn_reason: str | None


def insert_endorser(conn: Connection, row: EndorserRow) -> None:
    conn.execute(endorsers.insert().values(**row.__dict__))


def endorser_row(conn: Connection, endorser: str) -> EndorserRow | None:
    found = conn.execute(select(endorsers).where(endorsers.c.id == endorser)).first()
    return EndorserRow(**dict(found._mapping)) if found is not None else None


def all_endorsers(conn: Connection) -> list[EndorserRow]:
    rows = conn.execute(select(endorsers).order_by(endorsers.c.id)).all()
    return [EndorserRow(**dict(r._mapping)) for r in rows]


def endorser_by_did(conn: Connection, did: str) -> EndorserRow | None:
    found = conn.execute(select(endorsers).where(endorsers.c.did == did)).first()
    return EndorserRow(**dict(found._mapping)) if found is not None else None


def insert_endorsements(conn: Connection, rows: list[EndorsementRow]) -> None:
    if rows:
        conn.execute(endorsements.insert(), [r.__dict__ for r in rows])


def _endorsement(row: Any) -> EndorsementRow:
    return EndorsementRow(**dict(row._mapping))


def endorsements_of(conn: Connection, *, badge: str | None = None,
                    endorser: str | None = None, active_only: bool = False,
                    lang: str | None = None) -> list[EndorsementRow]:
    """Endorsements, oldest first (by badge, endorser, language; the active ones only)."""
    e = endorsements.c
    query = select(endorsements).order_by(e.created_at, e.batch, e.lang)
    if badge is not None:
        query = query.where(e.badge_id == badge)
    if endorser is not None:
        query = query.where(e.endorser_id == endorser)
    if lang is not None:
        query = query.where(e.lang == lang)
    if active_only:
        query = query.where(e.withdrawn_at.is_(None))
    return [_endorsement(r) for r in conn.execute(query).all()]


def active_documents(conn: Connection) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """The signed endorsements not withdrawn, by (badge, language), oldest first: what every
    credential issued now attaches to its achievement."""
    found: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in endorsements_of(conn, active_only=True):
        found.setdefault((row.badge_id, row.lang), []).append(row.document)
    return found


def withdraw(conn: Connection, *, endorser: str, badge: str, now: datetime,
             reason: str | None) -> int:
    """Withdraw the endorser's active endorsements of ``badge``; how many rows."""
    e = endorsements.c
    done = conn.execute(update(endorsements).where(
        e.endorser_id == endorser, e.badge_id == badge, e.withdrawn_at.is_(None),
    ).values(withdrawn_at=now, withdrawn_reason=reason))
    return int(done.rowcount or 0)


def credential_documents(conn: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """The signed documents of the credentials ``ids`` (to read what they carry)."""
    if not ids:
        return {}
    c = t.credentials.c
    rows = conn.execute(select(c.id, c.document).where(c.id.in_(ids))).all()
    return {str(r.id): r.document for r in rows if isinstance(r.document, dict)}
