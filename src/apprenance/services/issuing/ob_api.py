"""The Open Badges 3.0 API's use cases (1EdTech ``/ims/ob/v3p0``) for an authenticated
entity — a learner (their own credentials and profile), a territory (the credentials its
issuer gave) or the whole instance: list credentials a page at a time, upsert a credential
into a learner's collection, read and update the profile."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from apprenance.clock import Clock
from apprenance.credentials.jsonld.contexts import OB_V3
from apprenance.db import credentials_sql
from apprenance.db.issuing_sql import all_issuers
from apprenance.db.learner_records_sql import learner_identity, set_learner_name
from apprenance.db.store import Store
from apprenance.errors import InputError, NotFound
from apprenance.services.issuing.issuers import profile_of
from apprenance.services.people.directory import learner_id

LISTED = ("ob3", "ob3-external")


def list_credentials(store: Store, *, learner: str | None, territory: str | None,
                     since: datetime | None, limit: int, offset: int
                     ) -> tuple[int, list[dict[str, Any]]]:
    """(total, page) of the OB 3.0 credentials of a learner, of a territory's learners, or of
    everyone (both None), oldest first; revoked ones stay listed (their status says so)."""
    with store.transaction() as conn:
        lid = learner_id(conn, learner) if learner is not None else None
        return credentials_sql.credential_page(conn, LISTED, learner=lid, territory=territory,
                                               since=since, limit=limit, offset=offset)


def upsert_credential(store: Store, learner: str, document: dict[str, Any], *,
                      clock: Clock) -> bool:
    """Keep a (verified) credential in the learner's collection; True when it was new,
    False when it replaced the one with the same id."""
    cid = document.get("id")
    if not isinstance(cid, str) or not cid or len(cid) > 200:
        raise InputError("the credential needs an id (a URI of at most 200 characters)")
    with store.transaction() as conn:
        lid = learner_id(conn, learner)
        row = credentials_sql.credential_owner(conn, cid)
        if row is None:
            credentials_sql.insert_credential(
                conn, credential_id=cid, award=None, learner=lid, format="ob3-external",
                document=document, issued_at=clock())
            return True
        owner, format_ = row
        if owner != lid or format_ != "ob3-external":
            if owner == lid:
                return False  # one of ours, already in the collection
            raise InputError("a credential with this id belongs to someone else")
        credentials_sql.replace_document(conn, cid, document)
        return False


def learner_profile(store: Store, learner: str) -> dict[str, Any]:
    """The learner's OB 3.0 ``Profile``."""
    with store.transaction() as conn:
        participant, name = learner_identity(conn, learner_id(conn, learner))[:2]
    ident = f"mailto:{participant}" if "@" in participant else \
        f"urn:apprenance:learner:{participant}"
    profile: dict[str, Any] = {"@context": [OB_V3], "type": "Profile", "id": ident}
    if name:
        profile["name"] = name
    if "@" in participant:
        profile["email"] = participant
    return profile


def update_learner_profile(store: Store, learner: str, profile: dict[str, Any]
                           ) -> dict[str, Any]:
    """Take the whole profile; only ``name`` may change (the identifier and email are how
    the learner is known: changing them is refused)."""
    current = learner_profile(store, learner)
    if profile.get("type") not in ("Profile", ["Profile"]):
        raise InputError("the body must be a Profile (type: Profile)")
    for key in ("id", "email"):
        if key in profile and profile[key] != current.get(key):
            raise InputError(f"{key} cannot be changed here")
    name = profile.get("name")
    if name is not None and (not isinstance(name, str) or not 1 <= len(name.strip()) <= 200):
        raise InputError("name must be a text of 1 to 200 characters")
    with store.transaction() as conn:
        set_learner_name(conn, learner_id(conn, learner),
                         name.strip() if isinstance(name, str) else None)
    return learner_profile(store, learner)


def issuer_profile(store: Store, territory: str | None) -> dict[str, Any]:
    """The OB 3.0 ``Profile`` of a territory's issuer (or of the only/collective issuer)."""
    with store.transaction() as conn:
        rows = all_issuers(conn)
    chosen = [r for r in rows if r.territory_id == territory] or \
        [r for r in rows if r.territory_id is None] or (rows if len(rows) == 1 else [])
    if not chosen:
        raise NotFound("no issuer profile for this client")
    return {"@context": [OB_V3], **profile_of(chosen[0]).ob3()}
