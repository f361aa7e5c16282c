"""The PostgreSQL server's CPU time spent for one database while a benchmark runs: the backends
of that database (children of the postmaster whose process title names it) sampled from /proc
every ``INTERVAL`` seconds, their user + system time summed. A client process's own CPU time
(``os.wait4``) leaves out the server's, which on PostgreSQL is most of the work (the COPY
baseline's client only parses CSV).

Only for a server on this machine whose /proc entries can be read; ``ServerCpu.seconds`` is None
otherwise. A backend that exits between two samples loses at most ``INTERVAL`` seconds of its
time; background processes (WAL writer, checkpointer, autovacuum) are not counted.

    with ServerCpu(url, "apprenance_bench_1234") as server:  # url None: nothing sampled
        run(...)
    server.seconds  # CPU seconds, or None
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from types import TracebackType

INTERVAL = 0.05
_TICKS = os.sysconf("SC_CLK_TCK")


def postmaster_pid(url: str) -> int | None:
    """The postmaster of the server at ``url`` (a psycopg URL), if it runs on this machine."""
    import psycopg

    try:
        with psycopg.connect(url) as conn:
            row = conn.execute("SELECT pg_backend_pid()").fetchone()
    except psycopg.Error:
        return None
    if row is None:
        return None
    stat = _stat(int(row[0]))
    return None if stat is None else int(stat[1])


def _stat(pid: int) -> list[str] | None:
    """Fields 3.. of /proc/PID/stat (state, ppid, ...), or None when it cannot be read."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()


def _backends(parent: int, database: str) -> dict[int, float]:
    """pid -> CPU seconds of the postmaster's children serving ``database``."""
    out: dict[int, float] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        try:
            title = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, UnicodeDecodeError):
            continue
        if database not in title.split():
            continue
        stat = _stat(pid)
        if stat is None or int(stat[1]) != parent:
            continue
        out[pid] = (int(stat[11]) + int(stat[12])) / _TICKS  # utime + stime
    return out


class ServerCpu:
    """Samples the server's CPU time for ``database`` in a thread while the block runs."""

    def __init__(self, url: str | None, database: str) -> None:
        self._parent = None if url is None else postmaster_pid(url)
        self._database = database
        self._seen: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._before: dict[int, float] = {}
        self.seconds: float | None = None

    def _sample(self) -> None:
        assert self._parent is not None
        while True:
            self._seen.update(_backends(self._parent, self._database))
            if self._stop.wait(INTERVAL):
                self._seen.update(_backends(self._parent, self._database))
                return

    def __enter__(self) -> ServerCpu:
        if self._parent is not None:
            # what the backends open before the block (a pool's) had spent already
            self._before = _backends(self._parent, self._database)
            self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._parent is None:
            return
        self._stop.set()
        self._thread.join()
        self.seconds = round(sum(cpu - self._before.get(pid, 0.0)
                                 for pid, cpu in self._seen.items()), 2)
