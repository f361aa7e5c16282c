"""The day a badge was earned: the first day on which its rule held on the learner's evidence.

An award is recorded when an evaluation runs, often weeks after the activity that made the
rule hold (imports are batched, evaluations run at night, a catalog changes). What the
credentials and the certificate call *awarded on* is the day of that activity: the rule is
replayed on the learner's activities day by day, with the totals those activities give up to
that day and the badges the learner had earned by then, and the first day it holds is the
answer. Pure: plain data in, a date out.

Every measure grows with evidence (hours, counts, distinct keys, attestations, span, badges
held) so a rule that holds on one day holds on every later one; the walk stops at the first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from itertools import groupby

from apprenance.domain.catalog import Rule
from apprenance.domain.evidence import ActivityFacts, Totals
from apprenance.domain.rules import Check, LearnerEvidence, compile_rule


def met_on(rule: Rule, facts: Sequence[ActivityFacts],
           held_on: Mapping[str, date | None] | None = None) -> date | None:
    """The first day on which ``rule`` holds, counting the activities of that day and before
    and the badges held by then (``held_on``: badge -> the day it was earned; None when that
    day is not known, taken as held all along). None when the rule does not hold on these
    activities at all."""
    return met_days([("", rule)], facts, held_on).get("")


def met_days(rules: Sequence[tuple[str, Rule]], facts: Sequence[ActivityFacts],
             held_on: Mapping[str, date | None] | None = None) -> dict[str, date]:
    """``met_on`` for several badges of one learner in one walk over their days (what an
    evaluation needs: a learner earns many badges at once). ``rules`` in catalog order: a
    badge met on a day counts, that same day, for the rules after it (a pathway). Badges
    whose rule never holds on these activities are left out."""
    held: dict[str, date | None] = dict(held_on or {})
    ordered = sorted(facts, key=lambda a: a.day)
    by_day: dict[date, list[ActivityFacts]] = {
        day: list(group) for day, group in groupby(ordered, key=lambda a: a.day)}
    days = sorted(set(by_day) | {d for d in held.values() if d is not None})
    pending = [(badge, rule, compile_rule(rule)) for badge, rule in rules]
    found: dict[str, date] = {}
    totals = Totals()
    upto: list[ActivityFacts] = []
    for day in days:
        if not pending:
            break
        for fact in by_day.get(day, ()):
            totals.add(fact)
            upto.append(fact)
        owned = {b for b, on in held.items() if on is None or on <= day}
        # asked right away, before the next day's activities join ``upto``
        evidence = LearnerEvidence(totals=totals, load_facts=lambda: upto, held=owned)
        still: list[tuple[str, Rule, Check]] = []
        for badge, rule, check in pending:
            if check(evidence):
                found[badge] = day
                held[badge] = day
                owned.add(badge)
            else:
                still.append((badge, rule, check))
        pending = still
    return found
