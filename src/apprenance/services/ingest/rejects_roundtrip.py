"""The rejects' round trip: export them in the format of the file they came from, to correct
in a spreadsheet or an editor and ingest again; a corrected row closes its reject.

CSV: the source file's own header and separator, with a first column ``rejet`` holding each
reject's number; ingesting a file with that column closes the rejects it names (a row rejected
again becomes a reject of the corrected file, with its number kept in the column). JSON Lines
and xAPI: the lines or statements as they were (xAPI statements close their rejects by their
id once stored; JSON Lines rejects close when their file is ingested again under its path).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from apprenance.contracts.records import FILE_FIELD, HEADER_FIELD
from apprenance.db import rejects_sql as sql
from apprenance.db.engine import Connection
from apprenance.errors import FieldError, InputError
from apprenance.i18n import t as msg
from apprenance.importers import detect_format
from apprenance.importers.csv_log import REJECT_COLUMN, detect_separator, is_reject_column
from apprenance.importers.encoding import open_text
from apprenance.services.ingest.rejects import RejectRow, neutralise


def _first_line(path: Path) -> str | None:
    try:
        with open_text(path, legacy=True) as src:
            return src.text.readline().rstrip("\r\n")
    except (FieldError, OSError, UnicodeDecodeError):
        return None


def export_original(rows: Sequence[RejectRow], lang: str) -> tuple[str, str, int]:
    """(format, text, rows written) of ``rows`` in their source's format; ``InputError`` when
    they come from files of different formats or CSV headers (choose one with ``--file``).
    A file refused whole (its header, its encoding) has no row to correct: dismiss it."""
    rows = [r for r in rows if r.field not in (FILE_FIELD, HEADER_FIELD)]
    kinds: dict[tuple[str, str], list[RejectRow]] = {}
    for r in rows:
        path = Path(r.source_file)
        fmt = detect_format(path) if path.is_file() else "?"
        header = (_first_line(path) or "") if fmt == "csv" else ""
        if fmt == "?" or (fmt == "csv" and not header):
            raise InputError(msg("rejects.source_gone", lang, file=r.source_file))
        kinds.setdefault((fmt, header), []).append(r)
    if len(kinds) > 1:
        raise InputError(msg("rejects.several_sources", lang,
                             files=", ".join(sorted({r.source_file for r in rows})[:5])))
    if not kinds:
        return "csv", "", 0
    (fmt, header), chosen = next(iter(kinds.items()))
    if fmt == "csv":
        return fmt, _csv(chosen, header), len(chosen)
    if fmt == "jsonl":
        return fmt, "".join(r.raw.strip() + "\n" for r in chosen), len(chosen)
    statements = [_statement(r.raw) for r in chosen]
    return fmt, json.dumps(statements, ensure_ascii=False, indent=1) + "\n", len(chosen)


def _statement(raw: str) -> object:
    try:
        return json.loads(raw)
    except ValueError:
        return raw  # a statement that was not JSON: kept as a string, to correct by hand


def _csv(rows: Iterable[RejectRow], header_line: str) -> str:
    sep = detect_separator(header_line)
    header = next(csv.reader([header_line], delimiter=sep))
    numbered = bool(header) and is_reject_column(header[0])
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(header if numbered else [REJECT_COLUMN, *header])
    for r in rows:
        cells = next(csv.reader([r.raw], delimiter=sep), [])
        if numbered:
            cells = cells[1:]
        writer.writerow([str(r.id), *(neutralise(c) for c in cells)])
    return out.getvalue()


def reject_numbers(path: Path) -> list[int]:
    """The reject numbers of a CSV file's ``rejet`` column (first column), if it has one."""
    try:
        with open_text(path, legacy=True) as src:
            first = src.text.readline()
            sep = detect_separator(first)
            header = next(csv.reader([first], delimiter=sep), [])
            if not header or not is_reject_column(header[0]):
                return []
            return [int(row[0]) for row in csv.reader(src.text, delimiter=sep)
                    if row and row[0].strip().isdigit()]
    except (FieldError, OSError, UnicodeDecodeError, csv.Error):
        return []


def close_numbered(conn: Connection, numbers: Sequence[int], now: datetime) -> None:
    """Close the open rejects a corrected file named in its ``rejet`` column."""
    sql.close_numbered(conn, numbers, now)
