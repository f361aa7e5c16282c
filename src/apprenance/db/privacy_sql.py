"""The statements that read what the store holds about one learner, for the learner's rights
(``services.privacy``: export and erasure), and the record of the files written for them.

Functions take the connection and plain values (participant keys already normalised, search
needles already lower-cased) and return rows as dictionaries of stored values: turning them
into JSON, and filtering what the database can only narrow down, is the use case's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Text, and_, cast, func, or_, select, update

from apprenance.db import access_tables as a
from apprenance.db import tables as t
from apprenance.db.issuing_tables import credential_issuance


def learner_row(conn: Connection, key: str) -> dict[str, Any] | None:
    """The learner whose participant is ``key`` (an erased one too, by their pseudonym)."""
    row = conn.execute(select(t.learners).where(
        t.learners.c.participant == key)).mappings().one_or_none()
    return None if row is None else dict(row)


def learner_by_id(conn: Connection, learner_id: int) -> dict[str, Any]:
    """The learner ``learner_id`` (who must exist)."""
    return dict(conn.execute(select(t.learners).where(
        t.learners.c.id == learner_id)).mappings().one())


def activity_rows(conn: Connection, learner_id: int) -> list[dict[str, Any]]:
    a_ = t.activities.c
    return [dict(r) for r in conn.execute(select(t.activities).where(a_.learner_id == learner_id)
                                          .order_by(a_.occurred_at, a_.id)).mappings()]


def attestations_received(conn: Connection, learner_id: int) -> list[dict[str, Any]]:
    at = t.attestations.c
    return [dict(r) for r in conn.execute(
        select(t.attestations).join(t.activities, t.activities.c.id == at.activity_id)
        .where(t.activities.c.learner_id == learner_id).order_by(at.id)).mappings()]


def attestations_given(conn: Connection, participant: str) -> list[dict[str, Any]]:
    """The attestations ``participant`` gave as a witness, with the day of the activity."""
    at = t.attestations.c
    return [dict(r) for r in conn.execute(
        select(t.attestations, t.activities.c.occurred_on, t.activities.c.source_ref)
        .join(t.activities, t.activities.c.id == at.activity_id)
        .where(at.witness == participant).order_by(at.id)).mappings()]


def rejects_naming(conn: Connection, participant: str, whole: str | None,
                   statement_ids: Iterable[str]) -> list[dict[str, Any]]:
    """Rejected rows whose raw content or reason holds ``participant`` (any case), whose raw
    content holds ``whole`` (a lower-cased full name), or that come from one of the
    statements."""
    r = t.rejects.c
    conditions = [func.lower(r.raw).contains(participant, autoescape=True),
                  func.lower(r.reason).contains(participant, autoescape=True)]
    if whole:
        conditions.append(func.lower(r.raw).contains(whole, autoescape=True))
    ids = sorted(set(statement_ids))
    if ids:
        conditions.append(r.statement_id.in_(ids))
    return [dict(x) for x in conn.execute(
        select(t.rejects).where(or_(*conditions)).order_by(r.id)).mappings()]


def award_rows(conn: Connection, learner_id: int) -> list[dict[str, Any]]:
    w = t.awards.c
    return [dict(x) for x in conn.execute(
        select(t.awards).where(w.learner_id == learner_id).order_by(w.awarded_at, w.id)
    ).mappings()]


def credential_rows(conn: Connection, learner_id: int) -> list[dict[str, Any]]:
    """Every credential issued to the learner, with what was issued along (VC-JWT, OB 2.0)."""
    c, ci = t.credentials.c, credential_issuance.c
    rows = conn.execute(
        select(t.credentials, ci.issuer_id, ci.badge_id, ci.lang, ci.status_list_id,
               ci.status_index, ci.jwt, ci.ob2_id, ci.ob2_assertion)
        .outerjoin(credential_issuance, ci.credential_id == c.id)
        .where(c.learner_id == learner_id).order_by(c.issued_at, c.id)).mappings()
    return [dict(x) for x in rows]


def issuers_of(conn: Connection, learner_id: int) -> list[str]:
    """The issuers of the learner's credentials."""
    c, ci = t.credentials.c, credential_issuance.c
    return sorted(str(i) for i in conn.execute(
        select(ci.issuer_id).join(t.credentials, c.id == ci.credential_id)
        .where(c.learner_id == learner_id).distinct()).scalars())


def access_rows(conn: Connection, learner_id: int) -> dict[str, list[dict[str, Any]]]:
    """Share links, sign-in links, tokens and OAuth clients of the learner, without secrets."""
    s, i, k, o = a.share_links.c, a.sign_in_links.c, a.api_tokens.c, a.oauth_clients.c
    return {
        "share_links": [dict(x) for x in conn.execute(
            select(s.id, s.created_at, s.expires_at, s.revoked_at)
            .where(s.learner_id == learner_id).order_by(s.id)).mappings()],
        "sign_in_links": [dict(x) for x in conn.execute(
            select(i.id, i.created_at, i.expires_at, i.used_at)
            .where(i.learner_id == learner_id).order_by(i.id)).mappings()],
        "tokens": [dict(x) for x in conn.execute(
            select(k.id, k.kind, k.role, k.label, k.scopes, k.client_id, k.created_at,
                   k.expires_at, k.revoked_at)
            .where(k.learner_id == learner_id).order_by(k.id)).mappings()],
        "oauth_clients": [dict(x) for x in conn.execute(
            select(o.client_id, o.name, o.role, o.scopes, o.created_at, o.revoked_at)
            .where(o.learner_id == learner_id).order_by(o.client_id)).mappings()],
    }


def statement_rows(conn: Connection, ids: Iterable[str]) -> list[dict[str, Any]]:
    x = a.xapi_statements.c
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return []
    return [dict(r) for r in conn.execute(select(a.xapi_statements).where(x.id.in_(wanted))
                                          .order_by(x.stored_at, x.id)).mappings()]


def _containing(column: Any, needles: Sequence[str]) -> Any:
    text = func.lower(cast(column, Text))
    return or_(*(text.contains(n, autoescape=True) for n in needles))


def others_activity_texts(conn: Connection, learner_id: int, field: str,
                          needles: Sequence[str]) -> list[tuple[str, Any]]:
    """(id, value) of other learners' activities whose ``field`` (description or extra)
    holds one of ``needles`` once lower-cased (SQLite lowers ASCII letters only)."""
    column = t.activities.c[field]
    act = t.activities.c
    return [(str(row_id), value) for row_id, value in conn.execute(
        select(act.id, column).where(act.learner_id != learner_id, column.is_not(None),
                                     _containing(column, needles))
        .order_by(act.id))]


def others_comments(conn: Connection, learner_id: int, needles: Sequence[str]
                    ) -> list[tuple[int, str, Any]]:
    """(id, activity, comment) of the attestations on other learners' activities whose
    comment holds one of ``needles`` once lower-cased."""
    act, at = t.activities.c, t.attestations.c
    return [(row_id, activity, value) for row_id, activity, value in conn.execute(
        select(at.id, at.activity_id, at.comment)
        .join(t.activities, act.id == at.activity_id)
        .where(act.learner_id != learner_id, at.comment.is_not(None),
               _containing(at.comment, needles))
        .order_by(at.id))]


# --- what an erasure revokes, redacts and keeps -------------------------------------------


def live_credentials(conn: Connection, learner_id: int) -> list[tuple[str, str | None]]:
    """(credential id, issuer or None) of the learner's credentials not revoked."""
    c, ci = t.credentials.c, credential_issuance.c
    return [(cid, issuer) for cid, issuer in conn.execute(
        select(c.id, ci.issuer_id).outerjoin(credential_issuance, ci.credential_id == c.id)
        .where(c.learner_id == learner_id, c.revoked_at.is_(None))
        .order_by(c.issued_at, c.id)).all()]


def stored_documents(conn: Connection, learner_id: int
                     ) -> list[tuple[str, str, Any, Any]]:
    """(credential id, format, document, OB 2.0 assertion or None) of the learner."""
    c, ci = t.credentials.c, credential_issuance.c
    return [(cid, fmt, document, assertion) for cid, fmt, document, assertion in conn.execute(
        select(c.id, c.format, c.document, ci.ob2_assertion)
        .outerjoin(credential_issuance, ci.credential_id == c.id)
        .where(c.learner_id == learner_id)).all()]


def hosted_assertions(conn: Connection, learner_id: int) -> list[Any]:
    """The OB 2.0 assertions issued to the learner."""
    ci, c = credential_issuance.c, t.credentials.c
    return list(conn.execute(
        select(ci.ob2_assertion).join(t.credentials, c.id == ci.credential_id)
        .where(c.learner_id == learner_id, ci.ob2_assertion.is_not(None))).scalars())


def kept_counts(conn: Connection, learner_id: int) -> tuple[int, float, int, int]:
    """(activities not voided, their hours, awards, live share links) of the learner."""
    act, w = t.activities.c, t.awards.c
    count, hours = conn.execute(
        select(func.count(), func.coalesce(func.sum(act.duration_hours), 0.0))
        .where(and_(act.learner_id == learner_id, act.voided.is_(False)))).one()
    awards = conn.execute(select(func.count()).where(w.learner_id == learner_id)).scalar_one()
    live = conn.execute(select(func.count()).select_from(a.share_links).where(
        a.share_links.c.learner_id == learner_id, a.share_links.c.revoked_at.is_(None))
    ).scalar_one()
    return int(count), float(hours), int(awards), int(live)


# --- files written for learners -----------------------------------------------------------


def record_written(conn: Connection, keys: Sequence[str], where: str, kind: str,
                   shared: bool, now: datetime) -> None:
    """Record ``where`` as written for the learners ``keys`` (unknown ones skipped); a file
    recorded already only has its time, kind and sharing updated."""
    w = t.written_files.c
    ids = conn.execute(select(t.learners.c.id).where(
        t.learners.c.participant.in_(list(keys)))).scalars().all()
    known = set(conn.execute(select(w.learner_id).where(
        w.path == where, w.learner_id.in_(ids))).scalars())
    if known:
        conn.execute(update(t.written_files).where(w.path == where,
                                                   w.learner_id.in_(known))
                     .values(written_at=now, kind=kind, shared=shared))
    fresh = [{"learner_id": lid, "path": where, "kind": kind, "shared": shared,
              "written_at": now} for lid in ids if lid not in known]
    if fresh:
        conn.execute(t.written_files.insert(), fresh)


def written_rows(conn: Connection, learner_id: int) -> list[tuple[str, str, bool, datetime]]:
    """(path, kind, shared, written at) of the files recorded for the learner, by path."""
    w = t.written_files.c
    return [(str(p), str(k), bool(s), at) for p, k, s, at in conn.execute(
        select(w.path, w.kind, w.shared, w.written_at)
        .where(w.learner_id == learner_id).order_by(w.path)).all()]
