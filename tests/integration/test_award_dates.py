"""Issue 19: a badge's *awarded* date is the day the evidence met its rule; the issuance date
(validFrom, issuedOn) is the day it was signed. Both reach what people read: the credential,
the PDF certificate, the portfolio."""

from __future__ import annotations

import io
import random
from datetime import UTC, date, datetime
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import MetaData, select

from apprenance.clock import fixed_clock
from apprenance.credentials.pdf.certificate import render_certificate
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.db import tables as t
from apprenance.db.schema import upgrade
from apprenance.db.store import Store
from apprenance.domain.award_dates import met_days, met_on
from apprenance.domain.catalog import AllOf, Catalog, Filters, Measure
from apprenance.domain.evidence import ActivityFacts
from apprenance.i18n.dates import date_text
from apprenance.services.certificates.gather import CertificateOptions, gather_certificate
from apprenance.services.evaluation.evaluate import evaluate, list_awards
from apprenance.services.issuing.issue import get_credential, issue
from apprenance.services.people import access
from apprenance.services.portfolio import portfolio_for
from builders import add_activity, tiny_catalog
from issue_world import make_issuer
from web_world import LEA as WEB_LEA
from web_world import build_world

URLS = HostedUrls("http://127.0.0.1:9")
EVALUATED = datetime(2026, 5, 20, 22, 0, tzinfo=UTC)  # the nightly evaluation, weeks later
SIGNED = datetime(2026, 6, 1, 8, 30, tzinfo=UTC)
LEA = "lea@x.org"


def _fact(day: date, hours: float, *, project: str = "p1",
          roles: tuple[str, ...] = ()) -> ActivityFacts:
    return ActivityFacts(id=f"{day}-{hours}-{project}", day=day, hours=hours, activity="atelier",
                         function="alimentation", project=project, territory="t1",
                         pillars={"faire": 0.6}, competences={}, witness_roles=roles)


# --- the domain: replaying a rule day by day ------------------------------------------------


def test_met_on_is_the_day_the_threshold_was_crossed() -> None:
    rule = Measure("hours", 5, Filters(pillar="faire"))  # 5 weighted hours: 8.4 h of atelier
    facts = [_fact(date(2026, 4, 10), 3), _fact(date(2026, 3, 1), 4),
             _fact(date(2026, 3, 15), 5)]  # in no order: the replay sorts them
    assert met_on(rule, facts) == date(2026, 3, 15)
    assert met_on(rule, facts[:2]) is None  # 4.2 weighted hours: not met
    # several activities on the crossing day count together
    assert met_on(rule, [_fact(date(2026, 3, 15), 4), _fact(date(2026, 3, 15), 5)]) == \
        date(2026, 3, 15)


def test_met_on_counts_the_badges_held_by_then_and_other_measures() -> None:
    pathway = AllOf((Measure("badges", 2, ids=("faire-1", "duo")), Measure("span_days", 30)))
    facts = [_fact(date(2026, 3, 1), 1), _fact(date(2026, 3, 31), 1)]
    held = {"faire-1": date(2026, 3, 15), "duo": date(2026, 4, 2)}
    assert met_on(pathway, facts, held) == date(2026, 4, 2)  # span 30 days on 03-31, duo then
    assert met_on(pathway, facts, {**held, "duo": date(2026, 3, 20)}) == date(2026, 3, 31)
    later = [facts[0], _fact(date(2026, 4, 20), 1)]  # the span counts activities up to the day
    assert met_on(pathway, later, held) == date(2026, 4, 20)
    assert met_on(pathway, facts, {"faire-1": date(2026, 3, 15)}) is None
    # several badges in one walk: a badge met on a day counts that day for a pathway after it
    faire = Measure("hours", 1, Filters(pillar="faire"))
    one_badge = AllOf((Measure("badges", 1, ids=("faire-1",)), Measure("span_days", 10)))
    walk = [_fact(date(2026, 3, 1), 1), _fact(date(2026, 3, 5), 1), _fact(date(2026, 3, 20), 1)]
    assert met_days([("faire-1", faire), ("parcours", one_badge), ("never", pathway)], walk) == {
        "faire-1": date(2026, 3, 5), "parcours": date(2026, 3, 20)}
    duo = AllOf((Measure("distinct", 2, of="project"), Measure("attestations", 1, role="habitant")))
    facts = [_fact(date(2026, 3, 1), 1, roles=("habitant",)), _fact(date(2026, 3, 9), 1),
             _fact(date(2026, 3, 20), 1, project="p2")]
    assert met_on(duo, facts) == date(2026, 3, 20)


# --- the store, the credential, the certificate, the portfolio --------------------------------


def _learner(store: Store, cat: Catalog) -> None:
    for day, hours in ((date(2026, 3, 1), 4), (date(2026, 3, 15), 5), (date(2026, 4, 10), 3)):
        add_activity(store, cat, participant=LEA, day=day, hours=hours)


def _awarded_on(store: Store, badge: str) -> date:
    with store.transaction() as conn:
        day = conn.execute(select(t.awards.c.awarded_on).where(
            t.awards.c.badge_id == badge)).scalar_one()
    assert isinstance(day, date)
    return day


def test_awarded_and_issued_dates_in_credential_certificate_and_portfolio(
        db_store: Store, tmp_path: Path) -> None:
    store, cat = db_store, tiny_catalog()
    keys = KeyStore(tmp_path / "keys")
    _learner(store, cat)
    evaluate(store, cat, clock=fixed_clock(EVALUATED))
    assert _awarded_on(store, "faire-1") == date(2026, 3, 15)
    [award] = [a for a in list_awards(store, participant=LEA) if a["badge"] == "faire-1"]
    assert award["awarded_on"] == "2026-03-15" and award["awarded_at"].startswith("2026-05-20")
    make_issuer(store, keys, URLS)
    report = issue(store, cat, keys, urls=URLS, clock=fixed_clock(SIGNED), out=None,
                   rng=random.Random(5), badge="faire-1")
    [issued] = report.issued
    doc = get_credential(store, issued.credential_id)["document"]
    # the activity of 2026-03-15 (09:00 UTC) made the rule hold; the signing came later
    assert doc["awardedDate"] == "2026-03-15T09:00:00Z"
    assert doc["validFrom"] == "2026-06-01T08:30:00Z"
    assert doc["proof"]["created"] == "2026-06-01T08:30:00Z"
    for lang, awarded, signed in (("fr", "15/03/2026", "01/06/2026"),
                                  ("en", "15 Mar 2026", "1 Jun 2026")):
        data = gather_certificate(store, cat, LEA, clock=fixed_clock(SIGNED),
                                  options=CertificateOptions(lang=lang))
        [line] = [b for b in data.badges if b.id == "faire-1"]
        assert (line.awarded_on, line.issued_on) == (date(2026, 3, 15), date(2026, 6, 1))
        pdf = render_certificate(data, created=SIGNED)
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        text = text.replace("\u00a0", " ")  # dates keep their parts together
        for expected in (awarded, signed, "Attribué le" if lang == "fr" else "Awarded on",
                         "Émis le" if lang == "fr" else "Issued on"):
            assert expected in text, (lang, expected)
    page = portfolio_for(store, cat, LEA, "fr")
    [badge] = [b for b in page["badges"] if b["id"] == "faire-1"]
    assert (badge["awarded_on"], badge["issued_on"]) == ("2026-03-15", "2026-06-01")


def test_evaluating_again_later_does_not_move_the_awarded_day(db_store: Store) -> None:
    store, cat = db_store, tiny_catalog()
    _learner(store, cat)
    evaluate(store, cat, clock=fixed_clock(EVALUATED))
    add_activity(store, cat, participant=LEA, day=date(2026, 6, 20), hours=20)
    evaluate(store, cat, clock=fixed_clock(datetime(2026, 7, 1, tzinfo=UTC)), everyone=True)
    assert _awarded_on(store, "faire-1") == date(2026, 3, 15)


def test_a_pathway_is_awarded_the_day_its_last_part_was(db_store: Store) -> None:
    """faire-1 met on 2026-03-15 (recorded by a first evaluation), duo on 2026-04-10 (a second
    project and a resident's attestation): the pathway, 30 days of span and both badges, on
    2026-04-10, though the second evaluation ran in May."""
    store, cat = db_store, tiny_catalog()
    _learner(store, cat)
    evaluate(store, cat, clock=fixed_clock(datetime(2026, 4, 12, tzinfo=UTC)))
    assert _awarded_on(store, "faire-1") == date(2026, 3, 15)
    add_activity(store, cat, participant=LEA, day=date(2026, 4, 10), hours=1, project="p2",
                 witness="marie@village.fr", witness_role="habitant")
    evaluate(store, cat, clock=fixed_clock(EVALUATED))
    assert _awarded_on(store, "duo") == date(2026, 4, 10)
    assert _awarded_on(store, "parcours") == date(2026, 4, 10)


def test_the_portfolio_page_shows_both_dates(tmp_path: Path) -> None:
    world = build_world(tmp_path)
    issued = world.client.post("/api/v1/credentials/issue", headers=world.headers("coordinator"),
                               json={})
    assert issued.status_code == 200, issued.text
    link = access.create_sign_in_link(world.app.store, WEB_LEA, clock=world.app.clock)
    world.client.post(f"/connexion/{link}", follow_redirects=False)
    html = world.client.get("/portfolio").text
    awards = [a for a in list_awards(world.app.store, participant=WEB_LEA) if a["issued_at"]]
    assert awards
    for award in awards:
        # written as people read dates (i18n/dates.py), the activity's day first
        awarded = date_text(date.fromisoformat(award["awarded_on"]), "fr")
        issued_on = date_text(date.fromisoformat(award["issued_at"][:10]), "fr")
        assert f"obtenu le {awarded} · émis le {issued_on}" in html


def test_migration_0006_gives_earlier_awards_the_day_they_were_recorded(db_url: str) -> None:
    store = Store.open(db_url)
    upgrade(store.engine, "0005")
    tables = MetaData()
    tables.reflect(store.engine, only=["learners", "awards"])
    when = datetime(2025, 3, 1, 23, 30, tzinfo=UTC)  # late in the UTC day
    with store.engine.begin() as conn:
        conn.execute(tables.tables["learners"].insert().values(
            id=1, participant=LEA, created_at=when))
        conn.execute(tables.tables["awards"].insert().values(
            learner_id=1, badge_id="faire-1", awarded_at=when, catalog_version="v0",
            activity_ids=[]))
    upgrade(store.engine)
    assert _awarded_on(store, "faire-1") == date(2025, 3, 1)
    [award] = list_awards(store, participant=LEA)
    assert award["awarded_on"] == "2025-03-01"
    store.dispose()
