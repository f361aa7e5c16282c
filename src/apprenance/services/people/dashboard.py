"""What a territory's dashboard shows beside its overview: the hours of each project per
pillar and per vital function (pillars x vital functions x projects), each learner's
closest badge, and the latest activities.

Hours per project are the activities' own hours weighed by their type's pillars (the same
weights as the evidence); activities whose type the mapping does not know count for no
pillar and wait in the triage.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from apprenance.contracts.territory import project_name
from apprenance.db import triage_sql
from apprenance.db.store import Store
from apprenance.domain.catalog import FUNCTIONS, PILLARS, Catalog, text
from apprenance.errors import NotFound
from apprenance.services.evidence.progress import progress_for

MAX_PROJECTS = 12  # the rest is summed as one line
MAX_PROGRESS = 60  # learners whose closest badge is looked for


def _label(catalog: Catalog, notation: str, lang: str) -> str:
    for concept in catalog.concepts.values():
        if concept.notation == notation and concept.scheme in ("pilier", "fonction"):
            return text(concept.label, lang)
    return notation


def project_coverage(store: Store, catalog: Catalog, territory: str, lang: str
                     ) -> list[dict[str, Any]]:
    """Per project (most hours first; activities of no project last): id, label, hours,
    learners, pillars {pillar: hours}, functions {function: hours}."""
    with store.transaction() as conn:
        rows = triage_sql.hours_by_project(conn, territory)
        names = {i: project_name(r, lang) for i, r in
                 triage_sql.project_names(conn, territory).items()}
    found: dict[str, dict[str, Any]] = {}
    for row in rows:
        kind = catalog.activity_types.get(str(row["kind"]))
        if kind is None:
            continue
        key = str(row["project_id"] or "")
        doc = found.setdefault(key, {
            "id": key, "label": names.get(key, key), "hours": 0.0, "learners": 0,
            "pillars": dict.fromkeys(PILLARS, 0.0), "functions": dict.fromkeys(FUNCTIONS, 0.0)})
        hours = float(row["hours"])
        doc["hours"] += hours
        doc["learners"] = max(int(doc["learners"]), int(row["learners"]))
        for pillar, weight in kind.pillars.items():
            doc["pillars"][pillar] = doc["pillars"].get(pillar, 0.0) + hours * weight
        function = row["function"] or (kind.functions[0] if kind.functions else None)
        if function:
            doc["functions"][function] = doc["functions"].get(function, 0.0) + hours
    projects = sorted(found.values(), key=lambda d: (d["id"] == "", -d["hours"], d["id"]))
    for doc in projects:
        doc["hours"] = round(doc["hours"], 2)
        doc["pillars"] = {k: round(v, 2) for k, v in doc["pillars"].items()}
        doc["functions"] = {k: round(v, 2) for k, v in doc["functions"].items()}
    return _fold(projects)


def _fold(projects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """At most MAX_PROJECTS lines: the smallest projects summed as one ("*")."""
    if len(projects) <= MAX_PROJECTS:
        return projects
    kept, rest = projects[: MAX_PROJECTS - 1], projects[MAX_PROJECTS - 1:]
    other: dict[str, Any] = {"id": "*", "label": "*", "count": len(rest),
                             "hours": round(sum(p["hours"] for p in rest), 2),
                             "learners": max(p["learners"] for p in rest),
                             "pillars": {}, "functions": {}}
    for part in ("pillars", "functions"):
        for p in rest:
            for k, v in p[part].items():
                other[part][k] = round(other[part].get(k, 0.0) + v, 2)
    return [*kept, other]


def pillar_labels(catalog: Catalog, lang: str) -> dict[str, str]:
    """{pillar or function notation: its label in ``lang``}."""
    return {n: _label(catalog, n, lang) for n in (*PILLARS, *FUNCTIONS)}


def closest_badges(store: Store, catalog: Catalog, participants: Sequence[str], lang: str
                   ) -> dict[str, dict[str, Any]]:
    """{participant: the badge not yet held with the largest share of conditions met:
    badge, name, met, of} (nothing for a learner who holds them all)."""
    out: dict[str, dict[str, Any]] = {}
    for participant in list(participants)[:MAX_PROGRESS]:
        try:
            doc = progress_for(store, catalog, participant, lang)
        except NotFound:  # erased meanwhile
            continue
        ahead = [b for b in doc["badges"] if not b["ready"]] or doc["badges"]
        if ahead:
            best = ahead[0]
            out[participant] = {"badge": best["badge"], "name": best["name"],
                                "met": best["met"], "of": best["of"]}
    return out


def recent_activity(store: Store, catalog: Catalog, territory: str, lang: str, *,
                    limit: int = 8) -> list[dict[str, Any]]:
    """The territory's latest activities: date, who, type (its label when mapped), hours,
    project, and whether the type is known."""
    with store.transaction() as conn:
        rows = triage_sql.latest_activities(conn, territory, limit=limit)
        names = {i: project_name(r, lang) for i, r in
                 triage_sql.project_names(conn, territory).items()}
    out = []
    for row in rows:
        kind = catalog.activity_types.get(str(row["kind"]))
        out.append({"id": row["id"], "occurred_on": str(row["occurred_on"]),
                    "learner": row["participant"], "name": row["name"] or row["participant"],
                    "type": text(kind.label, lang) if kind else str(row["kind"]),
                    "mapped": kind is not None, "hours": float(row["duration_hours"]),
                    "project": names.get(str(row["project_id"] or ""), row["project_id"] or "")})
    return out


def totals(overview: dict[str, Any], projects: Sequence[dict[str, Any]]) -> dict[str, float]:
    """The dashboard's headline numbers from a territory overview and its projects."""
    return {
        "hours": round(sum(float(p["hours"]) for p in projects), 2),
        "learners": len(overview["learners"]),
        "badges": sum(int(x["badges"]) for x in overview["learners"]),
        "pending": int(overview["pending"]),
        "to_sort": sum(int(g["count"]) for g in overview["unmapped"]),
    }
