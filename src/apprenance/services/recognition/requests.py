"""Badge requests: a learner asks for a badge of the catalog, says why and attaches evidence
(a text, a link, files checked like every upload); the coordinator of their territory
accepts it with a comment (the badge is awarded and issued through the normal path, holds
respected, the learner's evidence in the credential), asks for more (the learner answers),
or declines it with a reason. Every step is an event of the request (who, what, when) and
mails the learner."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from typing import Any

from apprenance.clock import Clock
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.db import holds_sql
from apprenance.db import recognition_sql as sql
from apprenance.db.engine import Connection
from apprenance.db.mail_sql import learner_contact
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog, text
from apprenance.errors import Conflict, InputError, NotFound
from apprenance.services.issuing.issue import IssuedCredential, issue_award
from apprenance.services.people.directory import learner_id
from apprenance.services.recognition import notices
from apprenance.services.recognition.uploads import Upload, check_link, check_upload

MAX_TEXT = 2000
MAX_FILES = 3
OPEN = ("submitted", "more")  # waiting for someone


@dataclass(frozen=True)
class Evidence:
    """What the learner brings: words, a link, files (any may be empty)."""

    text: str = ""
    link: str = ""
    files: tuple[Upload, ...] = ()


def _clean(value: str | None, field: str, *, required: bool = False) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise InputError(f"field {field}: required", details={"field": field,
                                                              "problem": "required"})
    if len(cleaned) > MAX_TEXT:
        raise InputError(f"field {field}: at most {MAX_TEXT} characters",
                         details={"field": field, "problem": "too-long"})
    return cleaned


def _evidence_items(conn: Connection, request_id: int, evidence: Evidence,
                    now: Any) -> list[dict[str, Any]]:
    """The evidence as stored in the request (files written to their table)."""
    items: list[dict[str, Any]] = []
    if evidence.text:
        items.append({"kind": "text", "text": evidence.text})
    if evidence.link:
        items.append({"kind": "link", "url": evidence.link})
    for upload in evidence.files:
        media_type = check_upload(upload)
        digest = hashlib.sha256(upload.data).hexdigest()
        fid = sql.insert_file(conn, request_id, name=upload.name, media_type=media_type,
                              sha256=digest, data=upload.data, now=now)
        items.append({"kind": "file", "file": fid, "name": upload.name,
                      "media_type": media_type, "sha256": digest})
    return items


def _check_evidence(evidence: Evidence) -> Evidence:
    if len(evidence.files) > MAX_FILES:
        raise InputError(f"field files: at most {MAX_FILES} files",
                         details={"field": "files", "problem": "too-many"})
    for upload in evidence.files:
        check_upload(upload)  # before anything is written
    return Evidence(_clean(evidence.text, "text"),
                    check_link(evidence.link) if evidence.link.strip() else "",
                    evidence.files)


def requestable(catalog: Catalog, lang: str, held: set[str]) -> list[dict[str, Any]]:
    """The badges a learner may ask for: the catalog's, but those they hold."""
    return sorted(({"id": b.id, "name": text(b.name, lang), "declared": b.kind == "declared"}
                   for b in catalog.badges.values()
                   if b.id not in held), key=lambda b: b["name"].casefold())


def submit(store: Store, catalog: Catalog, participant: str, *, badge: str, reason: str,
           evidence: Evidence, clock: Clock, public_url: str | None = None) -> int:
    """A new request; its id. Refused: a badge not in the catalog, one already awarded, one
    already asked for and under review, no reason. ``public_url``: the territory's
    coordinators are mailed in the same transaction (None: a declared badge, nobody to ask)."""
    if badge not in catalog.badges:
        raise InputError(f"field badge: no badge {badge!r} in the catalog",
                         details={"field": "badge", "problem": "unknown"})
    why = _clean(reason, "reason", required=True)
    evidence = _check_evidence(evidence)
    now = clock()
    with store.transaction() as conn:
        lid = learner_id(conn, participant)
        if sql.award_of(conn, lid, badge) is not None:
            raise Conflict(f"you already have the badge {badge!r}",
                           details={"field": "badge", "problem": "held"})
        if any(r["badge_id"] == badge and r["status"] in OPEN
               for r in sql.requests_of_learner(conn, lid)):
            raise Conflict(f"a request for {badge!r} is already under review",
                           details={"field": "badge", "problem": "open"})
        contact = learner_contact(conn, lid)
        territory = None if contact is None else contact["territory_id"]
        rid = sql.insert_request(conn, {
            "learner_id": lid, "badge_id": badge, "territory_id": territory,
            "status": "submitted", "reason": why, "evidence": [], "created_at": now,
            "updated_at": now})
        items = _evidence_items(conn, rid, evidence, now)
        sql.set_state(conn, rid, status="submitted", comment=None, now=now,
                      expect=["submitted"], evidence=items)
        sql.add_event(conn, rid, actor=participant, action="submitted", text=why,
                      evidence=items, now=now)
        if public_url is not None:
            notices.to_coordinators(
                conn, request_id=rid, learner_id=lid, territory=territory, step="submitted",
                learner=_who(contact, participant), badge=catalog.badges[badge].name,
                said=why, public_url=public_url, now=now)
    return rid


def _who(contact: dict[str, Any] | None, participant: str) -> str:
    """The learner as coordinators read it: their name, else their identifier's first part."""
    name = contact["name"] if contact else None
    return str(name or participant.split("@", 1)[0])


def declare(store: Store, catalog: Catalog, keys: KeyStore, participant: str, *, badge: str,
            reason: str, evidence: Evidence, urls: HostedUrls, clock: Clock,
            rng: random.Random | None = None) -> tuple[int, IssuedCredential]:
    """A declared badge (catalog kind ``declared``): the request is accepted on the learner's
    own declaration and the badge issued at once (holds respected), marked as such."""
    found = catalog.badges.get(badge)
    if found is None or found.kind != "declared":
        raise InputError(f"field badge: {badge!r} is not a declared badge",
                         details={"field": "badge", "problem": "not-declared"})
    rid = submit(store, catalog, participant, badge=badge, reason=reason, evidence=evidence,
                 clock=clock)
    now = clock()
    with store.transaction() as conn:
        row = sql.request_by_id(conn, rid, lock=True)
        assert row is not None
        award = sql.insert_award(conn, row["learner_id"], badge, version=catalog.version,
                                 now=now)
        sql.set_state(conn, rid, status="accepted", comment=None, now=now,
                      expect=["submitted"], award_id=award)
        sql.add_event(conn, rid, actor=participant, action="declared", text=None,
                      evidence=[], now=now)
    return rid, issue_award(store, catalog, keys, award, urls=urls, clock=clock, rng=rng)


def _own(conn: Connection, participant: str, request_id: int, *, lock: bool = False
         ) -> dict[str, Any]:
    row = sql.request_by_id(conn, request_id, lock=lock)
    if row is None or row["learner_id"] != learner_id(conn, participant):
        raise NotFound(f"no request {request_id}")
    return row


def answer(store: Store, participant: str, request_id: int, *, reply: str,
           evidence: Evidence, clock: Clock, catalog: Catalog | None = None,
           public_url: str | None = None) -> None:
    """The learner answers "more": words, and evidence added to what they gave; the
    territory's coordinators are mailed (given ``catalog`` and ``public_url``)."""
    said = _clean(reply, "reply", required=True)
    evidence = _check_evidence(evidence)
    now = clock()
    with store.transaction() as conn:
        row = _own(conn, participant, request_id, lock=True)
        if row["status"] != "more":
            raise Conflict(f"request {request_id} is not waiting for an answer")
        items = _evidence_items(conn, request_id, evidence, now)
        sql.set_state(conn, request_id, status="submitted", comment=row["review_comment"],
                      now=now, expect=["more"], evidence=[*row["evidence"], *items])
        sql.add_event(conn, request_id, actor=participant, action="answered", text=said,
                      evidence=items, now=now)
        badge = catalog.badges.get(row["badge_id"]) if catalog is not None else None
        if badge is not None and public_url is not None:
            notices.to_coordinators(
                conn, request_id=request_id, learner_id=row["learner_id"],
                territory=row["territory_id"], step="answered",
                learner=_who(row, participant), badge=badge.name, said=said,
                public_url=public_url, now=now, mark=now.isoformat())


def in_territory(conn: Connection, territory: str, request_id: int, *,
                 lock: bool = False) -> dict[str, Any]:
    row = sql.request_by_id(conn, request_id, lock=lock)
    if row is None or row["territory_id"] != territory:
        raise NotFound(f"no request {request_id} in territory {territory!r}")
    return row


@dataclass(frozen=True)
class Reviewed:
    status: str
    credential: IssuedCredential | None = None


def review(store: Store, catalog: Catalog, keys: KeyStore, *, urls: HostedUrls, clock: Clock,
           territory: str, request_id: int, action: str, comment: str | None, by: str,
           lang: str = "fr", rng: random.Random | None = None) -> Reviewed:
    """The coordinator's decision: ``accept`` (comment optional; the badge is awarded and
    issued), ``more`` (a question, required) or ``decline`` (a reason, required)."""
    if action not in ("accept", "more", "decline"):
        raise InputError("field action: accept, more or decline",
                         details={"field": "action", "problem": "unknown"})
    said = _clean(comment, "comment", required=action != "accept") or None
    now = clock()
    status = {"accept": "accepted", "more": "more", "decline": "declined"}[action]
    with store.transaction() as conn:
        row = in_territory(conn, territory, request_id, lock=True)
        if row["status"] != "submitted":
            raise Conflict(f"request {request_id} is not waiting for a decision")
        badge = catalog.badges.get(row["badge_id"])
        if badge is None:
            raise NotFound(f"badge {row['badge_id']!r} is no longer in the catalog")
        award = None
        if status == "accepted":
            found = sql.award_of(conn, row["learner_id"], badge.id)
            if found is not None and found["issued_at"] is not None:
                raise Conflict(f"the learner already has the badge {badge.id!r}")
            award = int(found["id"]) if found else sql.insert_award(
                conn, row["learner_id"], badge.id, version=catalog.version, now=now)
        sql.set_state(conn, request_id, status=status, comment=said, now=now,
                      expect=["submitted"], award_id=award)
        sql.add_event(conn, request_id, actor=by, action=status, text=said, evidence=[],
                      now=now)
        learner_lang = row["learner_lang"] or lang
        notices.to_learner(
            conn, request_id=request_id, learner_id=row["learner_id"],
            participant=row["participant"], name=row["name"], lang=learner_lang,
            territory=territory, step=status, badge=text(badge.name, notices.lang_of(learner_lang)),
            said=said, public_url=urls.base, now=now, mark=now.isoformat())
    if award is None:
        return Reviewed(status)
    with store.transaction() as conn:
        held = holds_sql.award_state(conn, award)
    if held is not None and held[2] is not None:
        return Reviewed(status)  # held back: issued when a coordinator releases it
    issued = issue_award(store, catalog, keys, award, urls=urls, clock=clock, rng=rng)
    return Reviewed(status, issued)


def held_badges(store: Store, participant: str) -> set[str]:
    """The badges the learner was awarded (issued or not)."""
    with store.transaction() as conn:
        return sql.badges_awarded(conn, learner_id(conn, participant))


def requests_of(store: Store, participant: str) -> list[dict[str, Any]]:
    with store.transaction() as conn:
        return sql.requests_of_learner(conn, learner_id(conn, participant))


def request_of(store: Store, participant: str, request_id: int) -> dict[str, Any]:
    """One of the learner's requests with its exchange."""
    with store.transaction() as conn:
        row = _own(conn, participant, request_id)
        return {**row, "events": sql.events_of(conn, request_id)}


def territory_requests(store: Store, territory: str) -> list[dict[str, Any]]:
    """The territory's requests, each with its exchange (waiting ones first)."""
    with store.transaction() as conn:
        rows = sql.requests_of_territory(conn, territory)
        return [{**r, "events": sql.events_of(conn, r["id"])} for r in rows]


def territory_request(store: Store, territory: str, request_id: int) -> dict[str, Any]:
    """One request of the territory (``NotFound`` elsewhere)."""
    with store.transaction() as conn:
        return in_territory(conn, territory, request_id)


def file_for(store: Store, request_id: int, file_id: int, *, participant: str | None,
             territory: str | None) -> dict[str, Any]:
    """A file of a request, for its learner (``participant``) or its territory's staff."""
    with store.transaction() as conn:
        row = (_own(conn, participant, request_id) if participant is not None
               else in_territory(conn, territory or "", request_id))
        found = sql.file_of(conn, row["id"], file_id)
    if found is None:
        raise NotFound(f"no file {file_id} in request {request_id}")
    return found
