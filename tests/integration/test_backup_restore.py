"""Backups restore to the same portfolios (docs/operations.md): the example territory is
ingested, evaluated and issued; the store is backed up while open — PostgreSQL with
``pg_dump``, restored with ``pg_restore`` into an EMPTY new database; SQLite with the
sqlite3 online backup API — and the home folder's keys are copied. The restored instance
shows every learner the same portfolio, progress, evidence, awards and signed credentials,
and keeps working: new rows, idempotent ingest, revocation signed with the restored key."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from apprenance.bootstrap import App
from apprenance.clock import fixed_clock
from apprenance.config import load_settings
from apprenance.credentials.trust.data_integrity import check_proof
from apprenance.credentials.trust.keys import KeyStore, public_key_from_multibase
from apprenance.services.evaluation.evaluate import evaluate
from apprenance.services.ingest.pipeline import LogFile, ingest_files
from apprenance.services.issuing.issue import credentials_of, issue
from apprenance.services.issuing.revocation import revoke, status_list_document
from apprenance.services.people import access
from conftest import FIXED_NOW, PG_ADMIN_URL
from ops_world import EXAMPLES, PASSPHRASE, URLS, build, snapshot


def libpq(url: str) -> str:
    """The URL as pg_dump and psql read it (no SQLAlchemy driver name)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture
def empty_pg_database() -> Iterator[str]:
    """A new, empty PostgreSQL database (dropped afterwards)."""
    name = f"apprenance_restore_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": name})
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


def _run(*args: str) -> None:
    done = subprocess.run(args, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr


def _backup_and_restore(db_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """Back up the store at ``db_url`` while it is open; the URL of the restored copy."""
    if db_url.startswith("sqlite"):
        source = Path(str(make_url(db_url).database))
        backup = tmp_path / "backup" / "apprenance.sqlite3"
        backup.parent.mkdir()
        with sqlite3.connect(source) as live, sqlite3.connect(backup) as copy:
            live.backup(copy)  # consistent even with commits still in the WAL
        for path in source.parent.glob(source.name + "*"):
            path.unlink()  # the original is gone: what follows reads the backup only
        restored = tmp_path / "restored-home" / "apprenance.sqlite3"
        restored.parent.mkdir(exist_ok=True)
        shutil.copy2(backup, restored)
        return f"sqlite:///{restored}"
    dump = tmp_path / "apprenance.dump"
    _run("pg_dump", "--format=custom", "--no-owner", f"--file={dump}", libpq(db_url))
    target: str = request.getfixturevalue("empty_pg_database")
    with create_engine(target).connect() as conn:  # empty indeed
        assert conn.execute(text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
                            ).scalar_one() == 0
    _run("pg_restore", "--no-owner", "--exit-on-error", "--single-transaction",
         f"--dbname={libpq(target)}", str(dump))
    return target


def test_a_restored_backup_gives_the_same_portfolios(db_url: str, tmp_path: Path,
                                                      request: pytest.FixtureRequest) -> None:
    home = tmp_path / "home"
    operated = build(home, db_url)
    before = snapshot(operated.app.store, operated.catalog)
    operated.app.close()

    restored_url = _backup_and_restore(db_url, tmp_path, request)
    new_home = tmp_path / "restored-home"
    shutil.copytree(home / "keys", new_home / "keys", dirs_exist_ok=True)  # the home's keys
    for pem in (new_home / "keys").rglob("*.pem"):
        assert stat.S_IMODE(pem.stat().st_mode) == 0o600
    app = App(load_settings(home=new_home, database_url=restored_url, lang="fr",
                            public_url=URLS.base), clock=fixed_clock(FIXED_NOW))
    store = app.ready_store()  # at the current schema
    assert snapshot(store, operated.catalog) == before

    # the restored store keeps working: sequences, content hashes, keys
    assert access.create_token(store, role="admin", clock=app.clock)
    tally = ingest_files(store, operated.catalog,
                         [LogFile(EXAMPLES / "activites.csv", "activites.csv")],
                         clock=app.clock, lang="fr")
    assert tally.accepted == 0 and tally.duplicates > 600
    assert evaluate(store, operated.catalog, clock=app.clock, everyone=True).awards == []
    keys = KeyStore(new_home / "keys", PASSPHRASE)
    assert issue(store, operated.catalog, keys, urls=URLS, clock=app.clock).issued == []
    some = next(iter(before))
    first = next(c for c in credentials_of(store, some) if c["format"] == "ob3")
    done = revoke(store, keys, first["id"], reason="restore drill", urls=URLS, clock=app.clock)
    assert done.status_list is not None
    document = status_list_document(store, keys, URLS, "val-de-serre",
                                    int(done.status_list.rsplit("/", 1)[1].split(".")[0]))
    method = str(document["proof"]["verificationMethod"])
    public = public_key_from_multibase(method.split("#")[1])
    assert check_proof(document, document["proof"], public).valid
    app.close()
