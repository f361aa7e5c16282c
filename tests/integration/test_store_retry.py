"""Transactions the database refuses for a concurrent one's sake (a PostgreSQL deadlock, a stale
SQLite snapshot) are ``StoreConflict`` and run again whole; driver errors are ours; an ingest
replays its batches after such a refusal, and reports (never hangs on) a failed last commit."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from apprenance.contracts.records import Batch, Problem
from apprenance.db.store import Store, StoreConflict, retrying
from apprenance.errors import StoreError
from apprenance.services.ingest import pipeline as ingest


def _store(url: str) -> Store:
    store = Store.open(url)
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS retry_probe"))
        conn.execute(text("CREATE TABLE retry_probe (id INTEGER PRIMARY KEY, n INTEGER)"))
        conn.execute(text("INSERT INTO retry_probe VALUES (1, 0), (2, 0)"))
    return store


@pytest.mark.postgres
def test_a_deadlock_is_run_again_whole(pg_server_url: str) -> None:
    store = _store(pg_server_url)
    both_hold_one = threading.Barrier(2, timeout=10)
    runs: list[int] = []

    def add_to_both(first: int, second: int) -> None:
        def work(conn: Connection) -> None:
            runs.append(first)
            conn.execute(text("UPDATE retry_probe SET n = n + 1 WHERE id = :i"), {"i": first})
            if runs.count(first) == 1:
                both_hold_one.wait()  # each holds a row the other wants next: a deadlock
            conn.execute(text("UPDATE retry_probe SET n = n + 1 WHERE id = :i"), {"i": second})

        store.retrying(work)

    threads = [threading.Thread(target=add_to_both, args=ids) for ids in ((1, 2), (2, 1))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    with store.transaction() as conn:
        counts = dict(conn.execute(text("SELECT id, n FROM retry_probe")).tuples().all())
        conn.execute(text("DROP TABLE retry_probe"))
    store.dispose()
    assert len(runs) == 3  # one of the two was rolled back and ran again
    assert counts == {1: 2, 2: 2}  # each ran whole, once


def test_a_stale_sqlite_snapshot_is_a_conflict(tmp_path: Path) -> None:
    store = _store(f"sqlite:///{tmp_path / 'probe.sqlite3'}")
    with pytest.raises(StoreConflict), store.transaction() as reader:
        reader.exec_driver_sql("BEGIN")
        reader.execute(text("SELECT n FROM retry_probe")).all()
        with store.transaction() as writer:
            writer.execute(text("UPDATE retry_probe SET n = n + 1"))
        reader.execute(text("UPDATE retry_probe SET n = n + 10"))
    store.dispose()


def test_driver_errors_used_directly_are_ours(db_url: str) -> None:
    store = _store(db_url)
    with pytest.raises(StoreError) as raised, store.transaction() as conn:
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        cursor.execute("SELECT * FROM no_such_table")
    assert not isinstance(raised.value, StoreConflict)
    assert "no_such_table" in raised.value.message
    store.dispose()


def test_retrying_gives_up_after_its_attempts() -> None:
    undone: list[int] = []

    def refused() -> None:
        raise StoreConflict("refused")

    with pytest.raises(StoreConflict):
        retrying(refused, attempts=3, before_retry=lambda: undone.append(1))
    assert len(undone) == 2


class _Writer:
    """Stands for ``BatchWriter``: the database refuses its first ``refusals`` transactions
    (at their commit), or fails every commit with ``error``."""

    def __init__(self, refusals: int = 0, error: Exception | None = None,
                 retries_midway: bool = True) -> None:
        self.refusals, self.error = refusals, error
        self.retries_midway = retries_midway
        self.written: list[int] = []
        self.committed: list[int] = []
        self.restored = 0

    @contextmanager
    def transaction(self) -> Iterator[None]:
        begin = len(self.written)
        yield
        if self.error is not None:
            raise self.error
        if self.refusals:
            self.refusals -= 1
            raise StoreConflict("deadlock")
        self.committed.extend(self.written[begin:])

    def write(self, _conn: None, batch: Batch) -> None:
        self.written.append(batch.position)

    def checkpoint(self) -> object:
        def restore() -> None:
            self.restored += 1
            self.written.clear()

        return restore


def _batches(count: int) -> list[Batch]:
    return [Batch(problems=[Problem("f", i, "x", "k", {}, "")], position=i)
            for i in range(1, count + 1)]


def test_an_ingest_transaction_refused_runs_again_with_its_batches() -> None:
    writer = _Writer(refusals=2)
    ingest._pipeline(_batches(3), writer, lambda _position: None)  # type: ignore[arg-type]
    assert writer.committed == [1, 2, 3] and writer.restored == 2


def test_without_midway_refusals_written_batches_are_not_kept(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite: batches of a transaction are let go once written (memory stays flat in big
    transactions); a refusal of the transaction's start still writes its first batch again,
    a refusal after several batches (never seen there) is reported, not half replayed."""
    monkeypatch.setattr(ingest, "SQLITE_COMMIT_ROWS", 1)  # one batch per transaction
    writer = _Writer(refusals=1, retries_midway=False)
    ingest._pipeline(_batches(3), writer, lambda _position: None)  # type: ignore[arg-type]
    assert writer.committed == [1, 2, 3] and writer.restored == 1
    monkeypatch.setattr(ingest, "SQLITE_COMMIT_ROWS", 10**9)  # all batches in one
    writer = _Writer(refusals=1, retries_midway=False)
    with pytest.raises(StoreConflict):
        ingest._pipeline(_batches(3), writer, lambda _position: None)  # type: ignore[arg-type]
    assert writer.committed == []


def test_a_failed_last_commit_is_reported_not_waited_for() -> None:
    writer = _Writer(error=StoreError("connection lost"))
    failed: list[StoreError] = []

    def run() -> None:
        try:
            ingest._pipeline(_batches(2), writer, lambda _position: None)  # type: ignore[arg-type]
        except StoreError as exc:
            failed.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=20)
    assert not thread.is_alive(), "the ingest hung after its last commit failed"
    assert failed and failed[0].message == "connection lost"
