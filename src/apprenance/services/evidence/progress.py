"""What a learner has: evidence per dimension, progress toward each badge in plain words,
and why an activity counted as it did."""

from __future__ import annotations

from typing import Any

from apprenance.db import awards_sql, evidence_sql
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog, Measure, text
from apprenance.domain.evidence import ANY_ROLE, ATTESTATION, DIMENSIONS, TOTAL
from apprenance.domain.roles import role_label
from apprenance.domain.rules import LearnerEvidence, evaluate
from apprenance.errors import NotFound
from apprenance.i18n import number, t, t_plural
from apprenance.i18n.dates import date_text
from apprenance.importers.values import learner_key
from apprenance.services.evidence.totals import (
    effective_type,
    ensure_current,
    learner_facts,
    load_totals,
)
from apprenance.services.people.directory import learner_id


def evidence_for(store: Store, catalog: Catalog, participant: str) -> dict[str, Any]:
    """The learner's weighted hours and counts per dimension, attestations, first and last."""
    with store.transaction() as conn:
        ensure_current(conn, catalog)
        lid = learner_id(conn, participant)
        totals = load_totals(conn, [lid])[lid]
        row = evidence_sql.learner_row(conn, lid)
    out: dict[str, Any] = {
        "learner": row["participant"],
        "name": row["name"],
        "role": row["role"],
        "hours": round(totals.hours.get((TOTAL, ""), 0.0), 4),
        "activities": totals.counts.get((TOTAL, ""), 0),
        "first_activity": totals.first.isoformat() if totals.first else None,
        "last_activity": totals.last.isoformat() if totals.last else None,
    }
    for dim in DIMENSIONS:
        out[dim] = {
            key: {"hours": round(totals.hours.get((dim, key), 0.0), 4),
                  "count": totals.counts.get((dim, key), 0)}
            for key in sorted(totals.keys_of(dim))
        }
    out["attestations"] = {
        ("any" if key == ANY_ROLE else key): totals.counts[(ATTESTATION, key)]
        for key in sorted(totals.keys_of(ATTESTATION))
    }
    return out


def describe(m: Measure, value: float, catalog: Catalog, lang: str) -> str:
    """One leaf in plain words: "12,5 h sur 20 h en faire", "1 projet sur 2"."""
    have, need = number(value, lang), number(m.min, lang)
    where = _filters_text(m, catalog, lang)
    if m.kind == "badges":
        names = [text(catalog.badges[i].name, lang) if i in catalog.badges else i
                 for i in m.ids]
        return t_plural("progress.badges", lang, value, have=have, need=need,
                        ids=", ".join(names))
    key = f"progress.{m.kind}" if m.kind != "distinct" else f"progress.distinct.{m.of}"
    role = t("progress.witnesses", lang, role=role_label(m.role, lang)) if m.role else ""
    return t_plural(key, lang, value, have=have, need=need, where=where,
                    role=role).replace("  ", " ").strip()


def _filters_text(m: Measure, catalog: Catalog, lang: str) -> str:
    f = m.filters
    parts = []
    if f.pillar:
        concept = catalog.concepts.get(f"pilier:{f.pillar}")
        parts.append(text(concept.label, lang) if concept else f.pillar)
    if f.competence:
        concept = catalog.concepts.get(f.competence)
        parts.append(text(concept.label, lang) if concept else f.competence)
    for value in (f.function, f.activity, f.project, f.territory):
        if value:
            kind = catalog.activity_types.get(value)
            parts.append(text(kind.label, lang) if kind else value)
    if f.since:
        parts.append(t("progress.since", lang, day=date_text(f.since, lang)))
    if f.until:
        parts.append(t("progress.until", lang, day=date_text(f.until, lang)))
    if not parts:
        return ""
    return ("en " if lang == "fr" else "in ") + ", ".join(parts)


def progress_for(store: Store, catalog: Catalog, participant: str, lang: str) -> dict[str, Any]:
    """For each badge not yet earned: what is met and what is missing, in plain words."""
    with store.transaction() as conn:
        ensure_current(conn, catalog)
        lid = learner_id(conn, participant)
        totals = load_totals(conn, [lid])[lid]
        held = awards_sql.badges_of(conn, lid)
        facts = learner_facts(conn, catalog, lid)
    ev = LearnerEvidence(totals=totals, load_facts=lambda: facts, held=held)
    badges: list[dict[str, Any]] = []
    for badge in catalog.badges.values():
        if badge.id in held or badge.kind == "declared":
            continue
        outcome = evaluate(badge.rule, ev)
        leaves = [
            {"measure": leaf.measure.kind, "value": round(leaf.value, 4), "min": leaf.measure.min,
             "met": leaf.met, "text": describe(leaf.measure, leaf.value, catalog, lang)}
            for leaf in outcome.leaves
        ]
        done = sum(1 for leaf in outcome.leaves if leaf.met)
        sep = t("punct.semicolon", lang)
        badges.append({
            "badge": badge.id,
            "name": text(badge.name, lang),
            "kind": badge.kind,
            "ready": outcome.met,
            "met": done,
            "of": len(leaves),
            "conditions": leaves,
            "summary": sep.join(str(x["text"]) for x in leaves),
        })
    badges.sort(key=lambda b: (-int(b["met"]) / max(int(b["of"]), 1), str(b["badge"])))
    return {"learner": learner_key(participant), "held": sorted(held), "badges": badges}


def explain_activity(store: Store, catalog: Catalog, activity_id: str) -> dict[str, Any]:
    """Which mapping entry gave which weights, and which awards the activity counts for."""
    with store.transaction() as conn:
        row = evidence_sql.activity_row(conn, activity_id)
        if row is None:
            raise NotFound(f"no activity {activity_id!r}")
        awards = [b for b, ids in awards_sql.award_activities(conn, row["learner_id"])
                  if activity_id in (ids or [])]
        witnesses = evidence_sql.witnesses_of(conn, activity_id)
    kind_id = effective_type(row)
    kind = catalog.activity_types.get(kind_id)
    hours = float(row["duration_hours"])
    out: dict[str, Any] = {
        "activity": activity_id,
        "learner": row["participant"],
        "date": row["occurred_on"].isoformat(),
        "hours": hours,
        "activity_type": row["activity_type"],
        "assigned_type": row["assigned_type"],
        "mapped": kind is not None and not row["voided"],
        "voided": bool(row["voided"]),
        "source": {"file": row["source_file"], "line": row["source_line"],
                   "statement": row["source_ref"]},
        "witnesses": [{"witness": w, "role": r} for w, r in witnesses],
        "badges": sorted(awards),
    }
    if kind is None:
        out["suggested_type"] = row["suggested_type"]
        return out
    out["mapping"] = {"entry": kind.id, "source": kind.source}
    out["function"] = row["function"] or (kind.functions[0] if kind.functions else None)
    out["pillars"] = {p: {"weight": w, "hours": round(hours * w, 4)}
                      for p, w in kind.pillars.items()}
    out["competences"] = {c: {"weight": w, "hours": round(hours * w, 4)}
                          for c, w in kind.competences.items()}
    return out
