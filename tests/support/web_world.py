"""A small world for the web tests: a real SQLite file store with the example territory and a
second one, activities for two learners, one token per role, and an in-process client."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient

from apprenance.bootstrap import App, bundled
from apprenance.clock import fixed_clock
from apprenance.config import load_settings
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.services.evaluation.evaluate import evaluate
from apprenance.services.issuing.issuers import init_issuer
from apprenance.services.people import access
from apprenance.services.people.territories import load_territory
from apprenance.services.store import init_store
from apprenance.web.app import create_app
from builders import add_activity
from conftest import FIXED_NOW

LEA = "lea.marchand@example.org"
KARIM = "karim.benali@example.org"
OTHER = "olga@autre.example.org"
OTHER_TERRITORY = """\
id: autre
name: Autre territoire
projects:
  - id: jardin
    name: Jardin
    functions: [alimentation]
learners:
  - participant: olga@autre.example.org
    name: Olga Autre
    role: habitant
"""


@dataclass
class World:
    app: App
    client: TestClient
    tokens: dict[str, str] = field(default_factory=dict)

    def headers(self, role: str) -> dict[str, str]:
        token = self.tokens.get(role)
        return {"Authorization": f"Bearer {token}"} if token else {}


def build_world(tmp_path: Path, *, public_url: str = "http://testserver",
                db_url: str | None = None) -> World:
    settings = load_settings(home=tmp_path / "home", public_url=public_url, lang="fr",
                             database_url=db_url)
    app = App(settings, clock=fixed_clock(FIXED_NOW))
    init_store(app.home, lambda: app.store)
    load_territory(app.store, bundled("examples") / "territory.yaml", clock=app.clock)
    other = tmp_path / "autre.yaml"
    other.write_text(OTHER_TERRITORY, encoding="utf-8")
    load_territory(app.store, other, clock=app.clock)
    catalog = app.catalog()
    for i, (kind, hours) in enumerate([("atelier-participatif", 6), ("chantier-participatif", 8),
                                       ("reunion-publique", 3), ("atelier-cuisine", 4)]):
        add_activity(app.store, catalog, participant=LEA, day=date(2026, 3, 1 + i * 7),
                     hours=hours, kind=kind, project="legumerie-cantines",
                     function="alimentation", witness="claire.lambert@example.org",
                     witness_role="habitant", activity_id=f"lea-{i}")
    add_activity(app.store, catalog, participant=OTHER, day=date(2026, 4, 2), hours=2,
                 kind="atelier-participatif", project="jardin", activity_id="olga-0")
    evaluate(app.store, catalog, clock=app.clock, everyone=True)
    init_issuer(app.store, KeyStore(app.home / "keys"), slug="val-de-serre",
                name="Communauté de communes du Val de Serre", urls=HostedUrls(public_url),
                clock=app.clock, did_method="web", territory="val-de-serre",
                email="contact@cc-val-de-serre.example.org")
    tokens = {
        "admin": access.create_token(app.store, role="admin", clock=app.clock),
        "coordinator": access.create_token(app.store, role="coordinator",
                                           territory="val-de-serre", clock=app.clock),
        "other_coordinator": access.create_token(app.store, role="coordinator",
                                                 territory="autre", clock=app.clock),
        "learner": access.create_token(app.store, role="learner", learner=LEA, clock=app.clock),
        "other_learner": access.create_token(app.store, role="learner", learner=OTHER,
                                             clock=app.clock),
    }
    client = TestClient(create_app(settings, app=app), raise_server_exceptions=False)
    return World(app, client, tokens)
