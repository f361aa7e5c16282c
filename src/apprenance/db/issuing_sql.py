"""The statements of issuing: issuers, status lists, recording what a run issued, and
revocation (the awards a run claims are read in ``learner_records_sql``). Functions take a
connection (``Store.transaction``) and plain values and return plain values or the
dataclasses below."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select, update

from apprenance.db import tables as t
from apprenance.db.issuing_tables import credential_issuance, issuers, status_lists

# --- issuers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuerRow:
    """One row of ``issuers``."""

    id: str
    name: str
    url: str | None
    email: str | None
    description: str | None
    image: str | None
    territory_id: str | None
    did_method: str
    did: str
    created_at: datetime
    rotated_at: datetime | None
    country: str = "FR"


def _issuer(row: Any) -> IssuerRow:
    return IssuerRow(**dict(row._mapping))


def issuer_exists(conn: Connection, slug: str) -> bool:
    return conn.execute(select(issuers.c.id).where(issuers.c.id == slug)).first() is not None


def any_issuer(conn: Connection) -> bool:
    return conn.execute(select(issuers.c.id).limit(1)).first() is not None


def insert_issuer(conn: Connection, *, slug: str, name: str, url: str | None,
                  email: str | None, description: str | None, image: str | None,
                  territory: str | None, did_method: str, did: str, now: datetime,
                  country: str = "FR") -> None:
    conn.execute(issuers.insert().values(
        id=slug, name=name, url=url, email=email, description=description, image=image,
        territory_id=territory, did_method=did_method, did=did, created_at=now,
        country=country,
    ))


def set_issuer_did(conn: Connection, slug: str, did: str, rotated_at: datetime) -> None:
    conn.execute(update(issuers).where(issuers.c.id == slug).values(
        did=did, rotated_at=rotated_at))


def issuer_row(conn: Connection, slug: str) -> IssuerRow | None:
    row = conn.execute(select(issuers).where(issuers.c.id == slug)).one_or_none()
    return None if row is None else _issuer(row)


def all_issuers(conn: Connection) -> list[IssuerRow]:
    """Every issuer, by id."""
    return [_issuer(r) for r in conn.execute(select(issuers).order_by(issuers.c.id)).all()]


def issuer_territories(conn: Connection) -> list[tuple[str, str | None]]:
    """(issuer id, territory id) of every issuer, by id."""
    return [(str(slug), where) for slug, where in conn.execute(
        select(issuers.c.id, issuers.c.territory_id).order_by(issuers.c.id)).all()]


def web_issuer_ids(conn: Connection) -> list[str]:
    """The ids of the did:web issuers, in order."""
    return [str(s) for s in conn.execute(
        select(issuers.c.id).where(issuers.c.did_method == "web").order_by(issuers.c.id)
    ).scalars()]


# --- status lists ---------------------------------------------------------------------------


def status_list_use(conn: Connection, issuer: str, purpose: str) -> list[tuple[int, int]]:
    """(list id, credentials drawn from it) of the issuer's lists for ``purpose``, by id."""
    sl, ci = status_lists.c, credential_issuance.c
    rows = conn.execute(
        select(sl.id, func.count(ci.credential_id))
        .select_from(status_lists.outerjoin(credential_issuance, ci.status_list_id == sl.id))
        .where(sl.issuer_id == issuer, sl.purpose == purpose)
        .group_by(sl.id).order_by(sl.id)
    ).all()
    return [(int(i), int(n)) for i, n in rows]


def create_status_list(conn: Connection, issuer: str, purpose: str, size: int,
                       now: datetime) -> int:
    """A new, empty status list of ``size`` bits; its id."""
    created = conn.execute(status_lists.insert().values(
        issuer_id=issuer, purpose=purpose, size=size, bits=bytes(size // 8),
        created_at=now, updated_at=now,
    )).inserted_primary_key
    assert created is not None
    return int(created[0])


def used_indexes(conn: Connection, list_id: int) -> set[int]:
    """The indexes of a status list already handed out."""
    return {int(i) for i in conn.execute(
        select(credential_issuance.c.status_index)
        .where(credential_issuance.c.status_list_id == list_id)).scalars()}


def status_list_bits(conn: Connection, list_id: int,
                     issuer: str | None = None) -> tuple[bytes, datetime] | None:
    """(bits, updated_at) of a status list (of ``issuer`` when given), or None."""
    sl = status_lists.c
    query = select(sl.bits, sl.updated_at).where(sl.id == list_id)
    if issuer is not None:
        query = query.where(sl.issuer_id == issuer)
    row = conn.execute(query).one_or_none()
    return None if row is None else (bytes(row.bits), row.updated_at)


def issuer_status_list_ids(conn: Connection, issuer: str) -> list[int]:
    return [int(i) for i in conn.execute(
        select(status_lists.c.id).where(status_lists.c.issuer_id == issuer)).scalars()]


def revoked_ob2_ids(conn: Connection, issuer: str) -> list[tuple[str, str]]:
    """(OB 2.0 assertion id, reason) of the issuer's revoked credentials, by revocation."""
    ci, c = credential_issuance.c, t.credentials.c
    revoked = conn.execute(
        select(ci.ob2_id, c.revocation_reason)
        .join(t.credentials, c.id == ci.credential_id)
        .where(ci.issuer_id == issuer, c.revoked_at.is_not(None), ci.ob2_id.is_not(None))
        .order_by(c.revoked_at, ci.ob2_id)
    ).all()
    return [(str(i), str(r or "")) for i, r in revoked]


# --- recording what was issued -------------------------------------------------------------


def insert_credentials(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Rows of ``credentials`` (id, award_id, learner_id, format, document, issued_at)."""
    conn.execute(t.credentials.insert(), list(rows))


def insert_issuance(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Rows of ``credential_issuance``, one per issued credential."""
    conn.execute(credential_issuance.insert(), list(rows))


def mark_award_issued(conn: Connection, award: int, now: datetime) -> bool:
    """Mark the award issued; False when it already was (never two credentials for one)."""
    done = conn.execute(update(t.awards).where(t.awards.c.id == award,
                                               t.awards.c.issued_at.is_(None))
                        .values(issued_at=now))
    return done.rowcount == 1


# --- revocation -----------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuanceState:
    """What revoking a credential needs of its issuance."""

    issuer_id: str
    status_list_id: int | None
    status_index: int | None
    ob2_assertion: dict[str, Any] | None
    revoked_at: datetime | None


def issued_credential_id(conn: Connection, given: str) -> str | None:
    """The id of the issued credential ``given`` names (``urn:uuid:X``, ``X``, or the OB 2.0
    assertion URL), or None."""
    ci = credential_issuance.c
    for candidate in (given, f"urn:uuid:{given}"):
        if conn.execute(select(ci.credential_id).where(ci.credential_id == candidate)).first():
            return candidate
    found = conn.execute(select(ci.credential_id).where(ci.ob2_id == given)).scalar()
    return None if found is None else str(found)


def issuance_state(conn: Connection, credential_id: str) -> IssuanceState:
    ci, c = credential_issuance.c, t.credentials.c
    row = conn.execute(
        select(ci.issuer_id, ci.status_list_id, ci.status_index, ci.ob2_assertion,
               c.revoked_at).join(t.credentials, c.id == ci.credential_id)
        .where(ci.credential_id == credential_id)).one()
    return IssuanceState(row.issuer_id, row.status_list_id, row.status_index,
                         row.ob2_assertion, row.revoked_at)


def mark_revoked(conn: Connection, credential_id: str, now: datetime, reason: str) -> None:
    conn.execute(update(t.credentials).where(t.credentials.c.id == credential_id).values(
        revoked_at=now, revocation_reason=reason))


def locked_bits(conn: Connection, list_id: int) -> bytearray:
    """The bits of a status list, locked until ``conn`` ends."""
    sl = status_lists.c
    return bytearray(conn.execute(select(sl.bits).where(sl.id == list_id)
                                  .with_for_update()).scalar_one())


def write_bits(conn: Connection, list_id: int, bits: bytes, now: datetime) -> None:
    conn.execute(update(status_lists).where(status_lists.c.id == list_id).values(
        bits=bits, updated_at=now))


def replace_ob2_assertion(conn: Connection, credential_id: str,
                          assertion: dict[str, Any]) -> None:
    conn.execute(update(credential_issuance)
                 .where(credential_issuance.c.credential_id == credential_id)
                 .values(ob2_assertion=assertion))
