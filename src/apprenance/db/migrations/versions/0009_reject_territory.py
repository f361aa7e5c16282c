"""rejects: the territory a reject belongs to, its reason as a message key and values, and the
file's name as sent

``territory`` is the territory of the coordinator (or of the territory page) the file was
received for, so that a coordinator sees their own rejects and no one else's; for files
ingested unscoped (the command line), the territory the row names; NULL when unknown (admins
see those). ``reason_key`` and ``reason_values``
let a page word the reason in its reader's language (``reason`` stays the ingest's wording);
``label`` is the file's name as its sender gave it (``source_file`` is where it is kept).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 11:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("rejects", schema=None) as batch_op:
        batch_op.add_column(sa.Column("territory", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("reason_key", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("reason_values", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("label", sa.String(length=300), nullable=True))
    op.create_index("ix_rejects_territory", "rejects", ["territory", "resolved_at"],
                    unique=False)


def downgrade() -> None:
    op.drop_index("ix_rejects_territory", table_name="rejects")
    with op.batch_alter_table("rejects", schema=None) as batch_op:
        batch_op.drop_column("label")
        batch_op.drop_column("reason_values")
        batch_op.drop_column("reason_key")
        batch_op.drop_column("territory")
