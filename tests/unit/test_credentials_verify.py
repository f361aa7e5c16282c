"""`apprenance verify` on credentials signed by our engine: JSON, VC-JWT, baked images,
recipients, and unreadable input (did:web and status lists over loopback HTTP:
tests/integration/test_credentials_verify_http.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from apprenance.credentials.trust import jwt
from apprenance.credentials.trust.fetchers import HttpFetcher, MapFetcher
from apprenance.errors import NotFound
from conftest import CliResult
from credential_world import (
    ISSUER_KEY,
    LEARNER_EMAIL,
    SIGNED_AT,
    baked_png,
    baked_svg,
    sample_credential,
    signed,
    tiny_png,
)

Cli = Callable[..., CliResult]


def _write(tmp_path: Path, name: str, data: Any) -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_our_credential_verifies_and_a_tampered_one_does_not(cli: Cli, tmp_path: Path) -> None:
    credential = signed(sample_credential())
    result = cli("verify", _write(tmp_path, "ok.json", credential), "--offline", "--json")
    assert result.code == 0, result.out
    report = result.json()["results"][0]  # type: ignore[index]
    assert report["verdict"] == "valid" and report["ob3_structure_problems"] == []
    assert [c["check"] for c in report["checks"]] == [
        "parse", "context", "terms", "signature", "issuer", "window", "status", "structure"]
    credential["credentialSubject"]["achievement"]["name"] = "Jardin partagé !"
    result = cli("verify", _write(tmp_path, "bad.json", credential), "--offline")
    assert result.code == 1
    assert "✗ signature" in result.out and "INVALID" in result.out


def test_undefined_terms_make_a_credential_invalid(cli: Cli, tmp_path: Path) -> None:
    credential = sample_credential()
    credential["credentialSubject"]["achievement"]["hours"] = 40
    from apprenance.credentials.trust import data_integrity as di

    options = di.proof_options("did:key:" + ISSUER_KEY.public_multibase + "#"
                               + ISSUER_KEY.public_multibase, SIGNED_AT)
    proof = {**options, "proofValue": "z" + "1" * 20}
    result = cli("verify", _write(tmp_path, "c.json", {**credential, "proof": proof}),
                 "--offline")
    assert result.code == 1
    assert "undefined term 'hours' at credentialSubject.achievement" in result.out


@pytest.mark.parametrize("kind", ["png", "png-zlib", "svg", "svg-jwt"])
def test_baked_images_are_unbaked_and_verified(cli: Cli, tmp_path: Path, kind: str) -> None:
    credential = signed(sample_credential())
    text = json.dumps(credential, ensure_ascii=False)
    token = jwt.sign_jwt(sample_credential(), ISSUER_KEY, _vm(), issued_at=SIGNED_AT)
    data = {"png": baked_png(text), "png-zlib": baked_png(text, compressed=True),
            "svg": baked_svg(text), "svg-jwt": baked_svg(token, as_attribute=True)}[kind]
    result = cli("verify", _write(tmp_path, f"badge.{kind[:3]}", data), "--offline", "--json")
    assert result.code == 0, result.out
    assert result.json()["results"][0]["checks"][0]["check"] == "unbake"  # type: ignore[index]


def _vm() -> str:
    return f"did:key:{ISSUER_KEY.public_multibase}#{ISSUER_KEY.public_multibase}"


@pytest.mark.parametrize("data", [b"", b"   ", b"{not json", b"[1, 2]", tiny_png(),
                                  b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"\xff\xfe\x00"])
def test_unreadable_inputs_exit_2_with_a_clear_message(
    cli: Cli, tmp_path: Path, data: bytes
) -> None:
    result = cli("verify", _write(tmp_path, "input.bin", data), "--offline")
    assert result.code == 2
    assert "UNREADABLE" in result.out and "Traceback" not in result.err


def test_missing_file_is_unreadable(cli: Cli, tmp_path: Path) -> None:
    result = cli("verify", tmp_path / "nope.json", "--offline", "--json")
    assert result.code == 2 and result.json()["unreadable"] == 1  # type: ignore[index]


def test_recipient_is_checked_against_the_identity_hash(cli: Cli, tmp_path: Path) -> None:
    path = _write(tmp_path, "c.json", signed(sample_credential()))
    assert cli("verify", path, "--offline", "--recipient", LEARNER_EMAIL).code == 0
    assert cli("verify", path, "--offline", "--recipient", LEARNER_EMAIL.upper()).code == 0
    result = cli("verify", path, "--offline", "--recipient", "someone@example.org")
    assert result.code == 1 and "does not name this recipient" in result.out


def test_vc_jwt_eddsa_verifies_and_carries_the_registered_claims(
    cli: Cli, tmp_path: Path
) -> None:
    credential = sample_credential()
    token = jwt.sign_jwt(credential, ISSUER_KEY, _vm(), issued_at=SIGNED_AT)
    decoded = jwt.decode_jwt(token)
    assert decoded.header == {"alg": "EdDSA", "typ": "JWT", "kid": _vm()}
    assert decoded.payload["iss"] == credential["issuer"]["id"]
    assert decoded.payload["jti"] == credential["id"] and "vc" not in decoded.payload
    assert decoded.payload["nbf"] == 1788220800 and decoded.payload["exp"] == 1945987200
    assert decoded.credential == credential
    assert cli("verify", _write(tmp_path, "c.jwt", token), "--offline").code == 0
    head, _payload, sig = token.split(".")
    forged = json.dumps({**decoded.payload, "name": "Autre"}).encode()
    bad = f"{head}.{jwt.b64url(forged)}.{sig}"
    assert cli("verify", _write(tmp_path, "bad.jwt", bad), "--offline").code == 1


def test_vc_jwt_rs256_option() -> None:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    token = jwt.sign_jwt(sample_credential(), private, "https://example.org/keys/1",
                         issued_at=SIGNED_AT, alg="RS256")
    decoded = jwt.decode_jwt(token)
    assert decoded.header["alg"] == "RS256"
    assert jwt.verify_jwt_signature(decoded, private.public_key()) is None
    assert jwt.verify_jwt_signature(decoded, ISSUER_KEY.public) is not None


def test_fetchers_stay_offline_and_local(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="only loopback"):
        HttpFetcher(loopback_only=True)("https://example.org/did.json")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.json").write_text("{}")
    fetch = MapFetcher({"https://x.org/": tmp_path / "docs"})
    assert fetch("https://x.org/a.json") == b"{}"
    with pytest.raises(NotFound):
        fetch("https://x.org/../secret")
    with pytest.raises(NotFound, match="not in the resolve map"):
        fetch("https://y.org/a.json")
