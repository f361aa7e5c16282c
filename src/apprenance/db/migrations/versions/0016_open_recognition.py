"""open recognition: badge requests (their exchanges and files), endorsement requests,
learners' notes on their timeline

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 15:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "badge_requests",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), nullable=False),
        sa.Column("badge_id", sa.String(100), nullable=False),
        sa.Column("territory_id", sa.String(100)),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("review_comment", sa.Text),
        sa.Column("award_id", sa.Integer, sa.ForeignKey("awards.id")),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
    )
    op.create_index("ix_badge_requests_territory", "badge_requests",
                    ["territory_id", "status"])
    op.create_index("ix_badge_requests_learner", "badge_requests", ["learner_id"])
    op.create_table(
        "badge_request_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("request_id", sa.Integer, sa.ForeignKey("badge_requests.id"),
                  nullable=False),
        sa.Column("actor", sa.String(340), nullable=False),
        sa.Column("action", sa.String(12), nullable=False),
        sa.Column("text", sa.Text),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
    )
    op.create_index("ix_badge_request_events_request", "badge_request_events",
                    ["request_id"])
    op.create_table(
        "badge_request_files",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("request_id", sa.Integer, sa.ForeignKey("badge_requests.id"),
                  nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
    )
    op.create_table(
        "endorsement_requests",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), nullable=False),
        sa.Column("request_id", sa.Integer, sa.ForeignKey("badge_requests.id")),
        sa.Column("credential_id", sa.String(200)),
        sa.Column("witness", sa.String(320), nullable=False),
        sa.Column("witness_name", sa.Text),
        sa.Column("witness_role", sa.String(40), nullable=False),
        sa.Column("lang", sa.String(5), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("expires_at", WHEN, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("comment", sa.Text),
        sa.Column("endorsement_id", sa.String(200)),
        sa.Column("asked_by", sa.String(340), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("endorsed_at", WHEN),
        sa.Column("withdrawn_at", WHEN),
    )
    op.create_index("ix_endorsement_requests_request", "endorsement_requests",
                    ["request_id"])
    op.create_index("ix_endorsement_requests_credential", "endorsement_requests",
                    ["credential_id"])
    op.create_table(
        "learner_notes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), nullable=False),
        sa.Column("territory_id", sa.String(100)),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("file_name", sa.String(200)),
        sa.Column("media_type", sa.String(100)),
        sa.Column("sha256", sa.String(64)),
        sa.Column("data", sa.LargeBinary),
        sa.Column("activity_id", sa.String(200)),
        sa.Column("attested_by", sa.String(340)),
        sa.Column("created_at", WHEN, nullable=False),
    )
    op.create_index("ix_learner_notes_learner", "learner_notes", ["learner_id"])
    op.create_index("ix_learner_notes_territory", "learner_notes", ["territory_id"])


def downgrade() -> None:
    op.drop_table("learner_notes")
    op.drop_table("endorsement_requests")
    op.drop_table("badge_request_files")
    op.drop_table("badge_request_events")
    op.drop_table("badge_requests")
