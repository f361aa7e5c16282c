"""The service's own tables and flows on both stores (SQLite file and PostgreSQL): tokens,
single-use sign-in links, share links, xAPI statements, uploads, issuing and revocation."""

from __future__ import annotations

import base64
from pathlib import Path

from apprenance.bootstrap import bundled
from apprenance.services.people import access
from web_world import LEA, build_world


def test_flows_on_both_stores(tmp_path: Path, db_url: str) -> None:
    world = build_world(tmp_path, db_url=db_url)
    c = world.client
    link = access.create_sign_in_link(world.app.store, LEA, clock=world.app.clock)
    assert c.post(f"/connexion/{link}", follow_redirects=False).status_code == 303
    assert c.get("/portfolio").status_code == 200
    c.cookies.clear()
    assert c.post(f"/connexion/{link}").status_code == 401
    share = c.post(f"/api/v1/learners/{LEA}/share-links", headers=world.headers("learner"),
                   json={"days": 2}).json()
    assert c.get(f"/p/{share['token']}").status_code == 200
    csv = (bundled("examples") / "activites.csv").read_bytes()
    first = c.post("/api/v1/activities/upload", headers=world.headers("admin"),
                   files={"file": ("a.csv", csv, "text/csv")}).json()
    again = c.post("/api/v1/activities/upload", headers=world.headers("admin"),
                   files={"file": ("a.csv", csv, "text/csv")}).json()
    assert first["accepted"] > 0 and again["accepted"] == 0
    statement = {"actor": {"mbox": f"mailto:{LEA}"},
                 "verb": {"id": "https://w3id.org/apprenance/xapi/verbs/facilitated"},
                 "object": {"id": "https://example.org/a/1"},
                 "id": "7d3b1a86-6a0e-4c57-9d5c-0d9f3f1f6b11"}
    v = {"X-Experience-API-Version": "1.0.3", **world.headers("admin")}
    assert c.post("/xapi/statements", json=statement, headers=v).status_code == 200
    clash = {**statement, "object": {"id": "https://example.org/a/2"}}
    assert c.post("/xapi/statements", json=clash, headers=v).status_code == 409
    assert c.post("/api/v1/evaluate", headers=world.headers("admin"),
                  json={"learners": [LEA]}).status_code == 200
    issued = c.post("/api/v1/credentials/issue", headers=world.headers("admin"),
                    json={"learners": [LEA]})
    assert issued.status_code == 200 and issued.json()["issued"] > 0
    cred = issued.json()["credentials"][0]["credential"].removeprefix("urn:uuid:")
    assert c.post(f"/api/v1/credentials/{cred}/revoke", headers=world.headers("admin"),
                  json={"reason": "test"}).status_code == 200
    client_id, secret = access.create_oauth_client(world.app.store, name="p", role="learner",
                                                   learner=LEA, clock=world.app.clock)
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    token = c.post("/oauth/token", data={"grant_type": "client_credentials"},
                   headers={"Authorization": f"Basic {basic}"}).json()["access_token"]
    listed = c.get("/ims/ob/v3p0/credentials", headers={"Authorization": f"Bearer {token}"})
    assert listed.status_code == 200
    world.app.close()
