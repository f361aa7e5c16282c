"""A coordinator deciding what an unmapped activity counts as, with a look before and a way
back: what assigning a type would change (hours per pillar and vital function, the badges it
may complete), the assignment itself followed at once by the learners' evaluation, and the
undo (the activity counts as its own type again, unmapped when the mapping lacks it).

An undo takes back the awards it unmade that were never issued (the evidence no longer meets
their rule); an issued one stays, named, for its credential's page to revoke.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from apprenance.clock import Clock
from apprenance.db import coordination_sql, triage_sql
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog, text
from apprenance.domain.evidence import ActivityFacts, Totals
from apprenance.domain.rules import LearnerEvidence, evaluate
from apprenance.errors import InputError, NotFound
from apprenance.services.evaluation.evaluate import evaluate as evaluate_learners
from apprenance.services.evidence.totals import (
    effective_type,
    ensure_current,
    learner_facts,
    load_totals,
    remove_from_evidence,
    row_facts,
)

MAX_AT_ONCE = 500  # activities in one group assignment


@dataclass
class Preview:
    """What assigning ``type_id`` to the activities would change, before anything does."""

    type_id: str
    type_label: str
    activities: list[dict[str, Any]] = field(default_factory=list)
    pillars: dict[str, float] = field(default_factory=dict)  # pillar -> weighted hours added
    functions: dict[str, float] = field(default_factory=dict)  # function -> hours added
    badges: list[dict[str, str]] = field(default_factory=list)  # learner, badge, name

    @property
    def hours(self) -> float:
        return round(sum(float(a["hours"]) for a in self.activities), 2)


@dataclass
class Outcome:
    """What an assignment or an undo did: the activities, the type they count as now (None:
    unmapped), the awards the evaluation recorded, and the awards kept that cited them."""

    activities: list[str]
    type_id: str | None
    before: str
    evaluated: int = 0
    awarded: list[dict[str, str]] = field(default_factory=list)  # learner, badge, name
    kept: list[dict[str, Any]] = field(default_factory=list)  # learner, badge, name, issued
    withdrawn: list[dict[str, Any]] = field(default_factory=list)  # taken back (not issued)
    details: list[dict[str, str]] = field(default_factory=list)  # id, occurred_on, participant


def _badge_name(catalog: Catalog, badge: str, lang: str) -> str:
    found = catalog.badges.get(badge)
    return text(found.name, lang) if found else badge


def _copy(totals: Totals) -> Totals:
    return Totals(hours=defaultdict(float, totals.hours), counts=defaultdict(int, totals.counts),
                  first=totals.first, last=totals.last)


def _rows(conn: Any, activity_ids: Sequence[str]) -> list[dict[str, Any]]:
    rows = []
    for activity_id in activity_ids:
        row = triage_sql.activity_with_learner(conn, activity_id)
        if row is None:
            raise NotFound(f"no activity with id {activity_id}")
        rows.append(row)
    return rows


def _check_type(catalog: Catalog, type_id: str) -> None:
    if not type_id:
        raise InputError("choose an activity type first", details={"field": "type"})
    if type_id not in catalog.activity_types:
        raise InputError(f"activity type not in the catalog: {type_id}",
                         details={"field": "type", "known": sorted(catalog.activity_types)})


def preview(store: Store, catalog: Catalog, activity_ids: Sequence[str], type_id: str,
            lang: str) -> Preview:
    """What assigning ``type_id`` to the activities would add, and which badges the
    learners would then meet (the rules evaluated on their evidence as it would be)."""
    _check_type(catalog, type_id)
    kind = catalog.activity_types[type_id]
    out = Preview(type_id, text(kind.label, lang))
    with store.transaction() as conn:
        ensure_current(conn, catalog)
        rows = _rows(conn, activity_ids)
        ids = sorted({int(r["learner_id"]) for r in rows})
        totals = load_totals(conn, ids)
        facts = {lid: learner_facts(conn, catalog, lid) for lid in ids}
        held: dict[int, set[str]] = defaultdict(set)
        for award in triage_sql.awards_of(conn, ids):
            held[int(award["learner_id"])].add(str(award["badge_id"]))
    changed: dict[int, tuple[Totals, list[ActivityFacts]]] = {
        lid: (_copy(totals[lid]), list(facts[lid])) for lid in ids}
    for row in rows:
        now, then = row_facts(catalog, row, row["witness_roles"]), row_facts(
            catalog, {**row, "assigned_type": type_id}, row["witness_roles"])
        after, after_facts = changed[int(row["learner_id"])]
        if now is not None:
            after.add(now, -1)
            after_facts[:] = [f for f in after_facts if f.id != now.id]
        if then is not None:
            after.add(then)
            after_facts.append(then)
            if then.function:
                out.functions[then.function] = out.functions.get(then.function, 0.0) \
                    + (then.hours if now is None else 0.0)
        if now is None:
            for pillar, weight in kind.pillars.items():
                out.pillars[pillar] = out.pillars.get(pillar, 0.0) + float(
                    row["duration_hours"]) * weight
        out.activities.append({
            "id": row["id"], "participant": row["participant"],
            "occurred_on": str(row["occurred_on"]), "hours": row["duration_hours"],
            "activity_type": row["activity_type"], "before": effective_type(row),
            "counted": now is not None})
    people = {int(r["learner_id"]): str(r["participant"]) for r in rows}
    for lid, (after, after_facts) in changed.items():
        before_ev = LearnerEvidence(totals[lid], partial(list, facts[lid]), held=held[lid])
        after_ev = LearnerEvidence(after, partial(list, after_facts), held=held[lid])
        for badge in catalog.badges.values():
            if badge.id in held[lid] or evaluate(badge.rule, before_ev).met:
                continue
            if evaluate(badge.rule, after_ev).met:
                out.badges.append({"learner": people[lid], "badge": badge.id,
                                   "name": text(badge.name, lang)})
    out.pillars = {k: round(v, 2) for k, v in out.pillars.items()}
    out.functions = {k: round(v, 2) for k, v in out.functions.items() if v}
    return out


def assign_and_evaluate(store: Store, catalog: Catalog, activity_ids: Sequence[str],
                        type_id: str, *, clock: Clock, lang: str) -> Outcome:
    """Assign ``type_id`` to the activities, then evaluate their learners at once."""
    _check_type(catalog, type_id)
    if not activity_ids:
        raise InputError("no activity to assign")
    if len(activity_ids) > MAX_AT_ONCE:
        raise InputError(f"at most {MAX_AT_ONCE} activities at once")
    with store.transaction() as conn:  # all or nothing, the evidence rebuilt once
        rows = _rows(conn, activity_ids)
        for row in rows:
            coordination_sql.assign_type(conn, str(row["id"]), type_id)
        remove_from_evidence(conn, catalog, list(activity_ids))
        now = clock()
        for lid in sorted({int(r["learner_id"]) for r in rows}):
            coordination_sql.evidence_changed(conn, lid, now)
    befores = [effective_type(r) for r in rows]
    people = sorted({str(r["participant"]) for r in rows})
    report = evaluate_learners(store, catalog, clock=clock, participants=people)
    return Outcome(list(activity_ids), type_id, befores[0], evaluated=report.evaluated,
                   awarded=[{"learner": a.learner, "badge": a.badge,
                             "name": _badge_name(catalog, a.badge, lang)}
                            for a in report.awards],
                   details=[{"id": str(r["id"]), "occurred_on": str(r["occurred_on"]),
                             "participant": str(r["participant"])} for r in rows])


def undo(store: Store, catalog: Catalog, activity_id: str, *, clock: Clock,
         lang: str) -> Outcome:
    """Put an assigned activity back to its own type (unmapped when the mapping lacks it) and
    evaluate its learner at once. An award that cited the activity and was never issued is
    taken back when the evidence no longer meets its rule (``withdrawn``); the others stay
    and are named (``kept``: issued ones are revoked from their credential's page)."""
    with store.transaction() as conn:
        row = _rows(conn, [activity_id])[0]
        if not row["assigned_type"]:
            raise InputError(f"activity {activity_id} has no assigned type to undo",
                             details={"field": "activity"})
        lid = int(row["learner_id"])
        triage_sql.unassign(conn, activity_id)
        remove_from_evidence(conn, catalog, [activity_id])
        coordination_sql.evidence_changed(conn, lid, clock())
        awards = triage_sql.awards_of(conn, [lid])
        citing = [a for a in awards if activity_id in a["activity_ids"]]
        held = {str(a["badge_id"]) for a in awards}
        evidence = LearnerEvidence(load_totals(conn, [lid])[lid],
                                   partial(learner_facts, conn, catalog, lid), held=held)
        withdrawn, kept = [], []
        for award in citing:
            badge = catalog.badges.get(str(award["badge_id"]))
            still = badge is None or evaluate(badge.rule, evidence).met
            if not still and triage_sql.withdraw_unissued(conn, int(award["id"])):
                withdrawn.append(award)
            else:
                kept.append(award)
    report = evaluate_learners(store, catalog, clock=clock, participants=[row["participant"]])
    back = str(row["activity_type"])

    def named(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"learner": row["participant"], "badge": a["badge_id"],
                 "name": _badge_name(catalog, str(a["badge_id"]), lang),
                 "issued": a["issued_at"] is not None} for a in found]

    return Outcome([activity_id], back if back in catalog.activity_types else None,
                   str(row["assigned_type"]), evaluated=report.evaluated,
                   awarded=[{"learner": a.learner, "badge": a.badge,
                             "name": _badge_name(catalog, a.badge, lang)}
                            for a in report.awards],
                   kept=named(kept), withdrawn=named(withdrawn))


def assigned_in(store: Store, territory: str, *, limit: int = 50) -> list[dict[str, Any]]:
    """The activities of the territory a coordinator assigned a type to, latest first."""
    with store.transaction() as conn:
        rows = triage_sql.assigned_in(conn, territory, limit=limit)
    return [{**r, "occurred_on": str(r["occurred_on"])} for r in rows]
