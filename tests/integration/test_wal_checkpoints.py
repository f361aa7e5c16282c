"""While a large ingest runs, SQLite's commits leave copying the write-ahead log into the
database file to a thread of its own (``db/wal_checkpoints``): a commit copies nothing, the
thread copies everything committed once told, and the engine's connections copy at commit
again afterwards."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from apprenance.db.engine import make_engine
from apprenance.db.wal_checkpoints import DEFAULT_PAGES, checkpoints_apart


def _rows(n: int, start: int = 0) -> list[dict[str, object]]:
    return [{"i": i, "v": "x" * 500} for i in range(start, start + n)]


def _wal_pages(path: Path) -> int:
    wal = path.with_name(path.name + "-wal")
    return wal.stat().st_size // 4096 if wal.exists() else 0


def test_commits_leave_the_log_to_the_thread_then_copy_again(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (i INTEGER PRIMARY KEY, v TEXT)"))
        with checkpoints_apart(engine) as committed:
            with engine.begin() as conn:
                assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
                conn.execute(text("INSERT INTO t VALUES (:i, :v)"), _rows(20_000))
            # over 1,000 pages in the log, and the commit copied none into the file
            assert _wal_pages(path) > DEFAULT_PAGES
            assert path.stat().st_size < 100_000
            committed()
        # the thread copied everything committed (and was waited for): the file holds the rows
        assert path.stat().st_size > 20_000 * 500
        with engine.begin() as conn:  # commits copy again
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == DEFAULT_PAGES
            assert conn.execute(text("SELECT count(*) FROM t")).scalar() == 20_000
    finally:
        engine.dispose()


def test_no_thread_for_a_database_in_memory() -> None:
    engine = make_engine("sqlite://")
    try:
        with checkpoints_apart(engine) as committed:
            committed()
            with engine.begin() as conn:
                assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == (
                    DEFAULT_PAGES)
    finally:
        engine.dispose()
