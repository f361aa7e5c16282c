"""credential_issuance.public_at: since when the learner shows their name and evidence on the
credential's public page (NULL: private, the default)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 14:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("credential_issuance") as batch:
        batch.add_column(sa.Column("public_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("credential_issuance") as batch:
        batch.drop_column("public_at")
