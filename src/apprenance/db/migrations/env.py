"""Alembic environment: runs migrations on the connection handed over by apprenance.db.schema."""

from __future__ import annotations

from alembic import context

from apprenance.db import (  # noqa: F401 - theirs too
    access_tables,
    issuing_tables,
    mail_tables,
    recognition_tables,
)
from apprenance.db.tables import metadata

config = context.config
connection = config.attributes.get("connection")

if connection is None:  # pragma: no cover - apprenance always passes its connection
    raise RuntimeError("apprenance migrations run through `apprenance init`")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
