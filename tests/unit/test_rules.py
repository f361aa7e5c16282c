"""Badge rules on plain data: no store, no fixtures."""

from __future__ import annotations

from datetime import date

from apprenance.domain.catalog import AllOf, AnyOf, AtLeast, Filters, Measure, Rule
from apprenance.domain.evidence import Totals, facts_for
from apprenance.domain.rules import LearnerEvidence, compile_rule, contributing, evaluate
from builders import tiny_catalog

CAT = tiny_catalog()


def is_met(rule: Rule, evidence: LearnerEvidence) -> bool:
    """``compile_rule``'s answer, checked against ``evaluate``'s (the one with leaf values)."""
    met = compile_rule(rule)(evidence)
    assert evaluate(rule, evidence).met == met
    return met


def _evidence(*acts: tuple[str, date, float, str | None, tuple[str, ...]]) -> LearnerEvidence:
    facts = [
        facts_for(activity_id=f"a{i}", day=d, hours=h, kind=CAT.activity_types[k],
                  function=None, project=p, territory="t1", witness_roles=roles)
        for i, (k, d, h, p, roles) in enumerate(acts)
    ]
    totals = Totals()
    for f in facts:
        totals.add(f)
    return LearnerEvidence(totals=totals, load_facts=lambda: facts)


def test_an_activity_adds_weighted_hours_to_its_pillars() -> None:
    ev = _evidence(("atelier", date(2025, 3, 1), 10, "p1", ()))
    assert ev.totals.hours[("pillar", "faire")] == 6
    assert ev.totals.hours[("pillar", "vivre-ensemble")] == 4
    assert ev.totals.hours[("function", "alimentation")] == 10


def test_hours_threshold_is_met_only_once_reached() -> None:
    rule = Measure("hours", 5, Filters(pillar="faire"))
    assert not is_met(rule, _evidence(("atelier", date(2025, 3, 1), 8, "p1", ())))
    assert is_met(rule, _evidence(("atelier", date(2025, 3, 1), 9, "p1", ())))


def test_combined_filters_weigh_by_both_weights_and_look_at_activities() -> None:
    rule = Measure("hours", 3, Filters(function="alimentation", competence="greencomp:4.2"))
    ev = _evidence(("atelier", date(2025, 3, 1), 5, "p1", ()),
                   ("journal", date(2025, 3, 2), 50, "p1", ()))
    assert evaluate(rule, ev).leaves[0].value == 2.5


def test_dates_filter_activities() -> None:
    rule = Measure("count", 2, Filters(since=date(2025, 6, 1)))
    ev = _evidence(("atelier", date(2025, 3, 1), 1, "p1", ()),
                   ("atelier", date(2025, 7, 1), 1, "p1", ()))
    assert evaluate(rule, ev).leaves[0].value == 1


def test_distinct_attestations_and_combinators() -> None:
    ev = _evidence(("atelier", date(2025, 3, 1), 1, "p1", ("habitant",)),
                   ("atelier", date(2025, 4, 1), 1, "p2", ("elu",)))
    assert is_met(Measure("distinct", 2, of="project"), ev)
    assert not is_met(Measure("attestations", 2, role="habitant"), ev)
    assert is_met(Measure("attestations", 2), ev)
    two = (Measure("distinct", 3, of="project"), Measure("span_days", 31))
    assert is_met(AnyOf(two), ev)
    assert not is_met(AtLeast(2, two), ev)


def test_contributing_names_only_the_activities_that_count() -> None:
    rule = Measure("hours", 1, Filters(pillar="faire"))
    ev = _evidence(("atelier", date(2025, 3, 1), 1, "p1", ()),
                   ("journal", date(2025, 3, 2), 3, "p1", ()))
    assert contributing(rule, ev.facts()) == ["a0"]


def test_leaves_from_totals_and_from_activities_give_the_same_answers() -> None:
    ev = _evidence(("atelier", date(2025, 3, 1), 2, "p1", ("habitant",)),
                   ("journal", date(2025, 3, 20), 3, "p2", ()))
    early = Filters(until=date(2025, 3, 10))  # a date: read from the activities
    assert is_met(Measure("hours", 5), ev) and not is_met(Measure("hours", 5, early), ev)
    assert is_met(Measure("count", 2), ev) and not is_met(Measure("count", 2, early), ev)
    assert is_met(Measure("count", 1, Filters(project="p2")), ev)
    assert is_met(Measure("distinct", 2), ev) and not is_met(Measure("distinct", 2, early), ev)
    assert is_met(Measure("span_days", 19), ev) and not is_met(Measure("span_days", 20), ev)
    assert not is_met(Measure("span_days", 1, early), ev)
    assert is_met(Measure("attestations", 1, role="habitant"), ev)
    assert not is_met(Measure("attestations", 1, Filters(project="p2")), ev)


def test_badges_held_and_the_combinators() -> None:
    ev = _evidence(("atelier", date(2025, 3, 1), 1, "p1", ()))
    ev.held = {"b1"}
    assert is_met(Measure("badges", 1, ids=("b1", "b2")), ev)
    assert not is_met(Measure("badges", 2, ids=("b1", "b2")), ev)
    yes, no = Measure("count", 1), Measure("count", 2)
    assert is_met(AllOf((yes, yes)), ev) and not is_met(AllOf((yes, yes, no)), ev)
    assert not is_met(AllOf((yes, yes, yes, no)), ev) and is_met(AllOf((yes,) * 4), ev)
    assert is_met(AnyOf((no, yes)), ev) and not is_met(AnyOf((no, no)), ev)
    assert is_met(AtLeast(1, (no, yes)), ev) and not is_met(AtLeast(2, (no, yes)), ev)


def test_float_noise_does_not_keep_a_threshold_out_of_reach() -> None:
    ev = _evidence(*(("atelier", date(2025, 3, d), 0.7, "p1", ()) for d in (1, 2, 3)))
    assert ev.totals.hours[("total", "")] < 2.1  # 2.0999999999999996
    assert is_met(Measure("hours", 2.1), ev)
    assert is_met(Measure("hours", 2.1, Filters(since=date(2025, 1, 1))), ev)
    assert not is_met(Measure("hours", 2.2), ev)
