"""What a crash of the server may leave on the intake paths, put right when ``apprenance
serve`` starts and by the next intake of each process (once per process and store): xAPI
statements recorded without their activity or
reject (stores of versions that recorded statements before ingesting them) are ingested again
from their stored content; uploads kept under ``HOME/uploads`` whose ingest never finished
(their marker in ``HOME/uploads/pending`` is still there) are ingested again, within the
territories of their sender.

Each marker is a small JSON file written before the ingest and removed after it, whatever its
outcome (the sender was answered); a SIGKILL in between leaves it. While its upload is in
flight the marker is held under an exclusive ``flock`` by the process ingesting it, so that
another worker starting up (or another thread of the same one) never takes an upload still
being ingested for an interrupted one: only a marker whose lock can be taken is followed; the
kernel releases the lock of a killed process."""

from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
import uuid
from collections.abc import Collection
from pathlib import Path
from typing import Any

from apprenance.clock import Clock
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog
from apprenance.services.ingest import xapi_intake
from apprenance.services.ingest.pipeline import LogFile, ingest_files

log = logging.getLogger(__name__)
_done: set[str] = set()
_lock = threading.Lock()


def pending_folder(home: Path) -> Path:
    return home / "uploads" / "pending"


class PendingMark:
    """The marker of one upload in flight, its lock held until ``unmark`` (or ``close``)."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    def close(self) -> None:
        """Release the lock and keep the marker: what a killed process leaves."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def mark_pending(home: Path, path: Path, fmt: str | None, label: str,
                 territories: Collection[str] | None) -> PendingMark:
    """The marker of an upload about to be kept and ingested (removed by ``unmark``); it is
    locked before it gets its ``.json`` name, so no one ever sees it unlocked while in
    flight. Written before the upload's file: a kill in between leaves a marker of no file,
    dropped when followed, never a file kept but not ingested. ``fmt`` None: detected."""
    folder = pending_folder(home)
    folder.mkdir(parents=True, exist_ok=True)
    name = uuid.uuid4().hex
    draft = folder / f"{name}.part"
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, json.dumps({"file": path.name, "format": fmt, "label": label,
                                 "territories": None if territories is None
                                 else sorted(territories)}).encode("utf-8"))
        os.fsync(fd)
        marker = folder / f"{name}.json"
        os.replace(draft, marker)
    except BaseException:  # cleanup, then re-raise (even KeyboardInterrupt)
        os.close(fd)
        draft.unlink(missing_ok=True)
        raise
    return PendingMark(marker, fd)


def unmark(mark: PendingMark) -> None:
    mark.path.unlink(missing_ok=True)
    mark.close()


def _take(marker: Path) -> int | None:
    """The marker's lock if no live process holds it (its upload was interrupted)."""
    try:
        fd = os.open(marker, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    if not marker.exists():  # followed and removed by another worker meanwhile
        os.close(fd)
        return None
    return fd


def needs_healing(store: Store, home: Path) -> bool:
    """Whether a crash left something to put right (nothing is read but the ids and the
    markers' names): ``apprenance serve`` then loads the catalog and heals before serving."""
    folder = pending_folder(home)
    if folder.is_dir() and any(folder.glob("*.json")):
        return True
    return bool(xapi_intake.unprocessed(store))


def heal_intake(store: Store, catalog: Catalog, home: Path, *, clock: Clock,
                lang: str) -> dict[str, int]:
    """Once per process and store: ingest again what a crash left half done; the counts."""
    key = f"{store.url}|{home}"
    with _lock:
        if key in _done:
            return {"statements": 0, "uploads": 0}
        _done.add(key)
    return heal_now(store, catalog, home, clock=clock, lang=lang)


def heal_now(store: Store, catalog: Catalog, home: Path, *, clock: Clock,
             lang: str) -> dict[str, int]:
    statements = xapi_intake.unprocessed(store)
    if statements:
        path = xapi_intake.spool(home, statements)
        ingest_files(store, catalog, [LogFile(path, "xapi", "xapi")], clock=clock, lang=lang)
        log.warning("ingested again %d xAPI statements stored without their activity",
                    len(statements))
    uploads = 0
    folder = pending_folder(home)
    for marker in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        fd = _take(marker)
        if fd is None:
            continue  # still in flight in a live process
        mark = PendingMark(marker, fd)
        try:
            uploads += _follow(store, catalog, home, marker, clock=clock, lang=lang)
        finally:
            unmark(mark)
    return {"statements": len(statements), "uploads": uploads}


def _follow(store: Store, catalog: Catalog, home: Path, marker: Path, *, clock: Clock,
            lang: str) -> int:
    info = _read(marker)
    kept = home / "uploads" / str(info.get("file", ""))
    if not (info and kept.is_file() and kept.parent == home / "uploads"):
        return 0
    scope = info.get("territories")
    fmt = info.get("format")  # None: detected from the content, as when it was received
    ingest_files(store, catalog, [LogFile(kept, str(info.get("label") or kept.name),
                                          str(fmt) if fmt else None)],
                 clock=clock, lang=lang,
                 territories=None if scope is None else [str(x) for x in scope])
    log.warning("ingested again the upload %s, interrupted before", kept.name)
    return 1


def _read(marker: Path) -> dict[str, Any]:
    try:
        value = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}
