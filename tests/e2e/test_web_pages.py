"""The pages: sign-in links, the portfolio and its share links, the language switch, the
coordinator's territory page, concept pages, and errors that never show internals."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from apprenance.services.people import access
from apprenance.web.app import RedactSecrets, create_app
from web_world import LEA, World, build_world


@pytest.fixture
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("pages"))


def _sign_in(world: World) -> TestClient:
    link = access.create_sign_in_link(world.app.store, LEA, clock=world.app.clock)
    page = world.client.get(f"/connexion/{link}")
    assert page.status_code == 200 and 'id="signin-go"' in page.text
    done = world.client.post(f"/connexion/{link}", follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/portfolio"
    assert "httponly" in done.headers["set-cookie"].lower()
    return world.client


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert found
    return found.group(1)


def test_sign_in_link_is_single_use_and_expires(world: World) -> None:
    link = access.create_sign_in_link(world.app.store, LEA, clock=world.app.clock)
    assert world.client.post(f"/connexion/{link}", follow_redirects=False).status_code == 303
    world.client.cookies.clear()
    again = world.client.post(f"/connexion/{link}", headers={"accept": "text/html"})
    assert again.status_code == 401 and "<html" in again.text
    old = access.create_sign_in_link(world.app.store, LEA, clock=world.app.clock,
                                     ttl=timedelta(seconds=-1))
    assert world.client.post(f"/connexion/{old}").status_code == 401


def test_portfolio_shows_the_learner(world: World) -> None:
    client = _sign_in(world)
    page = client.get("/portfolio")
    assert page.status_code == 200
    html = page.text
    assert "Léa Marchand" in html and '<html lang="fr">' in html
    assert 'role="img"' in html and "<svg" in html  # the pillars chart, inline
    assert "Fil des activités" in html and "Prochains badges" in html
    assert "Content-Security-Policy" in page.headers or "content-security-policy" in page.headers


def test_share_link_with_qr_then_revoked(world: World) -> None:
    client = _sign_in(world)
    html = client.get("/portfolio").text
    refused = client.post("/portfolio/partage", data={"days": "30", "csrf": "0" * 32})
    assert refused.status_code == 403
    created = client.post("/portfolio/partage", data={"days": "30", "csrf": _csrf(html)},
                          follow_redirects=False)
    assert created.status_code == 303
    html = client.get("/portfolio").text
    url = re.search(r'class="share-url">([^<]+)<', html)
    assert url and 'class="qr"' in html
    token = url.group(1).rsplit("/", 1)[1]
    client.cookies.clear()
    public = world.client.get(f"/p/{token}")
    assert public.status_code == 200 and "Portfolio partagé" in public.text
    assert LEA not in public.text and "Fil des activités" not in public.text
    client = _sign_in(world)
    html = client.get("/portfolio").text
    link_id = re.search(r'/portfolio/partage/(\d+)/revoquer', html)
    assert link_id
    client.post(f"/portfolio/partage/{link_id.group(1)}/revoquer", data={"csrf": _csrf(html)})
    client.cookies.clear()
    assert world.client.get(f"/p/{token}").status_code == 404


def test_language_switch(world: World) -> None:
    client = _sign_in(world)
    switched = client.get("/langue?lang=en&next=/portfolio", follow_redirects=False)
    assert switched.status_code == 303 and switched.headers["location"] == "/portfolio"
    page = client.get("/portfolio")
    assert '<html lang="en">' in page.text and "Activity timeline" in page.text
    evil = client.get("/langue?lang=fr&next=//evil.example", follow_redirects=False)
    assert evil.headers["location"] == "/"


def test_staff_sign_in_and_territory_page(world: World) -> None:
    token = world.tokens["coordinator"]
    done = world.client.post("/connexion", data={"token": token}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/territoires/val-de-serre"
    page = world.client.get("/territoires/val-de-serre")
    assert page.status_code == 200, page.text
    assert "Léa Marchand" in page.text and "Couverture du territoire" in page.text
    assert world.client.get("/territoires/autre").status_code == 403
    issued = world.client.post("/territoires/val-de-serre/delivrer",
                               data={"csrf": _csrf(page.text)}, follow_redirects=False)
    assert issued.status_code == 303 and "issued=" in issued.headers["location"]
    after = world.client.get(issued.headers["location"])
    assert "certification(s) délivrée(s)" in after.text
    portfolio = world.client.get(f"/apprenants/{LEA}")
    assert portfolio.status_code == 200 and "/api/v1/credentials/" in portfolio.text


def test_concept_content_negotiation(world: World) -> None:
    html = world.client.get("/api/v1/concepts/pilier/faire", headers={"accept": "text/html"})
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    data = world.client.get("/api/v1/concepts/pilier/faire",
                            headers={"accept": "application/ld+json"})
    assert data.headers["content-type"].startswith("application/ld+json")
    assert data.json()["@id"] == "https://w3id.org/apprenance/pilier/faire"
    assert data.headers["vary"] == "Accept"
    missing = world.client.get("/api/v1/concepts/pilier/nope")
    assert missing.status_code == 404 and missing.json()["error"] == "not-found"


def test_internal_errors_are_generic(world: World) -> None:
    api = create_app(world.app.settings, app=world.app)

    def boom() -> None:
        raise RuntimeError("secret internals /etc/passwd")

    api.add_api_route("/boom", boom)
    client = TestClient(api, raise_server_exceptions=False)
    response = client.get("/boom")
    assert response.status_code == 500
    assert response.json() == {"error": "internal", "message": "internal error"}
    page = client.get("/boom", headers={"accept": "text/html"})
    assert page.status_code == 500 and "secret" not in page.text and "Traceback" not in page.text


def test_validation_errors_are_clear_4xx(world: World) -> None:
    response = world.client.get("/api/v1/learners?limit=0", headers=world.headers("admin"))
    assert response.status_code == 422
    assert response.json()["error"] == "input" and "limit" in response.json()["message"]


def test_access_log_hides_link_secrets() -> None:
    record = logging.LogRecord("uvicorn.access", logging.INFO, "", 0, '%s - "%s %s"',
                               ("127.0.0.1", "POST", "/connexion/aps_SECRET123"), None)
    RedactSecrets().filter(record)
    assert "SECRET" not in record.getMessage()
    share = logging.LogRecord("uvicorn.access", logging.INFO, "", 0, '%s - "%s %s"',
                              ("127.0.0.1", "GET", "/p/abcdefSECRET?lang=en"), None)
    RedactSecrets().filter(share)
    assert "SECRET" not in share.getMessage()


@pytest.mark.parametrize("target", [
    "/api/v1/learners/lea%40example.org/certificate.pdf?share=SECRETshare",
    "/api/v1/credentials/c1/png?lang=fr&share=SECRETshare&x=1",
    "/oauth/token?code=SECRETcode&client_secret=SECRETclient",
    "/xapi/statements?TOKEN=SECRETtoken",
])
def test_access_log_hides_secrets_in_query_strings(target: str) -> None:
    record = logging.LogRecord("uvicorn.access", logging.INFO, "", 0, '%s - "%s %s"',
                               ("127.0.0.1", "GET", target), None)
    RedactSecrets().filter(record)
    line = record.getMessage()
    assert "SECRET" not in line
    assert line.split("?")[0].endswith(target.split("?")[0])  # the path itself is kept

