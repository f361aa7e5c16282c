"""What a certificate states: the ECTS rule, competence levels, and the gathering from a real
store (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import update

from apprenance.clock import fixed_clock
from apprenance.db import tables as t
from apprenance.domain.certificate import (
    check_hours_per_credit,
    competence_level,
    recommended_ects,
    tally_competences,
)
from apprenance.domain.evidence import facts_for
from apprenance.errors import Conflict, InputError, NotFound
from apprenance.services.certificates.gather import (
    CertificateOptions,
    batch_learners,
    gather_certificate,
    issuer_of,
    short_label,
    short_title,
    verify_url,
)
from builders import tiny_catalog
from certificate_fixtures import CAMILLE, ISSUED, PUBLIC, tiny_world

CLOCK = fixed_clock(ISSUED)


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


def test_gather_states_everything_the_certificate_prints(db_url: str) -> None:
    store, catalog = tiny_world(db_url)
    data = gather_certificate(store, catalog, CAMILLE.upper(), clock=CLOCK,
                              options=CertificateOptions(lang="fr", public_url=PUBLIC + "/"))
    assert data.name == "Camille Lefèvre-Œuvray"
    assert data.territory == "Communauté de communes du Val de Serre"
    assert (data.period_start, data.period_end) == (date(2025, 3, 3), date(2025, 5, 20))
    assert data.days == 79
    assert data.activities == 13
    hours = sum(3.5 + i % 3 for i in range(12)) + 12
    assert data.total_hours == pytest.approx(hours)
    assert sum(line.hours for line in data.pillars) == pytest.approx(hours)
    assert [line.key for line in data.pillars] == ["connaitre", "faire", "vivre-ensemble",
                                                   "etre"]
    assert {line.key: line.hours for line in data.functions} == pytest.approx(
        {"alimentation": hours - 12, "apprendre": 12})
    assert [p.id for p in data.projects] == ["p1", "p2"]  # most hours first
    assert data.projects[0].name == "Légumerie « Ça mijote » et cantines"
    assert data.projects[0].schemes == ("pat",)  # no concept in the tiny catalog: the id
    animation = next(c for c in data.competences if c.curie == "facilitation:animation")
    assert (animation.level, animation.activities, animation.attestations) == (2, 12, 4)
    # in the order they were earned: duo and alim on 8 March, faire-1 on 13 March
    assert [b.id for b in data.badges] == ["duo", "alim", "faire-1", "parcours"]
    assert data.pathway is not None and data.pathway.id == "parcours"
    assert data.ects == recommended_ects(hours, 30)
    assert data.credential_id == "urn:uuid:6f1b8a52-8f0e-4d38-9d5e-4b1a6c1d2e3f"
    assert data.verify_url == (PUBLIC + "/verify?credential="
                               "urn%3Auuid%3A6f1b8a52-8f0e-4d38-9d5e-4b1a6c1d2e3f")
    assert data.issuer.name == "Collectif des Combes"  # from the signed credential
    assert data.issued_on == ISSUED.date()


def test_gather_in_english_with_another_credit_rule(db_url: str) -> None:
    store, catalog = tiny_world(db_url, with_credential=False)
    data = gather_certificate(store, catalog, CAMILLE, clock=CLOCK,
                              options=CertificateOptions(lang="en", hours_per_credit=25))
    assert data.lang == "en"
    assert data.projects[0].name == "The “Ça mijote” vegetable hub"
    assert data.pillars[1].label == "faire"  # the tiny catalog's English label
    assert data.ects == recommended_ects(data.total_hours, 25)
    assert data.credential is None and data.verify_url is None
    assert data.issuer.name == "Communauté de communes du Val de Serre"


def test_a_pathway_not_completed_is_refused(db_url: str) -> None:
    store, catalog = tiny_world(db_url, with_credential=False)
    with pytest.raises(NotFound, match="no pathway 'faire-1'"):
        gather_certificate(store, catalog, CAMILLE, pathway="faire-1", clock=CLOCK)
    with pytest.raises(NotFound, match="no learner"):
        gather_certificate(store, catalog, "nobody@example.org", clock=CLOCK)
    catalog.badges["autre"] = catalog.badges["parcours"].__class__(
        **{**catalog.badges["parcours"].__dict__, "id": "autre"})
    with pytest.raises(Conflict, match="has not completed the pathway 'autre'"):
        gather_certificate(store, catalog, CAMILLE, pathway="autre", clock=CLOCK)
    assert batch_learners(store, catalog, pathway="autre") == []
    assert batch_learners(store, catalog, pathway="parcours") == [CAMILLE]
    assert batch_learners(store, catalog, territory="t1") == [CAMILLE]
    with store.transaction() as conn:
        conn.execute(update(t.learners).values(erased_at=ISSUED))
    with pytest.raises(NotFound, match="was erased"):
        gather_certificate(store, catalog, CAMILLE, clock=CLOCK)
    assert batch_learners(store, catalog) == []
    with pytest.raises(NotFound, match="no territory"):
        batch_learners(store, catalog, territory="nowhere")


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
