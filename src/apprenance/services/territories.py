"""Loading a territory description (territory, projects, learners) into the store."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from apprenance.clock import Clock
from apprenance.contracts.territory import TerritoryFile, text_in
from apprenance.contracts.yaml_input import line_of, load_model_with_node
from apprenance.db import tables as t
from apprenance.db.store import Store
from apprenance.db.writes import upsert


@dataclass(frozen=True)
class TerritoryReport:
    territory: str
    projects: int
    learners: int
    new_learners: int


def load_territory(store: Store, path: Path, *, clock: Clock, lang: str = "en") -> TerritoryReport:
    """Store the territory described in ``path``; re-loading the same file changes nothing."""
    doc, node = load_model_with_node(path, TerritoryFile, lang=lang)
    now = clock()
    src = str(path)
    with store.transaction() as conn:
        upsert(
            conn,
            t.territories,
            [{"id": doc.id, "name": doc.name, "data": doc.extra_data(), "source_file": src,
              "source_line": 1, "created_at": now}],
            ["id"],
        )
        upsert(
            conn,
            t.projects,
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
            ["id"],
        )
        known = set(
            conn.execute(
                select(t.learners.c.participant).where(
                    t.learners.c.participant.in_([lr.participant for lr in doc.learners])
                )
            ).scalars()
        )
        upsert(
            conn,
            t.learners,
            [
                {
                    "participant": lr.participant,
                    "name": lr.name,
                    "role": lr.role,
                    "lang": lr.lang,
                    "territory_id": doc.id,
                    "source_file": src,
                    "source_line": line_of(node, ("learners", i)),
                    "created_at": now,
                }
                for i, lr in enumerate(doc.learners)
            ],
            ["participant"],
        )
    return TerritoryReport(
        territory=doc.id,
        projects=len(doc.projects),
        learners=len(doc.learners),
        new_learners=len(doc.learners) - len(known),
    )
