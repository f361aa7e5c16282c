"""Data for the certificate tests: the bundled example territory (Val de Serre) with the
activities of its log stored through the test builders, and awards evaluated at a fixed time."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from apprenance.bootstrap import App, bundled
from apprenance.clock import fixed_clock
from apprenance.config import load_settings
from apprenance.db import tables as t
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog
from apprenance.services.evaluation.evaluate import evaluate
from apprenance.services.people.territories import load_territory
from builders import add_activity, tiny_catalog
from credential_world import sample_credential, signed

EXAMPLES = bundled("examples")
ISSUED = datetime(2026, 9, 15, 10, 0, tzinfo=UTC)
LEA = "lea.marchand@example.org"


def real_catalog(home: Path) -> Catalog:
    """The bundled catalog (frameworks, mapping, badges)."""
    return App(load_settings(home=home)).catalog()


def example_store(url: str, catalog: Catalog, *, participants: set[str] | None = None,
                  limit: int | None = None) -> Store:
    """A store holding the example territory and its activity log (the rows of
    ``participants`` only, when given), evaluated at a fixed time."""
    store = Store.open(url)
    store.init()
    load_territory(store, EXAMPLES / "territory.yaml", clock=fixed_clock(ISSUED))
    with (EXAMPLES / "activites.csv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f)
                if participants is None or r["participant"] in participants]
    for row in rows[:limit]:
        witness_role, _, witness = (row["temoin"] or "").partition(":")
        try:
            day = date.fromisoformat(row["date"][:10])
            hours = float(row["duree"].replace(",", "."))
        except ValueError:  # the log has a few odd rows on purpose (for the importers)
            continue
        if row["activite"] not in catalog.activity_types or hours <= 0:
            continue
        add_activity(
            store, catalog, participant=row["participant"].strip().lower(), day=day, hours=hours,
            kind=row["activite"], project=row["projet"] or None,
            function=row["fonction"] or None, witness=witness or None,
            witness_role=witness_role or None, activity_id=row["id"])
    evaluate(store, catalog, clock=fixed_clock(ISSUED))
    return store


PUBLIC = "https://apprenance.example.org"
CAMILLE = "camille@example.org"


def tiny_world(url: str, *, with_credential: bool = True) -> tuple[Store, Catalog]:
    """A small, fixed world on the tiny catalog: one territory, two projects with French
    names, Camille's activities over two months, four awards (the pathway among them) and,
    when asked, the pathway's signed OB 3.0 credential in the store."""
    catalog = tiny_catalog()
    store = Store.open(url)
    store.init()
    made = datetime(2026, 1, 5, tzinfo=UTC)
    with store.transaction() as conn:
        conn.execute(t.territories.insert().values(
            id="t1", name="Communauté de communes du Val de Serre", data={}, created_at=made))
        conn.execute(t.projects.insert(), [
            {"id": "p1", "territory_id": "t1", "name": "Légumerie « Ça mijote »",
             "functions": ["alimentation", "produire-consommer"], "schemes": ["pat"],
             "data": {"name": {"fr": "Légumerie « Ça mijote » et cantines",
                               "en": "The “Ça mijote” vegetable hub"}}, "created_at": made},
            {"id": "p2", "territory_id": "t1", "name": "Fête de la rivière",
             "functions": ["epanouir"], "schemes": [],
             "data": {"name": {"fr": "Fête de la rivière au cœur d'Œuilly",
                               "en": "River festival"}},
             "created_at": made},
        ])
    for i in range(12):
        add_activity(store, catalog, participant=CAMILLE,
                     day=date(2025, 3, 3) + timedelta(days=5 * i), hours=3.5 + i % 3,
                     project="p1" if i % 2 else "p2",
                     witness=f"habitant.{i % 2}@example.org" if i % 3 == 0 else None,
                     witness_role="habitant", activity_id=f"act-{i:02d}")
    add_activity(store, catalog, participant=CAMILLE, day=date(2025, 5, 20), hours=12,
                 kind="journal", project="p1", activity_id="act-journal")
    with store.transaction() as conn:
        conn.execute(t.learners.update().where(t.learners.c.participant == CAMILLE)
                     .values(name="Camille Lefèvre-Œuvray", territory_id="t1"))
    evaluate(store, catalog, clock=fixed_clock(datetime(2025, 5, 21, 18, tzinfo=UTC)))
    if with_credential:
        credential = signed(sample_credential())
        with store.transaction() as conn:
            award, learner = conn.execute(
                select(t.awards.c.id, t.awards.c.learner_id)
                .where(t.awards.c.badge_id == "parcours")).one()
            conn.execute(t.credentials.insert().values(
                id=credential["id"], award_id=award, learner_id=learner, format="ob3",
                document=credential, issued_at=ISSUED))
    return store, catalog
