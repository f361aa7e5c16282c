"""Every route, for every role: who may, and who is refused (401 for the public, 403 for a
signed-in caller outside their rights)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from web_world import LEA, World, build_world

ROLES = ("public", "admin", "coordinator", "other_coordinator", "learner", "other_learner")
L = f"/api/v1/learners/{LEA}"
OWN = {"public": 401, "admin": 200, "coordinator": 200, "other_coordinator": 403,
       "learner": 200, "other_learner": 403}
STAFF = {"public": 401, "admin": 200, "coordinator": 200, "other_coordinator": 200,
         "learner": 403, "other_learner": 403}
TERRITORY = {"public": 401, "admin": 200, "coordinator": 200, "other_coordinator": 403,
             "learner": 403, "other_learner": 403}
SIGNED_IN = {"public": 401, "admin": 200, "coordinator": 200, "other_coordinator": 200,
             "learner": 200, "other_learner": 200}
EVERYONE = dict.fromkeys(ROLES, 200)
ADMIN_ONLY = {"public": 401, "admin": 201, "coordinator": 403, "other_coordinator": 403,
              "learner": 403, "other_learner": 403}

MATRIX: list[tuple[str, str, Any, dict[str, int]]] = [
    ("GET", "/api/v1/me", None, EVERYONE),
    ("GET", "/api/v1/territories", None, STAFF),
    ("GET", "/api/v1/territories/val-de-serre", None, TERRITORY),
    ("GET", "/api/v1/territories/val-de-serre/coverage", None, TERRITORY),
    ("GET", "/api/v1/projects", None, STAFF),
    ("GET", "/api/v1/projects/legumerie-cantines", None, TERRITORY),
    ("GET", "/api/v1/learners", None, SIGNED_IN),
    ("GET", L, None, OWN),
    ("GET", f"{L}/evidence", None, OWN),
    ("GET", f"{L}/progress", None, OWN),
    ("GET", f"{L}/awards", None, OWN),
    ("GET", f"{L}/activities", None, OWN),
    ("GET", f"{L}/share-links", None, OWN),
    ("GET", "/api/v1/activities/lea-0", None, OWN),
    ("GET", "/api/v1/awards", None, STAFF),
    ("POST", "/api/v1/evaluate", {}, STAFF),
    ("POST", f"{L}/sign-in-links", None,
     {**TERRITORY, "admin": 201, "coordinator": 201}),
    ("POST", f"{L}/share-links", {"days": 5},
     {"public": 401, "admin": 403, "coordinator": 403, "other_coordinator": 403,
      "learner": 201, "other_learner": 403}),
    ("GET", "/api/v1/frameworks", None, EVERYONE),
    ("GET", "/api/v1/concepts?q=faire", None, EVERYONE),
    ("GET", "/api/v1/concepts/pilier/faire", None, EVERYONE),
    ("GET", "/api/v1/badges", None, EVERYONE),
    ("GET", "/api/v1/badges/faire-1", None, EVERYONE),
    ("GET", "/images/badges/faire-1.svg", None, EVERYONE),
    ("GET", "/", None, EVERYONE),
    ("GET", "/verifier", None, EVERYONE),
    ("GET", "/connexion", None, EVERYONE),
    ("GET", "/portfolio", None,
     {"public": 401, "admin": 303, "coordinator": 303, "other_coordinator": 303,
      "learner": 200, "other_learner": 200}),
    ("GET", f"/apprenants/{LEA}", None, OWN),
    ("GET", f"{L}/credentials", None, OWN),
    ("GET", "/api/v1/unmapped", None, STAFF),
    ("GET", "/api/v1/rejects", None, {**ADMIN_ONLY, "admin": 200}),
    ("POST", "/api/v1/rejects/999999/dismiss", {"reason": "replaced"},
     {**ADMIN_ONLY, "admin": 404}),
    ("GET", "/territoires/val-de-serre", None, TERRITORY),
    ("GET", "/api/v1/frameworks/export?format=turtle&scheme=pilier", None, EVERYONE),
    ("GET", "/.well-known/did.json", None, EVERYONE),
    ("GET", "/issuers/val-de-serre/did.json", None, EVERYONE),
    ("GET", "/issuers/val-de-serre/ob2/profile.json", None, EVERYONE),
    ("GET", "/issuers/val-de-serre/ob2/badges/faire-1.json", None, EVERYONE),
    ("GET", "/achievements/faire-1.fr.json", None, EVERYONE),
    ("GET", "/ims/ob/v3p0/discovery", None, EVERYONE),
    ("GET", "/ims/ob/v3p0/credentials", None,
     {**dict.fromkeys(ROLES, 403), "public": 401}),
    ("GET", "/xapi/about", None, EVERYONE),
    ("GET", f"{L}/export", None, {**ADMIN_ONLY, "admin": 200}),
    # without {"confirm": true} the admin is told so (400) and nothing is erased
    ("POST", f"{L}/erase", {}, {**ADMIN_ONLY, "admin": 400}),
]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("matrix"))


@pytest.mark.parametrize(("method", "path", "body", "expected"), MATRIX,
                         ids=[f"{m} {p}" for m, p, _, _ in MATRIX])
def test_route_for_every_role(world: World, method: str, path: str, body: Any,
                              expected: dict[str, int]) -> None:
    for role in ROLES:
        response = world.client.request(method, path, headers=world.headers(role),
                                        json=body, follow_redirects=False)
        assert response.status_code == expected[role], (role, response.text[:300])
        if response.status_code in (401, 403) and path.startswith(("/api/", "/xapi")):
            assert response.json()["error"] in ("unauthenticated", "forbidden")


def test_upload_territory_admin_only(world: World, tmp_path: Path) -> None:
    data = Path(__file__).with_name("web_world.py").read_text(encoding="utf-8")
    yaml_text = data.split('OTHER_TERRITORY = """\\\n', 1)[1].split('"""', 1)[0]
    for role in ROLES:
        response = world.client.post(
            "/api/v1/territories", headers=world.headers(role),
            files={"file": ("autre.yaml", yaml_text.encode(), "application/yaml")})
        assert response.status_code == ADMIN_ONLY[role], (role, response.text)
    assert response.status_code == 403


def test_coordinator_sees_only_their_territory(world: World) -> None:
    mine = world.client.get("/api/v1/learners", headers=world.headers("coordinator")).json()
    assert mine and {x["territory"] for x in mine} == {"val-de-serre"}
    other = world.client.get("/api/v1/learners", headers=world.headers("other_coordinator"))
    assert [x["learner"] for x in other.json()] == ["olga@autre.example.org"]
    every = world.client.get("/api/v1/learners", headers=world.headers("admin")).json()
    assert len(every) == len(mine) + 1
    asked = world.client.get("/api/v1/learners?territory=autre",
                             headers=world.headers("coordinator"))
    assert asked.status_code == 403


def test_learner_sees_only_themselves(world: World) -> None:
    listed = world.client.get("/api/v1/learners", headers=world.headers("learner")).json()
    assert [x["learner"] for x in listed] == [LEA]
    olga = world.client.get("/api/v1/activities/olga-0", headers=world.headers("learner"))
    assert olga.status_code == 403


def test_bad_token_is_refused_not_public(world: World) -> None:
    response = world.client.get("/api/v1/me", headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert "nope" not in response.text
