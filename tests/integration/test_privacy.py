"""The learner's rights on a real store (SQLite and PostgreSQL): the export holds everything
and no secret; the erasure leaves nothing that names the person, revokes their credentials
(status list bits set, lists re-signed), ends their links, and keeps the statistics."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from apprenance.credentials.trust.data_integrity import check_proof
from apprenance.credentials.trust.keys import public_key_from_multibase
from apprenance.credentials.trust.status_list import bit_is_set, decode_bits
from apprenance.db import tables as t
from apprenance.db.access_tables import xapi_statements
from apprenance.db.issuing_tables import credential_issuance
from apprenance.db.store import Store
from apprenance.errors import NotFound, Unauthenticated
from apprenance.services.evaluation.evaluate import evaluate
from apprenance.services.issuing.issue import issue
from apprenance.services.issuing.revocation import ob2_revocations, status_list_document
from apprenance.services.people import access
from apprenance.services.people.directory import coverage, get_learner
from apprenance.services.privacy.report import REASON, erase_learner, export_learner
from privacy_world import JONAS, LEA, PrivacyWorld, build


def _dump(store: Store) -> str:
    """Every row of every table, as lower-case text."""
    rows: dict[str, list[Any]] = {}
    with store.transaction() as conn:
        for table in t.metadata.sorted_tables:
            rows[table.name] = [dict(r) for r in conn.execute(select(table)).mappings()]
    return json.dumps(rows, ensure_ascii=False, default=str).lower()


def _personal(world: PrivacyWorld, document: dict[str, Any]) -> list[str]:
    """What names Léa in the store before the erasure: her address and name, descriptions and
    evidence URLs only her activities have, the salted hashes and salts of her credentials."""
    others: set[str] = set()
    with world.app.store.transaction() as conn:
        for text_, url in conn.execute(select(t.activities.c.description,
                                              t.activities.c.evidence_url)
                                       .join(t.learners).where(t.learners.c.participant != LEA)):
            others.update(x for x in (text_, url) if x)
    seen = "\n".join(others)
    mine = {x for a in document["activities"] for x in (a["description"], a["evidence_url"])
            if x and x not in seen}
    for cred in document["credentials"]:
        subject = cred["document"].get("credentialSubject", {})
        for ident in subject.get("identifier", []):
            mine.update((ident["identityHash"], ident["salt"]))
        if cred["ob2_assertion"]:
            mine.update((cred["ob2_assertion"]["recipient"]["identity"],
                         cred["ob2_assertion"]["recipient"]["salt"]))
    assert len(mine) > 40
    # as they appear in the dump (JSON text, lower case)
    return sorted({json.dumps(m, ensure_ascii=False)[1:-1].lower()
                   for m in (LEA, "léa marchand", *mine)})


def _status_bits(world: PrivacyWorld, list_id: int) -> bytes:
    document = status_list_document(world.app.store, world.keys, world.urls, "val-de-serre",
                                    list_id)
    proof = document["proof"]
    key = public_key_from_multibase(str(proof["verificationMethod"]).split("#")[1])
    assert check_proof(document, proof, key).valid  # re-signed, and the signature holds
    return decode_bits(document["credentialSubject"]["encodedList"])


def test_export_holds_everything_about_the_learner_and_no_secret(db_url: str,
                                                                 tmp_path: Path) -> None:
    world = build(tmp_path, db_url)
    doc = export_learner(world.app.store, LEA, clock=world.app.clock, home=world.app.home)
    assert doc["format"] == "apprenance/learner-export" and doc["learner"]["participant"] == LEA
    assert doc["learner"]["name"] == "Léa Marchand"
    assert len(doc["activities"]) >= 100
    first = doc["activities"][0]
    assert first["source"]["file"] and first["source"]["line"]
    assert any(a["source"]["statement"] for a in doc["activities"])  # from the LRS
    assert any(a["attestations"] for a in doc["activities"])
    given = {g["activity_id"] for g in doc["attestations_given"]}
    assert {"vds-000015", "vds-000055"} <= given
    assert {r["line"] for r in doc["rejects"]} == {12, 21}  # by address, and by name
    assert {e["dimension"] for e in doc["evidence"]} >= {"pillar", "function", "total"}
    assert len(doc["awards"]) >= 10
    ob3 = [c for c in doc["credentials"] if c["format"] == "ob3"]
    assert len(ob3) == len([a for a in doc["awards"] if a["issued_at"]])
    assert all(c["document"]["proof"] and c["jwt"] and c["ob2_assertion"] for c in ob3)
    assert len(doc["xapi_statements"]) == 30  # 29 sent by Léa, 1 she witnessed
    assert [s["id"] for s in doc["xapi_statements"]].count(world.witnessed) == 1
    assert [x["kind"] for x in doc["tokens"]] == ["api", "session"]
    assert len(doc["share_links"]) == len(doc["sign_in_links"]) == 1
    assert doc["files"] == ["credentials/1-lea.marchand@example.org/",
                            *[f for f in doc["files"] if f.startswith("uploads/xapi/")]]
    text = json.dumps(doc, ensure_ascii=False)
    for secret in world.secrets.values():
        assert secret not in text and access.digest(secret) not in text
    assert "token_hash" not in text and "raw_hash" not in text
    assert JONAS not in {a.get("participant") for a in doc["activities"]}
    with pytest.raises(NotFound):
        export_learner(world.app.store, "nobody@example.org", clock=world.app.clock)


def test_erase_leaves_nothing_that_names_the_learner_and_keeps_the_statistics(
        db_url: str, tmp_path: Path) -> None:
    world = build(tmp_path, db_url)
    store, clock = world.app.store, world.app.clock
    before = export_learner(store, LEA, clock=clock)
    personal = _personal(world, before)
    dump = _dump(store)
    assert [p for p in personal if p not in dump] == []
    covered = coverage(store, "val-de-serre")
    jonas = export_learner(store, JONAS, clock=clock)
    rejects = len(_dump(store).split('"raw_hash"'))

    report = erase_learner(store, world.keys, LEA, urls=world.urls, clock=clock,
                           out=world.out, home=world.app.home, rng=random.Random(3))

    pseudonym = report.learner
    assert pseudonym.startswith("erased-") and len(pseudonym) == len("erased-") + 16
    dump = _dump(store)
    assert [p for p in personal if p in dump] == []
    assert len(dump.split('"raw_hash"')) == rejects - 2  # her two rejected rows, no others
    with pytest.raises(NotFound):
        get_learner(store, LEA)
    with pytest.raises(NotFound):
        export_learner(store, LEA, clock=clock)
    after = export_learner(store, pseudonym, clock=clock)
    # the statistics: same hours, evidence, awards, territory coverage
    assert after["evidence"] == before["evidence"]
    assert after["awards"] == before["awards"]
    now_covered = coverage(store, "val-de-serre")
    for part in ("pillars", "functions"):  # sums of floats: the order may vary on PostgreSQL
        for key, value in covered[part].items():
            assert now_covered[part][key]["learners"] == value["learners"]
            assert now_covered[part][key]["hours"] == pytest.approx(value["hours"], abs=0.011)
    assert report.kept["activities"] == len(before["activities"])
    assert [a["description"] for a in after["activities"]] == [None] * len(after["activities"])
    # her credentials: revoked through the status list, re-signed; documents redacted
    ob3 = [c for c in before["credentials"] if c["format"] == "ob3"]
    assert sorted(report.revoked) == sorted(c["id"] for c in ob3)
    bits = _status_bits(world, ob3[0]["status_list_id"])
    assert all(bit_is_set(bits, c["status_index"]) for c in ob3)
    assert all(c["revoked_at"] and c["revocation_reason"] == REASON
               for c in after["credentials"])
    assert all("proof" not in c["document"] and c["jwt"] is None for c in after["credentials"])
    revoked = {r["id"] for r in ob2_revocations(store, world.urls, "val-de-serre")
               ["revokedAssertions"]}
    assert {c["ob2_id"] for c in ob3} <= revoked
    # Jonas keeps his credentials, his descriptions, and Léa's attestation (under the pseudonym)
    still = export_learner(store, JONAS, clock=clock)
    assert [c["revoked_at"] for c in still["credentials"]] == [None] * len(jonas["credentials"])
    assert still["activities"][0]["description"] == jonas["activities"][0]["description"]
    witnesses = {w["witness"] for a in still["activities"] for w in a["attestations"]}
    assert pseudonym in witnesses and LEA not in witnesses
    with store.transaction() as conn:
        statement = conn.execute(select(xapi_statements.c.statement).where(
            xapi_statements.c.id == world.witnessed)).scalar_one()
    assert statement["context"]["instructor"]["account"]["name"] == pseudonym
    # the output folder: status list written with her bits, hosted assertions redacted
    written = json.loads((world.out / "public/issuers/val-de-serre/status"
                          / f"{ob3[0]['status_list_id']}.json").read_text())
    assert bit_is_set(decode_bits(written["credentialSubject"]["encodedList"]),
                      ob3[0]["status_index"])
    hosted = json.loads((world.out / "public" / world.urls.path_of(ob3[0]["ob2_id"]))
                        .read_text())
    assert hosted["revoked"] is True and "recipient" not in hosted and "evidence" not in hosted
    assert not (world.out / "1-lea.marchand@example.org").exists()
    assert any(world.out.glob("*-jonas.weber@example.org"))
    assert [f for f in report.files_to_review if f.startswith("uploads/xapi/")]
    # her links and tokens end
    with pytest.raises(NotFound):
        access.resolve_share_link(store, world.secrets["share"], clock=clock)
    with pytest.raises(Unauthenticated):
        access.use_sign_in_link(store, world.secrets["sign_in"], clock=clock)
    for token in (world.secrets["token"], world.secrets["session"]):
        with pytest.raises(Unauthenticated):
            access.resolve_token(store, token, clock=clock)
    # nothing more is evaluated or issued for her; erasing again only completes
    evaluate(store, world.catalog, clock=clock, everyone=True)
    assert export_learner(store, pseudonym, clock=clock)["awards"] == before["awards"]
    assert issue(store, world.catalog, world.keys, urls=world.urls, clock=clock,
                 participant=pseudonym).issued == []
    again = erase_learner(store, world.keys, pseudonym, urls=world.urls, clock=clock)
    assert again.resumed and again.revoked == [] and again.learner == pseudonym
    if store.dialect == "sqlite":  # erased values do not linger in the file's free pages
        assert report.compacted
        database = Path(str(store.engine.url.database))
        store.dispose()
        for path in (database, database.with_name(database.name + "-wal")):
            if path.exists():
                assert LEA.encode() not in path.read_bytes()
    with store.transaction() as conn:
        issued = conn.execute(select(credential_issuance.c.jwt).join(
            t.credentials, t.credentials.c.id == credential_issuance.c.credential_id)
            .where(t.credentials.c.learner_id == before["learner"]["id"])).scalars().all()
    assert set(issued) == {None}
