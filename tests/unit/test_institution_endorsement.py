"""A third party's endorsement, without a store: the EndorsementCredential it signs (every term
defined, signed with its own key), the endorser's check of the verifier (valid, forged,
unknown key), the names a certificate writes, and the key files an endorser keeps."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from apprenance.credentials.formats.institution_endorsement import (
    MAX_COMMENT,
    EndorserProfile,
    endorsement_credential,
    endorser_names,
)
from apprenance.credentials.formats.ob3 import with_endorsements
from apprenance.credentials.jsonld.contexts import OB_V3, VC_V2
from apprenance.credentials.trust.data_integrity import sign
from apprenance.credentials.trust.did import did_key, did_key_vm
from apprenance.credentials.trust.fetchers import refuse
from apprenance.credentials.trust.key_files import read_private_key, read_public_key
from apprenance.credentials.trust.keys import key_from_seed
from apprenance.credentials.verify.verifier import Report, verify_document
from apprenance.errors import InputError, SigningError

NOW = datetime(2026, 9, 15, 10, 0, tzinfo=UTC)
ACHIEVEMENT = "https://badges.example.org/achievements/faire-1.fr.json"
ISSUER_KEY, UNIV_KEY = key_from_seed(b"\1" * 32), key_from_seed(b"\2" * 32)
UNIV = EndorserProfile(id="uga", did=did_key(UNIV_KEY.public_multibase),
                       name="Université Grenoble Alpes", url="https://www.univ-grenoble-alpes.fr",
                       email="vae@example.org", country="FR")


def _endorsement(comment: str | None = "1 ECTS en licence pro") -> dict[str, Any]:
    unsigned = endorsement_credential(
        credential_id="urn:uuid:00000000-0000-4000-8000-000000000001",
        achievement_id=ACHIEVEMENT, endorser=UNIV, badge_name="Faire 1", comment=comment,
        issued_at=NOW, lang="fr")
    return sign(unsigned, UNIV_KEY, did_key_vm(UNIV_KEY.public_multibase), created=NOW)


def _credential(endorsement: dict[str, Any]) -> dict[str, Any]:
    issuer = did_key(ISSUER_KEY.public_multibase)
    achievement = with_endorsements(
        {"id": ACHIEVEMENT, "type": ["Achievement"], "name": "Faire 1",
         "description": "Premier pas", "criteria": {"narrative": "10 h"}}, [endorsement])
    unsigned = {
        "@context": [VC_V2, OB_V3], "id": "urn:uuid:00000000-0000-4000-8000-000000000002",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer, "type": ["Profile"], "name": "Collectif"},
        "validFrom": "2026-09-15T10:00:00Z",
        "credentialSubject": {"type": ["AchievementSubject"], "achievement": achievement},
    }
    return sign(unsigned, ISSUER_KEY, did_key_vm(ISSUER_KEY.public_multibase), created=NOW)


def _endorser_check(credential: dict[str, Any]) -> tuple[Report, Any]:
    report = verify_document(credential, Report(source="test"), fetcher=refuse, now=NOW)
    [nested] = [n for n in report.nested if n.role == "achievement.endorsement[0]"]
    [check] = [c for c in nested.checks if c.name == "endorser"]
    return report, check


def test_the_endorsement_is_the_endorsers_and_names_the_achievement() -> None:
    doc = _endorsement()
    assert doc["issuer"] == {"id": UNIV.did, "type": ["Profile"], "name": UNIV.name,
                             "url": UNIV.url, "email": UNIV.email,
                             "address": {"type": ["Address"], "addressCountry": "FR"}}
    assert doc["credentialSubject"] == {"id": ACHIEVEMENT, "type": ["EndorsementSubject"],
                                        "endorsementComment": "1 ECTS en licence pro"}
    assert doc["proof"]["verificationMethod"].startswith(UNIV.did + "#")
    quiet = _endorsement(None)["credentialSubject"]["endorsementComment"]
    assert quiet == "Université Grenoble Alpes recommande «\u00a0Faire 1\u00a0»."
    long = _endorsement("x" * (MAX_COMMENT + 50))["credentialSubject"]["endorsementComment"]
    assert len(long) == MAX_COMMENT


def test_the_verifier_names_the_endorser_and_its_verdict() -> None:
    report, check = _endorser_check(_credential(_endorsement()))
    assert report.verified and check.status == "ok"
    assert check.text("en").startswith("endorsement by Université Grenoble Alpes: signature "
                                       "valid")
    forged = _endorsement()
    forged["credentialSubject"]["endorsementComment"] = "30 ECTS en master"
    report, check = _endorser_check(_credential(forged))
    assert report.signature == "valid" and check.status == "failed"
    assert "signature NOT valid" in check.text("en")
    assert "signature NON valide" in check.text("fr")
    lost = copy.deepcopy(_endorsement())
    lost["proof"]["verificationMethod"] = "did:web:nowhere.example#k"
    _, check = _endorser_check(_credential(lost))
    assert "unknown key" in check.text("en") and "clé inconnue" in check.text("fr")


def test_the_certificate_names_each_endorser_once() -> None:
    credential = _credential(_endorsement())
    credential["credentialSubject"]["achievement"]["endorsement"].append(_endorsement())
    assert endorser_names(credential) == [UNIV.name]
    assert endorser_names(None) == [] and endorser_names({"credentialSubject": "x"}) == []


def test_key_files_an_endorser_keeps(tmp_path: Path) -> None:
    private = Ed25519PrivateKey.generate()
    encrypted = tmp_path / "k.pem"
    encrypted.write_bytes(private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"phrase secrete")))
    public = tmp_path / "k.pub.pem"
    public.write_bytes(private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    multibase = read_public_key(str(public))
    assert multibase.startswith("z6Mk") and read_public_key(multibase) == multibase
    assert read_private_key(encrypted, ask=lambda: "phrase secrete").public_multibase == \
        multibase
    with pytest.raises(SigningError, match="encrypted"):
        read_private_key(encrypted)
    with pytest.raises(SigningError, match="wrong passphrase") as wrong:
        read_private_key(encrypted, ask=lambda: "autre")
    assert "PRIVATE" not in str(wrong.value)
    (tmp_path / "junk.pem").write_text("not a key", encoding="utf-8")
    with pytest.raises(InputError, match="not a PEM public key"):
        read_public_key(str(tmp_path / "junk.pem"))
    with pytest.raises(InputError):
        read_public_key("z6MkNOTBASE58!")
    with pytest.raises(InputError, match="cannot read"):
        read_private_key(tmp_path / "missing.pem")
