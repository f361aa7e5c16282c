"""Open recognition (issue 18): badge requests made by learners, their exchanges with the
coordinator and their attached files, and endorsement requests sent to witnesses (a
resident, an elected official, a peer) by an e-mailed link. On the same ``MetaData`` as the
other tables (``apprenance.db.tables``).

A witness has no account: their link's secret is never stored, only its SHA-256
(``token_hash``), with an expiry; the same link lets them withdraw what they wrote."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)

from apprenance.db.tables import UtcDateTime, metadata

REQUEST_STATES = ("submitted", "more", "accepted", "declined")
ENDORSEMENT_STATES = ("asked", "endorsed", "withdrawn")

badge_requests = Table(
    "badge_requests",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("learner_id", Integer, ForeignKey("learners.id"), nullable=False),
    Column("badge_id", String(100), nullable=False),
    Column("territory_id", String(100)),
    Column("status", String(12), nullable=False),  # REQUEST_STATES
    Column("reason", Text, nullable=False),  # why, in the learner's words
    Column("evidence", JSON, nullable=False, default=list),  # [{kind, text, url, file}]
    Column("review_comment", Text),  # the coordinator's last word (comment, question, reason)
    Column("award_id", Integer, ForeignKey("awards.id")),  # once accepted
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)
Index("ix_badge_requests_territory", badge_requests.c.territory_id, badge_requests.c.status)
Index("ix_badge_requests_learner", badge_requests.c.learner_id)

request_events = Table(  # the exchange, in order: who did what, and said what (the audit)
    "badge_request_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("request_id", Integer, ForeignKey("badge_requests.id"), nullable=False),
    Column("actor", String(340), nullable=False),  # the learner, or "coordinator token N"
    Column("action", String(12), nullable=False),  # submitted|more|answered|accepted|declined
    Column("text", Text),
    Column("evidence", JSON, nullable=False, default=list),
    Column("created_at", UtcDateTime, nullable=False),
)
Index("ix_badge_request_events_request", request_events.c.request_id)

request_files = Table(
    "badge_request_files",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("request_id", Integer, ForeignKey("badge_requests.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

endorsement_requests = Table(
    "endorsement_requests",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("learner_id", Integer, ForeignKey("learners.id"), nullable=False),
    Column("request_id", Integer, ForeignKey("badge_requests.id")),  # a request under review
    Column("credential_id", String(200)),  # or a credential already issued
    Column("witness", String(320), nullable=False),  # their e-mail address
    Column("witness_name", Text),
    Column("witness_role", String(40), nullable=False),  # habitant | elu | pair
    Column("lang", String(5), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("status", String(10), nullable=False),  # ENDORSEMENT_STATES
    Column("comment", Text),
    Column("endorsement_id", String(200)),  # the signed EndorsementCredential, if standalone
    Column("asked_by", String(340), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("endorsed_at", UtcDateTime),
    Column("withdrawn_at", UtcDateTime),
)
Index("ix_endorsement_requests_request", endorsement_requests.c.request_id)
Index("ix_endorsement_requests_credential", endorsement_requests.c.credential_id)

learner_notes = Table(  # the learner's own evidence on their timeline (issue 18, item 3)
    "learner_notes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("learner_id", Integer, ForeignKey("learners.id"), nullable=False),
    Column("territory_id", String(100)),
    Column("day", Date, nullable=False),  # when it happened, as the learner says
    Column("text", Text, nullable=False),  # a reflective note, or what the file shows
    Column("file_name", String(200)),
    Column("media_type", String(100)),
    Column("sha256", String(64)),
    Column("data", LargeBinary),
    Column("activity_id", String(200)),  # once a coordinator turned it into an activity
    Column("attested_by", String(340)),
    Column("created_at", UtcDateTime, nullable=False),
)
Index("ix_learner_notes_learner", learner_notes.c.learner_id)
Index("ix_learner_notes_territory", learner_notes.c.territory_id)
