"""Issue 19: Open Badges 2.0 requires the issuer's email. An issuer made without
``--email`` gets Open Badges 3.0 only: no OB 2.0 assertion, baked image or hosted document is
written or stored (they would fail every verifier, apprenance's first: "email missing"), and
``issue`` says so once per run. With ``--email`` the OB 2.0 form is issued and verifies."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from apprenance.bootstrap import App
from apprenance.config import load_settings
from apprenance.db.issuing_tables import credential_issuance
from builders import add_activity
from conftest import CliResult

NO_OB2 = "the Open Badges 2.0 form is not issued"


def _awards(cli: Callable[..., CliResult], home: Path) -> None:
    assert cli("--home", home, "init").code == 0
    app = App(load_settings(home=home))
    catalog = app.catalog()
    kinds = ["atelier-participatif", "chantier-participatif", "reunion-publique",
             "atelier-cuisine"] * 3
    for day, kind in enumerate(kinds, start=1):
        add_activity(app.store, catalog, participant="lea@x.org", day=date(2025, 3, day),
                     hours=5, kind=kind, witness="jo@x.org", witness_role="habitant")
    app.close()
    assert cli("--home", home, "evaluate").code == 0


def _ob2_rows(home: Path) -> list[object]:
    app = App(load_settings(home=home))
    with app.store.transaction() as conn:
        rows = list(conn.execute(select(credential_issuance.c.ob2_assertion)).scalars())
    app.close()
    return rows


@pytest.fixture(autouse=True)
def _frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPRENANCE_FAKE_NOW", "2026-09-15T10:00:00+00:00")


def test_without_email_only_open_badges_3_are_issued_and_issue_says_so_once(
        cli: Callable[..., CliResult], home: Path, tmp_path: Path) -> None:
    _awards(cli, home)
    made = cli("--home", home, "issuer", "init", "--name", "Val de Serre", "--no-passphrase")
    assert made.code == 0, made.err
    assert "Without --email, issuer collectif issues no Open Badges 2.0" in made.err
    out = tmp_path / "out"
    issued = cli("--home", home, "issue", "--out", out, "--chunk", "1")  # several chunks
    assert issued.code == 0, issued.err
    assert issued.err.count(NO_OB2) == 1 and "issuer init --email" in issued.err
    files = [p.name for p in out.rglob("*") if p.is_file()]
    assert sum(name.endswith(".ob3.json") for name in files) >= 2  # several awards
    assert [name for name in files if ".ob2." in name] == []
    assert not (out / "public" / "ob2").exists()
    assert not (out / "public" / "issuers" / "collectif" / "ob2" / "profile.json").exists()
    rows = _ob2_rows(home)
    assert rows and all(row is None for row in rows)
    first = next(out.rglob("*.ob3.json"))
    assert cli("--home", home, "verify", "--offline", first).code in (0, 1)  # readable OB 3.0

    again = cli("--home", home, "issue", "--out", out, "--json")  # nothing left: no message
    assert again.code == 0 and NO_OB2 not in again.err
    assert again.json()["without_ob2"] == []  # type: ignore[index]


def test_with_email_the_open_badges_2_form_is_issued_and_verifies(
        cli: Callable[..., CliResult], home: Path, tmp_path: Path) -> None:
    _awards(cli, home)
    made = cli("--home", home, "issuer", "init", "--name", "Val de Serre", "--no-passphrase",
               "--email", "contact@val-de-serre.example.org")
    assert made.code == 0 and "Open Badges 2.0" not in made.err, made.err
    out = tmp_path / "out"
    issued = cli("--home", home, "issue", "--out", out, "--json")
    assert issued.code == 0 and NO_OB2 not in issued.err, issued.err
    assert issued.json()["without_ob2"] == []  # type: ignore[index]
    assert all(row is not None for row in _ob2_rows(home))
    resolve = tmp_path / "resolve.json"
    resolve.write_text(json.dumps({"http://127.0.0.1:8000/": str(out / "public")}),
                       encoding="utf-8")
    ob2 = sorted(out.rglob("*.ob2.*"))
    assert {p.suffix for p in ob2} == {".json", ".png", ".svg"}
    checked = cli("--home", home, "verify", "--resolve", resolve, *ob2)
    assert checked.code == 0, checked.out[-2000:]
    assert "email missing" not in checked.out
