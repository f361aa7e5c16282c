"""mail_jobs: the mail queue (badge issued, sign-in links, invitations), with its lease,
attempts, backoff, outcome and a unique dedupe key

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 14:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "mail_jobs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("recipient", sa.String(length=320), nullable=False),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("text_body", sa.Text(), nullable=False),
        sa.Column("html_body", sa.Text(), nullable=False),
        sa.Column("image", sa.LargeBinary(), nullable=True),
        sa.Column("territory_id", sa.String(length=100), nullable=True),
        sa.Column("learner_id", sa.Integer(), nullable=True),
        sa.Column("dedupe_key", sa.String(length=300), nullable=False),
        sa.Column("link_kind", sa.String(length=20), nullable=True),
        sa.Column("link_next", sa.Text(), nullable=True),
        sa.Column("link_token", sa.Text(), nullable=True),
        sa.Column("link_days", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTC_TIME, nullable=False),
        sa.Column("lease_until", UTC_TIME, nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("message_id", sa.String(length=300), nullable=True),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
        sa.Column("sent_at", UTC_TIME, nullable=True),
        sa.ForeignKeyConstraint(["learner_id"], ["learners.id"],
                                name=op.f("fk_mail_jobs_learner_id_learners")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_jobs")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_mail_jobs_dedupe_key")),
    )
    op.create_index("ix_mail_jobs_due", "mail_jobs", ["status", "next_attempt_at"],
                    unique=False)
    op.create_index("ix_mail_jobs_territory", "mail_jobs", ["territory_id", "created_at"],
                    unique=False)


def downgrade() -> None:
    op.drop_index("ix_mail_jobs_territory", table_name="mail_jobs")
    op.drop_index("ix_mail_jobs_due", table_name="mail_jobs")
    op.drop_table("mail_jobs")
