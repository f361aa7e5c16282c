"""The Open Badges 3.0 API: discovery, OAuth 2.0 client credentials with the spec's scopes,
getCredentials with paging, upsertCredential, getProfile and putProfile."""

from __future__ import annotations

import base64

import pytest

from apprenance.services.people import access
from web_world import LEA, World, build_world

SCOPE = "https://purl.imsglobal.org/spec/ob/v3p0/scope/"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    w = build_world(tmp_path_factory.mktemp("ob3"))
    assert w.client.post("/api/v1/credentials/issue", headers=w.headers("admin"),
                         json={}).json()["issued"] >= 1
    return w


def _client(world: World, role: str, **kw: str) -> tuple[str, str]:
    return access.create_oauth_client(world.app.store, name="plateforme", role=role,
                                      clock=world.app.clock, **kw)


def _token(world: World, client: tuple[str, str], scope: str | None = None) -> str:
    basic = base64.b64encode(f"{client[0]}:{client[1]}".encode()).decode()
    data = {"grant_type": "client_credentials"}
    if scope:
        data["scope"] = scope
    response = world.client.post("/oauth/token", data=data,
                                 headers={"Authorization": f"Basic {basic}"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600
    return str(body["access_token"])


def test_discovery_names_the_spec_scopes(world: World) -> None:
    doc = world.client.get("/ims/ob/v3p0/discovery").json()
    flow = doc["components"]["securitySchemes"]["OAuth2CCG"]["flows"]["clientCredentials"]
    assert set(flow["scopes"]) == {SCOPE + s for s in (
        "credential.readonly", "credential.upsert", "profile.readonly", "profile.update")}
    assert flow["tokenUrl"].endswith("/oauth/token")


def test_token_endpoint_refusals(world: World) -> None:
    client = _client(world, "learner", learner=LEA)
    bad = world.client.post("/oauth/token", data={"grant_type": "client_credentials",
                                                  "client_id": client[0],
                                                  "client_secret": "wrong"})
    assert bad.status_code == 401 and bad.json()["error"] == "invalid_client"
    grant = world.client.post("/oauth/token", data={"grant_type": "password"})
    assert grant.status_code == 400 and grant.json()["error"] == "unsupported_grant_type"
    scope = world.client.post("/oauth/token", data={
        "grant_type": "client_credentials", "client_id": client[0],
        "client_secret": client[1], "scope": "admin"})
    assert scope.status_code == 400 and scope.json()["error"] == "invalid_scope"


def test_get_credentials_with_scope_and_paging(world: World) -> None:
    learner = _token(world, _client(world, "learner", learner=LEA))
    response = world.client.get("/ims/ob/v3p0/credentials?limit=1",
                                headers={"Authorization": f"Bearer {learner}"})
    assert response.status_code == 200, response.text
    total = int(response.headers["x-total-count"])
    assert total >= 1 and len(response.json()["credential"]) == 1
    assert 'rel="first"' in response.headers["link"]
    if total > 1:
        assert 'rel="next"' in response.headers["link"]
    other = _token(world, _client(world, "coordinator", territory="autre"))
    none = world.client.get("/ims/ob/v3p0/credentials",
                            headers={"Authorization": f"Bearer {other}"})
    assert none.json()["credential"] == []


def test_scopes_and_token_kinds_are_enforced(world: World) -> None:
    read_only = _token(world, _client(world, "learner", learner=LEA), SCOPE + "profile.readonly")
    refused = world.client.get("/ims/ob/v3p0/credentials",
                               headers={"Authorization": f"Bearer {read_only}"})
    assert refused.status_code == 403
    assert refused.json()["imsx_codeMajor"] == "failure"
    api_token = world.client.get("/ims/ob/v3p0/credentials", headers=world.headers("admin"))
    assert api_token.status_code == 403
    public = world.client.get("/ims/ob/v3p0/credentials")
    assert public.status_code == 401
    on_api = world.client.get("/api/v1/me", headers={"Authorization": f"Bearer {read_only}"})
    assert on_api.status_code == 403


def test_profiles(world: World) -> None:
    token = _token(world, _client(world, "learner", learner=LEA))
    auth = {"Authorization": f"Bearer {token}"}
    profile = world.client.get("/ims/ob/v3p0/profile", headers=auth).json()
    assert profile["email"] == LEA and profile["type"] == "Profile"
    changed = world.client.put("/ims/ob/v3p0/profile", headers=auth,
                               json={**profile, "name": "Léa M."})
    assert changed.status_code == 200 and changed.json()["name"] == "Léa M."
    refused = world.client.put("/ims/ob/v3p0/profile", headers=auth,
                               json={**profile, "email": "x@y.org"})
    assert refused.status_code == 400
    staff = _token(world, _client(world, "coordinator", territory="val-de-serre"))
    issuer = world.client.get("/ims/ob/v3p0/profile",
                              headers={"Authorization": f"Bearer {staff}"}).json()
    assert issuer["id"].startswith("did:web:")


def test_upsert_credential(world: World) -> None:
    token = _token(world, _client(world, "learner", learner=LEA))
    auth = {"Authorization": f"Bearer {token}"}
    mine = world.client.get("/ims/ob/v3p0/credentials", headers=auth).json()["credential"][0]
    again = world.client.post("/ims/ob/v3p0/credentials", headers=auth, json=mine)
    assert again.status_code == 200, again.text
    forged = {**mine, "name": "changed"}
    bad = world.client.post("/ims/ob/v3p0/credentials", headers=auth, json=forged)
    assert bad.status_code == 400
    junk = world.client.post("/ims/ob/v3p0/credentials", headers={
        **auth, "Content-Type": "text/plain"}, content=b"not a credential")
    assert junk.status_code == 400
