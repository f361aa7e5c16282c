"""The statements of wallet delivery: offers (VC-API exchange and OpenID4VCI pre-authorized
code), their single use, the nonces of the nonce endpoint, and what was delivered. Secrets
arrive here hashed; single use is an ``UPDATE ... WHERE <not used yet>`` whose row count
says who won (two wallets racing for one code: one gets it)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from apprenance.db import tables as t
from apprenance.db.issuing_tables import credential_issuance, wallet_nonces, wallet_offers

_o = wallet_offers.c


def wallet_credential(conn: Connection, credential_id: str) -> dict[str, Any] | None:
    """id, learner_id, format, document, revoked_at, issuer_id of a credential, or None."""
    c, ci = t.credentials.c, credential_issuance.c
    row = conn.execute(
        select(c.id, c.learner_id, c.format, c.document, c.revoked_at, ci.issuer_id)
        .outerjoin(credential_issuance, ci.credential_id == c.id)
        .where(c.id == credential_id)).mappings().first()
    return None if row is None else dict(row)


def insert_offer(conn: Connection, values: dict[str, Any]) -> int:
    """A new offer; returns its id."""
    result = conn.execute(insert(wallet_offers).values(**values).returning(_o.id))
    return int(result.scalar_one())


def _offer_where(conn: Connection, condition: Any) -> dict[str, Any] | None:
    row = conn.execute(select(wallet_offers).where(condition)).mappings().first()
    return None if row is None else dict(row)


def offer_by_hash(conn: Connection, offer_hash: str) -> dict[str, Any] | None:
    return _offer_where(conn, _o.offer_hash == offer_hash)


def offer_by_code(conn: Connection, code_hash: str) -> dict[str, Any] | None:
    return _offer_where(conn, _o.code_hash == code_hash)


def offer_by_token(conn: Connection, token_hash: str) -> dict[str, Any] | None:
    return _offer_where(conn, _o.token_hash == token_hash)


def redeem_code(conn: Connection, offer_id: int, now: datetime, token_hash: str,
                token_expires_at: datetime) -> bool:
    """Spend the offer's pre-authorized code for an access token; False if already spent."""
    done = conn.execute(update(wallet_offers).where(
        _o.id == offer_id, _o.code_used_at.is_(None), _o.delivered_at.is_(None)).values(
        code_used_at=now, token_hash=token_hash, token_expires_at=token_expires_at))
    return bool(done.rowcount == 1)


def count_tx_failure(conn: Connection, offer_id: int, now: datetime, limit: int) -> int:
    """Count one wrong transaction code; at ``limit`` the code is spent (no more guesses).
    Returns the failures so far."""
    conn.execute(update(wallet_offers).where(_o.id == offer_id).values(
        tx_failures=_o.tx_failures + 1))
    failures = int(conn.execute(select(_o.tx_failures).where(_o.id == offer_id)).scalar_one())
    if failures >= limit:
        conn.execute(update(wallet_offers).where(_o.id == offer_id, _o.code_used_at.is_(None))
                     .values(code_used_at=now))
    return failures


def mark_delivered(conn: Connection, offer_id: int, now: datetime, *, protocol: str,
                   holder_did: str, delivered_id: str) -> bool:
    """Record the delivery; False if the offer delivered already (it delivers once)."""
    done = conn.execute(update(wallet_offers).where(
        _o.id == offer_id, _o.delivered_at.is_(None)).values(
        delivered_at=now, protocol=protocol, holder_did=holder_did,
        delivered_id=delivered_id))
    return bool(done.rowcount == 1)


def deliveries(conn: Connection, credential_id: str) -> list[dict[str, Any]]:
    """delivered_at, protocol, holder_did, delivered_id of a credential's deliveries, newest
    first."""
    return [dict(r) for r in conn.execute(
        select(_o.delivered_at, _o.protocol, _o.holder_did, _o.delivered_id)
        .where(_o.credential_id == credential_id, _o.delivered_at.is_not(None))
        .order_by(_o.delivered_at.desc(), _o.id.desc())).mappings()]


def insert_nonce(conn: Connection, nonce_hash: str, expires_at: datetime) -> None:
    conn.execute(insert(wallet_nonces).values(nonce_hash=nonce_hash, expires_at=expires_at))


def use_nonce(conn: Connection, nonce_hash: str, now: datetime) -> bool:
    """Spend a nonce still good at ``now``; False if unknown, expired or already spent."""
    n = wallet_nonces.c
    done = conn.execute(update(wallet_nonces).where(
        n.nonce_hash == nonce_hash, n.used_at.is_(None), n.expires_at > now).values(used_at=now))
    return bool(done.rowcount == 1)


def forget_expired_nonces(conn: Connection, before: datetime) -> int:
    """Delete the nonces that expired before ``before`` (they can never be spent)."""
    n = wallet_nonces.c
    return int(conn.execute(delete(wallet_nonces).where(n.expires_at < before)).rowcount)


def forget_learner_offers(conn: Connection, learner_id: int) -> int:
    """Delete a learner's offers and delivery records (erasure: they hold the holder DID)."""
    return int(conn.execute(delete(wallet_offers).where(_o.learner_id == learner_id)).rowcount)
