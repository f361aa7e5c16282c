"""Activity-log importers: canonical CSV, JSON Lines, xAPI statements -> batches of records,
voids and problems. ``read_log`` picks the reader from the format name (``READERS``, in
``log_formats``); ``detect_format`` names the format of a file from the file itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from apprenance.contracts.records import Batch
from apprenance.errors import UnknownFormat
from apprenance.importers.canonical import Lookups
from apprenance.importers.log_formats import FORMATS, READERS, detect_format

__all__ = ["FORMATS", "READERS", "detect_format", "read_log"]


def read_log(
    path: Path, fmt: str, label: str, source: str, lookups: Lookups
) -> Iterator[Batch]:
    """Batches for the file ``path`` in format ``fmt`` (``csv``, ``jsonl`` or ``xapi``)."""
    found = READERS.get(fmt)
    if found is None:
        raise UnknownFormat(f"unknown log format {fmt!r}: use one of {', '.join(FORMATS)}")
    return found.read(path, label, source, lookups)
