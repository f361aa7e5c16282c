"""Activity-log importers: canonical CSV, JSON Lines, xAPI statements -> batches of records,
voids and problems. ``read_log`` picks the reader from the format name or the file itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from apprenance.contracts.records import Batch
from apprenance.errors import UnknownFormat
from apprenance.importers.canonical import Lookups
from apprenance.importers.encoding import FORMATS, detect_format

__all__ = ["FORMATS", "detect_format", "read_log"]


def read_log(
    path: Path, fmt: str, label: str, source: str, lookups: Lookups
) -> Iterator[Batch]:
    """Batches for the file ``path`` in format ``fmt`` (``csv``, ``jsonl`` or ``xapi``)."""
    if fmt == "csv":
        from apprenance.importers.csv_log import read_csv

        return read_csv(path, label, source, lookups)
    if fmt == "jsonl":
        from apprenance.importers.jsonl_log import read_jsonl

        return read_jsonl(path, label, source, lookups)
    if fmt == "xapi":
        from apprenance.importers.xapi import read_xapi

        return read_xapi(path, label, source, lookups)
    raise UnknownFormat(f"unknown log format {fmt!r}: use one of {', '.join(FORMATS)}")
