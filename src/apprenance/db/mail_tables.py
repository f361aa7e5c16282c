"""The mail queue: one row per message to send (``mail_jobs``), on the same ``MetaData`` as
the other tables (``apprenance.db.tables``).

A job is written complete (subject, plain text, HTML, the inline image) by the transaction
that has something to tell, so nothing is lost when the process is killed; a worker claims it
with a lease (``lease_until``), sends it and records the outcome. ``dedupe_key`` is unique:
issuing again, a retry or a second click never queues the same message twice.

Links that sign in are never stored: the text holds the ``{{link}}`` placeholder, and the
worker makes the single-use link when it sends (a learner's sign-in link, landing on
``link_next``), or, for an invitation whose secret was made first, reads ``link_token``, which
is wiped once the job is over (sent, failed, bounced).
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, LargeBinary, String, Table, Text

from apprenance.db.tables import UtcDateTime, metadata

MAIL_STATUSES = ("queued", "sending", "sent", "failed", "bounced")

mail_jobs = Table(
    "mail_jobs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(30), nullable=False),  # badge-issued | sign-in | invitation
    Column("recipient", String(320), nullable=False),
    Column("lang", String(5), nullable=False),
    Column("subject", Text, nullable=False),
    Column("text_body", Text, nullable=False),
    Column("html_body", Text, nullable=False),
    Column("image", LargeBinary),  # a PNG shown inline (cid:badge)
    Column("territory_id", String(100)),
    Column("learner_id", Integer, ForeignKey("learners.id")),
    Column("dedupe_key", String(300), nullable=False, unique=True),
    Column("link_kind", String(20)),  # sign-in | token | NULL (no link)
    Column("link_next", Text),  # where a sign-in link lands (a local path)
    Column("link_token", Text),  # an invitation's secret, until the job is over
    Column("link_days", Integer),  # how long a sign-in link made at sending lasts
    Column("status", String(10), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UtcDateTime, nullable=False),
    Column("lease_until", UtcDateTime),
    Column("last_error", Text),
    Column("message_id", String(300)),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("sent_at", UtcDateTime),
)
Index("ix_mail_jobs_due", mail_jobs.c.status, mail_jobs.c.next_attempt_at)
Index("ix_mail_jobs_territory", mail_jobs.c.territory_id, mail_jobs.c.created_at)
