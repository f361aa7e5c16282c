"""The credits export as an XLSX workbook (openpyxl): a sheet of learner x pathway rows and a
sheet of the competences they reached, headers in the reader's language, numbers as numbers,
dates as dates, the verification URL as a link. Text is always stored as text: a name that
starts with ``=`` is shown, never run as a formula."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from apprenance.clock import Clock
from apprenance.i18n import t

DATE_COLUMNS = ("period_start", "period_end")
WIDEST = 60


def to_xlsx(
    rows: Sequence[dict[str, Any]], competences: Sequence[dict[str, Any]],
    headers: Sequence[str], competence_headers: Sequence[str], *, lang: str, clock: Clock,
) -> bytes:
    """The workbook's bytes: the sheet "Crédits"/"Credits", then "Compétences"/"Competences"."""
    from apprenance.services.certificates.credits_export import COLUMNS, COMPETENCE_COLUMNS

    book = Workbook()
    main = book.active
    assert main is not None
    main.title = t("credits.sheet.rows", lang)
    _fill(main, rows, COLUMNS, headers)
    _fill(book.create_sheet(t("credits.sheet.competences", lang)), competences,
          COMPETENCE_COLUMNS, competence_headers)
    now = clock().replace(tzinfo=None)
    book.properties.created = book.properties.modified = now
    book.properties.creator = "apprenance"
    book.properties.title = t("credits.sheet.title", lang)
    book.properties.language = lang
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fill(sheet: Worksheet, rows: Sequence[dict[str, Any]], columns: Sequence[str],
          headers: Sequence[str]) -> None:
    widths = [len(h) for h in headers]
    for index, header in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=index)
        _text(cell, header)
        cell.font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for c, column in enumerate(columns, start=1):
            value = row[column]
            cell = sheet.cell(row=r, column=c)
            if value is None or value == "":
                continue
            if column in DATE_COLUMNS:
                cell.value = date.fromisoformat(str(value))
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, bool):
                cell.value = int(value)
            elif isinstance(value, int | float):
                cell.value = value
            else:
                _text(cell, str(value))
                if column == "credential_url":
                    cell.hyperlink = str(value)
                    cell.style = "Hyperlink"
            widths[c - 1] = max(widths[c - 1], len(str(value)))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, WIDEST)
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = sheet.dimensions


def _text(cell: Cell, value: str) -> None:
    """``value`` stored as a string (openpyxl would store "=..." as a formula)."""
    cell.value = value
    cell.data_type = "s"
