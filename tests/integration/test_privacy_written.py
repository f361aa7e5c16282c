"""Issue 21: the erasure finds every file the command line wrote for the learner (recorded in
the store: ``certificate --out``, ``learner export --out``, ``clr --out``, ``export credits
--out``), deletes those inside the home folder and lists the others; and it reports other
people's free text that still names the person, without changing it. Both databases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from apprenance.db import tables as t
from conftest import FIXED_NOW
from privacy_world import JONAS, LEA, PASSPHRASE, build

URL = "http://127.0.0.1:9"


@pytest.fixture
def home(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    world = build(tmp_path, db_url)
    store = world.app.store
    with store.transaction() as conn:  # Jonas's own text names Léa
        jonas = conn.execute(select(t.learners.c.id).where(
            t.learners.c.participant == JONAS)).scalar_one()
        first, second = conn.execute(select(t.activities.c.id).where(
            t.activities.c.learner_id == jonas).order_by(t.activities.c.id).limit(2)
        ).scalars().all()
        conn.execute(update(t.activities).where(t.activities.c.id == first).values(
            description="Atelier animé avec LÉA MARCHAND"))
        conn.execute(update(t.activities).where(t.activities.c.id == second).values(
            extra={"note": f"contact {LEA}"}))
        conn.execute(t.attestations.insert().values(
            activity_id=second, witness="claire.lambert@example.org", witness_role="habitant",
            comment="Léa Marchand était là aussi", created_at=FIXED_NOW))
    world.app.close()
    monkeypatch.setenv("APPRENANCE_DATABASE_URL", db_url)
    monkeypatch.setenv("APPRENANCE_FAKE_NOW", FIXED_NOW.isoformat())
    monkeypatch.setenv("APPRENANCE_PUBLIC_URL", URL)
    monkeypatch.setenv("APPRENANCE_KEY_PASSPHRASE", PASSPHRASE)
    return tmp_path / "home"


def test_erasure_deletes_the_recorded_files_inside_home_and_lists_the_others(
        cli: Any, home: Path, tmp_path: Path) -> None:
    inside = home / "attestations" / "attestation-1.pdf"  # a name that does not name her
    outside = tmp_path / "elsewhere" / "certificat.pdf"
    export = home / "exports" / "dossier.json"
    credits = home / "exports" / "credits.csv"
    for args in (["certificate", LEA, "--out", inside], ["certificate", LEA, "--out", outside],
                 ["certificate", LEA, "--out", inside],  # again: one record
                 ["learner", "export", LEA, "--out", export],
                 ["export", "credits", "--format", "csv", "--out", credits]):
        done = cli("--home", home, *args)
        assert done.code == 0, (args, done.err)
    assert inside.is_file() and outside.is_file() and export.is_file() and credits.is_file()
    document: Any = cli("--home", home, "learner", "export", LEA).json()
    assert sorted(f["kind"] for f in document["recorded_files"]) == [  # credits: 2 tables
        "certificate", "certificate", "credits", "credits", "export"]

    erased = cli("--home", home, "learner", "erase", LEA, "--yes", "--json")
    assert erased.code == 0, erased.err
    report: Any = erased.json()
    assert report["files_deleted"] == ["attestations/attestation-1.pdf", "exports/dossier.json"]
    assert not inside.exists() and not export.exists()
    assert str(outside) in report["files_to_review"] and outside.is_file()  # outside HOME
    assert "exports/credits.csv" in report["files_to_review"] and credits.is_file()  # shared
    assert "exports/credits-competences.csv" in report["files_to_review"]
    mentions = {(m["table"], m["field"]) for m in report["mentions"]}
    assert mentions == {("activities", "description"), ("activities", "extra"),
                        ("attestations", "comment")}, report["mentions"]
    jonas: Any = cli("--home", home, "learner", "export", JONAS).json()
    assert any(a["description"] == "Atelier animé avec LÉA MARCHAND"
               for a in jonas["activities"])  # reported, never changed

    shown = cli("--home", home, "--lang", "en", "learner", "erase", JONAS, "--yes")
    assert shown.code == 0, shown.err
    assert "exports/credits.csv" in shown.out  # shared: listed for Jonas too, still there
    assert credits.is_file()


def test_the_human_report_names_deleted_files_and_mentions(
        cli: Any, home: Path, tmp_path: Path) -> None:
    target = home / "out" / "c.pdf"
    assert cli("--home", home, "certificate", LEA, "--out", target).code == 0
    shown = cli("--home", home, "--lang", "fr", "learner", "erase", LEA, "--yes")
    assert shown.code == 0, shown.err
    assert "supprimé\u00a0: out/c.pdf" in shown.out
    assert "(texte d'une autre personne qui la nomme)\u00a0: activities " in shown.out
    assert not target.exists()
