"""endorsers: third parties who endorse badges and pathways with their own keys, and their
signed endorsements (withdrawn ones stay, with when and why)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 14:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "endorsers",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("did", sa.Text(), nullable=False),
        sa.Column("public_multibase", sa.Text(), nullable=False),
        sa.Column("key_held", sa.String(length=10), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_endorsers")),
    )
    op.create_table(
        "endorsements",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("batch", sa.String(length=64), nullable=False),
        sa.Column("endorser_id", sa.String(length=100), nullable=False),
        sa.Column("badge_id", sa.String(length=100), nullable=False),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("withdrawn_at", UTC_TIME, nullable=True),
        sa.Column("withdrawn_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["endorser_id"], ["endorsers.id"],
                                name=op.f("fk_endorsements_endorser_id_endorsers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_endorsements")),
    )
    op.create_index("ix_endorsements_badge", "endorsements", ["badge_id", "lang"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_endorsements_badge", table_name="endorsements")
    op.drop_table("endorsements")
    op.drop_table("endorsers")
