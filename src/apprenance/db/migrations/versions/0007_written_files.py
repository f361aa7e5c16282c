"""written_files: the files the command line wrote for a learner, so that an erasure finds
them (certificate --out, learner export --out, clr --out, certificate batches, credit exports)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 08:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "written_files",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("shared", sa.Boolean(), nullable=False),
        sa.Column("written_at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["learner_id"], ["learners.id"], name=op.f("fk_written_files_learner_id_learners")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_written_files")),
    )
    op.create_index("ix_written_files_learner", "written_files", ["learner_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_written_files_learner", table_name="written_files")
    op.drop_table("written_files")
