"""Evaluating badge rules on a learner's evidence: pure functions over plain data.

Aggregate totals answer most leaves (one filter at most, no dates); the learner's mapped
activities are looked at only for the others, and to name the activities behind an award.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from apprenance.domain.catalog import AllOf, AnyOf, AtLeast, Filters, Measure, Rule
from apprenance.domain.evidence import (
    ANY_ROLE,
    ATTESTATION,
    TOLERANCE,
    TOTAL,
    ActivityFacts,
    Totals,
)

_KEY_FILTERS: tuple[str, ...] = ("pillar", "competence", "function", "project", "territory",
                                 "activity")


@dataclass
class LearnerEvidence:
    """What the rules look at for one learner: totals, activities on demand, badges held."""

    totals: Totals
    load_facts: Callable[[], Sequence[ActivityFacts]]
    held: set[str] = field(default_factory=set)
    _facts: Sequence[ActivityFacts] | None = None

    def facts(self) -> Sequence[ActivityFacts]:
        if self._facts is None:
            self._facts = self.load_facts()
        return self._facts


@dataclass(frozen=True)
class LeafOutcome:
    measure: Measure
    value: float

    @property
    def met(self) -> bool:
        return self.value + TOLERANCE >= self.measure.min


@dataclass(frozen=True)
class Outcome:
    met: bool
    leaves: tuple[LeafOutcome, ...]


def evaluate(rule: Rule, evidence: LearnerEvidence) -> Outcome:
    """Whether ``rule`` is met, with the value of every leaf (what progress shows; deciding
    only is ``compile_rule``'s)."""
    if isinstance(rule, Measure):
        leaf = LeafOutcome(rule, measure_value(rule, evidence))
        return Outcome(leaf.met, (leaf,))
    parts = [evaluate(item, evidence) for item in rule.items]
    leaves = tuple(leaf for part in parts for leaf in part.leaves)
    met_count = sum(1 for part in parts if part.met)
    if isinstance(rule, AllOf):
        return Outcome(met_count == len(parts), leaves)
    if isinstance(rule, AnyOf):
        return Outcome(met_count > 0, leaves)
    assert isinstance(rule, AtLeast)
    return Outcome(met_count >= rule.n, leaves)


def _active_filters(filters: Filters) -> list[tuple[str, str]]:
    return [(name, v) for name in _KEY_FILTERS if (v := getattr(filters, name)) is not None]


def _from_totals(m: Measure) -> bool:
    f = m.filters
    if f.since is not None or f.until is not None:
        return False
    active = _active_filters(f)
    if m.kind in ("hours", "count"):
        return len(active) <= 1
    return not active  # distinct, attestations, span_days


def measure_value(m: Measure, ev: LearnerEvidence) -> float:
    """The learner's value for the leaf ``m``."""
    if m.kind == "badges":
        return float(sum(1 for badge in m.ids if badge in ev.held))
    t = ev.totals
    if _from_totals(m):
        if m.kind in ("hours", "count"):
            active = _active_filters(m.filters)
            key = active[0] if active else (TOTAL, "")
            table = t.hours if m.kind == "hours" else t.counts
            return float(table.get(key, 0))
        if m.kind == "distinct":
            return float(len(t.keys_of(m.of or "project")))
        if m.kind == "attestations":
            return float(t.counts.get((ATTESTATION, m.role or ANY_ROLE), 0))
        if m.kind == "span_days":
            return float(_span_days(t))
    return _from_facts(m, ev.facts())


def matching(filters: Filters, facts: Sequence[ActivityFacts]) -> list[ActivityFacts]:
    """The activities that pass ``filters``."""
    out = []
    for a in facts:
        if filters.since and a.day < filters.since:
            continue
        if filters.until and a.day > filters.until:
            continue
        if filters.pillar and a.pillars.get(filters.pillar, 0) <= 0:
            continue
        if filters.competence and filters.competence not in a.competences:
            continue
        if filters.function and a.function != filters.function:
            continue
        if filters.project and a.project != filters.project:
            continue
        if filters.territory and a.territory != filters.territory:
            continue
        if filters.activity and a.activity != filters.activity:
            continue
        out.append(a)
    return out


def _weighted(m: Measure, a: ActivityFacts) -> float:
    hours = a.hours
    if m.filters.pillar:
        hours *= a.pillars.get(m.filters.pillar, 0.0)
    if m.filters.competence:
        hours *= a.competences.get(m.filters.competence, 0.0)
    return hours


def _from_facts(m: Measure, facts: Sequence[ActivityFacts]) -> float:
    selected = matching(m.filters, facts)
    if m.kind == "hours":
        return sum(_weighted(m, a) for a in selected)
    if m.kind == "count":
        return float(len(selected))
    if m.kind == "distinct":
        of = m.of or "project"
        return float(len({v for a in selected if (v := getattr(a, of)) is not None}))
    if m.kind == "attestations":
        if m.role:
            return float(sum(1 for a in selected if m.role in a.witness_roles))
        return float(sum(1 for a in selected if a.witness_roles))
    if m.kind == "span_days":
        days = [a.day for a in selected]
        return float((max(days) - min(days)).days) if days else 0.0
    raise ValueError(f"unknown measure {m.kind!r}")


def contributing(rule: Rule, facts: Sequence[ActivityFacts]) -> list[str]:
    """The ids of the activities that count toward the leaves of ``rule``, in date order."""
    ids: dict[str, ActivityFacts] = {}
    for leaf in _leaves(rule):
        if leaf.kind == "badges":
            continue
        selected = matching(leaf.filters, facts)
        if leaf.kind == "attestations":
            selected = [a for a in selected
                        if (leaf.role in a.witness_roles if leaf.role else a.witness_roles)]
        elif leaf.kind == "hours":
            selected = [a for a in selected if _weighted(leaf, a) > 0]
        for a in selected:
            ids[a.id] = a
    return [a.id for a in sorted(ids.values(), key=lambda a: (a.day, a.id))]


def _leaves(rule: Rule) -> list[Measure]:
    if isinstance(rule, Measure):
        return [rule]
    return [leaf for item in rule.items for leaf in _leaves(item)]


Check = Callable[[LearnerEvidence], bool]


def compile_rule(rule: Rule) -> Check:
    """``rule`` as a function of the evidence: whether it is met. The one boolean evaluator
    (mass evaluation, award dates); leaves answerable from totals become a dictionary
    look-up. ``evaluate`` gives the same answer with the value of every leaf (progress)."""
    if isinstance(rule, Measure):
        return _compile_leaf(rule)
    parts = tuple(compile_rule(item) for item in rule.items)
    if isinstance(rule, AllOf):
        if len(parts) == 2:
            a, b = parts
            return lambda ev: a(ev) and b(ev)
        if len(parts) == 3:
            a, b, c = parts
            return lambda ev: a(ev) and b(ev) and c(ev)
        return lambda ev: all(p(ev) for p in parts)
    if isinstance(rule, AnyOf):
        return lambda ev: any(p(ev) for p in parts)
    n = rule.n
    return lambda ev: sum(1 for p in parts if p(ev)) >= n


def _compile_leaf(m: Measure) -> Check:
    need = m.min - TOLERANCE
    if m.kind == "badges":
        ids = m.ids
        return lambda ev: sum(1 for b in ids if b in ev.held) >= need
    if _from_totals(m) and m.kind == "span_days":
        return lambda ev: _span_days(ev.totals) >= need
    if _from_totals(m) and m.kind == "distinct":
        dim = m.of or "project"
        return lambda ev: ev.totals.distinct(dim) >= need
    if _from_totals(m) and m.kind in ("hours", "count", "attestations"):
        if m.kind == "attestations":
            key: tuple[str, str] = (ATTESTATION, m.role or ANY_ROLE)
            return lambda ev: ev.totals.counts.get(key, 0) >= need
        active = _active_filters(m.filters)
        key = active[0] if active else (TOTAL, "")
        if m.kind == "hours":
            return lambda ev: ev.totals.hours.get(key, 0.0) >= need
        return lambda ev: ev.totals.counts.get(key, 0) >= need
    return lambda ev: measure_value(m, ev) >= need


def _span_days(totals: Totals) -> int:
    """Days from the learner's first activity to their last."""
    first, last = totals.first, totals.last
    return (last - first).days if first is not None and last is not None else 0
