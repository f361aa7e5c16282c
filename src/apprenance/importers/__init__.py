"""Activity-log importers: canonical CSV, JSON Lines, xAPI statements -> batches of records,
voids and problems.

Every input format is in ``READERS``: its name, its reader (imported when first used) and the
file extensions that name it. ``read_log`` reads a file with the reader of a format name;
``detect_format`` picks the format of a file from its extension, else from its first
characters. Adding a format: its reader module (``<name>_log.py``, yielding ``Batch``es) and
an entry in ``READERS``; the command line (``ingest --format``) offers ``FORMATS``, and the web
upload's ``format`` choice must list the same names (a test checks it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from apprenance.contracts.records import Batch
from apprenance.errors import UnknownFormat
from apprenance.importers.canonical import Lookups

__all__ = ["FORMATS", "READERS", "LogFormat", "detect_format", "read_log"]

Read = Callable[[Path, str, str, Lookups], Iterator[Batch]]


def _csv(path: Path, label: str, source: str, lookups: Lookups) -> Iterator[Batch]:
    from apprenance.importers.csv_log import read_csv

    return read_csv(path, label, source, lookups)


def _jsonl(path: Path, label: str, source: str, lookups: Lookups) -> Iterator[Batch]:
    from apprenance.importers.jsonl_log import read_jsonl

    return read_jsonl(path, label, source, lookups)


def _xapi(path: Path, label: str, source: str, lookups: Lookups) -> Iterator[Batch]:
    from apprenance.importers.xapi import read_xapi

    return read_xapi(path, label, source, lookups)


@dataclass(frozen=True)
class LogFormat:
    """One input format: its name (``--format``), its reader (imported when first used) and
    the extensions that name it (a file with none of them is recognised by its content)."""

    name: str
    read: Read
    extensions: tuple[str, ...] = ()


READERS: dict[str, LogFormat] = {f.name: f for f in (
    LogFormat("csv", _csv, (".csv", ".tsv", ".txt")),
    LogFormat("jsonl", _jsonl, (".jsonl", ".ndjson")),
    LogFormat("xapi", _xapi),  # .json: by content below, like any other name
)}
FORMATS: tuple[str, ...] = tuple(READERS)
_EXTENSIONS = {ext: f.name for f in READERS.values() for ext in f.extensions}


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
    found = READERS.get(fmt)
    if found is None:
        raise UnknownFormat(f"unknown log format {fmt!r}: use one of {', '.join(FORMATS)}")
    return found.read(path, label, source, lookups)
