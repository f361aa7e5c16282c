"""Gathering what a certificate states from a real store (SQLite and PostgreSQL): every field
the certificate prints, English and another credit rule, an unfinished pathway refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import update

from apprenance.clock import fixed_clock
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.db import tables as t
from apprenance.domain.certificate import (
    recommended_ects,
)
from apprenance.errors import Conflict, NotFound
from apprenance.services.certificates.gather import (
    CertificateOptions,
    batch_learners,
    gather_certificate,
)
from apprenance.services.issuing.issuers import init_issuer
from certificate_fixtures import CAMILLE, ISSUED, PUBLIC, tiny_world

CLOCK = fixed_clock(ISSUED)


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
    store, catalog = tiny_world(db_url)
    data = gather_certificate(store, catalog, CAMILLE, clock=CLOCK,
                              options=CertificateOptions(lang="en", hours_per_credit=25))
    assert data.lang == "en"
    assert data.projects[0].name == "The “Ça mijote” vegetable hub"
    assert data.pillars[1].label == "faire"  # the tiny catalog's English label
    assert data.ects == recommended_ects(data.total_hours, 25)


def test_no_signed_credential_no_credits_and_the_issuing_rule_names_the_issuer(
        db_url: str, tmp_path: Path) -> None:
    store, catalog = tiny_world(db_url, with_credential=False)
    data = gather_certificate(store, catalog, CAMILLE, clock=CLOCK,
                              options=CertificateOptions(lang="en", hours_per_credit=25))
    assert data.credential is None and data.verify_url is None
    assert data.ects is None  # nothing a registrar could check: no credits recommended
    assert data.total_hours > 25  # ... though the hours would earn some
    assert data.issuer.name == "Communauté de communes du Val de Serre"  # no issuer at all
    # with an issuer in the store, the block names the one that would sign (as issuing does)
    init_issuer(store, KeyStore(tmp_path / "keys"), slug="combes", name="Collectif des Combes",
                urls=HostedUrls(PUBLIC), clock=CLOCK, did_method="key")
    data = gather_certificate(store, catalog, CAMILLE, clock=CLOCK)
    assert data.issuer.name == "Collectif des Combes" and data.ects is None


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
