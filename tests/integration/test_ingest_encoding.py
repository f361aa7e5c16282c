"""A CSV saved by French Excel (Windows-1252, semicolons, decimal commas) is read, with a note
in the report; valid UTF-8 stays UTF-8; JSON files stay UTF-8 only."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from apprenance.db import tables as t
from conftest import CliResult
from ingest_cli import HEADER, rows_of, run

Cli = Callable[..., CliResult]
ROWS = [
    "e1;2025-03-04;chloe@example.org;Chloé Lefèvre;étudiante;val;jardin;;atelier-cuisine;"
    "Goûter préparé à l'école, crème brûlée;2,5;;;très contente",
    "e2;2025-03-05;francois@example.org;François Dœuf;habitant;val;bois;habitat;"
    "chantier-participatif;Réparation du préau – « ensemble »;1,5;;;",
]


def excel_csv(path: Path, rows: list[str]) -> Path:
    """What French Excel writes for "CSV (séparateur : point-virgule)": Windows-1252, CRLF."""
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode("cp1252"))
    return path


def test_windows_1252_csv_is_read_with_a_note(
    cli: Cli, store: list[str], db_url: str, tmp_path: Path
) -> None:
    log = excel_csv(tmp_path / "journal-excel.csv", ROWS)
    assert b"\xe9" in log.read_bytes()  # "é" as one byte: not UTF-8
    report = run(cli, store, "ingest", "--json", log)
    assert (report["accepted"], report["rejected"]) == (2, 0), report["rejections"]
    assert report["notes"] == [{"file": str(log), "note": "encoding.cp1252",
                                "reason": "read as Windows-1252 (saved by Excel, not as "
                                          "UTF-8): check the accents"}]
    stored = {r["id"]: r for r in rows_of(db_url, select(t.activities))}
    assert stored["e1"]["description"] == "Goûter préparé à l'école, crème brûlée"
    assert stored["e1"]["duration_hours"] == 2.5
    assert stored["e1"]["extra"] == {"humeur": "très contente"}
    assert stored["e2"]["description"] == "Réparation du préau – « ensemble »"
    names = {r["participant"]: r["name"] for r in rows_of(db_url, select(t.learners))}
    assert names == {"chloe@example.org": "Chloé Lefèvre",
                     "francois@example.org": "François Dœuf"}
    human = cli(*store, "--lang", "fr", "ingest", log)
    assert human.code == 0
    assert f"{log}: lu en Windows-1252" in human.out


def test_utf8_stays_utf8_and_a_bad_row_of_windows_1252_is_its_own(
    cli: Cli, store: list[str], db_url: str, tmp_path: Path
) -> None:
    utf8 = tmp_path / "utf8.csv"
    utf8.write_text("\n".join([HEADER, ROWS[0]]) + "\n", encoding="utf-8")
    report = run(cli, store, "ingest", "--json", utf8)
    assert (report["accepted"], report["notes"]) == (1, [])
    bad = excel_csv(tmp_path / "bad.csv", [ROWS[1].replace("1,5", "deux heures")])
    report = run(cli, store, "ingest", "--json", bad)
    assert report["accepted"] == 0 and [r["field"] for r in report["rejections"]] == ["duree"]
    listed = run(cli, store, "rejects", "list", "--json")["rejects"]
    assert "Réparation du préau" in listed[0]["raw"]  # the raw row decoded, not \xNN
    names = {r["participant"]: r["name"] for r in rows_of(db_url, select(t.learners))}
    assert names["chloe@example.org"] == "Chloé Lefèvre"


def test_undefined_bytes_and_json_in_windows_1252_are_still_refused(
    cli: Cli, store: list[str], tmp_path: Path
) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_bytes((HEADER + "\n").encode() + ROWS[0].encode("cp1252") + b"\x81\n")
    report = run(cli, store, "ingest", "--json", odd)
    assert report["accepted"] == 0 and report["notes"] == []
    assert "not in UTF-8" in report["rejections"][0]["reason"]
    lines = tmp_path / "log.jsonl"
    lines.write_bytes(json.dumps({"id": "j1", "description": "Goûter"},
                                 ensure_ascii=False).encode("cp1252") + b"\n")
    report = run(cli, store, "ingest", "--json", lines)
    assert report["notes"] == [] and "not in UTF-8" in report["rejections"][0]["reason"]
