"""The issuing commands through the real entry point, on the bundled catalog."""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from apprenance.bootstrap import App
from apprenance.config import load_settings
from builders import add_activity


def _awards(cli: Any, home: Path) -> None:
    assert cli("--home", home, "init").code == 0
    app = App(load_settings(home=home))
    catalog = app.catalog()
    for day in range(1, 6):
        add_activity(app.store, catalog, participant="lea@x.org", day=date(2025, 3, day),
                     hours=4, kind="chantier-participatif",
                     witness="jo@x.org" if day == 1 else None,
                     witness_role="habitant" if day == 1 else None)
    app.close()
    assert cli("--home", home, "evaluate").code == 0


def test_issuer_issue_unbake_revoke_and_clr(cli: Any, home: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPRENANCE_FAKE_NOW", "2026-09-15T10:00:00+00:00")
    monkeypatch.setenv("APPRENANCE_KEY_PASSPHRASE", "correct horse battery staple")
    _awards(cli, home)
    assert cli("--home", home, "issue", "--out", tmp_path / "out").code == 2  # no issuer yet
    made = cli("--home", home, "issuer", "init", "--name", "Val de Serre", "--json")
    assert made.code == 0, made.err
    assert made.json()["did"].startswith("did:key:z6Mk")  # no public URL configured
    [pem] = (home / "keys" / "collectif").glob("*.pem")
    assert stat.S_IMODE(os.stat(pem).st_mode) == 0o600
    assert b"ENCRYPTED" in pem.read_bytes()
    assert cli("--home", home, "issuer", "init", "--name", "again").code == 2  # conflict
    out = tmp_path / "out"
    issued = cli("--home", home, "issue", "--out", out, "--json")
    assert issued.code == 0, issued.err
    report = issued.json()
    assert report["issued"] >= 1 and report["problems"] == []
    first = report["credentials"][0]
    png = out / first["files"][2]
    unbaked = cli("--home", home, "unbake", png, "--json")
    assert unbaked.code == 0
    assert unbaked.json()["credential"]["id"] == first["credential"]
    assert cli("--home", home, "issue", "--out", out, "--json").json()["issued"] == 0
    record = cli("--home", home, "clr", "lea@x.org", "--out", tmp_path / "clr.json", "--json")
    assert record.code == 0, record.err
    clr = json.loads((tmp_path / "clr.json").read_text())
    assert clr["type"][-1] == "ClrCredential"
    revoked = cli("--home", home, "revoke", first["credential"], "--reason", "erreur",
                  "--out", out, "--json")
    assert revoked.code == 0, revoked.err
    assert revoked.json()["status_index"] == first["status_index"]
    assert cli("--home", home, "revoke", first["credential"], "--reason", "x").code == 2
    rotated = cli("--home", home, "issuer", "rotate", "--json")
    assert rotated.code == 0 and len(rotated.json()["keys"]) == 2
    listed = cli("--home", home, "issuer", "list").out
    assert "collectif" in listed
    for text in (issued.out, revoked.out, rotated.out, listed, made.out):
        assert "PRIVATE" not in text


def test_did_web_when_the_public_url_is_configured(cli: Any, home: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPRENANCE_PUBLIC_URL", "https://badges.example.org:8443/app")
    assert cli("--home", home, "init").code == 0
    made = cli("--home", home, "issuer", "init", "--id", "val-de-serre", "--name", "VdS",
               "--no-passphrase", "--json")
    assert made.code == 0, made.err
    assert made.json()["did"] == "did:web:badges.example.org%3A8443:app:issuers:val-de-serre"


def test_unbake_refuses_what_is_not_an_image(cli: Any, home: Path, tmp_path: Path) -> None:
    bogus = tmp_path / "x.png"
    bogus.write_bytes(b"hello")
    result = cli("--home", home, "unbake", bogus)
    assert result.code == 2 and "not a PNG or SVG" in result.err
