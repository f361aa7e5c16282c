"""Receiving log files sent over HTTP (the API's upload, the territory's logs page, a
corrected reject): each file is kept under ``HOME/uploads`` by its content, marked pending
while it is ingested (a crash leaves the marker that the next intake follows), then ingested
within the sender's territories, with its own counts.

Sending the same bytes again finds the same kept file: its rows are counted as duplicates and
its rejects are the same rejects (nothing stored twice)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from apprenance.clock import Clock
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog
from apprenance.services.ingest import coordination
from apprenance.services.ingest.recovery import heal_intake, mark_pending, unmark

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
    """Keep ``data`` (the file ``name``), then ingest it within ``territories`` (None: all)."""
    heal_intake(store, catalog, home, clock=clock, lang=lang)
    path, found = coordination.keep_upload(home, name, data, fmt)
    marker = mark_pending(home, path, found, name, territories)
    try:
        report = coordination.ingest_upload(store, catalog, path, found, name, clock=clock,
                                             lang=lang, territories=territories)
    finally:
        unmark(marker)
    return Received(name, str(path.resolve()), found, report)
