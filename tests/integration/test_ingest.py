"""`apprenance ingest` end to end on SQLite and PostgreSQL: what is stored, duplicates across
runs and files, --strict, the quarantine (list, export, resolution), unmapped types and their
assignment, xAPI voiding, JSON Lines, and batches larger than one transaction."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select, text

from apprenance.db import tables as t
from ingest_cli import HEADER, Cli, rows_of, run, write


def test_canonical_csv_is_stored_with_learners_attestations_and_evidence(
    cli: Cli, store: list[str], db_url: str, tmp_path: Path
) -> None:
    log = write(tmp_path / "journal.csv", [
        HEADER,
        "r1;2025-03-04;Lea.Marchand@Example.org;Léa Marchand;étudiante;val;jardin;;atelier-cuisine;"
        "Atelier cuisine avec la cantine;1,5;habitant:Marie@example.org;https://ex.org/p.jpg;ravie",
        "r2;2025-03-05T23:30:00+01:00;lea.marchand@example.org;;;val;bois;habitat;"
        "chantier-participatif;Chantier;PT2H30M;;;",
        ";2025-03-06;tom;Tom;agent;;;apprendre;journal-reflexif;Journal;2;marie@example.org;;",
    ], bom=True)
    report = run(cli, store, "ingest", "--json", log)
    assert report == {"accepted": 3, "duplicates": 0, "rejected": 0, "unmapped": 0,
                      "rejections": [], "notes": [],
                      "files": [{"file": str(log), "accepted": 3, "duplicates": 0,
                                 "rejected": 0, "unmapped": 0}]}
    a = t.activities.c
    stored = {r["id"]: r for r in rows_of(db_url, select(t.activities))}
    assert set(stored) - {"r1", "r2"} and len(stored) == 3
    first, second = stored["r1"], stored["r2"]
    assert first["duration_hours"] == 1.5 and first["function"] == "alimentation"  # default
    assert first["extra"] == {"humeur": "ravie"}
    assert first["evidence_url"] == "https://ex.org/p.jpg"
    assert first["source_line"] == 2 and first["source_file"] == str(log.resolve())
    assert second["duration_hours"] == 2.5
    assert second["occurred_on"] == date(2025, 3, 5)  # the day as written
    assert second["occurred_at"].astimezone(UTC) == datetime(2025, 3, 5, 22, 30, tzinfo=UTC)
    content_id = next(k for k in stored if k not in ("r1", "r2"))
    assert content_id == stored[content_id]["content_hash"] and len(content_id) == 64
    third = stored[content_id]  # no territory, project, URL, extra, suggestion nor reference
    assert [third[c] for c in ("territory_id", "project_id", "evidence_url", "extra",
                               "suggested_type", "source_ref", "assigned_type")] == [None] * 7
    optional = ("territory_id", "project_id", "function", "suggested_type", "description",
                "evidence_url", "extra", "source_ref")
    blank = " OR ".join(f"CAST({c} AS TEXT) = ''" for c in optional)  # stored as NULL, never as ''
    assert rows_of(db_url, text(f"SELECT id FROM activities WHERE {blank}")) == []
    assert [r["id"] for r in rows_of(db_url, text(
        "SELECT id FROM activities WHERE territory_id IS NULL AND evidence_url IS NULL "
        "AND extra IS NULL"))] == [content_id]
    learners = {r["participant"]: r for r in rows_of(db_url, select(t.learners))}
    assert learners["lea.marchand@example.org"]["role"] == "etudiant"
    assert learners["lea.marchand@example.org"]["name"] == "Léa Marchand"
    assert learners["tom"]["role"] == "agent"
    attest = rows_of(db_url, select(t.attestations))
    assert [(x["activity_id"], x["witness"], x["witness_role"]) for x in attest] == [
        ("r1", "marie@example.org", "habitant"), (content_id, "marie@example.org", None)]
    evidence = run(cli, store, "evidence", "--json", "lea.marchand@example.org")
    assert evidence["hours"] == 4.0 and evidence["activities"] == 2
    assert rows_of(db_url, select(a.id).where(a.voided.is_(True))) == []


def test_same_rows_again_are_duplicates_across_runs_and_files(
    cli: Cli, store: list[str], db_url: str, tmp_path: Path
) -> None:
    lines = [HEADER] + [
        f"{'x' + str(i) if i % 2 else ''};2025-04-{i:02d};p{i % 3}@example.org;;habitant;val;"
        f"jardin;alimentation;atelier-cuisine;Atelier {i};2;;;" for i in range(1, 11)]
    one = write(tmp_path / "one.csv", lines)
    two = write(tmp_path / "two.csv", [lines[0], *reversed(lines[1:])])
    assert run(cli, store, "ingest", "--json", one)["accepted"] == 10
    again = run(cli, store, "ingest", "--json", one)
    assert (again["accepted"], again["duplicates"], again["rejected"]) == (0, 10, 0)
    other = run(cli, store, "ingest", "--json", two, one)
    assert (other["accepted"], other["duplicates"]) == (0, 20)
    assert len(rows_of(db_url, select(t.activities.c.id))) == 10
    assert len(rows_of(db_url, select(t.learners.c.id))) == 3


def test_strict_exits_1_after_storing_the_good_rows(
    cli: Cli, store: list[str], db_url: str, tmp_path: Path
) -> None:
    log = write(tmp_path / "log.csv", [
        HEADER, "a;2025-03-01;ann;;habitant;val;jardin;;atelier-cuisine;;2;;;",
        "b;2025-03-01;ann;;habitant;val;jardin;;atelier-cuisine;;-2;;;",
    ])
    result = cli(*store, "ingest", "--strict", "--json", log)
    assert result.code == 1
    report = result.json()
    assert isinstance(report, dict)
    assert (report["accepted"], report["rejected"]) == (1, 1)
    assert report["rejections"] == [{"file": str(log), "line": 3, "field": "duree",
                                     "reason": "the duration must be above zero, not '-2'"}]
    assert "problems-found" in result.err
    human = cli(*store, "ingest", "--strict", log)
    assert human.code == 1 and "log.csv:3 [duree]" in human.out


def test_rejects_are_listed_exported_neutralised_and_resolved(
    cli: Cli, store: list[str], tmp_path: Path
) -> None:
    log = tmp_path / "log.csv"
    good = "ok;2025-03-01;ann;;habitant;val;jardin;;atelier-cuisine;;2;;;"
    write(log, [HEADER, good, "=HYPERLINK(1);2025-03-01;ann;;habitant;val;jardin;;x;;zz;;;",
                "c;2025-02-30;ann;;habitant;val;jardin;;atelier-cuisine;;1;;;"])
    assert run(cli, store, "ingest", "--json", log)["rejected"] == 2
    listed = run(cli, store, "rejects", "list", "--json")["rejects"]
    assert [(r["line"], r["field"]) for r in listed] == [(3, "duree"), (4, "date")]
    assert listed[0]["raw"].startswith("=HYPERLINK(1);") and listed[0]["resolved_at"] is None
    exported = cli(*store, "rejects", "export", "--format", "csv")
    assert exported.code == 0
    cells = list(csv.reader(io.StringIO(exported.out)))
    assert cells[0][:3] == ["id", "source_file", "line"]
    assert cells[1][6].startswith("'=HYPERLINK(1);")  # never a formula in a spreadsheet
    out = tmp_path / "rejects.jsonl"
    assert cli(*store, "rejects", "export", "--format", "jsonl", "--out", out).code == 0
    assert len(out.read_text("utf-8").splitlines()) == 2
    write(log, [HEADER, good, "fixed;2025-03-01;ann;;habitant;val;jardin;;x;;2;;;",
                "c;2025-02-28;ann;;habitant;val;jardin;;atelier-cuisine;;1;;;"])
    fixed = run(cli, store, "ingest", "--json", log)
    assert (fixed["accepted"], fixed["duplicates"], fixed["rejected"]) == (2, 1, 0)
    assert run(cli, store, "rejects", "list", "--json")["rejects"] == []
    everything = run(cli, store, "rejects", "list", "--all", "--json")["rejects"]
    assert len(everything) == 2 and all(r["resolved_at"] for r in everything)
    assert "No open rejects" in cli(*store, "rejects", "list").out


def test_unmapped_types_get_a_suggestion_and_count_once_assigned(
    cli: Cli, store: list[str], db_url: str, tmp_path: Path
) -> None:
    log = write(tmp_path / "log.csv", [
        HEADER, "u1;2025-05-01;zoe;;habitant;val;jardin;alimentation;atelier-restes;"
        "Atelier de cuisine des restes;3;;;",
        "u2;2025-05-02;zoe;;habitant;val;jardin;alimentation;Atelier cuisine;Soupe;1;;;",
    ])
    report = run(cli, store, "ingest", "--json", log)
    assert (report["accepted"], report["unmapped"]) == (2, 1)
    listed = run(cli, store, "unmapped", "--json")
    assert listed["count"] == 1
    group = listed["unmapped"][0]
    assert (group["activity_type"], group["suggested_type"]) == ("atelier-restes",
                                                                "atelier-cuisine")
    assert [a["id"] for a in group["activities"]] == ["u1"]
    assert "atelier-restes: 1 activity" in cli(*store, "unmapped").out
    assert run(cli, store, "evidence", "--json", "zoe")["hours"] == 1.0  # the label matched
    done = run(cli, store, "assign", "--json", "u1", "atelier-cuisine")
    assert done == {"activity": "u1", "assigned_type": "atelier-cuisine",
                    "before": "atelier-restes"}
    assert run(cli, store, "evidence", "--json", "zoe")["hours"] == 4.0
    assert run(cli, store, "unmapped", "--json")["count"] == 0
    assert cli(*store, "assign", "u1", "no-such-type").code == 2
    assert cli(*store, "assign", "no-such-activity", "atelier-cuisine").code == 2
    learner = rows_of(db_url, select(t.learners).where(t.learners.c.participant == "zoe"))[0]
    assert learner["evidence_changed_at"] is not None


def statement(n: int, **extra: Any) -> dict[str, Any]:
    w3 = "https://w3id.org/apprenance/xapi"
    return {
        "id": f"00000000-0000-4000-8000-00000000000{n}",
        "actor": {"mbox": "mailto:Max@example.org", "name": "Max"},
        "verb": {"id": f"{w3}/verbs/facilitated"},
        "object": {"id": f"{w3}/activities/val/{n}",
                   "definition": {"type": f"{w3}/activity-types/animation",
                                  "description": {"fr-FR": f"Animation {n}"}}},
        "result": {"duration": "PT1H30M",
                   "extensions": {f"{w3}/ext/evidence": "https://ex.org/e.pdf"}},
        "context": {"instructor": {"account": {"homePage": "https://lrs.example.org",
                                               "name": "paul"}},
                    "contextActivities": {"grouping": [{"id": f"{w3}/projects/bois"}]},
                    "extensions": {f"{w3}/ext/role": "etudiant",
                                   f"{w3}/ext/witness-role": "elu",
                                   f"{w3}/ext/function": "habitat"}},
        "timestamp": f"2025-06-0{n}T18:00:00Z", "version": "2.0.0", **extra,
    }


def test_xapi_statements_voiding_and_statement_ids(
    cli: Cli, store: list[str], db_url: str, tmp_path: Path
) -> None:
    void = {"id": "00000000-0000-4000-8000-000000000009",
            "actor": {"mbox": "mailto:max@example.org"},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
            "object": {"objectType": "StatementRef", "id": statement(1)["id"]}}
    bad = statement(3, verb={"id": "relative"})
    path = tmp_path / "lrs.json"
    path.write_text(json.dumps({"statements": [statement(1), statement(2), bad], "more": ""}))
    report = run(cli, store, "ingest", "--json", path)
    assert (report["accepted"], report["rejected"]) == (2, 1)
    assert report["rejections"][0]["statement_id"] == bad["id"]
    assert report["rejections"][0]["field"] == "verb.id"
    assert run(cli, store, "evidence", "--json", "max@example.org")["hours"] == 3.0
    lines = tmp_path / "void.json"
    lines.write_text(json.dumps(void) + "\n" + json.dumps(statement(2)) + "\n")
    voided = run(cli, store, "ingest", "--json", lines)
    assert (voided["accepted"], voided["duplicates"]) == (1, 1)
    assert run(cli, store, "evidence", "--json", "max@example.org")["hours"] == 1.5
    assert run(cli, store, "ingest", "--json", lines)["duplicates"] == 2
    a = t.activities.c
    stored = {r["id"]: r for r in rows_of(db_url, select(t.activities))}
    assert stored[statement(1)["id"]]["voided"] is True
    assert stored[statement(2)["id"]]["source_ref"] == statement(2)["id"]
    assert stored[statement(2)["id"]]["project_id"] == "bois"
    assert stored[statement(2)["id"]]["territory_id"] == "val"  # from the project
    attest = rows_of(db_url, select(t.attestations.c.witness, t.attestations.c.witness_role))
    assert {(r["witness"], r["witness_role"]) for r in attest} == {
        ("paul@lrs.example.org", "elu")}
    assert rows_of(db_url, select(a.id).where(a.voided.is_(False))) == [
        {"id": statement(2)["id"]}]


def test_hours_stored_by_an_earlier_ingest_fill_the_day(
    cli: Cli, store: list[str], tmp_path: Path
) -> None:
    """The 24 hours of a day count what earlier ingests stored (read once the batch is stored
    on SQLite, before on PostgreSQL); a file ingested again reads nothing and refuses nothing."""
    head = "id,date,participant,territoire,projet,activite,duree\n"
    first = tmp_path / "first.csv"
    first.write_text(head + "r1,2025-03-01,ann,val,jardin,animation,20\n", encoding="utf-8")
    assert run(cli, store, "ingest", "--json", first)["accepted"] == 1
    second = tmp_path / "second.csv"
    second.write_text(head + "r1,2025-03-01,ann,val,jardin,animation,20\n"
                      "r2,2025-03-01,ann,val,jardin,animation,4\n"
                      "r3,2025-03-01,ann,val,jardin,animation,0.5\n"
                      "r4,2025-03-02,ann,val,jardin,animation,23.5\n", encoding="utf-8")
    report = run(cli, store, "ingest", "--json", second)
    assert (report["accepted"], report["duplicates"], report["rejected"]) == (2, 1, 1)
    assert [(r["line"], r["field"]) for r in report["rejections"]] == [(4, "duree")]
    assert run(cli, store, "evidence", "--json", "ann")["hours"] == 47.5
    again = run(cli, store, "ingest", "--json", first)
    assert (again["accepted"], again["duplicates"], again["rejected"]) == (0, 1, 0)


def test_a_voided_activity_frees_its_day(cli: Cli, store: list[str], tmp_path: Path) -> None:
    """Voiding applies in file order, whether the voiding statement comes before or after
    its target; the day's 24 hours count without the voided activity."""
    hours = 0.0
    for n, before in ((1, False), (3, True)):
        long = statement(n, result={"duration": "PT20H"})
        void = {"id": f"00000000-0000-4000-8000-00000000009{n}",
                "actor": {"mbox": "mailto:max@example.org"},
                "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
                "object": {"objectType": "StatementRef", "id": long["id"]}}
        later = statement(n + 1, timestamp=long["timestamp"], result={"duration": "PT10H"})
        path = tmp_path / f"day{n}.json"
        path.write_text(json.dumps([void, long, later] if before else [long, void, later]))
        report = run(cli, store, "ingest", "--json", path)
        assert (report["accepted"], report["rejected"]) == (3, 0), report["rejections"]
        hours += 10.0
        assert run(cli, store, "evidence", "--json", "max@example.org")["hours"] == hours


def test_json_lines_with_french_and_english_keys(
    cli: Cli, store: list[str], db_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "log.jsonl"
    path.write_text("\n".join([
        json.dumps({"date": "2025-03-01", "participant": "ann", "activite": "animation",
                    "duree": 1.25, "territoire": "val", "source": {"app": "carnet"}}),
        "",
        json.dumps({"date": "2025-03-02", "participant": "ann", "activity": "animation",
                    "duration": "PT1H", "witness": "habitant:bea"}),
    ]) + "\n")
    report = run(cli, store, "ingest", "--json", path)
    assert (report["accepted"], report["rejected"]) == (2, 0)
    hours = sorted(r["duration_hours"] for r in rows_of(db_url, select(t.activities)))
    assert hours == [1.0, 1.25]
    extras = [r["extra"] for r in rows_of(db_url, select(t.activities)) if r["extra"]]
    assert extras == [{"source": {"app": "carnet"}}]


def test_large_file_spans_batches_and_transactions(
    cli: Cli, store: list[str], db_url: str, tmp_path: Path
) -> None:
    """12,000 rows: three batches; duplicates and the daily limit work across batches."""
    lines = [HEADER]
    for i in range(12_000):
        day = date(2025, 1, 1).toordinal() + i // 40
        lines.append(f"n{i};{date.fromordinal(day)};p{i % 40}@example.org;;habitant;val;jardin;"
                     f";atelier-cuisine;;2;;;")
    lines.append(lines[1])  # a duplicate, far from its first copy
    lines.append("over;2025-01-01;p0@example.org;;;;;;atelier-cuisine;;23;;;")
    report = run(cli, store, "ingest", "--json", write(tmp_path / "big.csv", lines))
    assert (report["accepted"], report["duplicates"], report["rejected"]) == (12_000, 1, 1)
    assert report["rejections"][0]["line"] == 12_003
    assert "25 h with this row" in report["rejections"][0]["reason"]
    engine = create_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM activities")).scalar() == 12_000
        assert conn.execute(text("SELECT count(*) FROM learners")).scalar() == 40
    engine.dispose()


def test_a_store_behind_this_version_says_so_and_how_to_upgrade(
    cli: Cli, store: list[str], db_url: str, tmp_path: Path
) -> None:
    log = write(tmp_path / "log.csv", [HEADER])
    engine = create_engine(db_url)
    with engine.begin() as conn:
        head = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        older = f"{int(head) - 1:04d}"
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": older})
    engine.dispose()
    for lang, said in (
            ("fr", f"le magasin est au schéma {older}, cette version demande le {head}\u00a0: "
                   "lancez `apprenance init` pour le mettre à jour"),
            ("en", f"the store is at schema {older}, this version needs {head}: run "
                   "`apprenance init` to upgrade it")):
        told = cli("--lang", lang, *store, "ingest", log)
        assert told.code == 2 and said in told.err, (lang, told.err)
        assert "Traceback" not in told.err


def test_ingest_needs_an_initialised_store(cli: Cli, tmp_path: Path) -> None:
    log = write(tmp_path / "log.csv", [HEADER])
    result = cli("--home", tmp_path / "nowhere", "ingest", log)
    assert result.code == 2 and "init" in result.err
    for lang, said in (("fr", "le magasin n'est pas initialisé\u00a0: lancez d'abord "
                               "`apprenance init`"),
                       ("en", "the store is not initialised: run `apprenance init` first")):
        told = cli("--lang", lang, "--home", tmp_path / "nowhere", "ingest", log)
        assert told.code == 2 and said in told.err, (lang, told.err)
    missing = cli("--home", tmp_path / "nowhere", "ingest", tmp_path / "absent.csv")
    assert missing.code == 2 and "Traceback" not in missing.err
