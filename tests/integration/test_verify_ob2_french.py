"""Open Badges 2.0 verification speaks French too (issue 19): the CLI's human output, the
``text`` of each check in ``--json``, and the web verification page, with what the assertion
vouches for. The English ``message`` of each check is unchanged."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from apprenance.services.verify import build_fetcher
from conftest import FIXED_NOW
from ob2_world import Cli, World, issued_world
from web_world import build_world

# English phrases of the OB 2.0 verifier that a French reader must not meet
ENGLISH = ["not issued to this", "the assertion hosted at", "a well-formed", "not revoked",
           "issued on", "every term is defined", "missing", "is not a sha256$"]


@pytest.fixture(autouse=True)
def _now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPRENANCE_FAKE_NOW", FIXED_NOW.isoformat())


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    with issued_world(tmp_path) as issued:
        yield issued


def test_the_cli_says_the_ob2_checks_in_french(cli: Cli, world: World) -> None:
    result = cli("--lang", "fr", "verify", world.assertion_file, "--recipient", "eve@x.org")
    assert result.code == 1, result.out
    assert "l'assertion n'a pas été délivrée à cette identité (email)" in result.out
    assert "l'assertion hébergée à " in result.out and "non révoqué (" in result.out
    assert "chaque terme est défini par le contexte Open Badges 2.0" in result.out
    for phrase in ENGLISH:
        assert phrase not in result.out, phrase
    english = cli("--lang", "en", "verify", world.assertion_file, "--recipient", "eve@x.org")
    assert "the assertion was not issued to this email" in english.out


def test_json_carries_the_french_text_beside_the_english_message(cli: Cli,
                                                                 world: World) -> None:
    assertion = world.assertion()
    broken = {**assertion, "recipient": {**assertion["recipient"], "identity": "sha1$00"}}
    broken.pop("issuedOn")
    world.publish(assertion["id"], broken)
    result = cli("--lang", "fr", "verify", assertion["id"], "--json")
    assert result.code == 1
    report = json.loads(result.out)["results"][0]
    structure = next(c for c in report["checks"] if c["check"] == "structure")
    assert "is not a sha256$ or md5$ hash" in structure["message"]
    assert "n'est pas une empreinte sha256$ ou md5$" in structure["text"]
    assert "issuedOn manque ou n'est pas une date" in structure["text"]
    assert report["vouches_for"]["issuer"]["id"] == world.urls.ob2_issuer("collectif")


def test_the_page_explains_an_ob2_assertion_in_french(world: World, tmp_path: Path) -> None:
    web = build_world(tmp_path / "web")
    web.app.extra_fetcher = build_fetcher(loopback_only=True)  # type: ignore[attr-defined]
    data = world.assertion_file.read_bytes()
    page = web.client.post("/verifier?lang=fr", data={"recipient": "ana@x.org"},
                           files={"file": ("a.json", data, "application/json")}).text
    text = html.unescape(page)
    assert "authentique et valide" in text, text[text.index("<h1>"):text.index("<form")]
    facts = text[text.index('id="facts"'):text.index('id="checks"')]
    issuer = world.read(world.urls.ob2_issuer("collectif"))
    assert issuer["name"] in facts and "correspond à l'adresse indiquée" in facts
    assert "l'assertion hébergée à " in text and "non révoqué" in text
    for phrase in ENGLISH:
        assert phrase not in text, phrase
    revoked = {**world.assertion(), "revoked": True, "revocationReason": "fraude"}
    world.publish(world.assertion()["id"], revoked)
    web.app.extra_fetcher = build_fetcher(loopback_only=True)  # type: ignore[attr-defined]
    page = html.unescape(web.client.post(
        "/verifier?lang=fr", files={"file": ("a.json", data, "application/json")}).text)
    assert "l'émetteur l'a révoqué" in page and "l'assertion hébergée le dit (fraude)" in page
