"""What a territory's coordinator works with: activity logs received over HTTP (CSV, JSON
Lines or xAPI files, or JSON records) — kept under the home folder by their content, so that
sending the same file again is recognised (same source, duplicates and rejects as ``apprenance
ingest``), checked to stay within the sender's territory, then ingested by ``services.ingest``
— and the territory's overview: learners with their badges, the coverage of the four pillars
and six vital functions, the activities waiting for a decision (unmapped types; rejected lines)
and the awards waiting to be issued."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from apprenance.clock import Clock
from apprenance.db import coordination_sql as sql
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog, text
from apprenance.errors import FieldError, InputError, PermissionDenied
from apprenance.importers import FORMATS, detect_format, read_log
from apprenance.services.files import write_bytes
from apprenance.services.ingest.pipeline import LogFile, ingest_files, load_lookups
from apprenance.services.ingest.recovery import heal_intake, mark_pending, unmark
from apprenance.services.ingest.rejects import list_rejects
from apprenance.services.ingest.unmapped import list_unmapped
from apprenance.services.people.directory import coverage, get_territory, list_learners

MAX_LISTED = 200


def unmapped_in(store: Store, catalog: Catalog, territories: Collection[str] | None
                ) -> list[dict[str, Any]]:
    """Unmapped activity groups, keeping only the activities of the given territories."""
    mine = None if territories is None else {
        x["learner"] for x in list_learners(store, territories=territories, limit=10**7)}
    groups = []
    for group in list_unmapped(store, catalog):
        doc = group.to_dict()
        if mine is not None:
            doc["activities"] = [a for a in doc["activities"] if a["participant"] in mine]
            doc["count"] = len(doc["activities"])
            doc["hours"] = round(sum(float(a["hours"]) for a in doc["activities"]), 2)
        if doc["count"]:
            groups.append(doc)
    return groups


def pending_awards(store: Store, territory: str) -> dict[str, int]:
    """Awards not yet issued per learner of the territory."""
    with store.transaction() as conn:
        rows = sql.awards_per_learner(conn, territory, pending_only=True)
    return dict(rows)


def territory_overview(store: Store, catalog: Catalog, territory: str, lang: str, *,
                       with_rejects: bool, all_rejects: bool = False) -> dict[str, Any]:
    """The territory page's content; its rejects (``with_rejects``) are the territory's, or
    every one (``all_rejects``: the instance's admins)."""
    info = get_territory(store, territory)
    with store.transaction() as conn:
        held = dict(sql.awards_per_learner(conn, territory, pending_only=False))
    pending = pending_awards(store, territory)
    learners = [{**x, "badges": held.get(x["learner"], 0), "pending": pending.get(x["learner"], 0)}
                for x in list_learners(store, territories=[territory], limit=MAX_LISTED)]
    cover = coverage(store, territory)
    label = {c.notation: text(c.label, lang) for c in catalog.concepts.values()
             if c.scheme in ("pilier", "fonction")}
    return {
        "territory": info["id"], "name": info["name"], "learners": learners,
        "pillars": [{"id": k, "label": label.get(k, k), **v} for k, v in cover["pillars"].items()],
        "functions": [{"id": k, "label": label.get(k, k), **v}
                      for k, v in cover["functions"].items()],
        "unmapped": unmapped_in(store, catalog, [territory]),
        "rejects": [{**r.to_dict(), "reason": r.reason_in(lang)} for r in list_rejects(
            store, limit=MAX_LISTED, territory=None if all_rejects else territory)]
        if with_rejects else [],
        "pending": sum(pending.values()),
    }


# --- activity logs received over HTTP --------------------------------------------------


def upload_path(home: Path, name: str, data: bytes, fmt: str | None) -> Path:
    """Where ``data`` (the file ``name``) is kept: ``HOME/uploads``, named by its SHA-256."""
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown log format {fmt!r}: use one of {', '.join(FORMATS)}")
    digest = hashlib.sha256(data).hexdigest()[:32]
    stem = Path(name).name or "upload"
    suffix = Path(stem).suffix.lower()[:8]
    if not re.fullmatch(r"\.[a-z0-9]+", suffix):  # a NUL byte, a quote ...: no usable suffix
        suffix = ".txt"
    return home / "uploads" / f"{digest}{suffix}"


def keep_upload(home: Path, name: str, data: bytes, fmt: str | None, *,
                path: Path | None = None) -> tuple[Path, str]:
    """Write the upload once at its ``upload_path`` (or ``path``); (path, format)."""
    path = path or upload_path(home, name, data, fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():  # a unique temporary name: identical uploads at once both succeed
        write_bytes(path, data)
    return path, fmt or detect_format(path)


def records_as_jsonl(records: list[dict[str, Any]]) -> bytes:
    """JSON records (the JSON Lines schema) as the bytes of a JSON Lines file."""
    if not records:
        raise InputError("no activity")
    return b"".join(_jsonl_line(r) for r in records)


def _jsonl_line(record: dict[str, Any]) -> bytes:
    text = json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate ("\\ud800" in the JSON): kept as an escape,
        return (json.dumps(record, sort_keys=True) + "\n").encode("ascii")  # its row rejected


def check_territories(store: Store, catalog: Catalog, path: Path, fmt: str,
                      allowed: Collection[str]) -> None:
    """Refuse a file with an activity (or a void) outside the ``allowed`` territories."""
    lookups = load_lookups(store, catalog)
    outside: set[str] = set()
    voided: list[str] = []
    participants: set[str] = set()
    try:
        for batch in read_log(path, fmt, path.name, str(path), lookups):
            for rec in batch.records:
                if rec["territory_id"] not in allowed:
                    outside.add(str(rec["territory_id"]))
                participants.add(rec["participant"])
            voided.extend(v.target for v in batch.voids)
    except FieldError:  # refused as a whole: nothing in it counts, the ingest says why
        return
    if participants:  # a learner who belongs to another territory stays theirs
        with store.transaction() as conn:
            homes = sql.homes_of(conn, sorted(participants))
        outside.update(str(x) for x in homes if x not in allowed)
    if voided:
        with store.transaction() as conn:
            found = sql.homes_of_activities(conn, voided)
            outside.update(str(x) for x in found if x not in allowed)
    if outside:
        raise PermissionDenied("activities outside your territory: "
                               + ", ".join(sorted(outside)[:5]))


def ingest_upload(store: Store, catalog: Catalog, path: Path, fmt: str, label: str, *,
                  clock: Clock, lang: str, territories: Collection[str] | None = None
                  ) -> dict[str, Any]:
    """Ingest a kept upload (rows outside ``territories`` rejected); the report of
    ``apprenance ingest --json``."""
    tally = ingest_files(store, catalog, [LogFile(path, label, fmt)], clock=clock, lang=lang,
                         territories=territories)
    return tally.to_dict()


# --- a file received: kept, marked pending while it is ingested, with its own counts -----
# (the API's upload, the territory's logs page, a corrected reject). A crash leaves the
# marker that the next intake follows; the same bytes again find the same kept file.

MAX_FILES = 20  # files in one upload of the logs page


@dataclass(frozen=True)
class Received:
    """One file received and ingested: its name as sent, where it is kept (the ``source`` of
    its rejects), its format, and the report of ``apprenance ingest --json`` for it alone."""

    label: str
    source: str
    fmt: str
    report: dict[str, Any]

    @property
    def all_rejected(self) -> bool:
        """Every row of the file was rejected: nothing of it is stored."""
        r = self.report
        return bool(r["rejected"]) and not r["accepted"] and not r["duplicates"]


def receive(store: Store, catalog: Catalog, home: Path, name: str, data: bytes,
            fmt: str | None, *, clock: Clock, lang: str,
            territories: Collection[str] | None) -> Received:
    """Keep ``data`` (the file ``name``), then ingest it within ``territories`` (None: all);
    marked pending from before it is kept until it is ingested."""
    heal_intake(store, catalog, home, clock=clock, lang=lang)
    path = upload_path(home, name, data, fmt)
    marker = mark_pending(home, path, fmt, name, territories)
    try:
        path, found = keep_upload(home, name, data, fmt, path=path)
        report = ingest_upload(store, catalog, path, found, name, clock=clock, lang=lang,
                               territories=territories)
    finally:
        unmark(marker)
    return Received(name, str(path.resolve()), found, report)
