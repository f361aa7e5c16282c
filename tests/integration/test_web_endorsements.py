"""Endorsements by third parties over HTTP, on SQLite and PostgreSQL: the endorser's profile
and DID document (public), the API listing a badge's endorsements, the hosted achievement
carrying the active ones, the learner's portfolio naming the endorser of a badge issued after,
and the certificate's "Endorsed by" line."""

from __future__ import annotations

import copy
import io
import json
import random
from pathlib import Path
from urllib.parse import quote

from pypdf import PdfReader

from apprenance.clock import fixed_clock
from apprenance.credentials.pdf.certificate import render_certificate
from apprenance.credentials.trust.keys import KeyStore
from apprenance.domain.certificate import CertificateData
from apprenance.services.certificates.gather import CertificateOptions, gather_certificate
from apprenance.services.issuing.endorsers import endorse, init_endorser, withdraw
from certificate_fixtures import CAMILLE, ISSUED, PUBLIC, tiny_world
from web_world import LEA, build_world

UGA = "Université Grenoble Alpes"


def test_profile_did_listing_hosted_achievement_and_portfolio(tmp_path: Path,
                                                              db_url: str) -> None:
    world = build_world(tmp_path, db_url=db_url)
    app, client = world.app, world.client
    keys = KeyStore(app.home / "endorser-keys")
    uga = init_endorser(app.store, keys, slug="uga", name=UGA, urls=app.urls, clock=app.clock,
                        url="https://www.univ-grenoble-alpes.fr", country="FR")
    endorse(app.store, keys, app.catalog(), endorser="uga", badge="faire-1", urls=app.urls,
            clock=app.clock, comment="1 ECTS", rng=random.Random(1))
    try:
        profile = client.get("/endorsers/uga/profile.json")
        assert profile.status_code == 200
        assert profile.json()["id"] == uga.did and profile.json()["name"] == UGA
        assert profile.json()["address"]["addressCountry"] == "FR"
        did = client.get("/endorsers/uga/did.json").json()
        assert did["id"] == uga.did
        assert did["verificationMethod"][0]["publicKeyMultibase"] == uga.public_multibase
        assert client.get("/endorsers/nobody/profile.json").status_code == 404

        [listed] = client.get("/api/v1/badges/faire-1/endorsements").json()
        assert listed["endorser"] == "uga" and listed["endorser_name"] == UGA
        assert set(listed["credentials"]) == {"fr", "en"} and listed["withdrawn_at"] is None
        assert listed["endorser_profile"].endswith("/endorsers/uga/profile.json")
        assert client.get("/api/v1/badges/no-such/endorsements").status_code == 404
        hosted = client.get("/achievements/faire-1.en.json").json()
        [carried] = hosted["endorsement"]
        assert carried["issuer"]["id"] == uga.did
        assert carried["credentialSubject"]["id"] == hosted["id"]

        issued = client.post("/api/v1/credentials/issue", headers=world.headers("admin"),
                             json={"learners": [LEA]})
        assert issued.status_code == 200 and issued.json()["issued"], issued.text
        page = client.get(f"/apprenants/{quote(LEA)}?lang=en", headers=world.headers("admin"))
        assert page.status_code == 200
        assert f"Endorsed by {UGA}" in page.text
        french = client.get(f"/apprenants/{quote(LEA)}?lang=fr", headers=world.headers("admin"))
        assert f"Recommandé par {UGA}" in french.text
        assert french.text.count(UGA) == 1  # faire-1 only: the other badges are not endorsed

        mine = client.get(f"/api/v1/learners/{quote(LEA)}/credentials",
                          headers=world.headers("admin")).json()
        [cid] = [c["id"] for c in mine if c["badge"] == "faire-1" and c["format"] == "ob3"]
        credential = client.get(f"/api/v1/credentials/{cid.removeprefix('urn:uuid:')}/json",
                                headers=world.headers("admin")).json()
        checked = client.post("/verifier?lang=en", files={
            "file": ("c.json", json.dumps(credential).encode(), "application/json")})
        assert f"{UGA} — signature valid" in checked.text
        forged = copy.deepcopy(credential)
        forged["credentialSubject"]["achievement"]["endorsement"][0]["credentialSubject"][
            "endorsementComment"] = "30 ECTS"
        caught = client.post("/verifier?lang=fr", files={
            "file": ("c.json", json.dumps(forged).encode(), "application/json")})
        assert f"{UGA} — signature NON valide" in caught.text

        withdraw(app.store, endorser="uga", badge="faire-1", clock=app.clock)
        assert "endorsement" not in client.get("/achievements/faire-1.en.json").json()
        [after] = client.get("/api/v1/badges/faire-1/endorsements").json()
        assert after["withdrawn_at"] is not None
    finally:
        client.close()
        app.close()


def test_the_certificate_names_the_endorsers_of_its_credential(tmp_path: Path) -> None:
    store, catalog = tiny_world(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    texts = {}
    for lang in ("fr", "en"):
        data = gather_certificate(store, catalog, CAMILLE, clock=fixed_clock(ISSUED),
                                  options=CertificateOptions(lang=lang, public_url=PUBLIC))
        assert data.credential is not None
        plain = render_certificate(data, created=ISSUED)
        credential = dict(data.credential)
        subject = dict(credential["credentialSubject"])
        subject["achievement"] = {**subject["achievement"], "endorsement": [
            {"issuer": {"id": "did:key:z6Mk1", "name": UGA}},
            {"issuer": {"id": "did:key:z6Mk2", "name": "Parc naturel du Vercors"}}]}
        credential["credentialSubject"] = subject
        endorsed = CertificateData(**{**data.__dict__, "credential": credential})
        pdf = render_certificate(endorsed, created=ISSUED)
        texts[lang] = " ".join("".join(p.extract_text() for p in PdfReader(
            io.BytesIO(pdf)).pages).split())
        assert UGA not in "".join(p.extract_text() for p in PdfReader(io.BytesIO(plain)).pages)
    store.dispose()
    assert f"Recommandé par {UGA}, Parc naturel du Vercors" in texts["fr"]
    assert f"Endorsed by {UGA}, Parc naturel du Vercors" in texts["en"]
