"""What a crash of the server may leave on the intake paths, put right by the next intake of
the process (once per process and store): xAPI statements recorded without their activity or
reject (stores of versions that recorded statements before ingesting them) are ingested again
from their stored content; uploads kept under ``HOME/uploads`` whose ingest never finished
(their marker in ``HOME/uploads/pending`` is still there) are ingested again, within the
territories of their sender.

Each marker is a small JSON file written before the ingest and removed after it, whatever its
outcome (the sender was answered); a SIGKILL in between leaves it."""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Collection
from pathlib import Path
from typing import Any

from apprenance.clock import Clock
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog
from apprenance.services import xapi_intake
from apprenance.services.files import write_text
from apprenance.services.ingest import LogFile, ingest_files

log = logging.getLogger(__name__)
_done: set[str] = set()
_lock = threading.Lock()


def pending_folder(home: Path) -> Path:
    return home / "uploads" / "pending"


def mark_pending(home: Path, path: Path, fmt: str, label: str,
                 territories: Collection[str] | None) -> Path:
    """The marker of an upload about to be ingested (removed by ``unmark``)."""
    marker = pending_folder(home) / f"{uuid.uuid4().hex}.json"
    write_text(marker, json.dumps({"file": path.name, "format": fmt, "label": label,
                                   "territories": None if territories is None
                                   else sorted(territories)}))
    return marker


def unmark(marker: Path) -> None:
    marker.unlink(missing_ok=True)


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
        info = _read(marker)
        kept = home / "uploads" / str(info.get("file", ""))
        if info and kept.is_file() and kept.parent == home / "uploads":
            scope = info.get("territories")
            ingest_files(store, catalog, [LogFile(kept, str(info.get("label") or kept.name),
                                                  str(info.get("format") or "csv"))],
                         clock=clock, lang=lang,
                         territories=None if scope is None else [str(x) for x in scope])
            uploads += 1
            log.warning("ingested again the upload %s, interrupted before", kept.name)
        unmark(marker)
    return {"statements": len(statements), "uploads": uploads}


def _read(marker: Path) -> dict[str, Any]:
    try:
        value = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}
