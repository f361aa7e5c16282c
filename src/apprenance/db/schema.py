"""Create or upgrade the store's schema with Alembic, from the first migration to the last."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from apprenance.db.engine import check_connection
from apprenance.errors import StoreError

MIGRATIONS = Path(__file__).with_name("migrations")


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    """The newest migration shipped with this version of apprenance."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The migration the store is at, or None for an empty database."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str]:
    """Bring the store to ``revision``; returns (revision before, revision after)."""
    check_connection(engine)
    before = current_revision(engine)
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
        raise StoreError("the store is not initialised: run `apprenance init` first")
    if rev != head_revision():
        raise StoreError(
            f"the store is at schema {rev}, this version needs {head_revision()}: "
            "run `apprenance init` to upgrade it"
        )
