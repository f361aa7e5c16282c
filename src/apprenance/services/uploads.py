"""Activity logs received over HTTP (CSV, JSON Lines or xAPI files, or JSON records): kept
under the home folder by their content, so that sending the same file again is recognised
(same source, same duplicates, same rejects as ``apprenance ingest``), checked to stay within
the sender's territory, then ingested by ``services.ingest``."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select

from apprenance.clock import Clock
from apprenance.db import tables as t
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog
from apprenance.errors import InputError, PermissionDenied
from apprenance.importers import FORMATS, detect_format, read_log
from apprenance.services.ingest import LogFile, ingest_files, load_lookups

SUFFIX = {"csv": ".csv", "jsonl": ".jsonl", "xapi": ".json"}


def keep_upload(home: Path, name: str, data: bytes, fmt: str | None) -> tuple[Path, str]:
    """Write the upload once under ``HOME/uploads`` (named by its SHA-256); (path, format)."""
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown log format {fmt!r}: use one of {', '.join(FORMATS)}")
    digest = hashlib.sha256(data).hexdigest()[:32]
    stem = Path(name).name or "upload"
    probe = Path(stem)
    folder = home / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{digest}{probe.suffix.lower()[:8] or '.txt'}"
    if not path.exists():
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(path)
    return path, fmt or detect_format(path)


def records_as_jsonl(records: list[dict[str, Any]]) -> bytes:
    """JSON records (the JSON Lines schema) as the bytes of a JSON Lines file."""
    if not records:
        raise InputError("no activity")
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n"
                   for r in records).encode("utf-8")


def check_territories(store: Store, catalog: Catalog, path: Path, fmt: str,
                      allowed: Collection[str]) -> None:
    """Refuse a file with an activity (or a void) outside the ``allowed`` territories."""
    lookups = load_lookups(store, catalog)
    outside: set[str] = set()
    voided: list[str] = []
    for batch in read_log(path, fmt, path.name, str(path), lookups):
        for rec in batch.records:
            if rec["territory_id"] not in allowed:
                outside.add(str(rec["territory_id"]))
        voided.extend(v.target for v in batch.voids)
    if voided:
        a, lc = t.activities.c, t.learners.c
        with store.transaction() as conn:
            found = conn.execute(select(lc.territory_id).join(
                t.activities, a.learner_id == lc.id).where(
                or_(a.id.in_(voided), a.source_ref.in_(voided)))).scalars()
            outside.update(str(x) for x in found if x not in allowed)
    if outside:
        raise PermissionDenied("activities outside your territory: "
                               + ", ".join(sorted(outside)[:5]))


def ingest_upload(store: Store, catalog: Catalog, path: Path, fmt: str, label: str, *,
                  clock: Clock, lang: str) -> dict[str, Any]:
    """Ingest a kept upload; the report of ``apprenance ingest --json``."""
    tally = ingest_files(store, catalog, [LogFile(path, label, fmt)], clock=clock, lang=lang)
    return tally.to_dict()
