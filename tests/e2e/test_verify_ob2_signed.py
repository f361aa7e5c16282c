"""`apprenance verify` on Open Badges 2.0 signed assertions (compact JWS, RS256 as OB 2.0
requires, EdDSA too) with the issuer's CryptographicKey published beside the engine's hosted
files, and 1EdTech's validator (badgecheck) agreeing with our verdicts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from apprenance.credentials.formats import ob2
from apprenance.credentials.images.badge_png import placeholder_png
from apprenance.credentials.images.baking import bake_ob2
from apprenance.credentials.trust import jwt
from apprenance.services.issuing.batch import PLACEHOLDER_SVG
from conftest import FIXED_NOW
from credential_world import loopback_server
from external_verifiers import badgecheck
from ob2_world import (
    Cli,
    World,
    eddsa_jws,
    issued_world,
    message,
    public_pem,
    rsa_key,
    run,
    signed_assertion,
    verify,
)


@pytest.fixture(autouse=True)
def _now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPRENANCE_FAKE_NOW", FIXED_NOW.isoformat())


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    with issued_world(tmp_path) as issued:
        yield issued


# --- signed (JWS) ------------------------------------------------------------------------------

SIGNED_CHECKS = ["parse", "structure", "badge", "issuer", "signature", "window", "status",
                 "terms"]


def test_a_signed_rs256_assertion_verifies(cli: Cli, world: World, tmp_path: Path) -> None:
    token = ob2.sign_assertion(signed_assertion(world, public_pem(rsa_key())), rsa_key())
    path = tmp_path / "signed.jws"
    path.write_text(token + "\n")
    code, report = verify(cli, path, "--recipient", "ana@x.org")
    assert code == 0, report
    assert [c["check"] for c in report["checks"]] == [*SIGNED_CHECKS[:-1], "recipient", "terms"]
    assert report["format"] == "ob2-signed" and report["signature"] == "valid"
    assert "JWS (RS256) verified with " + world.urls.ob2_key("collectif") in message(
        report, "signature")
    for name, image in (("s.png", bake_ob2(placeholder_png(), token)),
                        ("s.svg", bake_ob2(PLACEHOLDER_SVG, token))):
        (tmp_path / name).write_bytes(image)
        code, report = verify(cli, tmp_path / name)
        assert code == 0, report
        assert report["format"] == f"baked-{name[-3:]}"


def test_a_tampered_or_foreign_jws_is_invalid(cli: Cli, world: World, tmp_path: Path) -> None:
    assertion = signed_assertion(world, public_pem(rsa_key()))
    token = ob2.sign_assertion(assertion, rsa_key())
    head, _, sig = token.split(".")
    forged_body = jwt.b64url(json.dumps({**assertion, "expires": "2099-01-01T00:00:00Z"}).encode())
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cases = {
        "tampered": f"{head}.{forged_body}.{sig}",
        "other key": ob2.sign_assertion(assertion, other),
        "hosted inside": ob2.sign_assertion({**assertion, "verification": {
            "type": "HostedBadge"}}, rsa_key()),
    }
    for name, text in cases.items():
        path = tmp_path / f"{name}.jws"
        path.write_text(text)
        code, report = verify(cli, path)
        assert code == 1 and report["signature"] == "invalid", (name, report)
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(assertion))
    code, report = verify(cli, plain)
    assert code == 1 and "came as plain JSON" in message(report, "signature")


def test_the_key_must_be_the_issuer_s(world: World) -> None:
    pem = public_pem(rsa_key())
    token = ob2.sign_assertion(signed_assertion(world, pem, declare=False), rsa_key())
    report = run("a.jws", data=token.encode())
    assert report.signature == "invalid" and "does not declare" in str(report.checks)
    signed_assertion(world, pem)
    key_url = world.urls.ob2_key("collectif")
    world.publish(key_url, {**world.read(key_url), "owner": "https://elsewhere.example/i"})
    report = run("a.jws", data=token.encode())
    assert report.signature == "invalid" and "is owned by" in str(report.checks)


def test_without_creator_the_issuer_s_declared_key_is_used(world: World) -> None:
    token = ob2.sign_assertion(signed_assertion(world, public_pem(rsa_key()), creator=False),
                               rsa_key())
    assert run("a.jws", data=token.encode()).verified


def test_eddsa_signed_assertions_verify(world: World) -> None:
    key = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    assertion = signed_assertion(world, public_pem(key))
    report = run("a.jws", data=eddsa_jws(assertion, key).encode(), recipient="ana@x.org")
    assert report.verified, report.checks
    assert "JWS (EdDSA) verified" in str(report.checks)
    forged = eddsa_jws({**assertion, "issuedOn": "2026-01-01T00:00:00Z"}, key).split(".")
    genuine = eddsa_jws(assertion, key).split(".")
    report = run("b.jws", data=f"{forged[0]}.{forged[1]}.{genuine[2]}".encode())
    assert report.signature == "invalid" and "does not match" in str(report.checks)


def test_a_signed_assertion_in_the_revocation_list_is_invalid(world: World) -> None:
    assertion = signed_assertion(world, public_pem(rsa_key()))
    revocations = world.urls.ob2_revocations("collectif")
    world.publish(revocations, {**world.read(revocations), "revokedAssertions": [
        {"id": assertion["id"], "revocationReason": "erreur"}]})
    report = run("a.jws", data=ob2.sign_assertion(assertion, rsa_key()).encode())
    assert report.status == "revoked" and not report.verified
    assert "(erreur)" in str(report.checks)


# --- 1EdTech's validator agrees ------------------------------------------------------------------


def test_badgecheck_agrees_on_valid_and_invalid_assertions(world: World, tmp_path: Path) -> None:
    token = ob2.sign_assertion(signed_assertion(world, public_pem(rsa_key())), rsa_key())
    head, body, sig = token.split(".")
    forged = json.loads(jwt.b64url_decode(body))
    forged["issuedOn"] = "2026-09-01T00:00:00Z"
    tampered = f"{head}.{jwt.b64url(json.dumps(forged).encode())}.{sig}"
    artwork = placeholder_png()
    for name, text in (("signed", token), ("tampered", tampered)):
        (tmp_path / f"{name}.png").write_bytes(bake_ob2(artwork, text))
    assertion = world.assertion()
    routes: dict[str, bytes] = {}
    with loopback_server(routes) as elsewhere:
        moved = {**assertion, "id": f"{elsewhere}/a.json"}
        routes["/a.json"] = json.dumps(moved).encode()
        inputs = {
            "hosted": (assertion["id"], True),
            "baked png": (str(world.folder / "faire-1.ob2.png"), True),
            "baked svg": (str(world.folder / "faire-1.ob2.svg"), True),
            "signed": (str(tmp_path / "signed.png"), True),
            "tampered": (str(tmp_path / "tampered.png"), False),
            "other origin": (moved["id"], False),
        }
        theirs = badgecheck("ana@x.org", [source for source, _ in inputs.values()])
        ours = {name: run(source, recipient="ana@x.org").verified
                for name, (source, _) in inputs.items()}
        wrong = badgecheck("eve@x.org", [assertion["id"]])
    assert not wrong[0]["valid"] and not run(assertion["id"], recipient="eve@x.org").verified
    for (name, (_, expected)), verdict in zip(inputs.items(), theirs, strict=True):
        assert verdict["valid"] is expected, (name, verdict)
        assert ours[name] is expected, name
    assert "failed verification" in " ".join(theirs[4]["errors"])  # the signature, for both
    assert "not hosted in allowed origins" in " ".join(theirs[5]["errors"])
