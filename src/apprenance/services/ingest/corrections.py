"""Correcting one rejected row from a page and ingesting it again.

A row of a CSV file is shown as its source file's columns (the header read again from the
kept file) and sent back as a one-row CSV file with the source's header, its separator and a
first column ``rejet`` holding the reject's number (the round trip of
``rejects_roundtrip``: ingesting it closes the reject). A JSON Lines line or an xAPI
statement is shown and sent back as its text. The reject is closed once its correction is
ingested: accepted, the row is stored (once: the same correction again is a duplicate);
rejected again, the new reject (of the correction) replaces it, with its new reason.

A reject of a whole file (its header, its encoding), or a row the checks after reading
rejected (kept as its normalised record, not as the line), has no row to correct here: the
file is corrected and sent again, or the reject dismissed with a reason."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from apprenance.clock import Clock
from apprenance.contracts.records import FILE_FIELD, HEADER_FIELD
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog
from apprenance.errors import FieldError, InputError, NotFound
from apprenance.i18n import t as msg
from apprenance.importers import detect_format
from apprenance.importers.csv_log import REJECT_COLUMN, detect_separator, is_reject_column
from apprenance.importers.encoding import open_text
from apprenance.services.ingest.coordination import Received, receive
from apprenance.services.ingest.rejects import RejectRow, list_rejects
from apprenance.services.ingest.rejects_roundtrip import close_numbered

MAX_TEXT = 100_000  # characters of a corrected line or statement


@dataclass(frozen=True)
class CorrectionForm:
    """What the page shows to correct a reject: the columns and cells of a CSV row
    (``kind`` "csv"), or the text of a line or statement ("jsonl", "xapi")."""

    kind: str
    columns: tuple[str, ...] = ()
    cells: tuple[str, ...] = ()
    text: str = ""
    separator: str = ","


def _header(path: Path) -> list[str] | None:
    try:
        with open_text(path, legacy=True) as src:
            first = src.text.readline().rstrip("\r\n")
    except (FieldError, OSError, UnicodeDecodeError):
        return None
    if not first.strip():
        return None
    return next(csv.reader([first], delimiter=detect_separator(first)), None)


def _is_record(raw: str) -> bool:
    """A row rejected after it was read is kept as its normalised record (JSON)."""
    if not raw.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(raw), dict)
    except ValueError:
        return False


def form_for(row: RejectRow) -> CorrectionForm | None:
    """How ``row`` can be corrected on a page; None when it cannot (see the module)."""
    if row.field in (FILE_FIELD, HEADER_FIELD):
        return None
    path = Path(row.source_file)
    if not path.is_file():
        return None
    fmt = detect_format(path)
    if fmt != "csv":
        return CorrectionForm(kind=fmt, text=row.raw.strip())
    header = _header(path)
    if not header or _is_record(row.raw):
        return None
    with open_text(path, legacy=True) as src:
        separator = detect_separator(src.text.readline())
    cells = next(csv.reader(io.StringIO(row.raw), delimiter=separator), [])
    if is_reject_column(header[0]):  # a reject of a corrected file: its number is not shown
        header, cells = header[1:], cells[1:]
    cells = cells + [""] * (len(header) - len(cells))
    columns = header + [f"{len(header) + i + 1}" for i in range(len(cells) - len(header))]
    return CorrectionForm(kind="csv", columns=tuple(columns), cells=tuple(cells),
                          separator=separator)


def correction_file(row: RejectRow, form: CorrectionForm, cells: list[str], text: str,
                    lang: str) -> tuple[str, bytes, str]:
    """(name, bytes, format) of the file that carries the correction of ``row``."""
    if form.kind == "csv":
        if len(cells) != len(form.columns):
            raise InputError(msg("logs.fix.cells", lang, count=len(form.columns)))
        if any(len(c) > MAX_TEXT for c in cells):
            raise InputError(msg("logs.fix.too_long", lang, limit=MAX_TEXT))
        out = io.StringIO()
        writer = csv.writer(out, delimiter=form.separator, lineterminator="\r\n")
        writer.writerow([REJECT_COLUMN, *form.columns])
        writer.writerow([str(row.id), *(c.strip() for c in cells)])
        return f"rejet-{row.id}.csv", out.getvalue().encode("utf-8"), "csv"
    text = text.strip()
    if not text:
        raise InputError(msg("logs.fix.empty", lang))
    if len(text) > MAX_TEXT:
        raise InputError(msg("logs.fix.too_long", lang, limit=MAX_TEXT))
    if form.kind == "jsonl":
        if "\n" in text:
            raise InputError(msg("logs.fix.one_line", lang))
        return f"rejet-{row.id}.jsonl", (text + "\n").encode("utf-8"), "jsonl"
    return f"rejet-{row.id}.json", (text + "\n").encode("utf-8"), "xapi"


def open_reject(store: Store, reject_id: int, territory: str | None, lang: str) -> RejectRow:
    """The open reject ``reject_id`` of ``territory`` (None: any), else ``NotFound``."""
    found = list(list_rejects(store, ids=[reject_id], territory=territory))
    if not found:
        raise NotFound(msg("rejects.not_found", lang, id=reject_id))
    return found[0]


def correct(store: Store, catalog: Catalog, home: Path, row: RejectRow, *, cells: list[str],
            text: str, clock: Clock, lang: str, territory: str | None) -> Received:
    """Ingest the correction of ``row`` within ``territory`` and close ``row``."""
    form = form_for(row)
    if form is None:
        raise InputError(msg("logs.fix.cannot", lang))
    name, data, fmt = correction_file(row, form, cells, text, lang)
    received = receive(store, catalog, home, name, data, fmt, clock=clock, lang=lang,
                       territories=None if territory is None else [territory])
    with store.transaction() as conn:
        close_numbered(conn, [row.id], clock())
    return received
