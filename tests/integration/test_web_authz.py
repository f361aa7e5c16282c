"""Issue 12, authorization: an OAuth access token opens the Open Badges API only (no page, no
/api/v1, no /xapi), each OB API route asks for its own scope, and a ``?share=`` that opens
nothing answers one and the same 404 whatever is unknown (no enumeration)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from authz_world import DB_PARAMS, OAUTH_ROLES, AuthzWorld, build_authz_world, db_url_for
from web_world import LEA

OB = "/ims/ob/v3p0"


@pytest.fixture(scope="module", params=DB_PARAMS)
def aw(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
       ) -> Iterator[AuthzWorld]:
    tmp = tmp_path_factory.mktemp("authz")
    built = build_authz_world(tmp, db_url_for(request, tmp))
    yield built
    built.world.app.close()


@pytest.mark.parametrize("path", ["/portfolio", f"/apprenants/{LEA}",
                                  "/territoires/val-de-serre", "/", "/verifier"])
@pytest.mark.parametrize("role", OAUTH_ROLES)
def test_oauth_token_opens_no_page(aw: AuthzWorld, role: str, path: str) -> None:
    for accept in ("text/html", "application/json"):
        response = aw.world.client.get(path, headers={**aw.headers(role), "Accept": accept},
                                       follow_redirects=False)
        assert response.status_code == 403, (accept, response.text[:200])
        assert "Lé" not in response.text and "Marchand" not in response.text


@pytest.mark.parametrize("path", [
    "/api/v1/me", f"/api/v1/learners/{LEA}", f"/api/v1/learners/{LEA}/credentials",
    "/api/v1/badges", "/api/v1/frameworks", "/xapi/about", "/xapi/statements",
    "/.well-known/did.json"])
@pytest.mark.parametrize("role", OAUTH_ROLES)
def test_oauth_token_opens_no_api_v1_nor_xapi(aw: AuthzWorld, role: str, path: str) -> None:
    headers = {**aw.headers(role), "X-Experience-API-Version": "1.0.3"}
    response = aw.world.client.get(path, headers=headers)
    assert response.status_code == 403, response.text[:200]
    assert response.json()["error"] == "forbidden"
    assert "/ims/ob/v3p0" in response.json()["message"]


def test_the_same_learner_without_oauth_still_opens_them(aw: AuthzWorld) -> None:
    """The refusal is about the token kind: LEA's own API token opens her pages."""
    page = aw.world.client.get("/portfolio", headers=aw.headers("learner"))
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert aw.world.client.get("/api/v1/me", headers=aw.headers("learner")).status_code == 200


@pytest.mark.parametrize(("method", "path", "scope"), [
    ("GET", f"{OB}/credentials", "credential.readonly"),
    ("POST", f"{OB}/credentials", "credential.upsert"),
    ("GET", f"{OB}/profile", "profile.readonly"),
    ("PUT", f"{OB}/profile", "profile.update"),
])
def test_every_ob_route_asks_for_its_own_scope(aw: AuthzWorld, method: str, path: str,
                                               scope: str) -> None:
    for role in OAUTH_ROLES:
        response = aw.world.client.request(method, path, headers=aw.headers(role),
                                           json={"name": "Léa"})
        if role == f"oauth:{scope}":
            assert response.status_code not in (401, 403), (role, response.text[:300])
        else:
            assert response.status_code == 403, (role, response.text[:300])
            assert scope in response.json()["imsx_description"]
    public = aw.world.client.request(method, path, json={})
    assert public.status_code == 401


def test_profile_readonly_reads_the_profile_and_nothing_else(aw: AuthzWorld) -> None:
    headers = aw.headers("oauth:profile.readonly")
    profile = aw.world.client.get(f"{OB}/profile", headers=headers)
    assert profile.status_code == 200 and profile.json()
    assert aw.world.client.get(f"{OB}/credentials", headers=headers).status_code == 403
    assert aw.world.client.put(f"{OB}/profile", headers=headers,
                               json={"name": "X"}).status_code == 403
    assert aw.world.client.get(f"{OB}/discovery", headers=headers).status_code == 200


def _share_targets(aw: AuthzWorld) -> list[tuple[str, str]]:
    """(path of a known owner, the same path naming an unknown one), per route with ?share=."""
    cid = aw.credential
    return [
        (f"/api/v1/learners/{LEA}/certificate.pdf", "/api/v1/learners/nobody@example.org"
                                                    "/certificate.pdf"),
        (f"/api/v1/credentials/{cid}", "/api/v1/credentials/no-such-credential"),
        (f"/api/v1/credentials/{cid}/json", "/api/v1/credentials/no-such-credential/json"),
        (f"/api/v1/credentials/{cid}/png", "/api/v1/credentials/no-such-credential/png"),
    ]


@pytest.mark.parametrize("index", range(4))
def test_a_share_that_opens_nothing_always_answers_the_same(aw: AuthzWorld,
                                                            index: int) -> None:
    known, unknown = _share_targets(aw)[index]
    s = aw.shares
    answers = [aw.world.client.get(f"{path}?share={share}") for path, share in [
        (unknown, s["lea"]), (unknown, s["unknown"]), (unknown, s["olga"]),
        (known, s["unknown"]), (known, s["olga"]), (known, s["expired"]), (known, "")]]
    assert {(r.status_code, r.text) for r in answers} == {(answers[0].status_code,
                                                           answers[0].text)}
    assert answers[0].status_code == 404
    assert LEA not in answers[0].text and "nobody" not in answers[0].text
    assert aw.world.client.get(f"{known}?share={s['lea']}").status_code == 200


@pytest.mark.parametrize("index", range(4))
def test_without_a_share_the_public_is_asked_to_sign_in_first(aw: AuthzWorld,
                                                              index: int) -> None:
    """401 before any look-up: an unknown id answers as a known one does."""
    known, unknown = _share_targets(aw)[index]
    a, b = aw.world.client.get(known), aw.world.client.get(unknown)
    assert a.status_code == b.status_code == 401 and a.text == b.text


def test_a_signed_in_caller_with_a_valid_share_is_let_in(aw: AuthzWorld) -> None:
    """A share link opens the learner's files to anyone: other_learner holding LEA's link too;
    without it, other_learner is refused as before."""
    path = f"/api/v1/credentials/{aw.credential}/json"
    headers = aw.headers("other_learner")
    assert aw.world.client.get(f"{path}?share={aw.shares['lea']}",
                               headers=headers).status_code == 200
    assert aw.world.client.get(path, headers=headers).status_code == 403
    assert aw.world.client.get(f"{path}?share={aw.shares['olga']}",
                               headers=headers).status_code == 403


def test_only_three_routes_take_share(aw: AuthzWorld) -> None:
    """The no-enumeration rule is tested on every route with a ``share`` parameter."""
    doc = aw.world.client.get("/openapi.json").json()
    taking = sorted(
        f"{method.upper()} {path}" for path, item in doc["paths"].items()
        for method, op in item.items()
        if any(p.get("name") == "share" for p in op.get("parameters", [])))
    assert taking == ["GET /api/v1/credentials/{credential}",
                      "GET /api/v1/credentials/{credential}/{fmt}",
                      "GET /api/v1/learners/{learner}/certificate.pdf"]



@pytest.mark.parametrize("suffix", ["", "/evidence", "/credentials", "/share-links"])
def test_a_learner_cannot_tell_who_else_exists(aw: AuthzWorld, suffix: str) -> None:
    """Another learner, known or not, answers the same 403 to a learner (no look-up first)."""
    headers = aw.headers("other_learner")
    known = aw.world.client.get(f"/api/v1/learners/{LEA}{suffix}", headers=headers)
    unknown = aw.world.client.get(f"/api/v1/learners/nobody@example.org{suffix}",
                                  headers=headers)
    assert known.status_code == unknown.status_code == 403
    assert known.json() == unknown.json()
    own = aw.world.client.get(f"/api/v1/learners/{LEA.upper()}{suffix}",
                              headers=aw.headers("learner"))
    assert own.status_code == 200
