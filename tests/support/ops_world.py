"""The example territory in a store, as an operator runs it (territory, activity log,
evaluation, issuing with an encrypted key), and a snapshot of what learners see of it: the
portfolio, progress, evidence, awards and every credential with its signed documents."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from apprenance.bootstrap import App, bundled
from apprenance.clock import fixed_clock
from apprenance.config import load_settings
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog
from apprenance.services.evaluation.evaluate import evaluate, list_awards
from apprenance.services.evidence.progress import evidence_for, progress_for
from apprenance.services.ingest.pipeline import LogFile, ingest_files
from apprenance.services.issuing.issue import credentials_of, get_credential, issue
from apprenance.services.issuing.issuers import init_issuer
from apprenance.services.people.directory import list_learners
from apprenance.services.people.territories import load_territory
from apprenance.services.portfolio import portfolio_for
from apprenance.services.store import init_store
from conftest import FIXED_NOW

EXAMPLES = bundled("examples")
PASSPHRASE = "restore me with the same passphrase"
URLS = HostedUrls("https://badges.example.org")


@dataclass
class Operated:
    app: App
    catalog: Catalog
    keys: KeyStore
    issued: int


def build(home: Path, db_url: str | None) -> Operated:
    settings = load_settings(home=home, database_url=db_url, lang="fr",
                             public_url="https://badges.example.org")
    app = App(settings, clock=fixed_clock(FIXED_NOW))
    init_store(app.home, lambda: app.store)
    store, clock = app.store, app.clock
    load_territory(store, EXAMPLES / "territory.yaml", clock=clock)
    catalog = app.catalog()
    ingest_files(store, catalog, [LogFile(EXAMPLES / "activites.csv", "activites.csv")],
                 clock=clock, lang="fr")
    evaluate(store, catalog, clock=clock, everyone=True)
    keys = KeyStore(home / "keys", PASSPHRASE)
    init_issuer(store, keys, slug="val-de-serre", name="Val de Serre", urls=URLS, clock=clock,
                did_method="web", territory="val-de-serre",
                email="contact@cc-val-de-serre.example.org")
    report = issue(store, catalog, keys, urls=URLS, clock=clock, rng=random.Random(11))
    assert not report.problems and len(report.issued) > 50
    return Operated(app, catalog, keys, len(report.issued))


def snapshot(store: Store, catalog: Catalog) -> dict[str, Any]:
    """Everything a learner sees of themselves, for every learner."""
    seen: dict[str, Any] = {}
    for learner in list_learners(store, limit=10_000):
        who = learner["learner"]
        seen[who] = {
            "portfolio": portfolio_for(store, catalog, who, "fr"),
            "progress": progress_for(store, catalog, who, "en"),
            "evidence": evidence_for(store, catalog, who),
            "awards": list_awards(store, participant=who),
            "credentials": [get_credential(store, c["id"]) for c in credentials_of(store, who)],
        }
    assert seen and sum(len(x["credentials"]) for x in seen.values()) > 50
    return seen
