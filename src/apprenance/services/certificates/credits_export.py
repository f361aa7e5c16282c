"""Credit recognition for universities' registrars: one row per learner and pathway (a learner
who completed none gets one row without a pathway) with the hours per pillar and per vital
function, the ECTS recommendation and the URL of the signed credential to check; the
competences reached go to a second table (one row per learner, pathway and competence), not
into one long cell.

Headers are in the reader's language (the labels of pillars and functions too); the JSON keys
stay the English column ids. CSV is written for spreadsheets in French settings: ``;`` between
cells, decimal comma, UTF-8 with a byte order mark, CRLF line ends. No cell can run as a
formula: a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
gets a leading apostrophe (as the OWASP guidance on CSV injection advises). The XLSX (two
sheets) is written by :mod:`credits_xlsx`.

A learner without a signed credential gets no ECTS recommendation on the certificate, so no
row here either: they are listed in ``skipped`` with the reason (the command line says so).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from apprenance.clock import Clock
from apprenance.db.store import Store
from apprenance.domain.catalog import FUNCTIONS, PILLARS, Catalog, text
from apprenance.domain.certificate import CertificateData
from apprenance.errors import UnknownFormat
from apprenance.i18n import t
from apprenance.services.certificates.batch import write_atomically, write_batch
from apprenance.services.certificates.gather import (
    CertificateOptions,
    batch_learners,
    gather_certificate,
)

FORMATS = ("csv", "xlsx", "json")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS: tuple[str, ...] = (
    "identifier", "name", "pathway", "pathway_name", "period_start", "period_end", "days",
    "activities", "hours_total",
    *(f"hours_pillar_{p}" for p in PILLARS),
    *(f"hours_function_{f}" for f in FUNCTIONS),
    "hours_per_credit", "ects_recommended", "competences_count", "credential_url",
)
COMPETENCE_COLUMNS: tuple[str, ...] = (
    "identifier", "pathway", "competence", "label", "framework", "level", "hours",
    "activities", "attestations",
)


@dataclass(frozen=True)
class CreditsExport:
    rows: list[dict[str, Any]]
    competences: list[dict[str, Any]]
    format: str
    content: bytes
    headers: tuple[str, ...]
    competence_headers: tuple[str, ...]
    skipped: list[dict[str, str]] = field(default_factory=list)  # learner, reason

    def to_dict(self) -> dict[str, Any]:
        return {"rows": len(self.rows), "competences": len(self.competences),
                "format": self.format, "bytes": len(self.content), "skipped": self.skipped}

    def competences_csv(self) -> bytes:
        """The second table as its own CSV file (what goes beside the main CSV)."""
        return to_csv(self.competences, COMPETENCE_COLUMNS, self.competence_headers)


def headers(catalog: Catalog, lang: str) -> tuple[str, ...]:
    """The main table's column headers in ``lang``."""
    def label(curie: str, fallback: str) -> str:
        concept = catalog.concepts.get(curie)
        return text(concept.label, lang) if concept else fallback

    out: list[str] = []
    for column in COLUMNS:
        if column.startswith("hours_pillar_"):
            key = column.removeprefix("hours_pillar_")
            out.append(t("credits.col.hours_pillar", lang, label=label(f"pilier:{key}", key)))
        elif column.startswith("hours_function_"):
            key = column.removeprefix("hours_function_")
            out.append(t("credits.col.hours_function", lang,
                         label=label(f"fonction:{key}", key)))
        else:
            out.append(t(f"credits.col.{column}", lang))
    return tuple(out)


def competence_headers(lang: str) -> tuple[str, ...]:
    return tuple(t(f"credits.comp.{column}", lang) for column in COMPETENCE_COLUMNS)


def credit_row(data: CertificateData) -> dict[str, Any]:
    """One learner x pathway row, with plain values (numbers as numbers, dates as ISO text)."""
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
        "competences_count": len(data.reached),
        "credential_url": data.verify_url or "",
    })
    return row


def competence_rows(data: CertificateData) -> list[dict[str, Any]]:
    """The competences ``data`` reached, one row each, keyed by learner and pathway."""
    return [{"identifier": data.learner, "pathway": data.pathway.id if data.pathway else "",
             "competence": c.curie, "label": c.label, "framework": c.framework,
             "level": c.level, "hours": round(c.hours, 2), "activities": c.activities,
             "attestations": c.attestations} for c in data.reached]


def _pathways_of(store: Store, catalog: Catalog, participant: str, options: CertificateOptions,
                 clock: Clock) -> list[str | None]:
    """The pathways ``participant`` completed (oldest first), or [None] when none."""
    data = gather_certificate(store, catalog, participant, options=options, clock=clock)
    found = [b.id for b in data.badges if b.kind == "pathway"]
    return list(dict.fromkeys(found)) or [None]


def export_credits(
    store: Store, catalog: Catalog, *, fmt: str, clock: Clock, pathway: str | None = None,
    territory: str | None = None, options: CertificateOptions | None = None,
) -> CreditsExport:
    """The rows of the learners of ``territory`` (or all), one per pathway they completed
    (only ``pathway`` when given)."""
    if fmt not in FORMATS:
        raise UnknownFormat(f"unknown export format {fmt!r} (formats: {', '.join(FORMATS)})")
    options = options or CertificateOptions()
    lang = options.lang or options.default_lang
    rows: list[dict[str, Any]] = []
    competences: list[dict[str, Any]] = []
    skipped: list[dict[str, str]] = []
    for participant in batch_learners(store, catalog, territory=territory, pathway=pathway):
        wanted = [pathway] if pathway else _pathways_of(store, catalog, participant, options,
                                                         clock)
        for chosen in wanted:
            data = gather_certificate(store, catalog, participant, pathway=chosen,
                                      options=options, clock=clock)
            if data.verify_url is None:
                skipped.append({"learner": participant, "pathway": chosen or "",
                                "reason": t("credits.skipped.no_credential", lang)})
                continue
            rows.append(credit_row(data))
            competences += competence_rows(data)
    heads, comp_heads = headers(catalog, lang), competence_headers(lang)
    if fmt == "csv":
        content = to_csv(rows, COLUMNS, heads)
    elif fmt == "xlsx":
        from apprenance.services.certificates.credits_xlsx import to_xlsx

        content = to_xlsx(rows, competences, heads, comp_heads, lang=lang, clock=clock)
    else:
        content = to_json(rows, competences)
    return CreditsExport(rows=rows, competences=competences, format=fmt, content=content,
                         headers=heads, competence_headers=comp_heads, skipped=skipped)


def to_json(rows: Sequence[dict[str, Any]], competences: Sequence[dict[str, Any]]) -> bytes:
    by_row: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for item in competences:
        by_row.setdefault((item["identifier"], item["pathway"]), []).append(
            {k: v for k, v in item.items() if k not in ("identifier", "pathway")})
    out = [{**row, "competences_reached": by_row.get((row["identifier"], row["pathway"]), [])}
           for row in rows]
    return (json.dumps(out, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str],
           header: Sequence[str]) -> bytes:
    """The rows as CSV for a French spreadsheet (see the module's docstring)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([inert(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(row[column]) for column in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def csv_cell(value: Any) -> str:
    """A value as a French spreadsheet cell: decimal comma, text made inert, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        text_ = f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
        return text_.replace(".", ",")
    return inert(str(value))


def inert(value: str) -> str:
    """``value``, with a leading apostrophe when a spreadsheet would read it as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def competences_path(path: Path) -> Path:
    """Where the competences' CSV goes beside ``path``: ``credits.csv`` gives
    ``credits-competences.csv``."""
    return path.with_name(f"{path.stem}-competences{path.suffix or '.csv'}")


def write_demo_outputs(
    store: Store, catalog: Catalog, folder: Path, *, clock: Clock,
    options: CertificateOptions,
) -> tuple[str, dict[str, Any], dict[str, str]]:
    """The demo's last step: every learner's certificate in ``folder/certificates`` and the
    credits export in ``folder/credits.csv`` (its competences beside it) and
    ``folder/credits.xlsx``; returns (summary, data, outputs)."""
    participants = batch_learners(store, catalog)
    batch = write_batch(store, catalog, participants, folder / "certificates", options=options,
                        clock=clock)
    export = export_credits(store, catalog, fmt="csv", clock=clock, options=options)
    write_atomically(folder / "credits.csv", export.content)
    write_atomically(competences_path(folder / "credits.csv"), export.competences_csv())
    from apprenance.services.certificates.credits_xlsx import to_xlsx

    write_atomically(folder / "credits.xlsx", to_xlsx(
        export.rows, export.competences, export.headers, export.competence_headers,
        lang=options.lang or options.default_lang, clock=clock))
    summary = (f"{len(batch.written)} certificates ({batch.per_second:.0f}/s), "
               f"credits export of {len(export.rows)} rows (learner x pathway)")
    data = {"certificates": len(batch.written), "per_second": round(batch.per_second, 1),
            "credits_rows": len(export.rows), "credits_skipped": len(export.skipped)}
    outputs = {"certificates": str(folder / "certificates"),
               "credits": str(folder / "credits.csv"),
               "credits_xlsx": str(folder / "credits.xlsx")}
    return summary, data, outputs
