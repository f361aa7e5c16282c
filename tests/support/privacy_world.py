"""The example territory in a real store, as the privacy tests need it: the activity log, the
file with mistakes (rejected rows naming Léa), the xAPI statements received by the LRS
endpoint (Léa's own, and one of Jonas's she witnessed), awards, credentials issued to Léa and
Jonas into ``HOME/credentials``, and Léa's share link, sign-in link, token and session."""

from __future__ import annotations

import copy
import json
import random
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from apprenance.bootstrap import App, bundled
from apprenance.clock import fixed_clock
from apprenance.config import load_settings
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.domain.catalog import Catalog
from apprenance.services.evaluation.evaluate import evaluate
from apprenance.services.ingest import xapi_intake
from apprenance.services.ingest.pipeline import LogFile, ingest_files
from apprenance.services.ingest.statement_store import store_statements
from apprenance.services.issuing.issue import issue
from apprenance.services.issuing.issuers import init_issuer
from apprenance.services.people import access
from apprenance.services.people.territories import load_territory
from apprenance.services.store import init_store
from conftest import FIXED_NOW

LEA = "lea.marchand@example.org"
JONAS = "jonas.weber@example.org"
PASSPHRASE = "a long passphrase for the privacy tests"
EXAMPLES = bundled("examples")


@dataclass
class PrivacyWorld:
    app: App
    catalog: Catalog
    keys: KeyStore
    urls: HostedUrls
    out: Path
    secrets: dict[str, str] = field(default_factory=dict)
    witnessed: str = ""  # the id of Jonas's statement Léa witnessed


def _witnessed_statement(first: dict[str, Any]) -> dict[str, Any]:
    statement = copy.deepcopy(first)
    statement["id"] = str(uuid.UUID(int=random.Random(5).getrandbits(128), version=4))
    statement["actor"] = {"objectType": "Agent", "name": "Jonas Weber",
                          "mbox": f"mailto:{JONAS}"}
    statement["object"]["id"] += "-jonas"
    statement["context"]["instructor"] = {"objectType": "Agent", "name": "Léa Marchand",
                                          "mbox": f"mailto:{LEA.upper()}"}
    return statement


def build(tmp_path: Path, db_url: str | None = None) -> PrivacyWorld:
    settings = load_settings(home=tmp_path / "home", database_url=db_url, lang="en",
                             public_url="http://127.0.0.1:9")
    app = App(settings, clock=fixed_clock(FIXED_NOW))
    init_store(app.home, lambda: app.store)
    store, clock = app.store, app.clock
    load_territory(store, EXAMPLES / "territory.yaml", clock=clock)
    catalog = app.catalog()
    ingest_files(store, catalog, [LogFile(EXAMPLES / "activites.csv", "activites.csv"),
                                  LogFile(EXAMPLES / "activites-with-errors.csv",
                                          "activites-with-errors.csv")],
                 clock=clock, lang="en")
    received = json.loads((EXAMPLES / "activites-xapi.json").read_text(encoding="utf-8"))
    witnessed = _witnessed_statement(received[0])
    checked = xapi_intake.check([*received, witnessed])
    store_statements(store, catalog, app.home, xapi_intake.fresh_statements(store, checked),
                     version="1.0.3", clock=clock, lang="en")
    evaluate(store, catalog, clock=clock, everyone=True)
    keys = KeyStore(app.home / "keys", PASSPHRASE)
    urls = HostedUrls(settings.public_url)
    init_issuer(store, keys, slug="val-de-serre", name="Val de Serre", urls=urls, clock=clock,
                territory="val-de-serre", email="contact@cc-val-de-serre.example.org")
    out = app.home / "credentials"
    for who in (LEA, JONAS):
        issue(store, catalog, keys, urls=urls, clock=clock, out=out, participant=who,
              rng=random.Random(7 if who == LEA else 8))
    world = PrivacyWorld(app, catalog, keys, urls, out, witnessed=witnessed["id"])
    world.secrets = {
        "share": access.create_share_link(store, LEA, clock=clock, days=30)["token"],
        "sign_in": access.create_sign_in_link(store, LEA, clock=clock),
        "token": access.create_token(store, role="learner", learner=LEA, clock=clock),
        "session": access.create_token(store, role="learner", learner=LEA, kind="session",
                                       clock=clock),
    }
    return world
