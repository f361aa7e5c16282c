"""The store's tables, as SQLAlchemy Core ``Table``s on one ``MetaData``.

Domain objects reach the database through explicit converters and queries (no ORM mapping):
most data here is append-only (activities, evidence, awards, credentials), so change tracking
buys little. Portable types only: the same schema runs on SQLite and PostgreSQL.
Times are stored UTC-aware. Every row that came from an input keeps its source
(``source_file``/``source_line`` or ``source_ref`` for an xAPI statement id).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)



class UtcDateTimeType(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back UTC-aware (SQLite keeps no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


UtcDateTime = UtcDateTimeType()

store_meta = Table(
    "store_meta",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

territories = Table(
    "territories",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("name", Text, nullable=False),
    Column("data", JSON, nullable=False, default=dict),
    Column("source_file", Text),
    Column("source_line", Integer),
    Column("created_at", UtcDateTime, nullable=False),
)

projects = Table(
    "projects",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("territory_id", String(100), ForeignKey("territories.id"), nullable=True),
    Column("name", Text, nullable=False),
    Column("functions", JSON, nullable=False, default=list),
    Column("schemes", JSON, nullable=False, default=list),
    Column("data", JSON, nullable=False, default=dict),
    Column("source_file", Text),
    Column("source_line", Integer),
    Column("created_at", UtcDateTime, nullable=False),
)

learners = Table(
    "learners",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("participant", String(320), nullable=False, unique=True),
    Column("name", Text),
    Column("role", String(20)),
    Column("lang", String(5)),
    Column("territory_id", String(100), ForeignKey("territories.id"), nullable=True),
    Column("first_activity", UtcDateTime),
    Column("last_activity", UtcDateTime),
    Column("evidence_changed_at", UtcDateTime),
    Column("evaluated_at", UtcDateTime),
    Column("source_file", Text),
    Column("source_line", Integer),
    Column("created_at", UtcDateTime, nullable=False),
    Column("erased_at", UtcDateTime),
)

activities = Table(
    "activities",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("learner_id", Integer, ForeignKey("learners.id"), nullable=False),
    Column("occurred_at", UtcDateTime, nullable=False),
    Column("occurred_on", Date, nullable=False),
    Column("territory_id", String(100)),
    Column("project_id", String(100)),
    Column("function", String(50)),
    Column("activity_type", String(100), nullable=False),
    Column("assigned_type", String(100)),
    Column("suggested_type", String(100)),
    Column("duration_hours", Float, nullable=False),
    Column("description", Text),
    Column("evidence_url", Text),
    Column("extra", JSON),
    Column("content_hash", String(64), nullable=False),
    Column("voided", Boolean, nullable=False, default=False),
    Column("source_file", Text),
    Column("source_line", Integer),
    Column("source_ref", Text),
    Column("ingested_at", UtcDateTime, nullable=False),
)
# dropped while a large file is loaded into a (nearly) empty store, built again after it
# (``db/bulk_load``)
activities_by_learner = Index("ix_activities_learner", activities.c.learner_id,
                              activities.c.occurred_at)

attestations = Table(
    "attestations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("activity_id", String(200), ForeignKey("activities.id"), nullable=False),
    Column("witness", String(320), nullable=False),
    Column("witness_role", String(20)),
    Column("comment", Text),
    Column("source_file", Text),
    Column("source_line", Integer),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("activity_id", "witness", name="uq_attestations_activity_witness"),
)

rejects = Table(
    "rejects",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source_file", Text, nullable=False),
    Column("line", Integer),
    Column("statement_id", Text),
    Column("field", String(100)),
    Column("reason", Text, nullable=False),
    Column("raw", Text, nullable=False),
    Column("raw_hash", String(64), nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("resolved_at", UtcDateTime),
    Column("dismissed_reason", Text),  # set by `rejects dismiss`: closed by hand, and why
    # the territory the file was received for (a coordinator's, a territory page's), else
    # the one the row names (NULL: unknown); the reason as a message key and its values
    Column("territory", String(100)),
    Column("reason_key", String(100)),
    Column("reason_values", Text),  # JSON
    Column("label", String(300)),  # the file's name as its sender gave it
)
Index("ix_rejects_territory", rejects.c.territory, rejects.c.resolved_at)

# A learner's evidence totals, one compact value each (``domain.evidence_codec``): ingest
# rewrites each learner of a transaction once, evaluation reads whole learners.
learner_evidence = Table(
    "learner_evidence",
    metadata,
    Column("learner_id", Integer, ForeignKey("learners.id"), primary_key=True,
           autoincrement=False),
    Column("totals", LargeBinary, nullable=False),
)

awards = Table(
    "awards",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("learner_id", Integer, ForeignKey("learners.id"), nullable=False),
    Column("badge_id", String(100), nullable=False),
    Column("awarded_at", UtcDateTime, nullable=False),  # when the evaluation recorded it
    Column("awarded_on", Date),  # the day the evidence met the rule (NULL: see awarded_at)
    Column("catalog_version", String(64), nullable=False),
    Column("activity_ids", JSON, nullable=False, default=list),
    Column("issued_at", UtcDateTime),
    UniqueConstraint("learner_id", "badge_id", name="uq_awards_learner_badge"),
)

credentials = Table(
    "credentials",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("award_id", Integer, ForeignKey("awards.id"), nullable=True),
    Column("learner_id", Integer, ForeignKey("learners.id"), nullable=True),
    Column("format", String(20), nullable=False),
    Column("document", JSON, nullable=False),
    Column("issued_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime),
    Column("revocation_reason", Text),
)

# Files the command line wrote for a learner (certificate, learner export, CLR, credit export):
# an erasure deletes those inside the home folder and lists the others for review; a
# ``shared`` file names several people (a credit export) and is only listed, never deleted.
written_files = Table(
    "written_files",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("learner_id", Integer, ForeignKey("learners.id"), nullable=False),
    Column("path", Text, nullable=False),  # absolute, resolved when written
    Column("kind", String(40), nullable=False),  # certificate | export | clr | credits
    Column("shared", Boolean, nullable=False, default=False),
    Column("written_at", UtcDateTime, nullable=False),
)
Index("ix_written_files_learner", written_files.c.learner_id)
