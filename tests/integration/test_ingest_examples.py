"""The example territory ingests as its files say: the CSV and the xAPI statements with no
rejection (two statements voided), the file with errors with exactly the rejections listed in
examples/activites-with-errors.expected.csv."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from conftest import REPO, CliResult

EXAMPLES = REPO / "examples"


def run(cli: Callable[..., CliResult], home: Path, *args: str | Path) -> dict[str, Any]:
    result = cli("--home", home, *args)
    assert result.code == 0, result.err
    document = result.json()
    assert isinstance(document, dict)
    return document


def test_example_logs_ingest_as_documented(cli: Callable[..., CliResult], home: Path) -> None:
    assert cli("--home", home, "init").code == 0
    assert cli("--home", home, "territory", EXAMPLES / "territory.yaml").code == 0
    clean = run(cli, home, "ingest", "--json", EXAMPLES / "activites.csv")
    assert clean["rejected"] == 0 and clean["accepted"] >= 600
    assert clean["unmapped"] > 0  # the example keeps a few types the mapping does not know
    statements = run(cli, home, "ingest", "--json", EXAMPLES / "activites-xapi.json")
    assert statements["rejected"] == 0 and statements["accepted"] > 0
    with_errors = run(cli, home, "ingest", "--json", EXAMPLES / "activites-with-errors.csv")
    with open(EXAMPLES / "activites-with-errors.expected.csv", encoding="utf-8") as f:
        expected = list(csv.DictReader(f))
    errors = {(int(e["line"]), e["field"]) for e in expected if e["expected"] == "error"}
    got = {(r["line"], r["field"]) for r in with_errors["rejections"]}
    assert got == errors
    assert with_errors["accepted"] == sum(1 for e in expected if e["expected"] == "ok")
    engine = create_engine(f"sqlite:///{home / 'apprenance.sqlite3'}")
    with engine.connect() as conn:
        voided = conn.execute(text("SELECT count(*) FROM activities WHERE voided")).scalar()
        formula = conn.execute(text(
            "SELECT description FROM activities WHERE id = 'err-0006'")).scalar()
    engine.dispose()
    assert voided == 2
    assert str(formula).startswith("=HYPERLINK(")  # kept as text
    again = run(cli, home, "ingest", "--json", *(EXAMPLES / n for n in (
        "activites.csv", "activites-xapi.json", "activites-with-errors.csv")))
    assert again["accepted"] == 0 and again["rejected"] == len(errors)
