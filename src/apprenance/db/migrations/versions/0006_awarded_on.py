"""awards: the day the evidence met the rule (``awarded_on``), apart from when it was recorded

``awarded_at`` stays the time the evaluation recorded the award; ``awarded_on`` is the day of
the activity that made the rule hold (issue 19). Awards recorded before this revision get the
day they were recorded on: the only date they ever had.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 08:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("awards", schema=None) as batch_op:
        batch_op.add_column(sa.Column("awarded_on", sa.Date(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        op.execute("UPDATE awards SET awarded_on = date(awarded_at)")
    else:
        op.execute("UPDATE awards SET awarded_on = (awarded_at AT TIME ZONE 'UTC')::date")


def downgrade() -> None:
    with op.batch_alter_table("awards", schema=None) as batch_op:
        batch_op.drop_column("awarded_on")
