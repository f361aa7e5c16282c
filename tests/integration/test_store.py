"""The store: created and upgraded with Alembic, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from apprenance.db.schema import current_revision, head_revision
from apprenance.db.store import Store


def test_init_creates_every_table_then_is_idempotent(cli, home: Path, db_url: str) -> None:
    first = cli("--home", home, "--db", db_url, "init", "--json")
    assert first.code == 0, first.err
    assert first.json()["before"] is None
    assert first.json()["after"] == head_revision()
    second = cli("--home", home, "--db", db_url, "init", "--json")
    assert second.code == 0
    assert second.json()["before"] == second.json()["after"] == head_revision()
    store = Store.open(db_url)
    names = set(inspect(store.engine).get_table_names())
    assert {"territories", "projects", "learners", "activities", "attestations", "rejects",
            "learner_evidence", "awards", "credentials"} <= names
    assert current_revision(store.engine) == head_revision()
    store.dispose()


def test_default_store_is_an_sqlite_file_in_home(cli, home: Path) -> None:
    result = cli("--home", home, "init")
    assert result.code == 0, result.err
    assert (home / "apprenance.sqlite3").is_file()
    assert head_revision() in result.out
    assert oct((home).stat().st_mode & 0o777) == "0o700"


def test_unreachable_database_is_a_clear_error_not_a_traceback(cli, home: Path) -> None:
    result = cli("--home", home, "--db", "postgresql+psycopg://postgres@127.0.0.1:1/x", "init")
    assert result.code == 2
    assert "cannot reach the database" in result.err
    assert "Traceback" not in result.err + result.out


def test_unsupported_database_url(cli, home: Path) -> None:
    result = cli("--home", home, "--db", "mysql://x@localhost/y", "init")
    assert result.code == 2
    assert "unsupported database" in result.err


def test_jobs_refuse_an_uninitialised_store(cli, home: Path, tmp_path: Path) -> None:
    f = tmp_path / "t.yaml"
    f.write_text("id: t\nname: T\n", encoding="utf-8")
    result = cli("--home", home, "territory", f)
    assert result.code == 2
    assert "apprenance init" in result.err
