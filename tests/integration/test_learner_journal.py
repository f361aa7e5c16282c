"""The learner's own evidence (issue 18, item 3), on SQLite and PostgreSQL: Léa adds a note
with a photo to her journal; the coordinator of her territory turns it into an activity he
attests, which counts for her badges at once; a refused field is named; nobody else reaches
her notes or their files."""

from __future__ import annotations

from pathlib import Path

import pytest

from apprenance.credentials.images.badge_png import placeholder_png
from apprenance.db import learner_records_sql as records
from logs_world import csrf_of, session
from web_world import World, build_world

T = "val-de-serre"


@pytest.fixture
def world(tmp_path: Path, db_url: str) -> World:
    return build_world(tmp_path, db_url=db_url)


def test_a_note_becomes_an_attested_activity(world: World) -> None:
    lea = session(world, "learner")
    csrf = csrf_of(lea, "/portfolio/journal")
    future = lea.post("/portfolio/journal", data={"csrf": csrf, "day": "2099-01-01",
                                                  "note": "x"})
    assert future.status_code == 400 and "Donnez un jour passé" in future.text
    added = lea.post("/portfolio/journal", follow_redirects=False,
                     data={"csrf": csrf, "day": "2026-05-04",
                           "note": "J'ai compris comment animer un débat."},
                     files={"file": ("debat.png", placeholder_png(), "image/png")})
    assert added.status_code == 303, added.text
    mine = lea.get("/portfolio/journal").text
    assert 'data-attested="no"' in mine and "debat.png" in mine
    assert lea.get("/portfolio/journal/1/fichier").content == placeholder_png()
    other = session(world, "other_learner")
    assert other.get("/portfolio/journal/1/fichier").status_code == 404
    assert "débat" not in other.get("/portfolio/journal").text
    elsewhere = session(world, "other_coordinator")
    assert elsewhere.get(f"/territoires/{T}/journal").status_code == 403
    coord = session(world, "coordinator")
    page = coord.get(f"/territoires/{T}/journal").text
    assert 'id="note-1"' in page
    csrf = csrf_of(coord, f"/territoires/{T}/journal")
    path = f"/territoires/{T}/journal/1/attester"
    wrong = coord.post(path, data={"csrf": csrf, "type": "no-such-type", "hours": "2"})
    assert wrong.status_code == 400 and "field type" in wrong.text
    done = coord.post(path, follow_redirects=False,
                      data={"csrf": csrf, "type": "reunion-publique", "hours": "2"})
    assert done.status_code == 303, done.text
    assert coord.post(path, data={"csrf": csrf, "type": "reunion-publique",
                                  "hours": "2"}).status_code == 409
    with world.app.store.transaction() as conn:
        [activity] = records.activities_by_id(conn, ["note-1"]).values()
        [attestation] = records.attestations_of(conn, ["note-1"])
    assert activity["duration_hours"] == 2 and activity["activity_type"] == "reunion-publique"
    assert attestation["witness_role"] == "coordinateur"
    assert 'data-attested="yes"' in lea.get("/portfolio/journal").text
