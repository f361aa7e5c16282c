"""Data for the certificate tests: the bundled example territory (Val de Serre) with the
activities of its log stored through the test builders, and awards evaluated at a fixed time."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path

from apprenance.bootstrap import App, bundled
from apprenance.clock import fixed_clock
from apprenance.config import load_settings
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog
from apprenance.services.catalog import catalog_for
from apprenance.services.evaluate import evaluate
from apprenance.services.territories import load_territory
from builders import add_activity

EXAMPLES = bundled("examples")
ISSUED = datetime(2026, 9, 15, 10, 0, tzinfo=UTC)
LEA = "lea.marchand@example.org"


def real_catalog(home: Path) -> Catalog:
    """The bundled catalog (frameworks, mapping, badges)."""
    return catalog_for(App(load_settings(home=home)))


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
