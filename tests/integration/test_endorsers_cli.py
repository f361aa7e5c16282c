"""Endorsements by third parties with their own keys, through the real entry point, on SQLite
and PostgreSQL: ``endorser init`` (key file 0600, nothing secret in the output or the logs),
``endorse``, the credential issued after carrying the endorsement signed by the endorser's
key, ``verify`` naming the endorser (valid, forged, unknown key; French and English),
``--withdraw``, and an endorser that keeps its own key (``--public-key`` / ``--key FILE``)."""

from __future__ import annotations

import copy
import json
import logging
import os
import stat
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from apprenance.bootstrap import App
from apprenance.config import load_settings
from apprenance.credentials.trust.data_integrity import sign
from apprenance.credentials.trust.keys import KeyStore
from builders import add_activity
from conftest import FIXED_NOW

PASSPHRASE = "correct horse battery staple"
UGA = "Université Grenoble Alpes"


@pytest.fixture
def world(cli: Any, home: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """A store with LEA's awards and an issuer; returns the badge LEA earned."""
    monkeypatch.setenv("APPRENANCE_FAKE_NOW", FIXED_NOW.isoformat())
    monkeypatch.setenv("APPRENANCE_KEY_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("APPRENANCE_PUBLIC_URL", "https://badges.example.org")
    monkeypatch.setenv("APPRENANCE_DATABASE_URL", db_url)
    assert cli("--home", home, "init").code == 0
    app = App(load_settings(home=home))
    catalog = app.catalog()
    for day in range(1, 6):
        add_activity(app.store, catalog, participant="lea@x.org", day=date(2025, 3, day),
                     hours=4, kind="chantier-participatif")
    app.close()
    assert cli("--home", home, "evaluate").code == 0
    awards = cli("--home", home, "awards", "--json").json()
    assert cli("--home", home, "issuer", "init", "--name", "Val de Serre").code == 0
    badges = sorted({a["badge"] for a in _list(awards)})
    assert badges, awards
    return {"badge": badges[0], "others": badges[1:]}


def _list(awards: Any) -> list[dict[str, Any]]:
    return awards if isinstance(awards, list) else awards["awards"]


def _resolve(out: Path) -> Path:
    """A resolve map answering the public URL from the ``public/`` tree the run wrote."""
    target = out / "resolve.json"
    target.write_text(json.dumps({"https://badges.example.org/": "public/"}), encoding="utf-8")
    return target


def _credential_of(out: Path, badge: str) -> tuple[Path, dict[str, Any]]:
    [path] = out.glob(f"*/{badge}.ob3.json")
    return path, json.loads(path.read_text(encoding="utf-8"))


def test_an_endorsement_signed_by_a_second_key_verifies_inside_an_issued_credential(
        cli: Any, home: Path, tmp_path: Path, world: dict[str, Any],
        caplog: pytest.LogCaptureFixture) -> None:
    badge = world["badge"]
    caplog.set_level(logging.DEBUG)
    made = cli("--home", home, "endorser", "init", "uga", "--name", UGA, "--url",
               "https://www.univ-grenoble-alpes.fr", "--country", "fr", "--json")
    assert made.code == 0, made.err
    endorser = made.json()
    assert endorser["did"].startswith("did:key:z6Mk") and endorser["country"] == "FR"
    [pem] = (home / "endorser-keys" / "uga").glob("*.pem")
    assert stat.S_IMODE(os.stat(pem).st_mode) == 0o600
    assert b"ENCRYPTED" in pem.read_bytes()
    assert cli("--home", home, "endorser", "init", "uga", "--name", "again").code == 2
    endorsed = cli("--home", home, "endorse", badge, "--as", "uga", "--comment",
                   "Reconnu : 1 ECTS en licence professionnelle", "--json")
    assert endorsed.code == 0, endorsed.err
    assert set(endorsed.json()["ids"]) == {"fr", "en"}
    again = cli("--home", home, "endorse", badge, "--as", "uga", "--comment",
                "Reconnu : 1 ECTS en licence professionnelle", "--json")
    assert again.json()["unchanged"] and again.json()["ids"] == endorsed.json()["ids"]
    listed = cli("--home", home, "--lang", "fr", "endorser", "list")
    assert "uga" in listed.out and badge in listed.out and "en vigueur" in listed.out
    secret = pem.read_bytes()
    for text in (made.out, made.err, endorsed.out, listed.out, caplog.text):
        assert "PRIVATE" not in text and secret.decode() not in text

    out = tmp_path / "out"
    assert cli("--home", home, "issue", "--out", out).code == 0
    path, credential = _credential_of(out, badge)
    achievement = credential["credentialSubject"]["achievement"]
    [endorsement] = achievement["endorsement"]
    assert endorsement["type"] == ["VerifiableCredential", "EndorsementCredential"]
    assert endorsement["issuer"]["id"] == endorser["did"] != credential["issuer"]["id"]
    assert endorsement["proof"]["verificationMethod"].startswith(endorser["did"] + "#")
    assert endorsement["credentialSubject"]["id"] == achievement["id"]
    assert endorsement["credentialSubject"]["type"] == ["EndorsementSubject"]
    profile = json.loads((out / "public" / "endorsers" / "uga" / "profile.json").read_text())
    assert profile["id"] == endorser["did"] and profile["name"] == UGA  # written beside

    checked = cli("--home", home, "verify", path, "--resolve", _resolve(out), "--json")
    assert checked.code == 0, checked.out
    [report] = checked.json()["results"]
    [nested] = [n for n in report["nested"] if n["role"].startswith("achievement.endorsement")]
    assert nested["verified"] and nested["issuer"] == endorser["did"]
    english = cli("--home", home, "verify", path, "--resolve", _resolve(out))
    assert f"endorsement by {UGA}: signature valid" in english.out
    french = cli("--home", home, "--lang", "fr", "verify", path, "--resolve", _resolve(out))
    assert f"recommandation de {UGA}\u00a0: signature valide" in french.out

    # the issuer cannot make the university say something else: re-signing the whole
    # credential with the issuer's key leaves the endorsement's own signature broken
    keys = KeyStore(home / "keys", PASSPHRASE)
    issuer_key = keys.current("collectif")
    method = credential["proof"]["verificationMethod"]
    forged = copy.deepcopy(credential)
    forged.pop("proof")
    inner = forged["credentialSubject"]["achievement"]["endorsement"][0]
    inner["credentialSubject"]["endorsementComment"] = "Reconnu : 30 ECTS en master"
    forged = sign(forged, issuer_key, method, created=FIXED_NOW)
    (tmp_path / "forged.json").write_text(json.dumps(forged), encoding="utf-8")
    caught = cli("--home", home, "verify", tmp_path / "forged.json", "--resolve",
                 _resolve(out), "--json")
    [report] = caught.json()["results"]
    assert report["signature"] == "valid"  # the issuer's own signature holds ...
    [nested] = [n for n in report["nested"] if n["role"].startswith("achievement.endorsement")]
    assert not nested["verified"] and nested["failed_checks"] == ["signature", "endorser"]
    said = cli("--home", home, "verify", tmp_path / "forged.json", "--resolve",
               _resolve(out)).out
    assert f"endorsement by {UGA}: signature NOT valid" in said  # ... only this check fails
    french = cli("--home", home, "--lang", "fr", "verify", tmp_path / "forged.json",
                 "--resolve", _resolve(out)).out
    assert f"recommandation de {UGA}\u00a0: signature NON valide" in french

    # tampered on the way (nobody re-signs): the credential's own signature fails too
    tampered = copy.deepcopy(credential)
    tampered["credentialSubject"]["achievement"]["endorsement"][0]["credentialSubject"][
        "endorsementComment"] = "Reconnu : 30 ECTS en master"
    (tmp_path / "tampered.json").write_text(json.dumps(tampered), encoding="utf-8")
    broken = cli("--home", home, "verify", tmp_path / "tampered.json", "--resolve", _resolve(out))
    assert broken.code == 1 and f"endorsement by {UGA}: signature NOT valid" in broken.out

    # an endorsement whose key nobody can find: said so, by name
    lost = copy.deepcopy(credential)
    lost.pop("proof")
    lost_inner = lost["credentialSubject"]["achievement"]["endorsement"][0]
    lost_inner["proof"]["verificationMethod"] = "did:web:nowhere.example:uga#key-1"
    lost = sign(lost, issuer_key, method, created=FIXED_NOW)
    (tmp_path / "lost.json").write_text(json.dumps(lost), encoding="utf-8")
    unknown = cli("--home", home, "verify", tmp_path / "lost.json", "--resolve",
                  _resolve(out)).out
    assert f"endorsement by {UGA}: unknown key" in unknown


def test_withdrawn_endorsements_are_not_attached_to_credentials_issued_after(
        cli: Any, home: Path, tmp_path: Path, world: dict[str, Any]) -> None:
    badge = world["badge"]
    assert cli("--home", home, "endorser", "init", "uga", "--name", UGA).code == 0
    assert cli("--home", home, "endorse", badge, "--as", "uga").code == 0
    assert cli("--home", home, "endorse", badge, "--as", "uga", "--withdraw", "--reason",
               "convention ended").code == 0
    assert cli("--home", home, "endorse", badge, "--as", "uga", "--withdraw").code == 2
    listed = cli("--home", home, "endorser", "list", "--json").json()
    [entry] = listed["endorsements"]
    assert entry["withdrawn_reason"] == "convention ended" and entry["withdrawn_at"]
    assert cli("--home", home, "issue", "--out", tmp_path / "out").code == 0
    _, credential = _credential_of(tmp_path / "out", badge)
    assert "endorsement" not in credential["credentialSubject"]["achievement"]
    assert cli("--home", home, "endorse", "no-such-badge", "--as", "uga").code == 2
    assert cli("--home", home, "endorse", badge, "--as", "nobody").code == 2


def test_an_endorser_that_keeps_its_own_key_signs_with_its_file(
        cli: Any, home: Path, tmp_path: Path, world: dict[str, Any]) -> None:
    badge = world["badge"]
    private = Ed25519PrivateKey.generate()
    key_file = tmp_path / "uga.pem"
    key_file.write_bytes(private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    public_file = tmp_path / "uga.pub.pem"
    public_file.write_bytes(private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    made = cli("--home", home, "endorser", "init", "uga", "--name", UGA, "--public-key",
               public_file, "--json")
    assert made.code == 0, made.err
    assert made.json()["key_held"] == "external"
    assert not (home / "endorser-keys" / "uga").exists()  # the instance holds no key of it
    refused = cli("--home", home, "endorse", badge, "--as", "uga")
    assert refused.code == 2 and "--key" in refused.err
    other = tmp_path / "other.pem"
    other.write_bytes(Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    wrong = cli("--home", home, "endorse", badge, "--as", "uga", "--key", other)
    assert wrong.code == 2 and "not the key of endorser" in wrong.err
    signed = cli("--home", home, "--lang", "fr", "endorse", badge, "--as", "uga", "--key",
                 key_file)
    assert signed.code == 0, signed.err
    assert "recommande" in signed.out
    out = tmp_path / "out"
    assert cli("--home", home, "issue", "--out", out).code == 0
    path, credential = _credential_of(out, badge)
    [endorsement] = credential["credentialSubject"]["achievement"]["endorsement"]
    assert endorsement["issuer"]["id"] == made.json()["did"]
    said = cli("--home", home, "verify", path, "--resolve", _resolve(out))
    assert said.code == 0 and f"endorsement by {UGA}: signature valid" in said.out
