"""Awards review on plain data: what the page says of each criterion of a rule (the hours
that count, the activities, projects and attestations behind it, the badges earned among
those a pathway asks for), and the reason a hold needs."""

from __future__ import annotations

from datetime import date

import pytest

from apprenance.domain.catalog import Filters, Measure
from apprenance.domain.evidence import facts_for
from apprenance.domain.rules import LeafOutcome
from apprenance.errors import InputError
from apprenance.services.issuing.review import check_reason, criterion
from builders import tiny_catalog

CAT = tiny_catalog()
FACTS = [
    facts_for(activity_id=f"a{i}", day=date(2025, 3, 1 + i), hours=h, kind=CAT.activity_types[k],
              function=None, project=p, territory="t1", witness_roles=roles)
    for i, (k, h, p, roles) in enumerate([("atelier", 10, "p1", ("habitant",)),
                                          ("atelier", 5, "p2", ()),
                                          ("journal", 2, None, ())])
]


def test_hours_for_a_pillar_count_its_share_and_name_what_is_behind() -> None:
    leaf = LeafOutcome(Measure("hours", 5, Filters(pillar="faire")), 9.0)
    found = criterion(leaf, FACTS, CAT, "fr", {"p1": "Légumerie"}, set())
    assert found["met"] and found["weighted"]
    assert (found["hours"], found["counted"], found["activities"]) == (15, 9.0, 2)
    assert found["projects"] == ["Légumerie", "p2"] and found["attestations"] == 1
    assert [r["id"] for r in found["rows"]] == ["a0", "a1"]  # not the journal (no faire)
    assert [r["counted"] for r in found["rows"]] == [6.0, 3.0]
    assert found["rows"][0]["label"] == "Atelier"
    assert found["text"].startswith("9 h sur 5 h")
    english = criterion(leaf, FACTS, CAT, "en", {}, set())
    assert english["rows"][0]["label"] == "Workshop" and english["text"].startswith("9 h of 5 h")


def test_a_criterion_not_met_any_more_says_so() -> None:
    leaf = LeafOutcome(Measure("count", 5), 3.0)
    found = criterion(leaf, FACTS, CAT, "fr", {}, set())
    assert not found["met"] and not found["weighted"] and found["activities"] == 3


def test_badges_of_a_pathway_name_those_earned() -> None:
    leaf = LeafOutcome(Measure("badges", 1, ids=("faire-1", "duo")), 1.0)
    found = criterion(leaf, FACTS, CAT, "en", {}, {"faire-1"})
    assert found["badges"] == ["Doing 1"] and found["rows"] == [] and found["met"]


@pytest.mark.parametrize(("given", "problem"), [(None, "required"), ("", "required"),
                                                ("  \n\t ", "required"),
                                                ("x" * 501, "too-long")])
def test_a_hold_needs_a_reason(given: str | None, problem: str) -> None:
    with pytest.raises(InputError, match="field reason") as refused:
        check_reason(given)
    assert refused.value.details == {"field": "reason", "problem": problem}


def test_a_reason_is_kept_on_one_line() -> None:
    assert check_reason("  à vérifier\n avec  Claire ") == "à vérifier avec Claire"
