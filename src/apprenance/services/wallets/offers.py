"""Offers: what the learner's wallet page opens for one of their credentials, and its
single use.

An offer is two secrets, stored hashed (``db.wallet_sql``): the offer's own (in the
interaction, VC-API exchange and credential-offer URLs; the OpenID4VCI pre-authorized code
is derived from it, since the credential-offer URL hands it out anyway) and the transaction
code (the PIN the page shows, typed into the wallet). It expires after
``OFFER_TTL`` and delivers once, by whichever protocol comes first, to the holder DID the
wallet proved; a revoked credential is never offered nor delivered."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from apprenance.clock import Clock, has_passed
from apprenance.credentials.trust.keys import KeyStore
from apprenance.db import wallet_sql as sql
from apprenance.db.store import Store
from apprenance.errors import Conflict, NotFound, PermissionDenied, WalletRefused
from apprenance.services.people.access import digest
from apprenance.services.people.directory import learner_id
from apprenance.services.wallets.reissue import for_holder

OFFER_TTL = timedelta(minutes=10)
TX_CODE_LENGTH = 6


@dataclass(frozen=True)
class OpenedOffer:
    """An offer just opened: its secrets (shown once, never stored) and expiry."""

    offer: str
    code: str
    tx_code: str
    challenge: str
    expires_at: datetime


def pre_authorized_code(offer: str) -> str:
    """The pre-authorized code of an offer (derived: whoever holds the offer URL may read its
    credential offer, code included)."""
    return hashlib.sha256(f"pre-authorized-code:{offer}".encode()).hexdigest()


def credential_id_of(given: str) -> str:
    """The stored id of a credential named by its UUID (or its ``urn:uuid:`` id)."""
    return given if given.startswith("urn:uuid:") else f"urn:uuid:{given}"


def owned_credential(store: Store, participant: str, credential: str) -> dict[str, Any]:
    """The learner's own OB 3.0 credential (``NotFound`` for another's: nothing is told)."""
    with store.transaction() as conn:
        me = learner_id(conn, participant)
        row = sql.wallet_credential(conn, credential_id_of(credential))
    if row is None or row["learner_id"] != me or row["format"] != "ob3":
        raise NotFound(f"no credential {credential!r} of yours")
    return row


def open_offer(store: Store, participant: str, credential: str, *, clock: Clock
               ) -> OpenedOffer:
    """A new offer of the learner's credential (``Conflict`` when it is revoked)."""
    row = owned_credential(store, participant, credential)
    if row["revoked_at"] is not None:
        raise Conflict("this credential is revoked: it cannot go to a wallet")
    if row["issuer_id"] is None:
        raise Conflict("this credential has no issuer on record: it cannot be re-issued")
    now = clock()
    offer = secrets.token_urlsafe(24)
    tx_code = "".join(secrets.choice("0123456789") for _ in range(TX_CODE_LENGTH))
    opened = OpenedOffer(offer=offer, code=pre_authorized_code(offer), tx_code=tx_code,
                         challenge=secrets.token_urlsafe(18), expires_at=now + OFFER_TTL)
    with store.transaction() as conn:
        sql.insert_offer(conn, {
            "credential_id": row["id"], "learner_id": row["learner_id"],
            "offer_hash": digest(opened.offer), "code_hash": digest(opened.code),
            "tx_code_hash": digest(opened.tx_code), "challenge": opened.challenge,
            "created_at": now, "expires_at": opened.expires_at})
    return opened


def deliveries_of(store: Store, credential_id: str) -> list[dict[str, Any]]:
    """When, by which protocol and to which DID a credential went to wallets, newest first."""
    with store.transaction() as conn:
        return sql.deliveries(conn, credential_id_of(credential_id))


def live_offer(store: Store, offer: str, *, now: datetime) -> dict[str, Any]:
    """The offer behind a URL secret, if it may still deliver (``NotFound`` otherwise: an
    unknown, expired or used offer looks the same from outside)."""
    with store.transaction() as conn:
        row = sql.offer_by_hash(conn, digest(offer))
    if row is None or row["delivered_at"] is not None or has_passed(row["expires_at"], now):
        raise NotFound("this wallet offer is unknown, expired or already used")
    return row


def deliver(store: Store, keys: KeyStore, offer: dict[str, Any], holder_did: str, *,
            protocol: str, now: datetime) -> dict[str, Any]:
    """Re-issue the offered credential to ``holder_did`` and record the delivery (once)."""
    with store.transaction() as conn:
        row = sql.wallet_credential(conn, offer["credential_id"])
    if row is None:
        raise NotFound("the offered credential is gone")
    if row["revoked_at"] is not None:
        raise WalletRefused("credential_request_denied", "this credential was revoked")
    delivered = for_holder(row["document"], holder_did, store=store, keys=keys,
                           issuer=str(row["issuer_id"]), now=now)
    with store.transaction() as conn:
        if not sql.mark_delivered(conn, offer["id"], now, protocol=protocol,
                                  holder_did=holder_did, delivered_id=delivered["id"]):
            raise WalletRefused("credential_request_denied",
                                "this offer already delivered its credential")
    return delivered


def check_owner(store: Store, participant: str, credential: str) -> None:
    """Refuse (403) a learner who does not hold ``credential``."""
    try:
        owned_credential(store, participant, credential)
    except NotFound:
        raise PermissionDenied("this credential is not yours") from None
