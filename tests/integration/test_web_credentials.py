"""Issuing, downloading, hosting, verifying and revoking credentials through the HTTP API."""

from __future__ import annotations

import json

import pytest

from apprenance.credentials.images.unbake import unbake
from web_world import LEA, World, build_world


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    w = build_world(tmp_path_factory.mktemp("credentials"))
    issued = w.client.post("/api/v1/credentials/issue", headers=w.headers("coordinator"),
                           json={})
    assert issued.status_code == 200, issued.text
    assert issued.json()["issued"] >= 1, issued.json()
    return w


def _first(world: World) -> dict[str, object]:
    found = world.client.get(f"/api/v1/learners/{LEA}/credentials",
                             headers=world.headers("learner")).json()
    return next(c for c in found if c["format"] == "ob3")


def test_coordinator_issues_only_in_their_territory(world: World) -> None:
    response = world.client.post("/api/v1/credentials/issue",
                                 headers=world.headers("other_coordinator"),
                                 json={"learners": [LEA]})
    assert response.status_code == 403
    assert world.client.post("/api/v1/credentials/issue", headers=world.headers("learner"),
                             json={}).status_code == 403


@pytest.mark.parametrize(("fmt", "media"), [("json", "application/ld+json"),
                                            ("jwt", "application/jwt"), ("png", "image/png"),
                                            ("svg", "image/svg+xml"),
                                            ("ob2", "application/ld+json")])
def test_download_in_every_format(world: World, fmt: str, media: str) -> None:
    cid = str(_first(world)["id"]).removeprefix("urn:uuid:")
    response = world.client.get(f"/api/v1/credentials/{cid}/{fmt}",
                                headers=world.headers("learner"))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    assert "attachment" in response.headers["content-disposition"]
    if fmt in ("png", "svg"):
        baked = unbake(response.content)
        assert baked is not None and baked.version == "3.0"
    refused = world.client.get(f"/api/v1/credentials/{cid}/{fmt}")
    assert refused.status_code == 401
    other = world.client.get(f"/api/v1/credentials/{cid}/{fmt}",
                             headers=world.headers("other_learner"))
    assert other.status_code == 403


def test_share_link_opens_downloads_and_revoking_closes_them(world: World) -> None:
    cid = str(_first(world)["id"]).removeprefix("urn:uuid:")
    link = world.client.post(f"/api/v1/learners/{LEA}/share-links",
                             headers=world.headers("learner"), json={"days": 3}).json()
    ok = world.client.get(f"/api/v1/credentials/{cid}/png?share={link['token']}")
    assert ok.status_code == 200
    page = world.client.get(f"/p/{link['token']}")
    assert page.status_code == 200 and f"share={link['token']}" in page.text
    assert LEA not in page.text  # the public view hides the address
    gone = world.client.delete(f"/api/v1/learners/{LEA}/share-links/{link['id']}",
                               headers=world.headers("learner"))
    assert gone.status_code == 204
    assert world.client.get(f"/api/v1/credentials/{cid}/png?share={link['token']}"
                            ).status_code == 404
    assert world.client.get(f"/p/{link['token']}").status_code == 404


def test_hosted_documents_and_verification_round_trip(world: World) -> None:
    cid = str(_first(world)["id"]).removeprefix("urn:uuid:")
    doc = world.client.get(f"/api/v1/credentials/{cid}/json", headers=world.headers("learner"))
    credential = doc.json()
    did = world.client.get("/issuers/val-de-serre/did.json")
    assert did.status_code == 200
    assert did.json()["@context"] == ["https://www.w3.org/ns/did/v1",
                                      "https://w3id.org/security/multikey/v1"]
    assert "max-age" in did.headers["cache-control"]
    well_known = world.client.get("/.well-known/did.json")
    assert well_known.status_code == 200
    assert well_known.json()["@context"] == did.json()["@context"]
    status_url = credential["credentialStatus"]["statusListCredential"]
    status = world.client.get(status_url.removeprefix("http://testserver"))
    assert status.status_code == 200
    assert status.headers["content-type"].startswith("application/vc+ld+json")
    verdict = world.client.post("/api/v1/verify/credential", json=credential).json()
    assert verdict["verified"] is True, verdict
    png = world.client.get(f"/api/v1/credentials/{cid}/png", headers=world.headers("learner"))
    by_file = world.client.post("/api/v1/verify",
                                files={"file": ("badge.png", png.content, "image/png")}).json()
    assert by_file["verified"] is True, by_file
    tampered = json.loads(json.dumps(credential))
    tampered["credentialSubject"]["achievement"]["name"] = "Faux"
    bad = world.client.post("/api/v1/verify/credential", json=tampered).json()
    assert bad["verified"] is False


def test_revocation_shows_in_status_and_assertion(world: World) -> None:
    cred = _first(world)
    cid = str(cred["id"]).removeprefix("urn:uuid:")
    assert world.client.post(f"/api/v1/credentials/{cid}/revoke", json={"reason": "x"},
                             headers=world.headers("other_coordinator")).status_code == 403
    assert world.client.post(f"/api/v1/credentials/{cid}/revoke", json={"reason": "x"},
                             headers=world.headers("learner")).status_code == 403
    done = world.client.post(f"/api/v1/credentials/{cid}/revoke",
                             json={"reason": "erreur de saisie"},
                             headers=world.headers("coordinator"))
    assert done.status_code == 200, done.text
    again = world.client.post(f"/api/v1/credentials/{cid}/revoke", json={"reason": "x"},
                              headers=world.headers("coordinator"))
    assert again.status_code == 409
    credential = world.client.get(f"/api/v1/credentials/{cid}/json",
                                  headers=world.headers("learner")).json()
    verdict = world.client.post("/api/v1/verify/credential", json=credential).json()
    assert verdict["verified"] is False and verdict["status"] != "ok"
    ob2 = world.client.get(f"/api/v1/credentials/{cid}/ob2", headers=world.headers("learner"))
    hosted = world.client.get(ob2.json()["id"].removeprefix("http://testserver"))
    assert hosted.status_code == 200 and hosted.json().get("revoked") is True
    revocations = world.client.get("/issuers/val-de-serre/ob2/revocations.json").json()
    assert revocations["revokedAssertions"]


def test_certificate_pdf(world: World) -> None:
    response = world.client.get(f"/api/v1/learners/{LEA}/certificate.pdf",
                                headers=world.headers("learner"))
    assert response.status_code in (200, 404, 409), response.text
    if response.status_code == 200:
        assert response.content.startswith(b"%PDF")


def test_clr_record(world: World) -> None:
    refused = world.client.post(f"/api/v1/learners/{LEA}/clr",
                                headers=world.headers("other_learner"))
    assert refused.status_code == 403
    response = world.client.post(f"/api/v1/learners/{LEA}/clr",
                                 headers=world.headers("learner"))
    assert response.status_code == 200, response.text
    record = response.json()
    assert "ClrCredential" in record["type"]
    listed = world.client.get(f"/api/v1/learners/{LEA}/credentials",
                              headers=world.headers("learner")).json()
    assert any(c["format"] == "clr" for c in listed)


def test_verify_page_for_a_certificate_qr_code(world: World) -> None:
    cred = _first(world)
    page = world.client.get(f"/verify?credential={cred['id']}")
    assert page.status_code == 200 and 'id="verdict"' in page.text
    unknown = world.client.get("/verify?credential=urn:uuid:nope",
                               headers={"accept": "text/html"})
    assert unknown.status_code == 404
