"""Credit recognition for universities: one row per learner with the hours per pillar and per
vital function, the ECTS recommendation, the competences reached and the credential to check.

CSV is written for spreadsheets in French settings: ``;`` between cells, decimal comma, UTF-8
with a byte order mark, CRLF line ends. No cell can run as a formula: a text cell that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe (as the
OWASP guidance on CSV injection advises), so the spreadsheet shows it as text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from apprenance.clock import Clock
from apprenance.db.store import Store
from apprenance.domain.catalog import FUNCTIONS, PILLARS, Catalog
from apprenance.domain.certificate import CertificateData
from apprenance.errors import UnknownFormat
from apprenance.services.certificates.batch import write_atomically, write_batch
from apprenance.services.certificates.gather import (
    CertificateOptions,
    batch_learners,
    gather_certificate,
)

FORMATS = ("csv", "json")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS: tuple[str, ...] = (
    "identifier", "name", "pathway", "pathway_name", "period_start", "period_end", "days",
    "activities", "hours_total",
    *(f"hours_pillar_{p}" for p in PILLARS),
    *(f"hours_function_{f}" for f in FUNCTIONS),
    "hours_per_credit", "ects_recommended", "competences_reached", "credential_url",
)


@dataclass(frozen=True)
class CreditsExport:
    rows: list[dict[str, Any]]
    format: str
    content: bytes

    def to_dict(self) -> dict[str, Any]:
        return {"rows": len(self.rows), "format": self.format, "bytes": len(self.content)}


def credit_row(data: CertificateData) -> dict[str, Any]:
    """One learner's row, with plain values (numbers as numbers, dates as ISO text)."""
    pillars = {line.key: line.hours for line in data.pillars}
    functions = {line.key: line.hours for line in data.functions}
    row: dict[str, Any] = {
        "identifier": data.learner,
        "name": data.name,
        "pathway": data.pathway.id if data.pathway else "",
        "pathway_name": data.pathway.name if data.pathway else "",
        "period_start": data.period_start.isoformat() if data.period_start else "",
        "period_end": data.period_end.isoformat() if data.period_end else "",
        "days": data.days,
        "activities": data.activities,
        "hours_total": round(data.total_hours, 2),
    }
    row.update({f"hours_pillar_{p}": round(pillars.get(p, 0.0), 2) for p in PILLARS})
    row.update({f"hours_function_{f}": round(functions.get(f, 0.0), 2) for f in FUNCTIONS})
    row.update({
        "hours_per_credit": data.hours_per_credit,
        "ects_recommended": data.ects,
        "competences_reached": [
            {"id": c.curie, "label": c.label, "framework": c.framework, "level": c.level,
             "hours": round(c.hours, 2), "activities": c.activities,
             "attestations": c.attestations}
            for c in data.reached
        ],
        "credential_url": data.verify_url or "",
    })
    return row


def export_credits(
    store: Store, catalog: Catalog, *, fmt: str, clock: Clock, pathway: str | None = None,
    territory: str | None = None, options: CertificateOptions | None = None,
) -> CreditsExport:
    """The rows of the learners of ``territory`` (or all) holding ``pathway`` (when given)."""
    if fmt not in FORMATS:
        raise UnknownFormat(f"unknown export format {fmt!r} (formats: {', '.join(FORMATS)})")
    options = options or CertificateOptions()
    rows = [
        credit_row(gather_certificate(store, catalog, participant, pathway=pathway,
                                      options=options, clock=clock))
        for participant in batch_learners(store, catalog, territory=territory, pathway=pathway)
    ]
    content = to_csv(rows) if fmt == "csv" else to_json(rows)
    return CreditsExport(rows=rows, format=fmt, content=content)


def to_json(rows: Sequence[dict[str, Any]]) -> bytes:
    return (json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def to_csv(rows: Sequence[dict[str, Any]]) -> bytes:
    """The rows as CSV for a French spreadsheet (see the module's docstring)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([csv_cell(row[column]) for column in COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def csv_cell(value: Any) -> str:
    """A value as a French spreadsheet cell: decimal comma, lists joined, text made inert."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        text = f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
        return text.replace(".", ",")
    if isinstance(value, list):
        value = " | ".join(_competence_text(item) for item in value)
    return inert(str(value))


def _competence_text(item: Any) -> str:
    if isinstance(item, dict):
        return f"{item['label']} [{item['id']}] {item['level']}"
    return str(item)


def inert(text: str) -> str:
    """``text``, with a leading apostrophe when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_demo_outputs(
    store: Store, catalog: Catalog, folder: Path, *, clock: Clock,
    options: CertificateOptions,
) -> tuple[str, dict[str, Any], dict[str, str]]:
    """The demo's last step: every learner's certificate in ``folder/certificates`` and the
    credits export in ``folder/credits.csv``; returns (summary, data, outputs)."""
    participants = batch_learners(store, catalog)
    batch = write_batch(store, catalog, participants, folder / "certificates", options=options,
                        clock=clock)
    export = export_credits(store, catalog, fmt="csv", clock=clock, options=options)
    write_atomically(folder / "credits.csv", export.content)
    summary = (f"{len(batch.written)} certificates ({batch.per_second:.0f}/s), "
               f"credits export of {len(export.rows)} learners")
    data = {"certificates": len(batch.written), "per_second": round(batch.per_second, 1),
            "credits_rows": len(export.rows)}
    outputs = {"certificates": str(folder / "certificates"),
               "credits": str(folder / "credits.csv")}
    return summary, data, outputs
