"""The demo runs the whole product on the example territory, and running it again adds
nothing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from conftest import REPO


@pytest.mark.slow
def test_demo_end_to_end_then_idempotent(cli, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPRENANCE_FAKE_NOW", "2026-09-15T10:00:00+00:00")
    first = cli("--home", home, "demo", "--json")
    assert first.code == 0, first.err
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

    again = cli("--home", home, "demo", "--json")
    assert again.code == 0, again.err
    steps = {s["name"]: s for s in again.json()["steps"]}
    assert steps["ingest activites.csv"]["accepted"] == 0
    assert steps["ingest activites.csv"]["duplicates"] == log["accepted"]
    assert steps["evaluate"]["new_awards"] == 0
    assert steps["issue"]["issued"] == 0
