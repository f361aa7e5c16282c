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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from apprenance.clock import Clock
from apprenance.credentials.formats import ob2
from apprenance.credentials.jsonld.contexts import VC_V2
from apprenance.credentials.trust.data_integrity import sign
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.trust.status_list import encode_bits, set_bit
from apprenance.credentials.verify.inputs import HostedUrls, iso
from apprenance.db import issuing_sql as sql
from apprenance.db.engine import Connection
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
        rows = sql.status_list_use(conn, self.issuer, PURPOSE)
        open_ids = [i for i, n in rows if n < LIST_BITS * FILL_LIMIT and i != self.list_id]
        # the newest open list that no concurrent issuer is drawing from
        free = next((i for i in reversed(open_ids) if try_lock(conn, (STATUS_LIST_LOCK, i))), 0)
        if free:
            self.list_id = free
        else:
            self.list_id = sql.create_status_list(conn, self.issuer, PURPOSE, LIST_BITS,
                                                  self.now)
            try_lock(conn, (STATUS_LIST_LOCK, self.list_id))  # a new list: nobody holds it
        self.used = sql.used_indexes(conn, self.list_id)


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
        found = sql.status_list_bits(conn, list_id, issuer)
    if found is None:
        raise NotFound(f"no status list {list_id} for issuer {issuer!r}")
    bits, updated_at = found
    return status_list_credential(signer(store, keys, issuer), urls, list_id, bits,
                                  updated_at=updated_at)


def ob2_revocations(store: Store, urls: HostedUrls, issuer: str) -> dict[str, Any]:
    """The issuer's OB 2.0 ``RevocationList`` (every revoked assertion, with its reason)."""
    with store.transaction() as conn:
        row = sql.issuer_row(conn, issuer)
        if row is None:
            raise NotFound(f"no issuer {issuer!r}")
        revoked = sql.revoked_ob2_ids(conn, issuer)
    return ob2.revocation_list(profile_of(row), urls, revoked)


def write_issuer_status(store: Store, keys: KeyStore, urls: HostedUrls, issuer: str,
                        public: Path) -> list[Path]:
    """Write every status list credential and the OB 2.0 revocation list of ``issuer``."""
    with store.transaction() as conn:
        ids = sql.issuer_status_list_ids(conn, issuer)
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
    found = sql.issued_credential_id(conn, given)
    if found is None:
        raise NotFound(f"no issued credential {given!r}")
    return found


def revoke(store: Store, keys: KeyStore, credential_id: str, *, reason: str, urls: HostedUrls,
           clock: Clock, out: Path | None = None) -> Revocation:
    """Revoke an issued credential: set its status bit, re-sign and write the status list
    credential, the OB 2.0 revocation list and the hosted assertion (marked revoked)."""
    if not reason.strip():
        raise InputError("a revocation needs a reason (--reason)")
    now = clock()
    with store.transaction() as conn:
        cid = _credential_id(conn, credential_id)
        row = sql.issuance_state(conn, cid)
        if row.revoked_at is not None:
            raise Conflict(f"credential {cid} was already revoked on {row.revoked_at:%Y-%m-%d}")
        sql.mark_revoked(conn, cid, now, reason.strip())
        if row.status_list_id is not None:
            assert row.status_index is not None  # a list and an index, always both
            bits = sql.locked_bits(conn, row.status_list_id)
            set_bit(bits, row.status_index)
            sql.write_bits(conn, row.status_list_id, bytes(bits), now)
        if row.ob2_assertion:
            sql.replace_ob2_assertion(conn, cid, ob2.revoked_assertion(
                dict(row.ob2_assertion), reason.strip()))
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


@dataclass(frozen=True)
class RevokedBadge:
    """A badge whose every OB 3.0 credential is revoked: it no longer counts as earned."""

    badge: str
    revoked_at: datetime
    reason: str


def revoked_badges(credentials: Iterable[Mapping[str, Any]]) -> dict[str, RevokedBadge]:
    """The badges of one learner's credentials (rows with ``format``, ``badge_id`` or
    ``badge``, ``revoked_at`` and ``revocation_reason``) that are revoked: those with OB 3.0
    credentials, none of them left unrevoked. The last revocation gives the date and reason."""
    by_badge: dict[str, list[Mapping[str, Any]]] = {}
    for row in credentials:
        badge = row.get("badge_id", row.get("badge"))
        if row.get("format") == "ob3" and badge:
            by_badge.setdefault(str(badge), []).append(row)
    out: dict[str, RevokedBadge] = {}
    for badge, rows in by_badge.items():
        if any(r.get("revoked_at") is None for r in rows):
            continue
        last = max(rows, key=lambda r: _when(r["revoked_at"]))
        out[badge] = RevokedBadge(badge, _when(last["revoked_at"]),
                                  str(last.get("revocation_reason") or ""))
    return out


def _when(value: datetime | str) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
