"""Issue 20: `apprenance serve` puts right what a kill left on the intake paths before it
serves: statements an older version recorded without their activity are ingested again from
their stored content, an upload marked but never ingested is ingested (within its sender's
territory), and the command says so in the store's language; with nothing to heal it says
nothing and never loads the catalog. (uvicorn itself is not started: the test stops at it.)"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from sqlalchemy import func, select

from apprenance.bootstrap import bundled
from apprenance.db import tables as t
from apprenance.db import xapi_sql
from apprenance.services.ingest import coordination, recovery, xapi_intake
from conftest import CliResult
from web_world import LEA, World, build_world


@pytest.fixture
def world(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    recovery._done.clear()  # a fresh process as far as healing is concerned
    served: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *_a, **kw: served.append(kw))
    environ = dict(os.environ)  # serve hands its settings to uvicorn's workers in it
    yield build_world(tmp_path, db_url=db_url)
    os.environ.clear()
    os.environ.update(environ)
    recovery._done.clear()
    assert served, "serve never reached uvicorn"


def _serve(cli: Callable[..., CliResult], world: World, lang: str) -> CliResult:
    return cli("--home", world.app.home, "--db", world.app.store.url, "--lang", lang,
               "serve", "--port", "8999")


def _left_by_a_kill(world: World) -> tuple[list[str], str]:
    """A statement recorded without its activity (an older version killed between the two)
    and an upload kept and marked but never ingested; (statement ids, row id)."""
    data = json.loads((bundled("examples") / "activites-xapi.json").read_text("utf-8"))
    statements = xapi_intake.check([s for s in data if s["actor"].get("mbox")
                                    == f"mailto:{LEA}"][:2])
    with world.app.store.transaction() as conn:
        xapi_sql.insert_statements(conn, [
            {"id": s["id"], "content_hash": xapi_intake.content_hash(s), "statement": s,
             "version": "1.0.3", "stored_at": world.app.clock()} for s in statements])
    record = {"id": "heal-1", "date": "2026-05-02", "participant": LEA,
              "territoire": "val-de-serre", "projet": "legumerie-cantines",
              "activite": "atelier-participatif", "duree": 2}
    blob = coordination.records_as_jsonl([record])
    path = coordination.upload_path(world.app.home, "j.jsonl", blob, None)
    recovery.mark_pending(world.app.home, path, None, "j.jsonl", ["val-de-serre"]).close()
    coordination.keep_upload(world.app.home, "j.jsonl", blob, None, path=path)
    return [s["id"] for s in statements], record["id"]


def _activities(world: World, ids: list[str]) -> int:
    with world.app.store.transaction() as conn:
        return int(conn.execute(select(func.count()).select_from(t.activities)
                                .where(t.activities.c.id.in_(ids))).scalar_one())


@pytest.mark.parametrize(("lang", "said"), [
    ("fr", "déclarations xAPI ingérées à nouveau\u00a0: 2\u202f; "
           "fichiers reçus ingérés à nouveau\u00a0: 1"),
    ("en", "xAPI statements ingested again: 2; received files ingested again: 1")])
def test_serve_heals_what_a_kill_left_before_serving(
        world: World, cli: Callable[..., CliResult], lang: str, said: str) -> None:
    statements, row = _left_by_a_kill(world)
    assert _activities(world, [*statements, row]) == 0
    result = _serve(cli, world, lang)
    assert result.code == 0, result.err
    assert said in result.out
    assert _activities(world, [*statements, row]) == 3
    assert xapi_intake.unprocessed(world.app.store) == []
    assert not recovery.needs_healing(world.app.store, world.app.home)
    recovery._done.clear()  # served again (another process): nothing more to do or say
    again = _serve(cli, world, lang)
    assert again.code == 0 and said not in again.out
    assert _activities(world, [*statements, row]) == 3


def test_serve_with_nothing_to_heal_loads_no_catalog(
        world: World, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    from apprenance.bootstrap import App

    def refuse(_self: App) -> None:
        raise AssertionError("the catalog was loaded")

    monkeypatch.setattr(App, "catalog", refuse)
    result = _serve(cli, world, "en")
    assert result.code == 0, result.err
    assert "Recovered" not in result.out
