"""Awards review, for the coordinator of a territory: the pending awards (awarded by the
rules, not issued yet) with the evidence that met each criterion of the rule, issued all at
once or a selection, or held back with a reason (and released later). A held award is issued
by nobody (``db.holds_sql.not_held`` is in every issuing run's query) until it is released.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any

from apprenance.clock import Clock
from apprenance.contracts.territory import project_name
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.db import holds_sql
from apprenance.db import learner_records_sql as records
from apprenance.db.engine import Connection
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog, Measure, text
from apprenance.domain.evidence import ActivityFacts
from apprenance.domain.rules import LeafOutcome, LearnerEvidence, contributing, evaluate
from apprenance.errors import Conflict, InputError, NotFound
from apprenance.services.downloads import issue_for
from apprenance.services.evidence.progress import describe
from apprenance.services.evidence.totals import ensure_current, facts_by_learner, load_totals
from apprenance.services.issuing.issue import IssueReport, issue

REASON_MAX = 500
CHUNK = 500  # learners whose activities are read in one statement


def pending_review(store: Store, catalog: Catalog, territory: str,
                   lang: str) -> list[dict[str, Any]]:
    """The territory's pending awards, oldest first: who, which badge or pathway, the day the
    evidence met the rule, its hold if any, and per criterion of the rule whether it is met,
    its sentence, and the activities, hours, projects and attestations behind it."""
    with store.transaction() as conn:
        ensure_current(conn, catalog)
        rows = holds_sql.pending_awards(conn, territory)
        learners = sorted({int(r["learner_id"]) for r in rows})
        totals = load_totals(conn, learners)
        facts: dict[int, list[ActivityFacts]] = {lid: [] for lid in learners}
        for start in range(0, len(learners), CHUNK):  # the activities of many at a time
            part = learners[start:start + CHUNK]
            facts.update({lid: found for found, lid in facts_by_learner(conn, catalog, part)})
        held = {lid: {b for _, b, *_ in records.learner_awards(conn, lid)} for lid in learners}
        projects = _project_names(conn, facts.values(), lang)
    out = []
    for row in rows:
        lid = int(row["learner_id"])
        badge = catalog.badges.get(row["badge"])
        criteria: list[dict[str, Any]] = []
        if badge is not None:
            mine = facts[lid]
            evidence = LearnerEvidence(totals=totals[lid], load_facts=_loaded(mine),
                                       held=held[lid])
            criteria = [criterion(leaf, mine, catalog, lang, projects, held[lid])
                        for leaf in evaluate(badge.rule, evidence).leaves]
        out.append({
            "award": row["award"], "learner": row["participant"],
            "name": row["name"] or row["participant"], "badge": row["badge"],
            "badge_name": text(badge.name, lang) if badge else row["badge"],
            "kind": badge.kind if badge else "badge", "in_catalog": badge is not None,
            "awarded_on": holds_sql.awarded_day(row["awarded_on"], row["awarded_at"]),
            "hold": row["hold"], "criteria": criteria,
        })
    return out


def _loaded(facts: Sequence[ActivityFacts]) -> Callable[[], Sequence[ActivityFacts]]:
    return lambda: facts


def territory_label(store: Store, territory: str) -> str:
    """The territory's name (its id when it has none)."""
    with store.transaction() as conn:
        return records.territory_name(conn, territory) or territory


def learner_names(store: Store, territory: str) -> dict[str, str]:
    """participant -> name of the learners with a pending award in the territory."""
    with store.transaction() as conn:
        rows = holds_sql.pending_awards(conn, territory)
    return {str(r["participant"]): str(r["name"] or r["participant"]) for r in rows}


def _project_names(conn: Connection, facts: Any, lang: str) -> dict[str, str]:
    ids = {a.project for per in facts for a in per if a.project}
    found = records.projects_by_id(conn, sorted(ids))
    return {pid: project_name(p, lang) for pid, p in found.items()}


def criterion(leaf: LeafOutcome, facts: Sequence[ActivityFacts], catalog: Catalog,
               lang: str, projects: dict[str, str], earned: set[str]) -> dict[str, Any]:
    """One leaf of the rule: met or not, in words, and the activities that count for it."""
    m = leaf.measure
    by_id = {a.id: a for a in facts}
    behind = [by_id[i] for i in contributing(m, facts)] if m.kind != "badges" else []
    items = []
    for a in behind:
        kind = catalog.activity_types.get(a.activity)
        items.append({"id": a.id, "day": a.day, "hours": a.hours, "counted": _counted(m, a),
                      "label": text(kind.label, lang) if kind else a.activity,
                      "project": projects.get(a.project or "", a.project),
                      "attested": bool(a.witness_roles)})
    names = sorted({str(i["project"]) for i in items if i["project"]})
    return {"measure": m.kind, "met": leaf.met, "value": leaf.value, "min": m.min,
            "text": describe(m, leaf.value, catalog, lang),
            "badges": [_badge_name(catalog, b, lang) for b in m.ids if b in earned],
            "hours": round(sum(a.hours for a in behind), 4),
            "counted": round(sum(_counted(m, a) for a in behind), 4),
            "weighted": bool(m.filters.pillar or m.filters.competence),
            "activities": len(behind),
            "projects": names, "attestations": sum(1 for a in behind if a.witness_roles),
            "rows": items}


def _badge_name(catalog: Catalog, badge: str, lang: str) -> str:
    found = catalog.badges.get(badge)
    return text(found.name, lang) if found else badge


def _counted(m: Measure, a: ActivityFacts) -> float:
    """The hours of ``a`` that count for ``m``: its share for a pillar or a competence."""
    hours = a.hours
    if m.filters.pillar:
        hours *= a.pillars.get(m.filters.pillar, 0.0)
    if m.filters.competence:
        hours *= a.competences.get(m.filters.competence, 0.0)
    return round(hours, 4)


def check_reason(reason: str | None) -> str:
    """The reason of a hold, trimmed: required, at most ``REASON_MAX`` characters."""
    cleaned = " ".join((reason or "").split())
    if not cleaned:
        raise InputError("field reason: a reason is needed to hold an award back",
                         details={"field": "reason", "problem": "required"})
    if len(cleaned) > REASON_MAX:
        raise InputError(f"field reason: at most {REASON_MAX} characters",
                         details={"field": "reason", "problem": "too-long"})
    return cleaned


def _pending_in(conn: Connection, award: int, territory: str
                ) -> tuple[str | None, Any, str | None]:
    state = holds_sql.award_state(conn, award, lock=True)
    if state is None or state[0] != territory:
        raise NotFound(f"no award {award} in territory {territory!r}")
    if state[1] is not None:
        raise Conflict(f"award {award} was already issued")
    return state


def hold(store: Store, territory: str, award: int, reason: str | None, *, by: str | None,
         clock: Clock) -> str:
    """Hold the award back from issuing, with ``reason``; the reason as kept."""
    cleaned = check_reason(reason)
    with store.transaction() as conn:
        if _pending_in(conn, award, territory)[2] is not None:
            raise Conflict(f"award {award} is already held back")
        holds_sql.insert_hold(conn, award, reason=cleaned, by=by, now=clock())
    return cleaned


def release(store: Store, territory: str, award: int, *, by: str | None,
            clock: Clock) -> None:
    """Release the award's hold: the next issuing run issues it."""
    with store.transaction() as conn:
        _pending_in(conn, award, territory)
        if not holds_sql.release_hold(conn, award, by=by, now=clock()):
            raise Conflict(f"award {award} is not held back")


def issue_pending(store: Store, catalog: Catalog, keys: KeyStore, *, urls: HostedUrls,
                  clock: Clock, territory: str, awards: Sequence[int] | None = None,
                  rng: random.Random | None = None) -> IssueReport:
    """Issue the territory's pending awards (``awards``: only those), held ones excepted
    (counted in ``held``). An award of another territory, or none at all, is refused before
    anything is issued; one issued meanwhile (a form sent twice) is skipped."""
    with store.transaction() as conn:
        rows = holds_sql.pending_awards(conn, territory)
    if awards is None:
        participants = sorted({str(r["participant"]) for r in rows})
        return issue_for(store, catalog, keys, urls=urls, clock=clock,
                         participants=participants, rng=rng)
    if not awards:
        raise InputError("field award: choose at least one award to issue",
                         details={"field": "award", "problem": "required"})
    pending = {int(r["award"]): r for r in rows}
    with store.transaction() as conn:
        for award in awards:
            if award not in pending:
                state = holds_sql.award_state(conn, award)
                if state is None or state[0] != territory:
                    raise NotFound(f"no award {award} in territory {territory!r}")
    report = IssueReport()
    for award in sorted(set(awards)):
        row = pending.get(award)
        if row is None:
            continue  # issued meanwhile
        if row["hold"] is not None:
            report.held += 1
            continue
        one = issue(store, catalog, keys, urls=urls, clock=clock, award_id=award, rng=rng)
        report.issued.extend(one.issued)
        report.problems.extend(one.problems)
        report.held += one.held
    return report
