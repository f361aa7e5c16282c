"""The territory form's rows: a description as rows to edit (villages, projects, learners),
the rows a submitted form holds (as typed, to show again), and the document they make —
merged with what the form does not show (descriptions, dates, villages of projects, other
fields), so that the form and the YAML file write the same document."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from apprenance.contracts.territory import text_in

SECTIONS: dict[str, tuple[str, ...]] = {
    "villages": ("id", "name"),
    "projects": ("id", "name", "functions", "schemes"),
    "learners": ("participant", "name", "role", "lang"),
}
KEYS = {"villages": "id", "projects": "id", "learners": "participant"}
LISTS = ("functions", "schemes")
BLANK_ROWS = 2  # empty rows offered for new entries
MAX_ROWS = 2000  # rows per section a form may send


def rows_of(doc: dict[str, Any] | None) -> dict[str, Any]:
    """The form's values for ``doc`` (an empty form for None)."""
    doc = doc or {}
    rows: dict[str, Any] = {"id": str(doc.get("id", "")), "name": str(doc.get("name", ""))}
    for section, names in SECTIONS.items():
        out = []
        for item in doc.get(section, []):
            row = {}
            for name in names:
                value = item.get(name)
                if name in LISTS:
                    row[name] = ", ".join(str(v) for v in value or [])
                elif name == "name" and section == "projects":
                    row[name] = text_in(value, "fr")
                else:
                    row[name] = "" if value is None else str(value)
            out.append(row)
        rows[section] = out
    return rows


def with_blank_rows(rows: dict[str, Any], blank: int = BLANK_ROWS) -> dict[str, Any]:
    """``rows`` with ``blank`` empty rows at the end of each section."""
    out = dict(rows)
    for section, names in SECTIONS.items():
        out[section] = [*rows[section], *({n: "" for n in names} for _ in range(blank))]
    return out


def rows_from_form(form: Mapping[str, Any]) -> dict[str, Any]:
    """The rows of a submitted form, as typed; a row marked ``remove`` or left empty is
    dropped."""
    rows: dict[str, Any] = {"id": str(form.get("id", "")).strip(),
                            "name": str(form.get("name", "")).strip()}
    for section, names in SECTIONS.items():
        out = []
        for i in range(MAX_ROWS):
            if f"{section}-{i}-{names[0]}" not in form:
                break
            row = {n: str(form.get(f"{section}-{i}-{n}", "")).strip() for n in names}
            if form.get(f"{section}-{i}-remove") or not any(row.values()):
                continue
            out.append(row)
        rows[section] = out
    return rows


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def document_of(rows: dict[str, Any], base: dict[str, Any] | None) -> dict[str, Any]:
    """The description the rows make, keeping from ``base`` (the stored description) what the
    form does not show; empty optional values are left out."""
    base = base or {}
    doc = {k: v for k, v in base.items() if k not in SECTIONS}
    doc["id"], doc["name"] = rows["id"], rows["name"]
    for section, names in SECTIONS.items():
        before = {str(item.get(KEYS[section])): item for item in base.get(section, [])}
        items = []
        for row in rows[section]:
            item = dict(before.get(row[names[0]], {}))
            for name in names:
                value = row[name]
                if name in LISTS:
                    item[name] = _split(value)
                elif name == "name" and section == "projects" \
                        and isinstance(item.get("name"), dict):
                    if value != text_in(item["name"], "fr"):
                        item["name"] = {**item["name"], "fr": value}
                elif value or (name in (names[0], "name") and section != "learners"):
                    item[name] = value
                else:
                    item.pop(name, None)
            items.append(item)
        doc[section] = items
    return doc


def field_id(field: str) -> str:
    """The form field of a problem's field (``learners.2.participant`` -> its input id)."""
    return field.replace(".", "-")
