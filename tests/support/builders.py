"""Small, explicit builders for tests: a tiny catalog, learners and activities in a real store."""

from __future__ import annotations

import hashlib
import itertools
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from apprenance.db import tables as t
from apprenance.db.store import Store
from apprenance.domain.catalog import (
    ActivityType,
    AllOf,
    Badge,
    Catalog,
    Concept,
    Filters,
    Measure,
)
from apprenance.services.evidence.totals import add_to_evidence

INGESTED = datetime(2026, 9, 1, tzinfo=UTC)
_TICK = itertools.count()


def tiny_catalog(version: str = "v1", *, with_journal: bool = True) -> Catalog:
    kinds = {
        "atelier": ActivityType(
            id="atelier", label={"fr": "Atelier", "en": "Workshop"},
            pillars={"faire": 0.6, "vivre-ensemble": 0.4},
            competences={"facilitation:animation": 1.0, "greencomp:4.2": 0.5},
            functions=("alimentation",), source="mapping.yaml:3",
        ),
    }
    if with_journal:
        kinds["journal"] = ActivityType(
            id="journal", label={"fr": "Journal réflexif", "en": "Reflective journal"},
            pillars={"etre": 1.0}, competences={}, functions=("apprendre",),
        )
    concepts = {
        f"pilier:{p}": Concept(f"pilier:{p}", f"https://w3id.org/apprenance/pilier/{p}",
                               "pilier", p, {"fr": f"apprendre à {p}", "en": p})
        for p in ("connaitre", "faire", "vivre-ensemble", "etre")
    }
    badges = {
        "faire-1": Badge(
            id="faire-1", kind="badge", name={"fr": "Faire 1", "en": "Doing 1"},
            description={}, criteria={}, achievement_type="Badge",
            rule=Measure("hours", 5, Filters(pillar="faire")),
        ),
        "duo": Badge(
            id="duo", kind="badge", name={"fr": "Duo", "en": "Duo"}, description={},
            criteria={}, achievement_type="Badge",
            rule=AllOf((Measure("distinct", 2, of="project"),
                        Measure("attestations", 1, role="habitant"))),
        ),
        "alim": Badge(
            id="alim", kind="badge", name={"fr": "Alim", "en": "Food"}, description={},
            criteria={}, achievement_type="Competency",
            rule=Measure("hours", 3, Filters(function="alimentation",
                                             competence="greencomp:4.2")),
        ),
        "parcours": Badge(
            id="parcours", kind="pathway", name={"fr": "Parcours", "en": "Pathway"},
            description={}, criteria={}, achievement_type="LearningProgram",
            rule=AllOf((Measure("badges", 2, ids=("faire-1", "duo")),
                        Measure("span_days", 30))),
        ),
    }
    return Catalog(version=version, schemes={}, prefixes={}, concepts=concepts,
                   activity_types=kinds, badges=badges)


def add_activity(
    store: Store,
    catalog: Catalog,
    *,
    participant: str,
    day: date,
    hours: float,
    kind: str = "atelier",
    project: str | None = "p1",
    function: str | None = None,
    witness: str | None = None,
    witness_role: str | None = None,
    activity_id: str | None = None,
) -> str:
    """Store one activity (and its learner and attestation) and add it to the evidence."""
    ident = activity_id or hashlib.sha256(
        f"{participant}|{day}|{hours}|{kind}|{project}".encode()).hexdigest()[:16]
    with store.transaction() as conn:
        lid = conn.execute(
            t.learners.select().where(t.learners.c.participant == participant)
        ).mappings().one_or_none()
        if lid is None:
            learner_id = conn.execute(
                t.learners.insert().values(participant=participant, created_at=INGESTED)
            ).inserted_primary_key[0]
        else:
            learner_id = lid["id"]
        row: dict[str, Any] = {
            "id": ident, "learner_id": learner_id,
            "occurred_at": datetime.combine(day, time(9), UTC), "occurred_on": day,
            "territory_id": "t1", "project_id": project, "function": function,
            "activity_type": kind, "assigned_type": None, "suggested_type": None,
            "duration_hours": hours, "description": None, "evidence_url": None, "extra": None,
            "content_hash": ident, "voided": False, "source_file": "test.csv",
            "source_line": 2, "source_ref": None,
            "ingested_at": INGESTED + timedelta(seconds=next(_TICK)),
        }
        conn.execute(t.activities.insert().values(**row))
        if witness:
            conn.execute(t.attestations.insert().values(
                activity_id=ident, witness=witness, witness_role=witness_role,
                created_at=INGESTED))
        add_to_evidence(conn, catalog, [{**row, "witness": witness,
                                         "witness_role": witness_role}])
    return ident
