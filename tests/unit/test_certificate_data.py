"""What a certificate states, without a store: the ECTS rule, competence levels, the tally of
activities and attestations (gathered from a real store:
tests/integration/test_certificate_gather.py)."""

from __future__ import annotations

from datetime import date

import pytest

from apprenance.domain.certificate import (
    check_hours_per_credit,
    competence_level,
    recommended_ects,
    tally_competences,
)
from apprenance.domain.evidence import facts_for
from apprenance.errors import InputError
from apprenance.services.certificates.gather import (
    CertificateOptions,
    issuer_of,
    short_label,
    short_title,
    verify_url,
)
from builders import tiny_catalog


@pytest.mark.parametrize(("hours", "per", "ects"), [
    (0, 30, 0.0), (14.9, 30, 0.0), (15, 30, 0.5), (29.99, 30, 0.5), (30, 30, 1.0),
    (450, 30, 15.0), (323.5, 30, 10.5), (323.5, 25, 12.5), (449.99, 30, 14.5), (-3, 30, 0.0),
    (0.1 + 0.2 + 449.7, 30, 15.0),
])
def test_recommended_ects_rounds_down_to_the_half_credit(hours: float, per: float,
                                                          ects: float) -> None:
    assert recommended_ects(hours, per) == ects


@pytest.mark.parametrize("per", [24.9, 30.1, 0, -30])
def test_hours_per_credit_must_follow_the_ects_guide(per: float) -> None:
    with pytest.raises(ValueError, match="between 25 and 30"):
        check_hours_per_credit(per)
    with pytest.raises(InputError):
        CertificateOptions(hours_per_credit=per)


@pytest.mark.parametrize(("hours", "level"), [
    (0, 0), (7.99, 0), (8, 1), (29.9, 1), (30, 2), (99.9, 2), (100, 3), (1000, 3)])
def test_competence_level_follows_the_pillar_badge_thresholds(hours: float, level: int) -> None:
    assert competence_level(hours) == level


def test_tally_counts_activities_and_attestations_per_competence() -> None:
    kind = tiny_catalog().activity_types["atelier"]
    facts = [
        facts_for(activity_id="a", day=date(2025, 3, 1), hours=4, kind=kind, function=None,
                  project="p1", territory="t1", witness_roles=("habitant", "elu")),
        facts_for(activity_id="b", day=date(2025, 3, 2), hours=2, kind=kind, function=None,
                  project="p1", territory="t1"),
    ]
    tally = tally_competences(facts)
    assert tally["facilitation:animation"].hours == 6
    assert tally["greencomp:4.2"].hours == 3  # weight 0.5
    assert tally["greencomp:4.2"].activities == 2
    assert tally["greencomp:4.2"].attestations == 2


def test_small_helpers() -> None:
    assert short_label("Projet alimentaire territorial (PAT)") == "PAT"
    assert short_label("Économie circulaire") == "Économie circulaire"
    assert short_title("GreenComp : cadre européen des compétences") == "GreenComp"
    assert short_title("DigComp 2.2: the framework") == "DigComp 2.2"
    assert verify_url("https://x.org/", "urn:uuid:1") == "https://x.org/verify?credential=urn%3Auuid%3A1"
    found = issuer_of({"issuer": {"name": {"fr": "Collectif"}, "id": "did:key:z"}})
    assert found is not None and (found.name, found.url) == ("Collectif", "")
    found = issuer_of({"issuer": {"name": "C", "id": "did:web:x", "url": "https://x.org"}})
    assert found is not None and found.url == "https://x.org"
    assert issuer_of({"issuer": "did:key:z"}) is None
