"""The Open Badges 3.0 API's use cases (1EdTech ``/ims/ob/v3p0``) for an authenticated
entity — a learner (their own credentials and profile), a territory (the credentials its
issuer gave) or the whole instance: list credentials a page at a time, upsert a credential
into a learner's collection, read and update the profile."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update

from apprenance.clock import Clock
from apprenance.credentials.jsonld.contexts import OB_V3
from apprenance.db import tables as t
from apprenance.db.issuing_tables import issuers
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
    c, lc = t.credentials.c, t.learners.c
    query = select(c.document).join(t.learners, lc.id == c.learner_id) \
        .where(c.format.in_(LISTED))
    with store.transaction() as conn:
        if learner is not None:
            query = query.where(c.learner_id == learner_id(conn, learner))
        elif territory is not None:
            query = query.where(lc.territory_id == territory)
        if since is not None:
            query = query.where(c.issued_at > since)
        total = int(conn.execute(select(func.count()).select_from(query.subquery()))
                    .scalar_one())
        rows = conn.execute(query.order_by(c.issued_at, c.id).limit(limit).offset(offset))
        return total, [dict(r[0]) for r in rows]


def upsert_credential(store: Store, learner: str, document: dict[str, Any], *,
                      clock: Clock) -> bool:
    """Keep a (verified) credential in the learner's collection; True when it was new,
    False when it replaced the one with the same id."""
    cid = document.get("id")
    if not isinstance(cid, str) or not cid or len(cid) > 200:
        raise InputError("the credential needs an id (a URI of at most 200 characters)")
    c = t.credentials.c
    with store.transaction() as conn:
        lid = learner_id(conn, learner)
        row = conn.execute(select(c.learner_id, c.format).where(c.id == cid)).one_or_none()
        if row is None:
            conn.execute(t.credentials.insert().values(
                id=cid, award_id=None, learner_id=lid, format="ob3-external",
                document=document, issued_at=clock()))
            return True
        if row.learner_id != lid or row.format != "ob3-external":
            if row.learner_id == lid:
                return False  # one of ours, already in the collection
            raise InputError("a credential with this id belongs to someone else")
        conn.execute(update(t.credentials).where(c.id == cid).values(document=document))
        return False


def learner_profile(store: Store, learner: str) -> dict[str, Any]:
    """The learner's OB 3.0 ``Profile``."""
    lc = t.learners.c
    with store.transaction() as conn:
        row = conn.execute(select(lc.participant, lc.name).where(
            lc.id == learner_id(conn, learner))).one()
    ident = f"mailto:{row.participant}" if "@" in row.participant else \
        f"urn:apprenance:learner:{row.participant}"
    profile: dict[str, Any] = {"@context": [OB_V3], "type": "Profile", "id": ident}
    if row.name:
        profile["name"] = row.name
    if "@" in row.participant:
        profile["email"] = row.participant
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
    lc = t.learners.c
    with store.transaction() as conn:
        conn.execute(update(t.learners).where(lc.id == learner_id(conn, learner))
                     .values(name=name.strip() if isinstance(name, str) else None))
    return learner_profile(store, learner)


def issuer_profile(store: Store, territory: str | None) -> dict[str, Any]:
    """The OB 3.0 ``Profile`` of a territory's issuer (or of the only/collective issuer)."""
    with store.transaction() as conn:
        rows = conn.execute(select(issuers).order_by(issuers.c.id)).all()
    chosen = [r for r in rows if r.territory_id == territory] or \
        [r for r in rows if r.territory_id is None] or (rows if len(rows) == 1 else [])
    if not chosen:
        raise NotFound("no issuer profile for this client")
    return {"@context": [OB_V3], **profile_of(chosen[0]).ob3()}
