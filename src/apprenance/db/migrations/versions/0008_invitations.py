"""invitations: single-use sign-in links for coordinators (one territory each), sent by an
admin from the command line or the browser

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 11:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("territory_id", sa.String(length=100), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=True),
        sa.Column("invited_by", sa.Text(), nullable=True),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("expires_at", UTC_TIME, nullable=False),
        sa.Column("used_at", UTC_TIME, nullable=True),
        sa.Column("revoked_at", UTC_TIME, nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["territory_id"], ["territories.id"],
                                name=op.f("fk_invitations_territory_id_territories")),
        sa.ForeignKeyConstraint(["session_id"], ["api_tokens.id"],
                                name=op.f("fk_invitations_session_id_api_tokens")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitations")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_invitations_token_hash")),
    )
    op.create_index("ix_invitations_territory", "invitations", ["territory_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_invitations_territory", table_name="invitations")
    op.drop_table("invitations")
