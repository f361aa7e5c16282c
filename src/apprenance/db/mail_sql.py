"""The SQL of the mail queue (``mail_jobs``): queue a job once (its dedupe key), claim due
jobs with a lease (on PostgreSQL ``FOR UPDATE SKIP LOCKED``: concurrent workers take different
jobs), record each outcome, list a territory's mail, retry, and record a bounce."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, and_, case, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from apprenance.db import tables as t
from apprenance.db.mail_tables import mail_jobs

J = mail_jobs.c
OVER = ("sent", "failed", "bounced")  # a job in one of these is over: its secret is wiped


@dataclass(frozen=True)
class MailJob:
    id: int
    kind: str
    recipient: str
    lang: str
    subject: str
    text_body: str
    html_body: str
    image: bytes | None
    territory: str | None
    learner_id: int | None
    dedupe_key: str
    link_kind: str | None
    link_next: str | None
    link_token: str | None
    link_days: int | None
    status: str
    attempts: int
    next_attempt_at: datetime
    lease_until: datetime | None
    last_error: str | None
    message_id: str | None
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None


def _job(r: RowMapping) -> MailJob:
    return MailJob(
        id=int(r["id"]), kind=r["kind"], recipient=r["recipient"], lang=r["lang"],
        subject=r["subject"], text_body=r["text_body"], html_body=r["html_body"],
        image=None if r["image"] is None else bytes(r["image"]), territory=r["territory_id"],
        learner_id=r["learner_id"], dedupe_key=r["dedupe_key"], link_kind=r["link_kind"],
        link_next=r["link_next"], link_token=r["link_token"],
        link_days=r["link_days"], status=r["status"],
        attempts=int(r["attempts"]), next_attempt_at=r["next_attempt_at"],
        lease_until=r["lease_until"], last_error=r["last_error"], message_id=r["message_id"],
        created_at=r["created_at"], updated_at=r["updated_at"], sent_at=r["sent_at"])


def enqueue(conn: Connection, values: dict[str, Any], now: datetime) -> bool:
    """Queue a job unless one with its ``dedupe_key`` exists; True when it was queued."""
    row = {**values, "status": "queued", "attempts": 0, "next_attempt_at": now,
           "created_at": now, "updated_at": now}
    dialect = conn.dialect.name
    if dialect == "postgresql":
        statement: Any = postgresql.insert(mail_jobs).values(**row).on_conflict_do_nothing(
            index_elements=["dedupe_key"])
    elif dialect == "sqlite":
        statement = sqlite.insert(mail_jobs).values(**row).on_conflict_do_nothing(
            index_elements=["dedupe_key"])
    else:  # pragma: no cover - the two databases apprenance runs on
        raise NotImplementedError(dialect)
    return conn.execute(statement.returning(J.id)).first() is not None


def claim(conn: Connection, now: datetime, lease_until: datetime, limit: int) -> list[MailJob]:
    """Up to ``limit`` due jobs (queued and due, or sending whose lease ran out: the worker
    was killed), marked sending until ``lease_until``; each claim counts as an attempt."""
    due = or_(and_(J.status == "queued", J.next_attempt_at <= now),
              and_(J.status == "sending", J.lease_until <= now))
    query = select(J.id).where(due).order_by(J.next_attempt_at, J.id).limit(limit)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    ids = [int(x) for x in conn.execute(query).scalars()]
    if not ids:
        return []
    conn.execute(update(mail_jobs).where(J.id.in_(ids), due).values(
        status="sending", lease_until=lease_until, attempts=J.attempts + 1, updated_at=now))
    rows = conn.execute(select(mail_jobs).where(J.id.in_(ids), J.status == "sending",
                                                J.lease_until == lease_until)
                        .order_by(J.next_attempt_at, J.id)).mappings()
    return [_job(r) for r in rows]


def _finish(conn: Connection, job_id: int, lease_until: datetime | None,
            values: dict[str, Any]) -> bool:
    """Record an outcome of a claimed job; False when the lease was lost (another worker
    claimed the job again after it ran out)."""
    where = [J.id == job_id, J.status == "sending"]
    if lease_until is not None:
        where.append(J.lease_until == lease_until)
    if values.get("status") in OVER:
        values = {**values, "link_token": None}
    return bool(conn.execute(update(mail_jobs).where(*where).values(**values)).rowcount == 1)


def mark_sent(conn: Connection, job_id: int, lease_until: datetime | None, now: datetime,
              message_id: str) -> bool:
    return _finish(conn, job_id, lease_until, {
        "status": "sent", "sent_at": now, "updated_at": now, "lease_until": None,
        "message_id": message_id, "last_error": None})


def mark_retry(conn: Connection, job_id: int, lease_until: datetime | None, now: datetime,
               next_at: datetime, error: str) -> bool:
    return _finish(conn, job_id, lease_until, {
        "status": "queued", "next_attempt_at": next_at, "lease_until": None,
        "last_error": error, "updated_at": now})


def mark_failed(conn: Connection, job_id: int, lease_until: datetime | None, now: datetime,
                error: str) -> bool:
    return _finish(conn, job_id, lease_until, {
        "status": "failed", "lease_until": None, "last_error": error, "updated_at": now})


def job_by_id(conn: Connection, job_id: int) -> MailJob | None:
    found = conn.execute(select(mail_jobs).where(J.id == job_id)).mappings().one_or_none()
    return None if found is None else _job(found)


def job_by_message_id(conn: Connection, message_id: str) -> MailJob | None:
    found = conn.execute(select(mail_jobs).where(J.message_id == message_id)
                         ).mappings().first()
    return None if found is None else _job(found)


def mark_bounced(conn: Connection, job_id: int, now: datetime, reason: str) -> bool:
    """A delivery report came back for a sent job (or one being sent); True if recorded."""
    done = conn.execute(update(mail_jobs).where(
        J.id == job_id, J.status.in_(("sent", "sending", "bounced"))).values(
        status="bounced", last_error=reason, updated_at=now, lease_until=None,
        link_token=None)).rowcount
    return bool(done == 1)


def retry(conn: Connection, job_id: int, territory: str | None, now: datetime) -> bool:
    """Queue a failed or bounced job again, from its first attempt (a coordinator's retry);
    ``territory``: only a job of that territory. False when there is no such job."""
    where = [J.id == job_id, J.status.in_(("failed", "bounced"))]
    if territory is not None:
        where.append(J.territory_id == territory)
    return bool(conn.execute(update(mail_jobs).where(*where).values(
        status="queued", attempts=0, next_attempt_at=now, lease_until=None,
        updated_at=now)).rowcount == 1)


def list_jobs(conn: Connection, territory: str | None, *, status: str | None = None,
              limit: int = 500) -> list[MailJob]:
    """Jobs (of a territory), failed and bounced first, then newest first."""
    order = case((J.status.in_(("failed", "bounced")), 0), else_=1)
    query = select(mail_jobs).order_by(order, J.created_at.desc(), J.id.desc()).limit(limit)
    if territory is not None:
        query = query.where(J.territory_id == territory)
    if status is not None:
        query = query.where(J.status == status)
    return [_job(r) for r in conn.execute(query).mappings()]


def status_counts(conn: Connection, territory: str | None) -> dict[str, int]:
    query = select(J.status, func.count()).group_by(J.status)
    if territory is not None:
        query = query.where(J.territory_id == territory)
    return {str(s): int(n) for s, n in conn.execute(query).all()}


def recent_count(conn: Connection, kind: str, recipient: str, since: datetime) -> int:
    """How many ``kind`` jobs were queued for ``recipient`` since ``since`` (rate limits)."""
    return int(conn.execute(select(func.count()).where(
        J.kind == kind, J.recipient == recipient, J.created_at >= since)).scalar_one())


def forget_learner(conn: Connection, learner_id: int) -> int:
    """Delete a learner's mail (erasure): addresses, names and badges are personal data."""
    return int(conn.execute(delete(mail_jobs).where(J.learner_id == learner_id)).rowcount)


def learner_contact(conn: Connection, learner_id: int) -> dict[str, Any] | None:
    """participant, name, lang and territory of a learner not erased, or None."""
    lc = t.learners.c
    found = conn.execute(select(lc.participant, lc.name, lc.lang, lc.territory_id)
                         .where(lc.id == learner_id, lc.erased_at.is_(None))).mappings().first()
    return None if found is None else dict(found)


def territory_name(conn: Connection, territory: str | None) -> str | None:
    """The territory's name (its id when unnamed), or None."""
    if territory is None:
        return None
    found = conn.execute(select(t.territories.c.name)
                         .where(t.territories.c.id == territory)).scalar_one_or_none()
    return str(found or territory)


def learner_mail(conn: Connection, learner_id: int) -> list[dict[str, Any]]:
    """A learner's mail for their export: to whom, what, when, how it went (no body)."""
    rows = conn.execute(select(J.kind, J.recipient, J.lang, J.subject, J.status, J.attempts,
                               J.last_error, J.created_at, J.sent_at)
                        .where(J.learner_id == learner_id).order_by(J.created_at, J.id))
    return [{k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in r.items()}
            for r in rows.mappings()]
