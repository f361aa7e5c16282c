"""Endorsement requests: the learner (or the coordinator) asks a witness — a resident, an
elected official, a peer — by an e-mailed link to endorse a badge request under review or a
credential already issued. The witness opens the link without an account, writes a short
comment; the issuer signs an ``EndorsementCredential`` naming them
(``credentials/formats/endorsement.py``): inside the credential when the request is then
accepted, or on its own (its subject the credential) when the badge was already issued. The
same link lets the witness withdraw their words (a standalone endorsement is then revoked).

The link's secret is never stored: only its SHA-256, with an expiry (``LINK_DAYS``)."""

from __future__ import annotations

import hashlib
import random
import secrets
import uuid
from datetime import timedelta
from typing import Any

from apprenance.clock import Clock
from apprenance.credentials.formats.endorsement import (
    MAX_COMMENT,
    Attestation,
    endorsement_credential,
)
from apprenance.credentials.trust.data_integrity import sign
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.db import recognition_sql as sql
from apprenance.db.engine import Connection
from apprenance.db.mail_sql import learner_contact
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog, text
from apprenance.errors import Conflict, InputError, NotFound
from apprenance.services.issuing.issuers import issuer_for, signer
from apprenance.services.people.directory import learner_id
from apprenance.services.people.invitations import check_email
from apprenance.services.recognition import notices

LINK_DAYS = 30
ROLES = ("habitant", "elu", "pair")
PREFIX = "apw_"
MAX_NAME = 120


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _role(value: str) -> str:
    if value not in ROLES:
        raise InputError("field role: habitant, elu or pair",
                         details={"field": "role", "problem": "unknown"})
    return value


def ask(store: Store, catalog: Catalog, participant: str, *, witness: str, role: str,
        lang: str, request_id: int | None = None, credential_id: str | None = None,
        by: str, urls: HostedUrls, clock: Clock) -> int:
    """Ask ``witness`` (an e-mail address) to endorse the learner's request or credential;
    the mail carries the link. The id of the endorsement request."""
    try:
        address = check_email(witness)
    except InputError:
        raise InputError("field witness: an e-mail address",
                         details={"field": "witness", "problem": "email"}) from None
    role = _role(role)
    now = clock()
    token = PREFIX + secrets.token_urlsafe(24)
    expires = now + timedelta(days=LINK_DAYS)
    with store.transaction() as conn:
        lid = learner_id(conn, participant)
        badge_id, territory = _target(conn, lid, request_id, credential_id)
        if address == participant.casefold():
            raise InputError("field witness: someone else than yourself",
                             details={"field": "witness", "problem": "self"})
        contact = learner_contact(conn, lid)
        name = (contact or {}).get("name") or participant.split("@", 1)[0]
        eid = sql.insert_endorsement_request(conn, {
            "learner_id": lid, "request_id": request_id, "credential_id": credential_id,
            "witness": address, "witness_role": role, "lang": lang if lang in ("fr", "en")
            else "fr", "token_hash": token_hash(token), "expires_at": expires,
            "status": "asked", "asked_by": by, "created_at": now})
        badge = catalog.badges.get(badge_id)
        notices.to_witness(conn, endorsement_id=eid, learner_id=lid, witness=address, lang=lang,
                           learner_name=str(name),
                           badge=text(badge.name, lang) if badge else badge_id,
                           territory=territory, token=token, expires=expires.date(),
                           public_url=urls.base, now=now)
    return eid


def _target(conn: Connection, lid: int, request_id: int | None,
            credential_id: str | None) -> tuple[str, str | None]:
    """(badge, territory) of what is to be endorsed, which must be the learner's."""
    if request_id is not None:
        row = sql.request_by_id(conn, request_id)
        if row is None or row["learner_id"] != lid:
            raise NotFound(f"no request {request_id}")
        if row["status"] == "declined":
            raise Conflict(f"request {request_id} was declined")
        return str(row["badge_id"]), row["territory_id"]
    found = sql.credential_owner(conn, credential_id or "")
    if found is None or found["learner_id"] != lid:
        raise NotFound(f"no credential {credential_id!r}")
    return str(found["badge_id"]), found["territory_id"]


def _live(conn: Connection, token: str, now: Any, *, lock: bool = False) -> dict[str, Any]:
    row = sql.endorsement_by_hash(conn, token_hash(token), lock=lock)
    if row is None or row["expires_at"] <= now:
        raise NotFound("this endorsement link is unknown or has expired")
    return row


def opened(store: Store, catalog: Catalog, token: str, lang: str | None, *,
           clock: Clock) -> dict[str, Any]:
    """What the witness sees: who asks, for which badge, what they wrote (if anything), in
    ``lang`` (None: the language they were asked in, their mail's; ``page_lang``)."""
    with store.transaction() as conn:
        row = _live(conn, token, clock())
        badge_id, _ = _target(conn, row["learner_id"], row["request_id"], row["credential_id"])
    badge = catalog.badges.get(badge_id)
    lang = lang or notices.lang_of(row["lang"])
    return {**row, "page_lang": lang, "badge_name": text(badge.name, lang) if badge else badge_id,
            "learner": row["learner_name"] or str(row["participant"]).split("@", 1)[0]}


def endorse(store: Store, catalog: Catalog, keys: KeyStore, token: str, *, name: str,
            comment: str, urls: HostedUrls, clock: Clock,
            rng: random.Random | None = None) -> str:
    """The witness's words recorded (again: replaced). A request's endorsement goes into
    its credential when issued; a credential's is signed now. The new state."""
    said = " ".join((comment or "").split())
    who = " ".join((name or "").split())
    if not said:
        raise InputError("field comment: required", details={"field": "comment",
                                                              "problem": "required"})
    if len(said) > MAX_COMMENT or len(who) > MAX_NAME:
        raise InputError("field comment: too long", details={"field": "comment",
                                                             "problem": "too-long"})
    now = clock()
    rng = rng or random.SystemRandom()
    with store.transaction() as conn:
        row = _live(conn, token, now, lock=True)
        credential = row["credential_id"]
        if credential is None and row["request_id"] is not None:
            request = sql.request_by_id(conn, row["request_id"])
            if request is not None and request["status"] == "accepted":
                credential = _credential_of_award(conn, request["award_id"])
        values: dict[str, Any] = {"status": "endorsed", "comment": said,
                                  "witness_name": who or None, "endorsed_at": now,
                                  "withdrawn_at": None}
        if row["endorsement_id"]:
            sql.revoke_credential(conn, row["endorsement_id"], reason="replaced", now=now)
            values["endorsement_id"] = None
        if credential is not None:
            values["endorsement_id"] = _sign_standalone(
                conn, store, catalog, keys, row, credential, said, who, now, rng, urls)
        sql.set_endorsement(conn, row["id"], values)
        _tell_learner(conn, catalog, row, now, urls)
        _tell_coordinators(conn, catalog, row, "endorsed", now, urls.base)
    return "endorsed"


def _credential_of_award(conn: Connection, award: int | None) -> str | None:
    return sql.credential_of_award(conn, award) if award is not None else None


def _sign_standalone(conn: Connection, store: Store, catalog: Catalog, keys: KeyStore,
                     row: dict[str, Any], credential: str, said: str, who: str, now: Any,
                     rng: random.Random, urls: HostedUrls) -> str:
    owner = sql.credential_owner(conn, credential)
    if owner is None:
        raise NotFound(f"no credential {credential!r}")
    s = signer(store, keys, issuer_for(conn, owner["territory_id"]))
    badge = catalog.badges.get(owner["badge_id"])
    lang = str(row["lang"])
    eid = f"urn:uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}"
    doc = sign(endorsement_credential(
        credential_id=eid, endorsed=credential, issuer=s.profile,
        attestations=[attestation_of({**row, "comment": said, "witness_name": who or None,
                                      "endorsed_at": now})],
        badge_name=text(badge.name, lang) if badge else str(owner["badge_id"]),
        issued_at=now, lang=lang), s.key, s.verification_method, created=now)
    sql.insert_endorsement_credential(conn, credential_id=eid, learner_id=row["learner_id"],
                                      document=doc, now=now)
    return eid


def attestation_of(row: dict[str, Any]) -> Attestation:
    """An endorsed request as the issuer records it (``endorsement.py``'s input)."""
    return Attestation(witness=str(row["witness"]), role=str(row["witness_role"]),
                       comment=row["comment"], day=row["endorsed_at"].date(),
                       activity_id=f"endorsement-{row['id']}",
                       witness_name=row["witness_name"])


def _tell_learner(conn: Connection, catalog: Catalog, row: dict[str, Any], now: Any,
                  urls: HostedUrls) -> None:
    contact = learner_contact(conn, row["learner_id"])
    if contact is None or row["request_id"] is None:
        return
    lang = notices.lang_of(contact["lang"])
    request = sql.request_by_id(conn, row["request_id"])
    badge = catalog.badges.get(request["badge_id"]) if request else None
    notices.to_learner(
        conn, request_id=row["request_id"], learner_id=row["learner_id"],
        participant=contact["participant"], name=contact["name"], lang=lang,
        territory=contact["territory_id"], step="endorsed",
        badge=text(badge.name, lang) if badge else "", said=None, public_url=urls.base,
        now=now, mark=f"{row['id']}:{now.isoformat()}")


def _tell_coordinators(conn: Connection, catalog: Catalog, row: dict[str, Any], step: str,
                       now: Any, public_url: str | None) -> None:
    """The coordinators reviewing the request hear that a witness endorsed or withdrew."""
    request = sql.request_by_id(conn, row["request_id"]) if row["request_id"] else None
    badge = catalog.badges.get(request["badge_id"]) if request else None
    if request is None or badge is None or public_url is None:
        return
    notices.to_coordinators(
        conn, request_id=request["id"], learner_id=request["learner_id"],
        territory=request["territory_id"], step=step,
        learner=str(request["name"] or str(request["participant"]).split("@", 1)[0]),
        badge=badge.name, said=None, public_url=public_url, now=now,
        mark=f"{row['id']}:{now.isoformat()}")


def withdraw(store: Store, token: str, *, clock: Clock, catalog: Catalog | None = None,
             public_url: str | None = None) -> None:
    """The witness takes their words back (a signed standalone endorsement is revoked); the
    coordinators are told (given ``catalog`` and ``public_url``)."""
    now = clock()
    with store.transaction() as conn:
        row = _live(conn, token, now, lock=True)
        if row["status"] != "endorsed":
            raise Conflict("there is nothing to withdraw")
        if row["endorsement_id"]:
            sql.revoke_credential(conn, row["endorsement_id"], reason="withdrawn by the witness",
                                  now=now)
        sql.set_endorsement(conn, row["id"], {"status": "withdrawn", "withdrawn_at": now})
        if catalog is not None:
            _tell_coordinators(conn, catalog, row, "withdrawn", now, public_url)


def of_request(store: Store, participant: str, request_id: int) -> list[dict[str, Any]]:
    with store.transaction() as conn:
        lid = learner_id(conn, participant)
        return [r for r in sql.endorsements_of_requests(conn, [request_id])
                if r["learner_id"] == lid]


def words_on(store: Store, credential_id: str) -> list[dict[str, Any]]:
    """The witnesses' endorsements of a credential (asked on it, or on its request), for its
    page: who, in which role, what they said, and whether they withdrew it."""
    with store.transaction() as conn:
        return [r for r in sql.endorsements_for_credential(conn, credential_id)
                if r["status"] in ("endorsed", "withdrawn")]
