"""issuing: issuers, Bitstring Status Lists, and what was issued per credential

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 21:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "issuers",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("image", sa.Text(), nullable=True),
        sa.Column("territory_id", sa.String(length=100), nullable=True),
        sa.Column("did_method", sa.String(length=10), nullable=False),
        sa.Column("did", sa.Text(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("rotated_at", UTC_TIME, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issuers")),
    )
    op.create_table(
        "status_lists",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("issuer_id", sa.String(length=100), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("bits", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["issuer_id"], ["issuers.id"], name=op.f("fk_status_lists_issuer_id_issuers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_lists")),
    )
    op.create_table(
        "credential_issuance",
        sa.Column("credential_id", sa.String(length=200), nullable=False),
        sa.Column("issuer_id", sa.String(length=100), nullable=False),
        sa.Column("badge_id", sa.String(length=100), nullable=True),
        sa.Column("lang", sa.String(length=5), nullable=True),
        sa.Column("status_list_id", sa.Integer(), nullable=True),
        sa.Column("status_index", sa.Integer(), nullable=True),
        sa.Column("jwt", sa.Text(), nullable=True),
        sa.Column("ob2_id", sa.Text(), nullable=True),
        sa.Column("ob2_assertion", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["credential_id"], ["credentials.id"],
            name=op.f("fk_credential_issuance_credential_id_credentials"),
        ),
        sa.ForeignKeyConstraint(
            ["issuer_id"], ["issuers.id"], name=op.f("fk_credential_issuance_issuer_id_issuers")
        ),
        sa.ForeignKeyConstraint(
            ["status_list_id"], ["status_lists.id"],
            name=op.f("fk_credential_issuance_status_list_id_status_lists"),
        ),
        sa.PrimaryKeyConstraint("credential_id", name=op.f("pk_credential_issuance")),
        sa.UniqueConstraint(
            "status_list_id", "status_index", name="uq_credential_issuance_status"
        ),
    )


def downgrade() -> None:
    op.drop_table("credential_issuance")
    op.drop_table("status_lists")
    op.drop_table("issuers")
