"""issuers.country: the issuer's country (ISO 3166-1 alpha-2), a micro-credential element
(EU Council Recommendation 2022, Annex I); France for the issuers made before

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 14:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("issuers") as batch:
        batch.add_column(sa.Column("country", sa.String(2), nullable=False,
                                   server_default="FR"))


def downgrade() -> None:
    with op.batch_alter_table("issuers") as batch:
        batch.drop_column("country")
