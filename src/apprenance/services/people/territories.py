"""Loading a territory description (territory, projects, learners) into the store."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from apprenance.clock import Clock
from apprenance.contracts.territory import TerritoryFile, project_name, text_in
from apprenance.contracts.yaml_input import line_of, load_model_with_node
from apprenance.db import learner_records_sql as records
from apprenance.db import people_sql as sql
from apprenance.db.store import Store
from apprenance.i18n import t as tr


@dataclass(frozen=True)
class LearnerMove:
    """A learner of another territory listed by the file: moved (``--move-learners``) or left
    where they are, with the line and field of the file that named them."""

    participant: str
    from_territory: str
    to_territory: str
    line: int | None
    field: str

    def to_dict(self) -> dict[str, Any]:
        return {"participant": self.participant, "from": self.from_territory,
                "to": self.to_territory, "line": self.line, "field": self.field}

    def text(self, source: str, lang: str, *, moved: bool) -> str:
        where = f"{source}:{self.line}" if self.line else source
        key = "territory.move.done" if moved else "territory.move.refused"
        return f"{where}: {self.field}: " + tr(key, lang, participant=self.participant,
                                               old=self.from_territory, new=self.to_territory)


@dataclass(frozen=True)
class TerritoryReport:
    territory: str
    projects: int
    learners: int
    new_learners: int
    source: str = ""
    moved: list[LearnerMove] = field(default_factory=list)
    refused_moves: list[LearnerMove] = field(default_factory=list)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"territory": self.territory, "projects": self.projects,
                "learners": self.learners, "new_learners": self.new_learners,
                "moved": [m.to_dict() for m in self.moved],
                "refused_moves": [{**m.to_dict(), "message": m.text(self.source, lang,
                                                                    moved=False)}
                                  for m in self.refused_moves]}

    def lines(self, lang: str) -> list[str]:
        """The moves and refused moves, one line each, for people."""
        return ([m.text(self.source, lang, moved=True) for m in self.moved]
                + [m.text(self.source, lang, moved=False) for m in self.refused_moves])


def load_territory(store: Store, path: Path, *, clock: Clock, lang: str = "en",
                   move_learners: bool = False) -> TerritoryReport:
    """Store the territory described in ``path``; re-loading the same file changes nothing.

    A learner the store already has in another territory is left there (and reported as a
    refused move) unless ``move_learners``: then moved, and reported as moved."""
    doc, node = load_model_with_node(path, TerritoryFile, lang=lang)
    now = clock()
    src = str(path)
    with store.transaction() as conn:
        sql.upsert_territory(
            conn,
            {"id": doc.id, "name": doc.name, "data": doc.extra_data(), "source_file": src,
             "source_line": 1, "created_at": now},
        )
        sql.upsert_projects(
            conn,
            [
                {
                    "id": p.id,
                    "territory_id": doc.id,
                    "name": text_in(p.name, "fr"),
                    "functions": p.functions,
                    "schemes": p.schemes,
                    "data": p.model_dump(mode="json", exclude={"id", "functions", "schemes"}),
                    "source_file": src,
                    "source_line": line_of(node, ("projects", i)),
                    "created_at": now,
                }
                for i, p in enumerate(doc.projects)
            ],
        )
        known = sql.homes_of(conn, [lr.participant for lr in doc.learners])
        moves: list[LearnerMove] = []
        rows = []
        for i, lr in enumerate(doc.learners):
            home = known.get(lr.participant)
            if home is not None and home != doc.id:
                moves.append(LearnerMove(lr.participant, home, doc.id,
                                         line_of(node, ("learners", i, "participant")),
                                         f"learners.{i}.participant"))
                if not move_learners:
                    continue
            rows.append({
                "participant": lr.participant,
                "name": lr.name,
                "role": lr.role,
                "lang": lr.lang,
                "territory_id": doc.id,
                "source_file": src,
                "source_line": line_of(node, ("learners", i)),
                "created_at": now,
            })
        sql.upsert_learners(conn, rows)
    return TerritoryReport(
        territory=doc.id,
        projects=len(doc.projects),
        learners=len(doc.learners),
        new_learners=len(doc.learners) - len(known),
        source=src,
        moved=moves if move_learners else [],
        refused_moves=[] if move_learners else moves,
    )


def project_names(store: Store, ids: Iterable[str], lang: str) -> dict[str, str]:
    """{project id: its name in ``lang``} of the projects ``ids`` that exist."""
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    with store.transaction() as conn:
        rows = records.projects_by_id(conn, wanted)
    return {pid: project_name(row, lang) for pid, row in rows.items()}
