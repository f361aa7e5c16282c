"""award_holds: awards a coordinator holds back from issuing, with the reason (released
holds stay, with who released them and when)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "award_holds",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("award_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("held_by", sa.Text(), nullable=True),
        sa.Column("held_at", UTC_TIME, nullable=False),
        sa.Column("released_at", UTC_TIME, nullable=True),
        sa.Column("released_by", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["award_id"], ["awards.id"],
                                name=op.f("fk_award_holds_award_id_awards")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_award_holds")),
    )
    op.create_index("ix_award_holds_award", "award_holds", ["award_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_award_holds_award", table_name="award_holds")
    op.drop_table("award_holds")
