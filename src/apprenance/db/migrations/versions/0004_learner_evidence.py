"""learner evidence: one compact value of totals per learner; no index on activity types

Evidence totals are derived from the activities: the new table starts empty and the stored
catalog version of the totals is forgotten, so that the next read or write rebuilds them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 00:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EVIDENCE_VERSION_KEY = "evidence_catalog_version"


def _forget_evidence_version() -> None:
    op.execute(sa.text("DELETE FROM store_meta WHERE key = :key").bindparams(
        key=EVIDENCE_VERSION_KEY))


def upgrade() -> None:
    op.create_table(
        "learner_evidence",
        sa.Column("learner_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("totals", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["learner_id"], ["learners.id"], name=op.f("fk_learner_evidence_learner_id_learners")
        ),
        sa.PrimaryKeyConstraint("learner_id", name=op.f("pk_learner_evidence")),
    )
    op.drop_table("evidence_totals")
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_index("ix_activities_type")
    _forget_evidence_version()


def downgrade() -> None:
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.create_index("ix_activities_type", ["activity_type"], unique=False)
    op.create_table(
        "evidence_totals",
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("dimension", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["learner_id"], ["learners.id"], name=op.f("fk_evidence_totals_learner_id_learners")
        ),
        sa.PrimaryKeyConstraint("learner_id", "dimension", "key", name=op.f("pk_evidence_totals")),
    )
    op.drop_table("learner_evidence")
    _forget_evidence_version()
