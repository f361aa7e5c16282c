"""The worker that drains the mail queue: claim due jobs with a lease, make the link each
one names, send it, record the outcome.

A claim counts as an attempt and holds the job for ``LEASE``: a worker killed while sending
leaves the job "sending" until its lease runs out, then any worker takes it again (a message
may then arrive twice, never zero times). A temporary failure (4xx, connection refused,
timeout) queues the job again after an exponential backoff (``backoff``); a permanent one
(5xx), or a temporary one at the last attempt, fails it. ``apprenance mail send`` drains
once, ``apprenance mail worker`` and ``apprenance serve`` (when SMTP is set) keep draining."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from email.message import EmailMessage
from urllib.parse import quote

from apprenance.clock import Clock
from apprenance.db import mail_sql as sql
from apprenance.db.mail_sql import MailJob
from apprenance.db.store import Store
from apprenance.errors import ApprenanceError
from apprenance.services.mail import message
from apprenance.services.mail.queue import SIGN_IN_HOURS
from apprenance.services.mail.transport import (
    PermanentFailure,
    SmtpConfig,
    TemporaryFailure,
    send,
)
from apprenance.services.people import access

log = logging.getLogger("apprenance.mail")
LEASE = timedelta(minutes=5)
FIRST_DELAY = timedelta(minutes=1)
MAX_DELAY = timedelta(hours=6)
CLAIM = 10  # jobs claimed per transaction
Transport = Callable[..., None]


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th try failed: 1, 2, 4 ... minutes, at most 6 hours."""
    delay: timedelta = FIRST_DELAY * (2 ** max(0, min(attempts - 1, 20)))
    return min(MAX_DELAY, delay)


@dataclass
class SendReport:
    sent: list[int] = field(default_factory=list)
    retried: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"sent": len(self.sent), "retried": len(self.retried),
                "failed": len(self.failed), "jobs": {
                    "sent": self.sent, "retried": self.retried, "failed": self.failed}}


class _Unsendable(Exception):
    """The job cannot be sent at all (its learner erased, its secret gone)."""


def _link(store: Store, job: MailJob, public_url: str, clock: Clock) -> str | None:
    if job.link_kind == "token":
        if not job.link_token:
            raise _Unsendable("the invitation's link is no longer kept")
        return f"{public_url}/connexion/{job.link_token}"
    if job.link_kind == "witness":  # a witness's endorsement link (services/recognition)
        if not job.link_token:
            raise _Unsendable("the witness's link is no longer kept")
        return f"{public_url}/temoignage/{job.link_token}"
    if job.link_kind != "sign-in":
        return None
    with store.transaction() as conn:
        contact = sql.learner_contact(conn, job.learner_id) if job.learner_id else None
    if contact is None:
        raise _Unsendable("the learner no longer exists")
    ttl = timedelta(days=job.link_days) if job.link_days else timedelta(hours=SIGN_IN_HOURS)
    token = access.create_sign_in_link(store, contact["participant"], clock=clock, ttl=ttl)
    suffix = f"?suite={quote(job.link_next, safe='/')}" if job.link_next else ""
    return f"{public_url}/connexion/{token}{suffix}"


def _one(store: Store, config: SmtpConfig, job: MailJob, *, public_url: str, clock: Clock,
         transport: Transport, report: SendReport) -> None:
    lease = job.lease_until
    try:
        link = _link(store, job, public_url, clock)
        msg: EmailMessage = message.build(job, config, link=link, now=clock())
        transport(config, msg, envelope_from=config.envelope_sender(job.id),
                  recipient=job.recipient)
    except _Unsendable as exc:
        with store.transaction() as conn:
            sql.mark_failed(conn, job.id, lease, clock(), str(exc))
        report.failed.append(job.id)
    except PermanentFailure as exc:
        log.info("mail %d refused for good: %s", job.id, exc.message)
        with store.transaction() as conn:
            sql.mark_failed(conn, job.id, lease, clock(), exc.message)
        report.failed.append(job.id)
    except TemporaryFailure as exc:
        now = clock()
        with store.transaction() as conn:
            if job.attempts >= config.max_attempts:
                sql.mark_failed(conn, job.id, lease, now,
                                f"{exc.message} (after {job.attempts} attempts)")
                report.failed.append(job.id)
            else:
                sql.mark_retry(conn, job.id, lease, now, now + backoff(job.attempts),
                               exc.message)
                report.retried.append(job.id)
        log.info("mail %d not sent (attempt %d): %s", job.id, job.attempts, exc.message)
    else:
        with store.transaction() as conn:
            sql.mark_sent(conn, job.id, lease, clock(), message.message_id(job, config))
        report.sent.append(job.id)


def send_due(store: Store, config: SmtpConfig, *, public_url: str, clock: Clock,
             limit: int = 1000, transport: Transport = send) -> SendReport:
    """Send the jobs due now (at most ``limit``); what each became is in the report."""
    report = SendReport()
    done = 0
    while done < limit:
        now = clock()
        with store.transaction() as conn:
            jobs = sql.claim(conn, now, now + LEASE, min(CLAIM, limit - done))
        if not jobs:
            break
        for job in jobs:
            _one(store, config, job, public_url=public_url, clock=clock,
                 transport=transport, report=report)
        done += len(jobs)
    return report


def run(store: Store, config: SmtpConfig, *, public_url: str, clock: Clock,
        stop: threading.Event, interval: float = 5.0, transport: Transport = send) -> None:
    """Drain the queue every ``interval`` seconds until ``stop`` is set; a store that fails
    is logged and tried again at the next round (the worker never dies of it)."""
    while not stop.is_set():
        try:
            send_due(store, config, public_url=public_url, clock=clock, transport=transport)
        except ApprenanceError as exc:
            log.warning("mail worker: %s", exc.message)
        stop.wait(interval)


def start_thread(store: Store, config: SmtpConfig, *, public_url: str, clock: Clock,
                 interval: float = 5.0) -> tuple[threading.Thread, threading.Event]:
    """The worker in a daemon thread (``apprenance serve``); set the event to stop it."""
    stop = threading.Event()
    thread = threading.Thread(target=run, name="apprenance-mail", daemon=True, kwargs={
        "store": store, "config": config, "public_url": public_url, "clock": clock,
        "stop": stop, "interval": interval})
    thread.start()
    return thread, stop


