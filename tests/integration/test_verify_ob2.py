"""`apprenance verify` on Open Badges 2.0 hosted assertions issued by our own engine and served
on 127.0.0.1: JSON file, assertion URL, baked PNG and SVG, offline with --resolve, and every way
to be invalid (tampered copies, revoked two ways, expired, wrong recipient, wrong origin, broken
badge class or issuer) or unreadable. Signed assertions: ``test_verify_ob2_signed.py``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from apprenance.clock import fixed_clock
from apprenance.credentials.images.baking import bake_ob2
from apprenance.db.issuing_tables import issuers
from apprenance.services.issuing.revocation import revoke
from conftest import FIXED_NOW
from credential_world import loopback_server, tiny_png
from ob2_world import (
    Cli,
    World,
    checks,
    issued_world,
    message,
    run,
    verify,
)
from web_world import LEA, build_world

HOSTED_CHECKS = ["parse", "hosted", "structure", "badge", "issuer", "origin", "window",
                 "status", "recipient", "terms"]



@pytest.fixture(autouse=True)
def _now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPRENANCE_FAKE_NOW", FIXED_NOW.isoformat())


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    with issued_world(tmp_path) as issued:
        yield issued


# --- valid ---------------------------------------------------------------------------------


def test_a_hosted_assertion_file_verifies_with_every_check(cli: Cli, world: World) -> None:
    code, report = verify(cli, world.assertion_file, "--recipient", "ana@x.org")
    assert code == 0, report
    assert [c["check"] for c in report["checks"]] == HOSTED_CHECKS
    assert set(checks(report).values()) == {"ok"}, report
    assert report["format"] == "ob2-hosted" and report["structure"] == "ok"
    assert report["id"] == world.assertion()["id"]
    assert report["issuer"] == world.urls.ob2_issuer("collectif")
    assert (report["signature"], report["window"], report["status"], report["recipient"]) == (
        "valid", "ok", "ok", "ok")


def test_the_assertion_url_verifies_and_its_id_must_answer_it(world: World) -> None:
    assertion = world.assertion()
    assert run(assertion["id"], recipient="ANA@x.org").verified
    other = world.urls.ob2_assertion("copy")
    world.publish(other, assertion)  # the same document at another URL, naming the first
    report = run(other)
    assert report.verified, report.checks
    assert "its id " + assertion["id"] + " answers the same document" in str(report.checks)
    world.publish(assertion["id"], {**assertion, "id": other})  # the id answers another one
    report = run(other)
    assert not report.verified and report.signature == "invalid"
    assert "names itself" in str(report.checks)


@pytest.mark.parametrize("suffix", [".ob2.png", ".ob2.svg"])
def test_baked_png_and_svg_verify(cli: Cli, world: World, suffix: str) -> None:
    code, report = verify(cli, world.folder / f"faire-1{suffix}", "--recipient", "ana@x.org")
    assert code == 0, report
    assert report["format"] == f"baked-{suffix[-3:]}"
    assert [c["check"] for c in report["checks"]] == ["unbake", *HOSTED_CHECKS]
    assert "Open Badges 2.0" in message(report, "unbake")
    assert "the image carries the assertion hosted at" in message(report, "hosted")


def test_a_baked_url_and_a_contradicting_svg_verify_attribute(world: World) -> None:
    assertion = world.assertion()
    png = tiny_png()
    report = run("url.png", data=bake_ob2(png, assertion["id"]))
    assert report.verified, report.checks
    svg = (world.folder / "faire-1.ob2.svg").read_bytes()
    forged = svg.replace(f'verify="{assertion["id"]}"'.encode(),
                         f'verify="{world.urls.ob2_assertion("other")}"'.encode())
    assert forged != svg
    report = run("forged.svg", data=forged)
    assert not report.verified and "verify attribute" in str(report.checks)


def test_resolve_map_verifies_with_no_server(cli: Cli, world: World, tmp_path: Path) -> None:
    mapping = tmp_path / "resolve.json"
    mapping.write_text(json.dumps({world.urls.base + "/": "out/public/"}))
    code, report = verify(cli, world.assertion_file, "--resolve", str(mapping))
    assert code == 0, report
    mapping.write_text(json.dumps({"https://elsewhere.example/": "out/public/"}))
    code, report = verify(cli, world.assertion_file, "--resolve", str(mapping))
    assert code == 1 and checks(report)["hosted"] == "failed"
    assert "offline: not fetching" in message(report, "hosted")


# --- invalid -------------------------------------------------------------------------------


@pytest.mark.parametrize(("field", "value"), [
    ("recipient", {"type": "email", "hashed": True, "salt": "00",
                   "identity": "sha256$" + "0" * 64}),
    ("issuedOn", "2026-09-01T00:00:00Z"),
    ("expires", "2099-01-01T00:00:00Z"),
    ("evidence", []),
    ("badge", "http://127.0.0.1:1/ob2/badges/other.json"),
])
def test_a_copy_that_differs_from_the_hosted_assertion_is_invalid(
    cli: Cli, world: World, tmp_path: Path, field: str, value: Any
) -> None:
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps({**world.assertion(), field: value}))
    code, report = verify(cli, forged)
    assert code == 1
    assert checks(report)["hosted"] == "failed" and report["signature"] == "invalid"
    assert f"differs from the one hosted at {world.assertion()['id']} ({field})" in message(
        report, "hosted")


def test_a_hosted_assertion_that_is_gone_or_changed_is_invalid(cli: Cli, world: World) -> None:
    assertion = world.assertion()
    world.publish(assertion["id"], {**assertion, "issuedOn": "2026-09-02T00:00:00Z"})
    code, report = verify(cli, world.folder / "faire-1.ob2.png")
    assert code == 1 and "(issuedOn)" in message(report, "hosted")
    world.hosted(assertion["id"]).unlink()
    code, report = verify(cli, world.assertion_file)
    assert code == 1 and "HTTP 404" in message(report, "hosted")


@pytest.mark.parametrize("how", ["revoke", "flag", "list"])
def test_a_revoked_assertion_is_invalid(cli: Cli, world: World, how: str) -> None:
    assertion = world.assertion()
    revocations = world.urls.ob2_revocations("collectif")
    if how == "revoke":
        revoke(world.store, world.keys, assertion["id"], reason="fraude", urls=world.urls,
               clock=fixed_clock(FIXED_NOW), out=world.out)
        assert world.read(assertion["id"])["revoked"] is True
    elif how == "flag":
        world.publish(assertion["id"], {**assertion, "revoked": True})
    else:
        listed = world.read(revocations)
        listed["revokedAssertions"] = [assertion["id"]]
        world.publish(revocations, listed)
    for source in (world.assertion_file, world.folder / "faire-1.ob2.svg"):
        code, report = verify(cli, source)
        assert code == 1 and report["status"] == "revoked", report
        assert checks(report)["hosted"] == "ok"  # revocation is no tampering
        status = message(report, "status")
        assert ("says so" in status) == (how != "list"), status
        assert (f"revoked in {revocations}" in status) == (how != "flag"), status
    other = next(world.folder.glob("alim.ob2.json"))
    assert verify(cli, other)[0] == 0


def test_an_unreadable_revocation_list_is_an_error(world: World) -> None:
    world.hosted(world.urls.ob2_revocations("collectif")).unlink()
    report = run(str(world.assertion_file), data=world.assertion_file.read_bytes())
    assert report.status == "error" and not report.verified


def test_expired_and_future_assertions_are_invalid(cli: Cli, world: World,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    expires = world.assertion()["expires"]
    assert expires == "2028-09-15T10:00:00Z"
    report = run(world.assertion()["id"], days=3 * 365)
    assert report.window == "expired" and not report.verified
    assert f"expired on {expires}" in str(report.checks)
    assert run(world.assertion()["id"], days=-1).window == "not_yet_valid"
    monkeypatch.setenv("APPRENANCE_FAKE_NOW", "2030-01-01T00:00:00+00:00")
    code, result = verify(cli, world.assertion_file)
    assert code == 1 and result["window"] == "expired"


def test_the_wrong_recipient_is_invalid(cli: Cli, world: World) -> None:
    code, report = verify(cli, world.assertion_file, "--recipient", "eve@x.org")
    assert code == 1 and report["recipient"] == "mismatch"
    assert "not issued to this email" in message(report, "recipient")
    assert verify(cli, world.assertion_file, "--recipient", " Ana@X.org")[0] == 0


def test_an_assertion_outside_the_issuer_origin_is_invalid(world: World) -> None:
    assertion = world.assertion()
    routes: dict[str, bytes] = {}
    with loopback_server(routes) as elsewhere:
        moved = {**assertion, "id": f"{elsewhere}/assertions/a.json"}
        routes["/assertions/a.json"] = json.dumps(moved).encode()
        report = run(moved["id"])
        assert report.signature == "invalid" and not report.verified
        assert "the issuer allows" in str(report.checks)
        issuer_url = world.urls.ob2_issuer("collectif")
        profile = world.read(issuer_url)
        origin = elsewhere.removeprefix("http://")
        world.publish(issuer_url, {**profile, "verification": {"allowedOrigins": [origin]}})
        assert run(moved["id"]).verified
        world.publish(issuer_url, {**profile, "verification": {
            "allowedOrigins": origin, "startsWith": f"{elsewhere}/badges/"}})
        report = run(moved["id"])
        assert not report.verified and "starts with none of" in str(report.checks)


@pytest.mark.parametrize(("which", "field", "expected"), [
    ("badge", "description", "description missing"),
    ("badge", "criteria", "criteria missing"),
    ("issuer", "email", "email missing"),
    ("issuer", "url", "url missing"),
    ("badge", "id", "names itself None"),
])
def test_a_broken_badge_class_or_issuer_is_invalid(
    world: World, which: str, field: str, expected: str
) -> None:
    assertion = world.assertion()
    url = assertion["badge"] if which == "badge" else world.urls.ob2_issuer("collectif")
    document = world.read(url)
    del document[field]
    world.publish(url, document)
    report = run(assertion["id"])
    assert report.structure == "invalid" and not report.verified
    failed = {c.name: c.message for c in report.checks if c.status == "failed"}
    assert expected in failed[which], failed


def test_a_missing_badge_class_is_invalid(world: World) -> None:
    assertion = world.assertion()
    world.hosted(assertion["badge"]).unlink()
    report = run(assertion["id"])
    assert report.structure == "invalid" and report.status == "error"
    assert [c.status for c in report.checks if c.name in ("badge", "issuer", "origin")] == [
        "failed", "skipped", "failed"]


def test_a_malformed_assertion_is_invalid(cli: Cli, world: World) -> None:
    assertion = world.assertion()
    broken = {**assertion, "recipient": {**assertion["recipient"], "identity": "sha1$00"}}
    broken.pop("issuedOn")
    world.publish(assertion["id"], broken)
    code, report = verify(cli, assertion["id"])
    assert code == 1 and report["structure"] == "invalid"
    assert "not a sha256$ or md5$ hash" in message(report, "structure")
    assert "issuedOn missing" in message(report, "structure")
    assert report["window"] == "invalid"


# --- unreadable ------------------------------------------------------------------------------


def _png_with_ob2_text(text: str) -> bytes:
    return bake_ob2(tiny_png(), text)


@pytest.mark.parametrize(("data", "why"), [
    (_png_with_ob2_text("not an assertion"), "is not JSON"),
    (_png_with_ob2_text(json.dumps({"type": "Assertion"})), "not an Open Badges 2.0"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">'
     b"<openbadges:assertion/></svg>", "is empty"),
])
def test_unreadable_ob2_inputs_exit_2(cli: Cli, tmp_path: Path, data: bytes, why: str) -> None:
    path = tmp_path / "badge.bin"
    path.write_bytes(data)
    result = cli("verify", path, "--offline", "--json")
    assert result.code == 2, result.out
    report: Any = result.json()
    assert report["results"][0]["verdict"] == "unreadable"
    assert why in message(report["results"][0], "parse")


# --- the people's view and the HTTP API ------------------------------------------------------


def test_the_human_report_names_every_check(cli: Cli, world: World) -> None:
    result = cli("verify", world.assertion_file, "--recipient", "eve@x.org")
    assert result.code == 1
    for line in ("✓ hosted", "✓ badge", "✓ issuer", "✓ origin", "✓ window", "✓ status",
                 "✗ recipient", "INVALID"):
        assert line in result.out, result.out
    assert "verify.check." not in result.out
    french = cli("--lang", "fr", "verify", world.assertion_file)
    assert french.code == 0 and "✓ hébergé" in french.out and "✓ origine" in french.out


def test_the_api_verifies_our_ob2_assertions_in_process(tmp_path: Path) -> None:
    web = build_world(tmp_path)
    assert web.client.post("/api/v1/credentials/issue", headers=web.headers("coordinator"),
                           json={}).json()["issued"] >= 1
    found = web.client.get(f"/api/v1/learners/{LEA}/credentials",
                           headers=web.headers("learner")).json()
    cid = next(c for c in found if c["format"] == "ob3")["id"].removeprefix("urn:uuid:")
    assertion = web.client.get(f"/api/v1/credentials/{cid}/ob2",
                               headers=web.headers("learner")).content

    def verdict() -> dict[str, Any]:
        answer: dict[str, Any] = web.client.post("/api/v1/verify", data={"recipient": LEA},
                                                 files={"file": ("a.json", assertion)}).json()
        return answer

    assert verdict()["verified"] is True
    with web.app.store.transaction() as conn:  # an email gone, which OB 2.0 requires
        conn.execute(update(issuers).values(email=None))
    first = verdict()
    assert first["verified"] is False and first["format"] == "ob2-hosted", first
    assert message(first, "issuer").endswith("email missing")
    assert {c["check"]: c["status"] for c in first["checks"]}["hosted"] == "ok"
    with web.app.store.transaction() as conn:
        conn.execute(update(issuers).values(email="contact@val-de-serre.example.org"))
    assert verdict()["verified"] is True
    web.client.post(f"/api/v1/credentials/{cid}/revoke", json={"reason": "erreur"},
                    headers=web.headers("coordinator"))
    after = verdict()
    assert after["verified"] is False and after["status"] == "revoked", after
