"""Activity-log importers: canonical CSV, JSON Lines, xAPI statements -> batches of records,
voids and problems. ``read_log`` picks the reader from the format name or the file itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from apprenance.contracts.records import Batch
from apprenance.errors import UnknownFormat
from apprenance.importers.canonical import Lookups

FORMATS: tuple[str, ...] = ("csv", "jsonl", "xapi")
_EXTENSIONS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".jsonl": "jsonl",
               ".ndjson": "jsonl"}


def detect_format(path: Path) -> str:
    """The format of ``path``: from its extension, else from its first characters.

    ``.json`` files and files starting with ``[`` or ``{"statements"`` are xAPI; JSON objects
    one per line are xAPI when they have a ``verb``, JSON Lines otherwise."""
    by_name = _EXTENSIONS.get(path.suffix.lower())
    if by_name is not None:
        return by_name
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return "csv"  # the reader reports why the file cannot be read
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if path.suffix.lower() == ".json" or text.startswith(b"["):
        return "xapi"
    if text.startswith(b"{"):
        first = text.split(b"\n", 1)[0].strip()
        if first == b"{" or b'"verb"' in first or b'"statements"' in first:
            return "xapi"
        return "jsonl"
    return "csv"


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
