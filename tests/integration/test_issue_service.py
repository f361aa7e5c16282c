"""Issuing against a real store (SQLite and PostgreSQL): files, rows, status indexes,
revocation, rotation, CLR, and the refusal to issue twice."""

from __future__ import annotations

import json
import os
import random
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from apprenance.clock import fixed_clock
from apprenance.credentials.images.unbake import unbake
from apprenance.credentials.trust.data_integrity import check_proof
from apprenance.credentials.trust.did import did_key_document
from apprenance.credentials.trust.keys import KeyStore, public_key_from_multibase
from apprenance.credentials.trust.status_list import bit_is_set, decode_bits
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.db.issuing_tables import credential_issuance
from apprenance.db.store import Store
from apprenance.errors import Conflict, NotFound
from apprenance.services.issuing.clr_records import build_clr
from apprenance.services.issuing.issue import credentials_of, get_credential
from apprenance.services.issuing.issuers import list_issuers, rotate_issuer
from apprenance.services.issuing.revocation import Allocator, revoke
from conftest import FIXED_NOW
from issue_world import issuing_catalog, make_issuer, run_issue, seed

URLS = HostedUrls("http://127.0.0.1:9")


def _verifies(document: dict[str, object]) -> bool:
    proof = document["proof"]
    assert isinstance(proof, dict)
    multibase = str(proof["verificationMethod"]).split("#")[1]
    check = check_proof(document, proof, public_key_from_multibase(multibase))
    return bool(check.valid)


def test_issue_writes_every_format_once_and_records_it(db_store: Store, tmp_path: Path) -> None:
    store, cat, keys = db_store, issuing_catalog(), KeyStore(tmp_path / "keys")
    seed(store, cat)
    make_issuer(store, keys, URLS)
    out = tmp_path / "out"
    report = run_issue(store, cat, keys, URLS, out)
    assert sorted((c.learner, c.badge) for c in report.issued) == [
        ("ana@x.org", "alim"), ("ana@x.org", "duo"), ("ana@x.org", "faire-1"),
        ("ana@x.org", "parcours"), ("bob@x.org", "alim"), ("bob@x.org", "faire-1")]
    assert report.problems == []
    folder = out / "1-ana@x.org"
    names = sorted(p.name for p in folder.iterdir())
    for suffix in (".ob3.json", ".ob3.jwt", ".png", ".svg", ".ob2.json", ".ob2.png", ".ob2.svg"):
        assert f"faire-1{suffix}" in names
    assert not [n for n in names if n.endswith(".tmp")]
    signed = json.loads((folder / "faire-1.ob3.json").read_text())
    assert _verifies(signed)
    baked = unbake((folder / "faire-1.png").read_bytes())
    assert baked is not None and baked.version == "3.0" and json.loads(baked.text) == signed
    baked_svg = unbake((folder / "faire-1.svg").read_bytes())
    assert baked_svg is not None and json.loads(baked_svg.text) == signed
    assert (out / "public/issuers/collectif/status/1.json").is_file()
    assert (out / "public/achievements/faire-1.en.json").is_file()
    # issued once: a second run has nothing to do
    assert run_issue(store, cat, keys, URLS, out, seed_=8).issued == []
    mine = credentials_of(store, "ana@x.org")
    assert {c["format"] for c in mine} == {"ob3", "endorsement"}
    one = get_credential(store, signed["id"])
    assert one["jwt"].count(".") == 2 and one["ob2_assertion"]["type"] == "Assertion"


def test_the_learner_credential_carries_what_the_award_holds(db_store: Store,
                                                             tmp_path: Path) -> None:
    store, cat, keys = db_store, issuing_catalog(), KeyStore(tmp_path / "keys")
    seed(store, cat)
    make_issuer(store, keys, URLS)
    report = run_issue(store, cat, keys, URLS, None, badge="faire-1")
    ana = next(c for c in report.issued if c.learner == "ana@x.org")
    doc = get_credential(store, ana.credential_id)["document"]
    subject = doc["credentialSubject"]
    assert doc["validUntil"] == "2028-09-15T10:00:00Z"  # valid_for P2Y
    assert subject["creditsEarned"] == 1.5
    assert subject["activityStartDate"] == "2025-03-01T09:00:00Z"
    faire = next(r for r in subject["result"] if r["resultDescription"].endswith("hours-faire"))
    assert faire["value"] == "6"  # 10 h x 0.6
    assert subject["achievement"]["alignment"][0]["targetUrl"] == (
        "http://127.0.0.1:9/api/v1/concepts/pilier/faire")
    [endorsement] = doc["endorsement"]
    assert endorsement["credentialSubject"]["id"] == doc["id"]
    comment = endorsement["credentialSubject"]["endorsementComment"]
    assert "marie.dupont (habitant)" in comment and "@village.fr" not in comment
    assert _verifies(endorsement)
    salts = {c["document"]["credentialSubject"]["identifier"][0]["salt"] for c in
             (get_credential(store, i.credential_id) for i in report.issued)}
    assert len(salts) == len(report.issued)  # a new salt per credential


def test_status_indexes_are_random_and_never_reused(db_store: Store, tmp_path: Path) -> None:
    store, cat, keys = db_store, issuing_catalog(), KeyStore(tmp_path / "keys")
    seed(store, cat)
    make_issuer(store, keys, URLS)
    run_issue(store, cat, keys, URLS, None)
    with store.transaction() as conn:
        taken = {int(i) for i in conn.execute(
            select(credential_issuance.c.status_index)).scalars()}
        # the same seed again draws the same first indexes: each is skipped, never reused
        again = Allocator("collectif", random.Random(7), FIXED_NOW)
        drawn = [again.next(conn)[1] for _ in range(50)]
    assert len(taken) == 6 and not taken & set(drawn) and len(set(drawn)) == 50
    assert max(taken) > 100  # spread over the list, not 0, 1, 2 ...


def test_revocation_sets_the_bit_and_the_ob2_list(db_store: Store, tmp_path: Path) -> None:
    store, cat, keys = db_store, issuing_catalog(), KeyStore(tmp_path / "keys")
    seed(store, cat)
    make_issuer(store, keys, URLS)
    out = tmp_path / "out"
    report = run_issue(store, cat, keys, URLS, out)
    target = report.issued[0]
    done = revoke(store, keys, target.credential_id.removeprefix("urn:uuid:"),
                  reason="erreur de saisie", urls=URLS, clock=fixed_clock(FIXED_NOW), out=out)
    assert done.status_index == target.status_index
    listed = json.loads((out / "public/issuers/collectif/status/1.json").read_text())
    assert _verifies(listed)
    bits = decode_bits(listed["credentialSubject"]["encodedList"])
    assert bit_is_set(bits, target.status_index or 0)
    assert sum(bin(b).count("1") for b in bits) == 1
    revocations = json.loads((out / "public/issuers/collectif/ob2/revocations.json").read_text())
    assert revocations["revokedAssertions"][0]["revocationReason"] == "erreur de saisie"
    uid = target.credential_id.removeprefix("urn:uuid:")
    hosted = json.loads((out / f"public/ob2/assertions/{uid}.json").read_text())
    assert hosted["revoked"] is True
    with pytest.raises(Conflict):
        revoke(store, keys, target.credential_id, reason="again", urls=URLS,
               clock=fixed_clock(FIXED_NOW))
    with pytest.raises(NotFound):
        revoke(store, keys, "urn:uuid:nope", reason="x", urls=URLS, clock=fixed_clock(FIXED_NOW))


def test_rotation_keeps_earlier_credentials_verifying(db_store: Store, tmp_path: Path) -> None:
    store, cat, keys = db_store, issuing_catalog(), KeyStore(tmp_path / "keys")
    seed(store, cat)
    make_issuer(store, keys, URLS)
    first = run_issue(store, cat, keys, URLS, None, participant="bob@x.org").issued[0]
    before = list_issuers(store, keys)[0]
    after = rotate_issuer(store, keys, "collectif", urls=URLS, clock=fixed_clock(FIXED_NOW))
    assert after.did != before.did and len(after.keys) == 2
    assert after.keys[0]["retired_at"] is not None
    second = run_issue(store, cat, keys, URLS, None, participant="ana@x.org").issued[0]
    old = get_credential(store, first.credential_id)["document"]
    new = get_credential(store, second.credential_id)["document"]
    assert old["issuer"]["id"] == before.did and new["issuer"]["id"] == after.did
    assert _verifies(old) and _verifies(new)
    assert did_key_document(old["issuer"]["id"])["id"] == before.did


def test_private_keys_are_0600_and_never_in_reports(db_store: Store, tmp_path: Path) -> None:
    store, cat, keys = db_store, issuing_catalog(), KeyStore(tmp_path / "keys")
    seed(store, cat)
    make_issuer(store, keys, URLS)
    [pem] = list((tmp_path / "keys" / "collectif").glob("*.pem"))
    assert stat.S_IMODE(os.stat(pem).st_mode) == 0o600
    secret = pem.read_text().splitlines()[1]
    report = run_issue(store, cat, keys, URLS, tmp_path / "out")
    assert secret not in json.dumps(report.to_dict())
    assert secret not in repr(keys.current("collectif"))


def test_clr_bundles_the_pathway_and_its_badges(db_store: Store, tmp_path: Path) -> None:
    store, cat, keys = db_store, issuing_catalog(), KeyStore(tmp_path / "keys")
    seed(store, cat)
    make_issuer(store, keys, URLS)
    run_issue(store, cat, keys, URLS, None)
    with pytest.raises(NotFound):  # bob has no pathway
        build_clr(store, cat, keys, "bob@x.org", pathway="parcours", urls=URLS,
                  clock=fixed_clock(FIXED_NOW))
    record = build_clr(store, cat, keys, "ana@x.org", pathway="parcours", urls=URLS,
                       clock=fixed_clock(FIXED_NOW), out=tmp_path / "clr.json",
                       rng=random.Random(3))
    doc = json.loads((tmp_path / "clr.json").read_text())
    assert doc["type"] == ["VerifiableCredential", "ClrCredential"]
    assert record.credentials == 4 and _verifies(doc)
    links = {(a["associationType"], a["sourceId"].split("/")[-1], a["targetId"].split("/")[-1])
             for a in doc["credentialSubject"]["association"]}
    assert ("isParentOf", "parcours.fr.json", "faire-1.fr.json") in links
    assert ("isChildOf", "duo.fr.json", "parcours.fr.json") in links
    assert all(_verifies(c) for c in doc["credentialSubject"]["verifiableCredential"])
