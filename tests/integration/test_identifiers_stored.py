"""One person, one identifier in the store: look-alike writings of an address are one learner in
every importer, the territory file, the API and the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from apprenance.db import tables as t
from ingest_cli import Cli, rows_of, run, write, write_territories
from web_world import World, build_world

LEA = "lea@example.org"
CYRILLIC_LEA = "l\u0435a@example.org"  # a Cyrillic е
HEADER = "date;participant;nom;territoire;projet;activite;duree;temoin"


def _learners(db_url: str) -> list[str]:
    return sorted(r["participant"] for r in rows_of(db_url, select(t.learners.c.participant)))


def test_every_importer_writes_one_learner(cli: Cli, home: Path, db_url: str,
                                          tmp_path: Path) -> None:
    store = ["--home", str(home), "--db", db_url, "--lang", "en"]
    assert cli(*store, "init").code == 0
    for path in write_territories(tmp_path):
        assert cli(*store, "territory", path).code == 0
    csv_log = write(tmp_path / "journal.csv", [
        HEADER,
        f"2025-03-01;{LEA};Léa;val;jardin;atelier-cuisine;1;",
        "2025-03-02;\uff4c\uff45\uff41@example.org;Léa;val;jardin;atelier-cuisine;1;",
        "2025-03-03;Lea@EXAMPLE.org.;Léa;val;jardin;atelier-cuisine;1;",
        f"2025-03-04;{CYRILLIC_LEA};Léa;val;jardin;atelier-cuisine;1;",
        "2025-03-05;le\u0301a@example.org;Léa;val;jardin;atelier-cuisine;1;",
        f"2025-03-06;tom;Tom;val;jardin;atelier-cuisine;1;habitant:{CYRILLIC_LEA}",
    ])
    report = run(cli, store, "ingest", "--json", csv_log)
    assert (report["accepted"], report["rejected"]) == (4, 2), report["rejections"]
    assert [(r["line"], r["field"]) for r in report["rejections"]] == [
        (5, "participant"), (7, "temoin")]
    assert "mixes Latin, Cyrillic letters" in report["rejections"][0]["reason"]

    jsonl = tmp_path / "log.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in [
        {"date": "2025-03-07", "participant": "LEA@example.org.", "activite": "animation",
         "duree": 1, "territoire": "val", "temoin": "habitant:TOM"},
        {"date": "2025-03-08", "participant": CYRILLIC_LEA, "activite": "animation",
         "duree": 1, "territoire": "val"},
    ]) + "\n", encoding="utf-8")
    report = run(cli, store, "ingest", "--json", jsonl)
    assert (report["accepted"], report["rejected"]) == (1, 1), report["rejections"]

    w3 = "https://w3id.org/apprenance/xapi"
    statements = [{
        "id": f"00000000-0000-4000-8000-00000000010{n}",
        "actor": {"mbox": f"mailto:{who}"},
        "verb": {"id": f"{w3}/verbs/facilitated"},
        "object": {"id": f"{w3}/activities/val/id-{n}",
                   "definition": {"type": f"{w3}/activity-types/animation"}},
        "result": {"duration": "PT1H"},
        "context": {"contextActivities": {"grouping": [{"id": f"{w3}/territories/val"}]}},
        "timestamp": f"2025-03-1{n}T10:00:00Z",
    } for n, who in enumerate(["\uff2c\uff25\uff21@EXAMPLE.ORG.", CYRILLIC_LEA])]
    xapi = tmp_path / "lrs.json"
    xapi.write_text(json.dumps(statements), encoding="utf-8")
    report = run(cli, store, "ingest", "--json", "--format", "xapi", xapi)
    assert (report["accepted"], report["rejected"]) == (1, 1), report["rejections"]
    assert report["rejections"][0]["field"] == "actor.mbox"

    assert _learners(db_url) == [LEA, "léa@example.org"]  # not 4 more look-alikes
    witnesses = {r["witness"] for r in rows_of(db_url, select(t.attestations.c.witness))}
    assert witnesses == {"tom"}
    # the command line finds the learner however the address is written
    assert run(cli, store, "evidence", "--json", "\uff4c\uff45\uff41@Example.org.")["hours"] == 5
    refused = cli(*store, "evidence", CYRILLIC_LEA)
    assert refused.code == 2
    assert "mixes Latin, Cyrillic letters" in refused.err
    assert "Traceback" not in refused.out + refused.err


def test_a_territory_file_writes_the_same_form(cli: Cli, home: Path, db_url: str,
                                               tmp_path: Path) -> None:
    store = ["--home", str(home), "--db", db_url]
    assert cli(*store, "init").code == 0
    path = tmp_path / "val.yaml"
    path.write_text("id: val\nname: Val\nlearners:\n  - participant: \"Lea@EXAMPLE.org.\"\n"
                    "    name: Léa\n", encoding="utf-8")
    assert cli(*store, "territory", path).code == 0
    assert _learners(db_url) == [LEA]
    path.write_text(f"id: val\nname: Val\nlearners:\n  - participant: {CYRILLIC_LEA}\n",
                    encoding="utf-8")
    refused = cli(*store, "territory", path)
    assert refused.code == 2, refused.out
    assert "mixes Latin, Cyrillic letters" in refused.out + refused.err
    assert _learners(db_url) == [LEA]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("identifiers"))


def test_the_api_records_and_learner_urls(world: World) -> None:
    records: list[dict[str, Any]] = [
        {"date": "2026-05-0" + str(n), "participant": who, "activite": "animation",
         "duree": 1, "territoire": "val-de-serre", "projet": "legumerie-cantines"}
        for n, who in ((1, "Nina@Example.org."), (2, "\uff4e\uff49\uff4e\uff41@example.org"),
                       (3, "n\u0456na@example.org"))]  # a Cyrillic і
    response = world.client.post("/api/v1/activities", json=records,
                                 headers=world.headers("admin"))
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["accepted"], report["rejected"]) == (2, 1), report
    assert report["rejections"][0]["field"] == "participant"
    found = world.client.get("/api/v1/learners/NINA@example.org./evidence",
                             headers=world.headers("admin"))
    assert found.status_code == 200, found.text
    refused = world.client.get("/api/v1/learners/n\u0456na@example.org/evidence",
                               headers=world.headers("admin"))
    assert refused.status_code == 400
    assert "Cyrillic" in refused.json()["message"]
