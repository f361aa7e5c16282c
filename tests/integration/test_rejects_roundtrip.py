"""`rejects export` writes the rejected rows in their file's own format (CSV: its header and
separator, a first column `rejet` with each reject's number, formulas neutralised; JSON Lines:
the lines as they were; xAPI: the statements); ingesting the corrected export closes them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from apprenance.db import tables as t
from conftest import CliResult
from ingest_cli import rows_of, run, write

Cli = Callable[..., CliResult]
HEADER = "date;participant;territoire;projet;activite;duree;description;id"


def test_csv_rejects_round_trip_through_a_spreadsheet(
    cli: Cli, store: list[str], db_url: str, tmp_path: Path
) -> None:
    log = write(tmp_path / "journal.csv", [
        HEADER,
        "2025-03-01;ann@example.org;val;jardin;atelier-cuisine;2;Atelier;ok",
        "2025-02-30;ann@example.org;val;jardin;atelier-cuisine;1;=SUM(A1);bad-date",
        "2025-03-02;bob@example.org;val;jardin;atelier-cuisine;deux;Pain;bad-hours",
    ])
    other = write(tmp_path / "other.csv", [
        "participant,date,territoire,projet,activite,duree",
        "cat@example.org,2025-03-01,val,jardin,atelier-cuisine,-3"])
    wrong = write(tmp_path / "wrong.csv", ["quand;qui", "2025-03-01;ann"])
    run(cli, store, "ingest", "--json", log, other, wrong)
    listed = run(cli, store, "rejects", "list", "--json", "--file", "journal")["rejects"]
    assert [r["line"] for r in listed] == [3, 4]
    mixed = cli(*store, "rejects", "export")  # two files, two headers: which one?
    assert mixed.code == 2 and "--file" in mixed.err
    out = tmp_path / "rejets.csv"
    done = run(cli, store, "rejects", "export", "--json", "--file", "journal", "--out", out)
    assert (done["count"], done["format"]) == (2, "csv")
    text = out.read_text("utf-8-sig")
    cells = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert cells[0] == ["rejet", *HEADER.split(";")]  # the file's own columns and separator
    assert [c[0] for c in cells[1:]] == [str(r["id"]) for r in listed]
    assert cells[1][7] == "'=SUM(A1)"  # never a formula in a spreadsheet
    assert cells[2][1:] == ["2025-03-02", "bob@example.org", "val", "jardin",
                            "atelier-cuisine", "deux", "Pain", "bad-hours"]
    # the coordinator corrects the date and the hours and saves the file
    cells[1][1], cells[1][7] = "2025-02-28", "Somme"
    cells[2][6] = "2,5"
    fixed = io.StringIO()
    csv.writer(fixed, delimiter=";", lineterminator="\r\n").writerows(cells)
    out.write_text(fixed.getvalue(), encoding="utf-8-sig")
    report = run(cli, store, "ingest", "--json", out)
    assert (report["accepted"], report["rejected"]) == (2, 0), report["rejections"]
    assert run(cli, store, "rejects", "list", "--json", "--file", "journal")["rejects"] == []
    stored = {r["id"]: r for r in rows_of(db_url, select(t.activities))}
    assert stored["bad-hours"]["duration_hours"] == 2.5
    assert stored["bad-date"]["extra"] is None  # the `rejet` column is not kept
    # left: the other file's row, and the header reject, which has no row to export
    left = run(cli, store, "rejects", "export", "--json")
    assert left["count"] == 1 and left["content"].startswith(
        "rejet,participant,date,territoire,projet,activite,duree\r\n")


def test_a_row_still_wrong_stays_a_reject_of_the_corrected_file(
    cli: Cli, store: list[str], tmp_path: Path
) -> None:
    log = write(tmp_path / "journal.csv", [
        HEADER, "2025-03-02;bob@example.org;val;jardin;atelier-cuisine;deux;Pain;x1"])
    run(cli, store, "ingest", "--json", log)
    out = tmp_path / "rejets.csv"
    run(cli, store, "rejects", "export", "--json", "--out", out)
    first = run(cli, store, "rejects", "list", "--json")["rejects"]
    report = run(cli, store, "ingest", "--json", out)  # not corrected
    assert report["rejected"] == 1
    now = run(cli, store, "rejects", "list", "--json")["rejects"]
    assert [r["file"] for r in now] == [str(out.resolve())]
    assert now[0]["raw"].startswith(f"{first[0]['id']};")
    again = tmp_path / "again.csv"
    run(cli, store, "rejects", "export", "--json", "--out", again)
    cells = list(csv.reader(io.StringIO(again.read_text("utf-8-sig")), delimiter=";"))
    assert cells[0] == ["rejet", *HEADER.split(";")] and cells[1][0] == str(now[0]["id"])


def test_json_lines_and_xapi_rejects_are_exported_as_they_were(
    cli: Cli, store: list[str], tmp_path: Path
) -> None:
    bad = {"date": "2025-03-01", "participant": "ann@example.org", "territoire": "val",
           "projet": "jardin", "activite": "atelier-cuisine", "duree": -1}
    lines = tmp_path / "log.jsonl"
    lines.write_text(json.dumps(bad) + "\n", "utf-8")
    run(cli, store, "ingest", "--json", lines)
    out = tmp_path / "rejets.jsonl"
    done = run(cli, store, "rejects", "export", "--json", "--file", "log.jsonl", "--out", out)
    assert done["format"] == "jsonl"
    assert [json.loads(x) for x in out.read_text("utf-8").splitlines()] == [bad]
    statement = {"id": "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", "verb": {"id": "x"}}
    xapi = tmp_path / "statements.json"
    xapi.write_text(json.dumps([statement]), "utf-8")
    run(cli, store, "ingest", "--json", xapi)
    shown = run(cli, store, "rejects", "export", "--json", "--file", "statements")
    assert shown["format"] == "xapi" and json.loads(shown["content"]) == [statement]
