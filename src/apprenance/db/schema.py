"""Create or upgrade the store's schema with Alembic, from the first migration to the last.

Every command checks that the store is at the newest migration (``require_current``) without
loading Alembic (0.07 s of each command's start): the revision is read from Alembic's own
table, and the newest one shipped is ``HEAD_REVISION`` (``tests/integration/test_migrations``
checks that it is the head of the migrations folder).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from apprenance.db.engine import check_connection
from apprenance.errors import StoreError, StoreNotReady

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD_REVISION = "0016"  # the newest file of migrations/versions
VERSION_TABLE = "alembic_version"  # Alembic's default, which env.py keeps


def _config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    """The newest migration shipped with this version of apprenance."""
    return HEAD_REVISION


def current_revision(engine: Engine) -> str | None:
    """The migration the store is at, or None for an empty database."""
    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        found = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(found) > 1:
        raise StoreError(f"the store is at several schemas at once: {', '.join(found)}")
    return str(found[0]) if found else None


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str]:
    """Bring the store to ``revision``; returns (revision before, revision after)."""
    check_connection(engine)
    before = current_revision(engine)
    from alembic import command

    cfg = _config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    except SQLAlchemyError as exc:
        raise StoreError(f"schema migration failed: {exc.__class__.__name__}: {exc}") from None
    return before, current_revision(engine) or ""


def require_current(engine: Engine) -> None:
    """Raise a clear error when the store is missing or behind this version's schema."""
    check_connection(engine)
    rev = current_revision(engine)
    if rev is None:
        raise StoreNotReady("store.not_initialised")
    if rev != head_revision():
        raise StoreNotReady("store.behind", revision=rev, needed=head_revision())
