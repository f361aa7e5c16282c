"""Reading the canonical activity log in CSV: encoding, separator and header detection, then one
``RowChecker.check`` per row, streamed in batches (the file is never held in memory).

Line numbers are physical: the header is line 1, and a row whose quoted description spans three
lines counts for three.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

from apprenance.contracts.records import FILE_FIELD, HEADER_FIELD, LINE_FIELD, Batch, Problem
from apprenance.domain.roles import fold
from apprenance.errors import FieldError
from apprenance.importers.canonical import (
    COLUMNS,
    MAX_EXTRA_COLUMNS,
    REQUIRED,
    Lookups,
    RowChecker,
    column_of,
)
from apprenance.importers.encoding import open_text
from apprenance.importers.values import MAX_LENGTH

REJECT_COLUMN = "rejet"  # first column of `rejects export`: the number of each row's reject
REJECT_NAMES = frozenset({"rejet", "reject", "reject-id", "rejet-id"})
FIELD_SIZE_LIMIT = 1_000_000  # a longer cell makes its row unreadable, not the file
SEPARATORS = (",", ";", "\t")
csv.field_size_limit(FIELD_SIZE_LIMIT)
TERRITORY = COLUMNS.index("territoire")  # kept with a rejected row: whose reject it is


def detect_separator(header_line: str) -> str:
    """The separator of a CSV file, from its header line: comma, semicolon or tab."""
    counts = {sep: header_line.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def is_reject_column(cell: str) -> bool:
    """The header cell of the reject numbers (``rejet``, ``reject``, ``reject_id``): a column
    that closes rejects (``services.rejects_roundtrip``), never stored with the activity."""
    return fold(cell.strip()).replace("_", "-").replace(" ", "-") in REJECT_NAMES


def raw_row(row: list[str], separator: str) -> str:
    """A parsed row written back as one CSV line (what is kept of a rejected row)."""
    out = io.StringIO()
    csv.writer(out, delimiter=separator, lineterminator="").writerow(row)
    return out.getvalue()


class Header:
    """Where each canonical column is in the file, and the extra columns kept in ``extra``."""

    def __init__(self, cells: list[str]) -> None:
        self.width = len(cells)
        found: dict[str, int] = {}
        self.extras: list[tuple[str, int]] = []
        for i, cell in enumerate(cells):
            column = column_of(cell)
            if column is None and i == 0 and is_reject_column(cell):
                continue  # the reject numbers of a corrected export
            if column is None:
                name = cell.strip() or f"column_{i + 1}"
                if len(name) > 100 or not name.isprintable():
                    raise FieldError(HEADER_FIELD, "header.bad_name", column=i + 1)
                self.extras.append((name, i))
            elif column in found:
                raise FieldError(HEADER_FIELD, "header.duplicate", column=cell.strip())
            else:
                found[column] = i
        missing = [c for c in REQUIRED if c not in found]
        if missing:
            raise FieldError(HEADER_FIELD, "header.missing", columns=", ".join(missing))
        if len(self.extras) > MAX_EXTRA_COLUMNS:
            raise FieldError(HEADER_FIELD, "header.extras", limit=MAX_EXTRA_COLUMNS)
        # absent columns point at the empty cell appended to every row
        self.index = tuple(found.get(c, self.width) for c in COLUMNS)


def read_csv(
    path: Path, label: str, source: str, lookups: Lookups, batch_size: int = 5000
) -> Iterator[Batch]:
    """Batches of records and problems for the CSV file ``path``.

    ``label`` names the file in problems, ``source`` in stored records. A file that cannot be
    read at all raises ``FieldError`` before the first batch."""
    src = open_text(path, legacy=True)
    with src:
        try:
            first = src.text.readline()
            separator = detect_separator(first)
            reader = csv.reader(chain([first], src.text), delimiter=separator)
            header = Header(next(reader))
        except (csv.Error, StopIteration):
            raise FieldError(HEADER_FIELD, "header.unreadable") from None
        except UnicodeDecodeError:  # UTF-16 with a BOM, broken in the header
            raise FieldError(FILE_FIELD, "file.decode_from", line=1) from None
        yield from _rows(reader, header, separator, RowChecker(lookups, source), label,
                         batch_size, src)


def _rows(
    reader: Iterator[list[str]], header: Header, separator: str, checker: RowChecker,
    label: str, batch_size: int, src: object,
) -> Iterator[Batch]:
    check, index, width, extras = checker.check, header.index, header.width, header.extras
    line_num = reader.line_num  # type: ignore[attr-defined]
    start = line_num + 1
    batch = Batch()
    records, problems = batch.records, batch.problems
    append, count = records.append, 0
    while True:
        try:
            for row in reader:
                line = start
                start = reader.line_num + 1  # type: ignore[attr-defined]
                count += 1
                if len(row) != width:
                    if any(cell.strip() for cell in row):
                        problems.append(_wrong_width(row, width, separator, label, line))
                else:
                    row.append("")
                    try:
                        append(check(row, line, index, _extra(row, extras) if extras else None))
                    except FieldError as error:
                        named = row[index[TERRITORY]].strip()[:100] or None
                        del row[-1]
                        if any(cell.strip() for cell in row):
                            problems.append(Problem.of(error, label, line,
                                                       raw_row(row, separator),
                                                       territory=named))
                if count >= batch_size:
                    batch.position = getattr(src, "position", 0)
                    yield batch
                    batch = Batch()
                    records, problems = batch.records, batch.problems
                    append, count = records.append, 0
            break
        except csv.Error as exc:
            problems.append(Problem(label, start, LINE_FIELD, "row.unreadable",
                                    {"error": str(exc)}, f"<line {start}: {exc}>"))
            start = reader.line_num + 1  # type: ignore[attr-defined]
        except UnicodeDecodeError:
            problems.append(Problem(label, start, FILE_FIELD, "file.decode_from",
                                    {"line": start}, f"<{label}: undecodable from line {start}>"))
            break
    batch.position = getattr(src, "position", 0)
    yield batch


def _extra(row: list[str], extras: list[tuple[str, int]]) -> dict[str, str] | None:
    out = {name: row[i] for name, i in extras if row[i]}
    for name, value in out.items():
        if len(value) > MAX_LENGTH["(extra)"]:
            raise FieldError(name, "too_long", limit=MAX_LENGTH["(extra)"])
    return out or None


def _wrong_width(row: list[str], width: int, separator: str, label: str, line: int) -> Problem:
    got = len(row)
    others = [s for s in SEPARATORS if s != separator and any(s in cell for cell in row)]
    if got < width and others:
        key = "row.separator"
    elif got < width:
        key = "row.short"
    else:
        key = "row.long"
    shown = {";": "';'", ",": "','", "\t": "tab"}
    return Problem(
        label, line, LINE_FIELD, key,
        {"got": got, "expected": width, "separator": shown[separator],
         "other": shown[others[0]] if others else ""},
        raw_row(row, separator),
    )
