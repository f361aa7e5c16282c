"""The web world of the authorization tests, on SQLite or PostgreSQL, with everything a
principal can hold: API tokens per role (from ``web_world``), one OAuth access token per Open
Badges scope (a client of LEA), live share links of LEA and of OLGA, an expired share link of
LEA, and LEA's issued credentials."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest

from apprenance.clock import fixed_clock
from apprenance.credentials.trust.keys import KeyStore
from apprenance.services.issuing.endorsers import init_endorser
from apprenance.services.people import access
from apprenance.services.recognition import journal
from apprenance.services.recognition import requests as asks
from apprenance.services.recognition.uploads import Upload
from conftest import FIXED_NOW, _reset_pg
from web_world import LEA, OTHER, World, build_world

OB_SCOPES = ("credential.readonly", "credential.upsert", "profile.readonly", "profile.update")
OAUTH_ROLES = tuple(f"oauth:{s}" for s in OB_SCOPES)


@dataclass
class AuthzWorld:
    world: World
    shares: dict[str, str] = field(default_factory=dict)  # lea, olga, expired, unknown
    credential: str = ""  # LEA's OB 3.0 credential for faire-1
    revocable: str = ""  # LEA's other OB 3.0 credential (the matrix revokes it)
    client: tuple[str, str] = ("", "")  # LEA's OAuth client (id, secret)
    payloads: dict[str, bytes] = field(default_factory=dict)  # what a test uploads, cached

    def headers(self, role: str) -> dict[str, str]:
        return self.world.headers(role)


def oauth_token(world: World, client: tuple[str, str], scope: str) -> str:
    """An access token from the real token endpoint (client credentials, HTTP Basic)."""
    basic = base64.b64encode(f"{client[0]}:{client[1]}".encode()).decode()
    response = world.client.post(
        "/oauth/token", data={"grant_type": "client_credentials", "scope": scope},
        headers={"Authorization": f"Basic {basic}"})
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def build_authz_world(tmp_path: Path, db_url: str | None, *,
                      public_url: str = "http://testserver") -> AuthzWorld:
    world = build_world(tmp_path, db_url=db_url, public_url=public_url)
    app, store = world.app, world.app.store
    issued = world.client.post("/api/v1/credentials/issue", headers=world.headers("admin"),
                               json={"learners": [LEA]})
    assert issued.status_code == 200 and issued.json()["issued"], issued.text
    init_endorser(store, KeyStore(app.home / "endorser-keys"), slug="uga",
                  name="Université Grenoble Alpes", urls=app.urls, clock=app.clock)
    mine = world.client.get(f"/api/v1/learners/{LEA}/credentials",
                            headers=world.headers("learner")).json()
    client = access.create_oauth_client(store, name="plateforme", role="learner", learner=LEA,
                                        clock=app.clock)
    for scope in OB_SCOPES:
        world.tokens[f"oauth:{scope}"] = oauth_token(world, client, access.OB_SCOPE + scope)
    past = fixed_clock(FIXED_NOW - timedelta(days=30))
    shares = {
        "lea": access.create_share_link(store, LEA, clock=app.clock, days=30)["token"],
        "olga": access.create_share_link(store, OTHER, clock=app.clock, days=30)["token"],
        "expired": access.create_share_link(store, LEA, clock=past, days=2)["token"],
        "unknown": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    }
    asks.submit(store, app.catalog(), LEA, badge="mediation", reason="matrix", clock=app.clock,
                evidence=asks.Evidence(files=(Upload("note.txt", b"matrix"),)))  # request 1
    journal.add_note(store, LEA, day="2026-05-01", text="matrix", clock=app.clock,
                     upload=Upload("note.txt", b"matrix"))  # note 1
    ob3 = sorted(str(c["id"]).removeprefix("urn:uuid:") for c in mine if c["badge"] == "faire-1")
    others = sorted(str(c["id"]).removeprefix("urn:uuid:") for c in mine
                    if c["format"] == "ob3" and c["badge"] != "faire-1")
    return AuthzWorld(world, shares, ob3[0], others[0], client)


def db_url_for(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """What the ``db_url`` fixture gives, for a module-scoped world: an SQLite file, or the
    test process's PostgreSQL database emptied first."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    url: str = request.getfixturevalue("pg_server_url")
    _reset_pg(url)
    return url


DB_PARAMS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
