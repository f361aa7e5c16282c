"""Editing a territory description from the back-office: the current description as a
document (and as YAML, to download and upload again), a document checked against the same
contract as ``apprenance territory FILE`` with each problem named by line and field in the
reader's language, what saving it would change (a preview), and saving it through
``load_territory`` — the one service that writes a territory."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from apprenance.clock import Clock
from apprenance.contracts.territory import TerritoryFile, text_in
from apprenance.contracts.yaml_input import line_of, parse_yaml
from apprenance.db import people_sql as sql
from apprenance.db.store import Store
from apprenance.errors import InputError
from apprenance.i18n import t
from apprenance.services.people.territories import TerritoryReport, load_territory

ERROR_KEYS = {  # pydantic error types -> our words
    "missing": "tedit.err.missing", "string_too_short": "tedit.err.empty",
    "string_too_long": "tedit.err.too_long", "string_pattern_mismatch": "tedit.err.pattern",
    "string_type": "tedit.err.text", "list_type": "tedit.err.list",
    "date_from_datetime_parsing": "tedit.err.date", "date_parsing": "tedit.err.date",
    "date_type": "tedit.err.date", "model_type": "tedit.err.mapping",
    "dict_type": "tedit.err.mapping",
}


@dataclass(frozen=True)
class Problem:
    """One problem of a document: its field (``learners.2.participant``), line if known."""

    field: str
    message: str
    line: int | None = None

    def text(self, where: str) -> str:
        at = f"{where}:{self.line}: " if where and self.line else (f"{where}: " if where else "")
        return f"{at}{self.field}: {self.message}"


@dataclass(frozen=True)
class Change:
    """One line of a preview: a ``kind`` (territory, village, project, learner) ``added``,
    ``changed`` (with the fields), ``removed``, ``kept`` (absent, but a description deletes
    no project or learner) or ``refused`` (a learner of another territory: stays there)."""

    kind: str
    action: str
    id: str
    fields: tuple[str, ...] = ()
    other: str = ""
    name: str = ""


@dataclass(frozen=True)
class Preview:
    territory: str
    new: bool
    changes: list[Change] = field(default_factory=list)

    name: str = ""

    @property
    def nothing(self) -> bool:
        return not any(c.action in ("added", "changed", "removed") for c in self.changes)

    def count(self, action: str) -> int:
        return sum(1 for c in self.changes if c.action == action)


def current_document(store: Store, territory: str) -> dict[str, Any] | None:
    """The description of ``territory`` as the store holds it, in the file's shape (None when
    there is no such territory)."""
    with store.transaction() as conn:
        row = sql.territory_row(conn, territory)
        if row is None:
            return None
        projects = sql.projects_of(conn, territory)
        learners = sql.learner_rows(conn, [territory], limit=10**7, offset=0)
    doc: dict[str, Any] = {"id": row["id"], "name": row["name"], **(row["data"] or {})}
    doc["projects"] = [
        {"id": p["id"], **(p["data"] or {}), "functions": list(p["functions"] or []),
         "schemes": list(p["schemes"] or [])} for p in projects]
    for p, stored in zip(doc["projects"], projects, strict=True):
        p.setdefault("name", stored["name"])
    doc["learners"] = [
        {k: v for k, v in (("participant", r["participant"]), ("name", r["name"]),
                           ("role", r["role"]), ("lang", r["lang"])) if v is not None}
        for r in learners]
    return doc


def document_yaml(doc: dict[str, Any]) -> str:
    """``doc`` as YAML text, the format ``apprenance territory FILE`` reads."""
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)


def problem_text(err: Any, lang: str) -> str:
    """A pydantic error in ``lang``."""
    loc = [str(p) for p in err.get("loc", ())]
    kind = str(err.get("type", ""))
    if kind == "value_error" and loc:
        key = {"participant": "tedit.err.participant", "role": "tedit.err.role"}.get(loc[-1])
        if key:
            return t(key, lang)
    if kind == "string_pattern_mismatch" and loc and loc[-1] == "lang":
        return t("tedit.err.lang", lang)
    key = ERROR_KEYS.get(kind)
    return t(key, lang) if key else t("tedit.err.other", lang, problem=str(err.get("msg", "")))


def check_document(data: Any, lang: str, node: yaml.Node | None = None
                   ) -> tuple[TerritoryFile | None, list[Problem]]:
    """``data`` validated as a territory description, or the problems (field, line)."""
    try:
        return TerritoryFile.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if isinstance(p, int | str))
            problems.append(Problem(".".join(str(p) for p in loc) or "(document)",
                                    problem_text(dict(err), lang),
                                    line_of(node, loc) if node is not None else None))
        return None, problems


def parse_text(text: str, where: str, lang: str) -> TerritoryFile:
    """The YAML ``text`` as a checked description; ``InputError`` naming each problem's line
    and field (``details``: the ``Problem``s)."""
    data, node = parse_yaml(text, where, lang=lang)
    doc, problems = check_document(data, lang, node)
    if doc is None:
        raise InputError("\n".join(p.text(where) for p in problems), details=problems)
    return doc


def _names(doc: TerritoryFile, lang: str) -> dict[str, dict[str, str]]:
    return {"territory": {doc.id: doc.name},
            "village": {v.id: v.name for v in doc.villages},
            "project": {p.id: text_in(p.name, lang) for p in doc.projects},
            "learner": {lr.participant: lr.name or "" for lr in doc.learners}}


def _canonical(doc: TerritoryFile) -> dict[str, dict[str, Any]]:
    head = doc.model_dump(mode="json", exclude={"projects", "learners", "villages"})
    return {
        "territory": {doc.id: head},
        "village": {v.id: v.model_dump(mode="json") for v in doc.villages},
        "project": {p.id: p.model_dump(mode="json") for p in doc.projects},
        "learner": {lr.participant: {"name": lr.name, "role": lr.role, "lang": lr.lang}
                    for lr in doc.learners},
    }


def preview(store: Store, doc: TerritoryFile, lang: str = "fr") -> Preview:
    """What saving ``doc`` would change, against what the store holds."""
    stored = current_document(store, doc.id)
    old_doc = TerritoryFile.model_validate(stored) if stored else None
    before = _canonical(old_doc) if old_doc else None
    after = _canonical(doc)
    names = _names(doc, lang)
    if old_doc is not None:
        for kind, known in _names(old_doc, lang).items():
            names[kind] = {**known, **names[kind]}
    with store.transaction() as conn:
        homes = sql.homes_of(conn, [lr.participant for lr in doc.learners])
    changes: list[Change] = []
    if before is None:
        changes.append(Change("territory", "added", doc.id, name=doc.name))
    for kind in ("territory", "village", "project", "learner"):
        old = before[kind] if before else {}
        for key, value in after[kind].items():
            home = homes.get(key) if kind == "learner" else None
            if home is not None and home != doc.id:
                changes.append(Change(kind, "refused", key, other=home,
                                      name=names[kind][key]))
            elif key not in old:
                if before is not None or kind != "territory":
                    changes.append(Change(kind, "added", key, name=names[kind][key]))
            elif old[key] != value:
                keys = sorted(k for k in set(old[key]) | set(value)
                              if old[key].get(k) != value.get(k))
                changes.append(Change(kind, "changed", key, tuple(keys),
                                      name=names[kind][key]))
        for key in old:
            if key not in after[kind]:
                action = "removed" if kind == "village" else "kept"
                changes.append(Change(kind, action, key, name=names[kind][key]))
    return Preview(doc.id, before is None, changes, doc.name)


def save(store: Store, doc: TerritoryFile, *, clock: Clock, lang: str,
         source: str = "territory.yaml", move_learners: bool = False) -> TerritoryReport:
    """Store ``doc`` through ``load_territory``: learners of another territory stay there
    unless ``move_learners`` (the caller checks that only admins ask)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / source
        path.write_text(document_yaml(doc.model_dump(mode="json", exclude_none=True)),
                        encoding="utf-8")
        return load_territory(store, path, clock=clock, lang=lang,
                              move_learners=move_learners)
