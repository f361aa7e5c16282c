"""The demo runs the whole product on the example territory, every credential it writes
verifies valid with apprenance's own verifier (issue 19), and running it again adds
nothing; its last step's link opens a learner's portfolio (one demo run for all: it is the
longest test)."""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient

from apprenance.bootstrap import App
from apprenance.clock import fixed_clock
from apprenance.config import load_settings
from apprenance.credentials.pdf.attach import credential_in_pdf
from apprenance.web.app import create_app
from conftest import FIXED_NOW, REPO, CliResult


def credential_files(home: Path) -> list[Path]:
    """Every credential the demo wrote: per learner OB 3.0 (JSON, VC-JWT, baked PNG and SVG)
    and OB 2.0 (hosted assertion, baked PNG and SVG), the CLR records, and every certificate
    (each attaches the signed credential its ECTS recommendation rests on)."""
    credentials = home / "credentials"
    files = [p for p in sorted(credentials.rglob("*"))
             if p.is_file() and credentials / "public" not in p.parents]
    files += sorted((home / "clr").glob("*.json"))
    certificates = sorted((home / "certificates").glob("*.pdf"))
    assert len(certificates) == 14
    for pdf in certificates:  # none is left without the credential it rests on
        assert credential_in_pdf(pdf.read_bytes()) is not None, pdf.name
    return files + certificates


def verify_everything(cli: Callable[..., CliResult], home: Path, tmp_path: Path) -> None:
    """``apprenance verify`` on every credential file: all valid. Its hosted documents (status
    lists, OB 2.0 assertions, badge classes, issuer profile) are answered from the
    ``public/`` folder the demo wrote, as a web server serving it would."""
    files = credential_files(home)
    suffixes = Counter("".join(p.suffixes[-2:]) if ".ob2" in p.name or ".ob3" in p.name
                       else p.suffix for p in files)
    assert {".ob3.json", ".ob3.jwt", ".png", ".svg", ".ob2.json", ".ob2.png", ".ob2.svg",
            ".json", ".pdf"} <= set(suffixes), suffixes
    assert len({suffixes[s] for s in (".ob3.json", ".ob2.json", ".ob2.png", ".png")}) == 1
    resolve = tmp_path / "resolve.json"
    resolve.write_text(json.dumps({"http://127.0.0.1:8000/": str(home / "credentials" /
                                                                 "public")}), encoding="utf-8")
    done = cli("--home", home, "verify", "--json", "--resolve", resolve, *files)
    run = done.json()
    assert isinstance(run, dict)
    bad = {r["source"]: [c["message"] for c in r["checks"] if c["status"] == "failed"]
           for r in run["results"] if r["verdict"] != "valid"}
    assert bad == {} and done.code == 0, list(bad.items())[:5]
    assert run["valid"] == len(files)
    formats = Counter(r["format"] for r in run["results"])
    assert {"ob2-hosted", "baked-png", "baked-svg", "vc-jwt", "pdf"} <= set(formats), formats


def _registrar_outputs(home: Path, step: dict[str, object]) -> None:
    """The credits export: one row per learner and pathway, each with its verification URL,
    the competences beside it, the same rows in the XLSX's first sheet."""
    with (home / "credits.csv").open(encoding="utf-8-sig", newline="") as f:
        header, *rows = list(csv.reader(f, delimiter=";"))
    assert header[0] == "Identifier" and step["credits_skipped"] == 0  # the demo's language
    assert len(rows) == step["credits_rows"] and len(rows) >= 14
    url = header.index("Credential verification URL")
    assert all(r[url].startswith("http://127.0.0.1:8000/verify?credential=") for r in rows)
    assert max(len(cell) for r in rows for cell in r) < 200
    with (home / "credits-competences.csv").open(encoding="utf-8-sig", newline="") as f:
        competences = list(csv.reader(f, delimiter=";"))[1:]
    assert {r[0] for r in competences} <= {r[0] for r in rows} and len(competences) > 100
    book = openpyxl.load_workbook(home / "credits.xlsx")
    assert book.sheetnames == ["Credits", "Competences"]
    assert book["Credits"].max_row == len(rows) + 1
    assert book["Competences"].max_row == len(competences) + 1


def _portfolio_opens(home: Path, run: dict[str, object]) -> None:
    """The demo ends with its serve step, whose single-use link signs the learner in to a
    working portfolio (served in-process on the demo's home)."""
    steps = run["steps"]
    assert isinstance(steps, list) and steps[-1]["name"] == "serve"
    assert "serve" in steps[-1]["command"]
    app = App(load_settings(home=home), clock=fixed_clock(FIXED_NOW))
    try:
        path = steps[-1]["portfolio"].removeprefix(app.settings.public_url)
        client = TestClient(create_app(app.settings, app=app))
        signed_in = client.post(path, follow_redirects=False)
        assert signed_in.status_code == 303
        assert client.get("/portfolio").status_code == 200
    finally:
        app.close()


@pytest.mark.slow
@pytest.mark.minutes
def test_demo_end_to_end_every_credential_valid_then_idempotent(
        cli: Callable[..., CliResult], home: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPRENANCE_FAKE_NOW", "2026-09-15T10:00:00+00:00")
    first = cli("--home", home, "demo", "--json")
    assert first.code == 0, first.err
    assert "written UNENCRYPTED" in first.err  # no APPRENANCE_KEY_PASSPHRASE: warned
    steps = {s["name"]: s for s in first.json()["steps"]}
    log = steps["ingest activites.csv"]
    assert log["accepted"] >= 600 and log["rejected"] == 0
    assert steps["ingest activites-xapi.json"]["accepted"] > 0
    errors = steps["ingest activites-with-errors.csv"]
    with (REPO / "examples" / "activites-with-errors.expected.csv").open(encoding="utf-8") as f:
        wanted = {int(r["line"]): r["field"] for r in csv.DictReader(f) if r["expected"] == "error"}
    assert {r["line"]: r["field"] for r in errors["rejections"]} == wanted
    earned = steps["evaluate"]["earned"]
    assert len(earned) == 14
    students = [who for who, badges in earned.items() if "immersion-1an" in badges]
    assert len(students) >= 3
    assert steps["issue"]["issued"] == steps["evaluate"]["new_awards"]
    assert (home / "credits.csv").is_file()
    assert any((home / "certificates").glob("*.pdf"))
    assert first.json()["outputs"]["portfolio"].startswith("http://127.0.0.1:8000/")
    assert steps["clr"]["records"] == len(earned)  # one per learner awarded a badge
    _registrar_outputs(home, steps["certificates"])
    assert steps["serve"]["command"].endswith(" serve --allow-local-url")
    verify_everything(cli, home, tmp_path)
    _portfolio_opens(home, first.json())

    again = cli("--home", home, "demo", "--json")
    assert again.code == 0, again.err
    assert "UNENCRYPTED" not in again.err  # no key written this time
    steps = {s["name"]: s for s in again.json()["steps"]}
    assert steps["ingest activites.csv"]["accepted"] == 0
    assert steps["ingest activites.csv"]["duplicates"] == log["accepted"]
    assert steps["evaluate"]["new_awards"] == 0
    assert steps["issue"]["issued"] == 0
    assert steps["clr"]["records"] == 0
