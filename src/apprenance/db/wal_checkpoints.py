"""Copying SQLite's write-ahead log into the database file beside a large ingest, rather than
in its commits.

In WAL mode the connection that commits copies the log into the file when it has grown past
1,000 pages (``wal_autocheckpoint``): each 250,000-row transaction of an ingest spent 0.5 s of
its commit doing so, while the ingest waited (docs/benchmarks.md, issue 17). While
``checkpoints_apart`` is in force, the connections of the engine do not copy at commit; a
thread with its own connection copies what was committed (``PRAGMA wal_checkpoint(PASSIVE)``,
which never blocks a writer nor waits for one) each time it is nudged, and once more, waited
for, at the end. Readers and writers of other processes are unaffected: SQLite coordinates
checkpoints itself, and any of them may copy too.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, event

DEFAULT_PAGES = 1000  # SQLite's own wal_autocheckpoint
_SETTINGS: WeakKeyDictionary[Engine, list[int]] = WeakKeyDictionary()


def install(engine: Engine) -> None:
    """Each connection the engine hands out copies at commit as the engine is set to."""
    wanted = _SETTINGS[engine] = [DEFAULT_PAGES]

    def on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        pages = wanted[0]
        if record.info.get("wal_autocheckpoint", DEFAULT_PAGES) != pages:
            dbapi_connection.execute(f"PRAGMA wal_autocheckpoint={pages}")
            record.info["wal_autocheckpoint"] = pages

    event.listen(engine, "checkout", on_checkout)


@contextmanager
def checkpoints_apart(engine: Engine, wanted: bool = True) -> Iterator[Callable[[], None]]:
    """While in force, commits leave the log to a thread; yields the function that tells it
    something was committed. A no-op (the nudge does nothing) unless ``wanted`` and the
    engine is an SQLite file's."""
    path = engine.url.database
    settings = _SETTINGS.get(engine)
    if not wanted or settings is None or not path or path == ":memory:":
        yield lambda: None
        return
    worker = _Checkpointer(path)
    settings[0] = 0
    try:
        yield worker.nudge
    finally:
        settings[0] = DEFAULT_PAGES
        worker.finish()


class _Checkpointer:
    def __init__(self, path: str) -> None:
        self._path = path
        self._wake = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="apprenance-wal-checkpoint",
                                        daemon=True)
        self._thread.start()

    def nudge(self) -> None:
        self._wake.set()

    def finish(self) -> None:
        """One last copy of everything committed, waited for."""
        self._stopping = True
        self._wake.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            db = sqlite3.connect(self._path, timeout=0)
        except sqlite3.Error:
            return  # the commits of others copy the log, and the last connection closed
        try:
            while True:
                self._wake.wait()
                self._wake.clear()
                stopping = self._stopping
                with suppress(sqlite3.Error):  # busy with another's checkpoint: it copies
                    db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                if stopping:
                    return
        finally:
            db.close()
