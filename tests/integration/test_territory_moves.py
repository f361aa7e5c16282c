"""Issue 21: a territory file no longer moves a learner of another territory, with their whole
history, without being asked: ``--move-learners`` (command line) or ``move_learners=true``
(API, admins only) moves them and says so; without it they stay where they are and the report
lists each refused move with its line and field, the rest of the file being loaded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from apprenance.bootstrap import App
from apprenance.config import load_settings
from apprenance.db import tables as t
from conftest import CliResult
from web_world import LEA, build_world

FIRST = """id: amont
name: Amont
learners:
  - participant: ana@example.org
    name: Ana
  - participant: bob@example.org
"""
SECOND = """id: aval
name: Aval
projects:
  - id: moulin
    name: Moulin
learners:
  - participant: carl@example.org
  - name: Ana again
    participant: ana@example.org
"""


def _homes(home: Path, db_url: str) -> dict[str, Any]:
    app = App(load_settings(home=home, database_url=db_url))
    try:
        with app.store.transaction() as conn:
            rows = conn.execute(select(t.learners.c.participant, t.learners.c.territory_id,
                                       t.learners.c.name)).all()
        return {p: (territory, name) for p, territory, name in rows}
    finally:
        app.close()


def test_the_command_line_moves_only_when_asked(
        cli: Callable[..., CliResult], tmp_path: Path, db_url: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPRENANCE_DATABASE_URL", db_url)
    home = tmp_path / "home"
    assert cli("--home", home, "init").code == 0
    first, second = tmp_path / "amont.yaml", tmp_path / "aval.yaml"
    first.write_text(FIRST, "utf-8")
    second.write_text(SECOND, "utf-8")
    assert cli("--home", home, "territory", first).code == 0

    result = cli("--home", home, "territory", second)
    assert result.code == 0, result.err
    assert (f"{second}:9: learners.1.participant: ana@example.org is in territory amont: "
            "not moved to aval") in result.out
    homes = _homes(home, db_url)
    assert homes["ana@example.org"] == ("amont", "Ana")  # untouched, name included
    assert homes["carl@example.org"][0] == "aval"  # the rest of the file is loaded

    report = cli("--home", home, "territory", second, "--json")
    assert report.code == 0, report.err
    document: Any = report.json()
    assert document["moved"] == []
    assert [(m["participant"], m["from"], m["to"], m["line"], m["field"])
            for m in document["refused_moves"]] == [
        ("ana@example.org", "amont", "aval", 9, "learners.1.participant")]

    moved = cli("--home", home, "territory", second, "--move-learners")
    assert moved.code == 0, moved.err
    assert (f"{second}:9: learners.1.participant: ana@example.org moved from territory amont "
            "to aval") in moved.out
    assert _homes(home, db_url)["ana@example.org"] == ("aval", "Ana again")
    again = cli("--home", home, "territory", second)  # now at home: nothing to report
    assert again.code == 0 and "amont" not in again.out


OTHER_WITH_LEA = f"""id: autre
name: Autre territoire
learners:
  - participant: olga@autre.example.org
    name: Olga Autre
  - participant: {LEA}
"""


def test_the_api_reports_refuses_for_coordinators_and_moves_for_admins(
        tmp_path: Path, db_url: str) -> None:
    world = build_world(tmp_path, db_url=db_url)
    files = {"file": ("autre.yaml", OTHER_WITH_LEA.encode(), "application/yaml")}

    def lea_home() -> str:
        with world.app.store.transaction() as conn:
            return str(conn.execute(select(t.learners.c.territory_id)
                                    .where(t.learners.c.participant == LEA)).scalar_one())

    response = world.client.post("/api/v1/territories", headers=world.headers("admin"),
                                 files=files)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["moved"] == []
    [refused] = body["refused_moves"]
    assert (refused["participant"], refused["from"], refused["to"]) == (
        LEA, "val-de-serre", "autre")
    assert refused["line"] == 6 and refused["field"] == "learners.1.participant"
    assert "pas déplacé·e vers autre" in refused["message"]  # the service speaks French
    assert lea_home() == "val-de-serre"

    for role in ("coordinator", "other_coordinator"):
        denied = world.client.post("/api/v1/territories", headers=world.headers(role),
                                   files=files, data={"move_learners": "true"})
        assert denied.status_code == 403, denied.text
        assert "réservé aux admins" in denied.json()["message"]
    assert lea_home() == "val-de-serre"

    moved = world.client.post("/api/v1/territories", headers=world.headers("admin"),
                              files=files, data={"move_learners": "true"})
    assert moved.status_code == 201, moved.text
    assert [m["participant"] for m in moved.json()["moved"]] == [LEA]
    assert moved.json()["refused_moves"] == []
    assert lea_home() == "autre"
