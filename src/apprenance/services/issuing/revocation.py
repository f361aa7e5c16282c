"""Status lists and revocation.

Each issuer keeps Bitstring Status Lists (purpose ``revocation``) of ``LIST_BITS`` bits. A new
credential gets an index drawn at random among the free ones of the issuer's open list (a list
is closed when ``FILL_LIMIT`` of it is used, so a random draw stays cheap and the lists keep
their group privacy). An index is never handed out twice: ``credential_issuance`` has a unique
key on (list, index); and concurrent issuers never draw from the same list (on PostgreSQL, an
allocator holds an advisory lock on its list until its transaction ends, and opens another list
when the open ones are taken).

``revoke`` sets the credential's bit, re-signs the status list credential and writes it (and
the OB 2.0 revocation list and hosted assertion) to the output folder; the API serves the same
documents from the store with ``status_list_document`` and ``ob2_revocations``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, select, update

from apprenance.clock import Clock
from apprenance.credentials.formats import ob2
from apprenance.credentials.jsonld.contexts import VC_V2
from apprenance.credentials.trust.data_integrity import sign
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.trust.status_list import encode_bits, set_bit
from apprenance.credentials.verify.inputs import HostedUrls, iso
from apprenance.db import tables as t
from apprenance.db.issuing_tables import credential_issuance, issuers, status_lists
from apprenance.db.store import Store
from apprenance.db.writes import STATUS_LIST_LOCK, try_lock
from apprenance.errors import Conflict, InputError, NotFound
from apprenance.services.files import write_json
from apprenance.services.issuing.issuers import Signer, profile_of, signer

LIST_BITS = 131_072
FILL_LIMIT = 0.5
PURPOSE = "revocation"


@dataclass
class Allocator:
    """Hands out random, never reused indexes of an issuer's open status list, within one
    transaction (the one that records the credentials): make a new one for each."""

    issuer: str
    rng: random.Random
    now: datetime
    list_id: int = 0
    used: set[int] = field(default_factory=set)

    def next(self, conn: Connection) -> tuple[int, int]:
        if not self.list_id or len(self.used) >= LIST_BITS * FILL_LIMIT:
            self._open(conn)
        while True:
            index = self.rng.randrange(LIST_BITS)
            if index not in self.used:
                self.used.add(index)
                return self.list_id, index

    def _open(self, conn: Connection) -> None:
        sl, ci = status_lists.c, credential_issuance.c
        rows = conn.execute(
            select(sl.id, func.count(ci.credential_id))
            .select_from(status_lists.outerjoin(credential_issuance,
                                                ci.status_list_id == sl.id))
            .where(sl.issuer_id == self.issuer, sl.purpose == PURPOSE)
            .group_by(sl.id).order_by(sl.id)
        ).all()
        open_ids = [int(i) for i, n in rows if n < LIST_BITS * FILL_LIMIT and i != self.list_id]
        # the newest open list that no concurrent issuer is drawing from
        free = next((i for i in reversed(open_ids) if try_lock(conn, (STATUS_LIST_LOCK, i))), 0)
        if free:
            self.list_id = free
        else:
            created = conn.execute(status_lists.insert().values(
                issuer_id=self.issuer, purpose=PURPOSE, size=LIST_BITS,
                bits=bytes(LIST_BITS // 8), created_at=self.now, updated_at=self.now,
            )).inserted_primary_key
            assert created is not None
            self.list_id = int(created[0])
            try_lock(conn, (STATUS_LIST_LOCK, self.list_id))  # a new list: nobody holds it
        self.used = {int(i) for i in conn.execute(
            select(credential_issuance.c.status_index)
            .where(credential_issuance.c.status_list_id == self.list_id)).scalars()}


def status_list_credential(signer_: Signer, urls: HostedUrls, list_id: int, bits: bytes,
                           *, updated_at: datetime) -> dict[str, Any]:
    """The signed ``BitstringStatusListCredential`` of one list."""
    url = urls.status_list(signer_.profile.slug, list_id)
    document = {
        "@context": [VC_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": signer_.profile.did,
        "validFrom": iso(updated_at),
        "credentialSubject": {"id": f"{url}#list", "type": "BitstringStatusList",
                              "statusPurpose": PURPOSE, "encodedList": encode_bits(bits)},
    }
    return sign(document, signer_.key, signer_.verification_method, created=updated_at)


def status_list_document(store: Store, keys: KeyStore, urls: HostedUrls, issuer: str,
                         list_id: int) -> dict[str, Any]:
    """The current signed status list credential (what ``statusListCredential`` names)."""
    with store.transaction() as conn:
        row = conn.execute(select(status_lists).where(
            status_lists.c.id == list_id, status_lists.c.issuer_id == issuer)).one_or_none()
    if row is None:
        raise NotFound(f"no status list {list_id} for issuer {issuer!r}")
    return status_list_credential(signer(store, keys, issuer), urls, list_id, bytes(row.bits),
                                  updated_at=row.updated_at)


def ob2_revocations(store: Store, urls: HostedUrls, issuer: str) -> dict[str, Any]:
    """The issuer's OB 2.0 ``RevocationList`` (every revoked assertion, with its reason)."""
    ci, c = credential_issuance.c, t.credentials.c
    with store.transaction() as conn:
        row = conn.execute(select(issuers).where(issuers.c.id == issuer)).one_or_none()
        if row is None:
            raise NotFound(f"no issuer {issuer!r}")
        revoked = conn.execute(
            select(ci.ob2_id, c.revocation_reason)
            .join(t.credentials, c.id == ci.credential_id)
            .where(ci.issuer_id == issuer, c.revoked_at.is_not(None), ci.ob2_id.is_not(None))
            .order_by(c.revoked_at, ci.ob2_id)
        ).all()
    return ob2.revocation_list(profile_of(row), urls,
                               [(str(i), str(r or "")) for i, r in revoked])


def write_issuer_status(store: Store, keys: KeyStore, urls: HostedUrls, issuer: str,
                        public: Path) -> list[Path]:
    """Write every status list credential and the OB 2.0 revocation list of ``issuer``."""
    with store.transaction() as conn:
        ids = [int(i) for i in conn.execute(
            select(status_lists.c.id).where(status_lists.c.issuer_id == issuer)).scalars()]
    written = []
    for list_id in ids:
        doc = status_list_document(store, keys, urls, issuer, list_id)
        written.append(write_json(public / urls.path_of(urls.status_list(issuer, list_id)), doc))
    revocations = ob2_revocations(store, urls, issuer)
    written.append(write_json(public / urls.path_of(revocations["id"]), revocations))
    return written


@dataclass
class Revocation:
    credential: str
    issuer: str
    reason: str
    revoked_at: str
    status_list: str | None
    status_index: int | None
    files: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"credential": self.credential, "issuer": self.issuer, "reason": self.reason,
                "revoked_at": self.revoked_at, "status_list": self.status_list,
                "status_index": self.status_index, "files": self.files}


def _credential_id(conn: Connection, given: str) -> str:
    """Accept ``urn:uuid:X``, ``X``, or the OB 2.0 assertion URL."""
    ci = credential_issuance.c
    for candidate in (given, f"urn:uuid:{given}"):
        if conn.execute(select(ci.credential_id).where(ci.credential_id == candidate)).first():
            return candidate
    found = conn.execute(select(ci.credential_id).where(ci.ob2_id == given)).scalar()
    if found is None:
        raise NotFound(f"no issued credential {given!r}")
    return str(found)


def revoke(store: Store, keys: KeyStore, credential_id: str, *, reason: str, urls: HostedUrls,
           clock: Clock, out: Path | None = None) -> Revocation:
    """Revoke an issued credential: set its status bit, re-sign and write the status list
    credential, the OB 2.0 revocation list and the hosted assertion (marked revoked)."""
    if not reason.strip():
        raise InputError("a revocation needs a reason (--reason)")
    now = clock()
    ci, c, sl = credential_issuance.c, t.credentials.c, status_lists.c
    with store.transaction() as conn:
        cid = _credential_id(conn, credential_id)
        row = conn.execute(
            select(ci.issuer_id, ci.status_list_id, ci.status_index, ci.ob2_assertion,
                   c.revoked_at).join(t.credentials, c.id == ci.credential_id)
            .where(ci.credential_id == cid)).one()
        if row.revoked_at is not None:
            raise Conflict(f"credential {cid} was already revoked on {row.revoked_at:%Y-%m-%d}")
        conn.execute(update(t.credentials).where(c.id == cid).values(
            revoked_at=now, revocation_reason=reason.strip()))
        if row.status_list_id is not None:
            bits = bytearray(conn.execute(select(sl.bits).where(
                sl.id == row.status_list_id).with_for_update()).scalar_one())
            set_bit(bits, int(row.status_index))
            conn.execute(update(status_lists).where(sl.id == row.status_list_id).values(
                bits=bytes(bits), updated_at=now))
        if row.ob2_assertion:
            conn.execute(update(credential_issuance).where(ci.credential_id == cid).values(
                ob2_assertion=ob2.revoked_assertion(dict(row.ob2_assertion), reason.strip())))
    result = Revocation(
        credential=cid, issuer=row.issuer_id, reason=reason.strip(), revoked_at=iso(now),
        status_list=(urls.status_list(row.issuer_id, row.status_list_id)
                     if row.status_list_id is not None else None),
        status_index=row.status_index)
    if out is not None:
        public = out / "public"
        result.files = [str(p) for p in write_issuer_status(store, keys, urls, row.issuer_id,
                                                             public)]
        if row.ob2_assertion:
            revoked = ob2.revoked_assertion(dict(row.ob2_assertion), reason.strip())
            result.files.append(str(write_json(public / urls.path_of(revoked["id"]), revoked)))
    return result
