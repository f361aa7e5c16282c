"""wallet_offers and wallet_nonces: credentials handed to phone wallets (VC-API exchange,
OpenID4VCI pre-authorized code), every secret hashed, each offer delivered once

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 14:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "wallet_offers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("credential_id", sa.String(length=200), nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("offer_hash", sa.String(length=64), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("tx_code_hash", sa.String(length=64), nullable=True),
        sa.Column("tx_failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("challenge", sa.String(length=100), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("expires_at", UTC_TIME, nullable=False),
        sa.Column("code_used_at", UTC_TIME, nullable=True),
        sa.Column("token_hash", sa.String(length=64), nullable=True),
        sa.Column("token_expires_at", UTC_TIME, nullable=True),
        sa.Column("delivered_at", UTC_TIME, nullable=True),
        sa.Column("protocol", sa.String(length=10), nullable=True),
        sa.Column("holder_did", sa.Text(), nullable=True),
        sa.Column("delivered_id", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["credential_id"], ["credentials.id"],
                                name=op.f("fk_wallet_offers_credential_id_credentials")),
        sa.ForeignKeyConstraint(["learner_id"], ["learners.id"],
                                name=op.f("fk_wallet_offers_learner_id_learners")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wallet_offers")),
        sa.UniqueConstraint("offer_hash", name=op.f("uq_wallet_offers_offer_hash")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_wallet_offers_code_hash")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_wallet_offers_token_hash")),
    )
    op.create_index("ix_wallet_offers_credential", "wallet_offers", ["credential_id"],
                    unique=False)
    op.create_table(
        "wallet_nonces",
        sa.Column("nonce_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", UTC_TIME, nullable=False),
        sa.Column("used_at", UTC_TIME, nullable=True),
        sa.PrimaryKeyConstraint("nonce_hash", name=op.f("pk_wallet_nonces")),
    )


def downgrade() -> None:
    op.drop_table("wallet_nonces")
    op.drop_index("ix_wallet_offers_credential", table_name="wallet_offers")
    op.drop_table("wallet_offers")
