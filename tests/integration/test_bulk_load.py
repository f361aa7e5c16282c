"""A large file into a store that holds little yet (SQLite): the activities' learner index is
dropped for the load and built after it; it is there again after every ingest, one that failed
midway included, and after ``apprenance init`` (an ingest killed during its load)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select

import apprenance.db.bulk_load as bulk_load
import apprenance.db.ingest_sql as ingest_sql
import apprenance.services.ingest.pipeline as pipeline
from apprenance.db.tables import activities
from apprenance.importers import csv_log
from ingest_cli import Cli, rows_of, run

HEAD = "id,date,participant,territoire,projet,activite,duree\n"
INDEX = "ix_activities_learner"


def _log(path: Path, first: int, count: int) -> Path:
    path.write_text(HEAD + "".join(
        f"r{i},2025-0{1 + i % 9}-{1 + i % 28:02d},p{i % 7}@example.org,val,jardin,"
        f"atelier-cuisine,1.5\n" for i in range(first, first + count)), encoding="utf-8")
    return path


def _has_index(db_url: str) -> bool:
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                sql = f"SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = '{INDEX}'"
            else:
                sql = f"SELECT 1 FROM pg_indexes WHERE indexname = '{INDEX}'"
            return conn.exec_driver_sql(sql).first() is not None
    finally:
        engine.dispose()


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether the learner index was there, at the start of each transaction of the ingest;
    small thresholds (a few rows make a large file) and one batch per transaction."""
    monkeypatch.setattr(bulk_load, "BULK_MIN_ROWS", 20)
    monkeypatch.setattr(pipeline, "SQLITE_COMMIT_ROWS", 1)
    monkeypatch.setattr(pipeline, "COMMIT_ROWS", 1)
    monkeypatch.setattr(csv_log.read_csv, "__defaults__", (50,))  # batches of 50 rows
    found: list[bool] = []
    lock = ingest_sql.lock_for_writing

    def noting(conn: Any) -> None:
        lock(conn)
        found.append(bulk_load._has_learner_index(conn))

    monkeypatch.setattr(ingest_sql, "lock_for_writing", noting)
    return found


def test_large_load_into_an_empty_store_builds_the_index_after(
    cli: Cli, store: list[str], db_url: str, tmp_path: Path, seen: list[bool],
) -> None:
    report = run(cli, store, "ingest", "--json", _log(tmp_path / "big.csv", 0, 300))
    assert report["accepted"] == 300 and report["rejected"] == 0
    sqlite = db_url.startswith("sqlite")
    # SQLite loads without it; PostgreSQL keeps it (its 24-hour cap reads by learner)
    assert seen and set(seen) == {not sqlite}
    assert _has_index(db_url)
    assert rows_of(db_url, select(func.count()).select_from(activities))[0]["count_1"] == 300
    # the same file again: all duplicates, nothing lost, the index still there
    again = run(cli, store, "ingest", "--json", tmp_path / "big.csv")
    assert again["accepted"] == 0 and again["duplicates"] == 300
    assert _has_index(db_url)


def test_a_small_file_into_a_full_store_keeps_the_index(
    cli: Cli, store: list[str], db_url: str, tmp_path: Path, seen: list[bool],
) -> None:
    run(cli, store, "ingest", "--json", _log(tmp_path / "big.csv", 0, 300))
    seen.clear()
    report = run(cli, store, "ingest", "--json", _log(tmp_path / "small.csv", 300, 60))
    assert report["accepted"] == 60
    assert seen and all(seen)  # 60 rows against 300 stored: kept up to date, not dropped
    assert _has_index(db_url)


def test_an_ingest_failing_midway_builds_the_index_again(
    cli: Cli, store: list[str], db_url: str, tmp_path: Path, seen: list[bool],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    noting = ingest_sql.lock_for_writing

    def failing(conn: Any) -> None:
        noting(conn)
        if len(seen) == 3:
            raise OSError("disk gone")

    monkeypatch.setattr(ingest_sql, "lock_for_writing", failing)
    result = cli(*store, "ingest", "--json", _log(tmp_path / "big.csv", 0, 300))
    assert result.code != 0
    assert len(seen) == 3
    assert _has_index(db_url)


def test_init_builds_the_index_an_ingest_killed_midway_left_dropped(
    cli: Cli, store: list[str], db_url: str, tmp_path: Path,
) -> None:
    engine = create_engine(db_url)
    try:
        with engine.begin() as conn:
            bulk_load.drop_learner_index(conn)  # where a killed bulk load leaves the store
    finally:
        engine.dispose()
    assert not _has_index(db_url)
    assert cli(*store, "init").code == 0
    assert _has_index(db_url)
