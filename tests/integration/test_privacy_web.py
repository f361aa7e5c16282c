"""A learner's export and erasure over HTTP (admins only): the learner's token and share link
stop working, the hosted status list shows the revocation, the territory keeps its hours."""

from __future__ import annotations

import random
from pathlib import Path

from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.trust.status_list import bit_is_set, decode_bits
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.services.issuing.issue import issue
from apprenance.services.people import access
from web_world import LEA, build_world


def test_admin_exports_then_erases_a_learner(tmp_path: Path) -> None:
    world = build_world(tmp_path)
    app, client = world.app, world.client
    report = issue(app.store, app.catalog(), KeyStore(app.home / "keys"),
                   urls=HostedUrls("http://testserver"), clock=app.clock, participant=LEA,
                   rng=random.Random(1))
    assert report.issued
    share = access.create_share_link(app.store, LEA, clock=app.clock)["token"]
    admin = world.headers("admin")
    coverage = client.get("/api/v1/territories/val-de-serre/coverage", headers=admin).json()

    exported = client.get(f"/api/v1/learners/{LEA}/export", headers=admin)
    assert exported.status_code == 200
    document = exported.json()
    assert document["learner"]["participant"] == LEA and len(document["activities"]) == 4
    assert share not in exported.text and world.tokens["learner"] not in exported.text

    erased = client.post(f"/api/v1/learners/{LEA}/erase", headers=admin,
                         json={"confirm": True})
    assert erased.status_code == 200, erased.text
    done = erased.json()
    assert done["learner"].startswith("erased-") and len(done["credentials_revoked"]) == len(
        report.issued)
    assert client.get(f"/api/v1/learners/{LEA}", headers=admin).status_code == 404
    assert client.get(f"/api/v1/learners/{LEA}/export", headers=admin).status_code == 404
    assert client.get("/api/v1/me", headers=world.headers("learner")).status_code == 401
    assert client.get(f"/p/{share}").status_code == 404
    assert client.get("/api/v1/territories/val-de-serre/coverage",
                      headers=admin).json() == coverage
    first = report.issued[0]
    assert first.status_list is not None and first.status_index is not None
    hosted = client.get(first.status_list.removeprefix("http://testserver")).json()
    assert bit_is_set(decode_bits(hosted["credentialSubject"]["encodedList"]),
                      first.status_index)
    assert LEA not in client.get(f"/api/v1/learners/{done['learner']}/export",
                                 headers=admin).text
