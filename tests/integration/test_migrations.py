"""Upgrades with migrations (docs/operations.md), on SQLite and PostgreSQL: one head, one
straight line of revisions; a store created at the first revision, with data in it, upgraded
one step at a time to the last keeps its data and is what this version's code reads; the
migrated schema is exactly the tables' declaration; down to nothing and up again works."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from itertools import pairwise
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData, Table, func, inspect, select

from apprenance.db import (  # noqa: F401 - on it
    access_tables,
    issuing_tables,
    mail_tables,
    recognition_tables,
)
from apprenance.db.schema import MIGRATIONS, current_revision, head_revision, upgrade
from apprenance.db.store import Store
from apprenance.db.tables import metadata
from apprenance.services.evaluation.evaluate import list_awards
from apprenance.services.evidence.totals import stored_version
from apprenance.services.issuing.issue import credentials_of
from apprenance.services.people.directory import activities_of, get_learner

WHEN = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
LEA = "lea@example.org"
# the rows put in at the first revision: table -> rows (only columns of revision 0001)
FIRST: dict[str, list[dict[str, Any]]] = {
    "store_meta": [{"key": "evidence_catalog_version", "value": "old"}],
    "territories": [{"id": "vds", "name": "Val de Serre", "data": {"region": "x"},
                     "created_at": WHEN}],
    "projects": [{"id": "p1", "territory_id": "vds", "name": "Légumerie", "functions": [],
                  "schemes": [], "data": {}, "created_at": WHEN}],
    "learners": [{"id": 1, "participant": LEA, "name": "Léa", "role": "etudiant",
                  "territory_id": "vds", "created_at": WHEN}],
    "activities": [{"id": "a1", "learner_id": 1, "occurred_at": WHEN,
                    "occurred_on": date(2025, 3, 1), "territory_id": "vds", "project_id": "p1",
                    "activity_type": "atelier-participatif", "duration_hours": 3.5,
                    "description": "Atelier", "content_hash": "h1", "voided": False,
                    "source_file": "log.csv", "source_line": 2, "ingested_at": WHEN}],
    "attestations": [{"activity_id": "a1", "witness": "jo@example.org",
                      "witness_role": "habitant", "created_at": WHEN}],
    "rejects": [{"source_file": "log.csv", "line": 3, "reason": "bad date", "raw": "x,y",
                 "raw_hash": "r1", "created_at": WHEN}],
    "evidence_totals": [{"learner_id": 1, "dimension": "total", "key": "", "hours": 3.5,
                         "count": 1}],
    "awards": [{"id": 1, "learner_id": 1, "badge_id": "faire-1", "awarded_at": WHEN,
                "catalog_version": "old", "activity_ids": ["a1"]}],
    "credentials": [{"id": "urn:uuid:1", "award_id": 1, "learner_id": 1, "format": "ob3",
                     "document": {"id": "urn:uuid:1"}, "issued_at": WHEN}],
}


def _config(conn: Any) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(_config(None))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def _insert_first(engine: Engine) -> None:
    with engine.begin() as conn:
        reflected = MetaData()
        for name, rows in FIRST.items():  # reflected: the tables as revision 0001 made them
            conn.execute(Table(name, reflected, autoload_with=conn).insert(), rows)


# rows of the first revision that a later one drops, being derived from the activities: the
# evidence totals (0004 stores them per learner and forgets their catalog version, so that the
# next read or write rebuilds them)
DERIVED = {"evidence_totals": "0004", "store_meta": "0004"}


def _still_there(engine: Engine, revision: str) -> None:
    with engine.connect() as conn:
        reflected = MetaData()
        names = set(inspect(conn).get_table_names())
        for name, rows in FIRST.items():
            if name in DERIVED and revision >= DERIVED[name]:
                assert name not in names or conn.execute(
                    select(func.count()).select_from(Table(name, reflected, autoload_with=conn))
                ).scalar_one() == 0, name
                continue
            table = Table(name, reflected, autoload_with=conn)
            assert conn.execute(select(func.count()).select_from(table)).scalar_one() == len(
                rows), name
            found = conn.execute(select(table)).mappings().one()
            for column, value in rows[0].items():
                if not isinstance(value, datetime | date):  # SQLite gives times back as text
                    assert found[column] == value, (name, column)


def test_one_head_and_a_straight_line_of_numbered_revisions() -> None:
    script = ScriptDirectory.from_config(_config(None))
    assert script.get_heads() == [head_revision()]
    previous = None
    for number, revision in enumerate(_revisions(), start=1):
        found = script.get_revision(revision)
        assert found is not None and found.down_revision == previous
        assert revision == f"{number:04d}"
        assert re.fullmatch(rf"{revision}_[a-z0-9_]+\.py", str(found.path).rsplit("/", 1)[1])
        previous = revision


def test_upgrade_step_by_step_keeps_the_data_of_the_first_revision(db_url: str) -> None:
    store = Store.open(db_url)
    revisions = _revisions()
    assert len(revisions) >= 3
    upgrade(store.engine, revisions[0])
    _insert_first(store.engine)
    for previous, revision in pairwise(revisions):
        assert upgrade(store.engine, revision) == (previous, revision)
        _still_there(store.engine, revision)
    store.check()  # what `apprenance init` leaves, this version accepts
    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                metadata) == []
    assert get_learner(store, LEA)["name"] == "Léa"
    assert [a["hours"] for a in activities_of(store, LEA)] == [3.5]
    assert [a["badge"] for a in list_awards(store, participant=LEA)] == ["faire-1"]
    assert [c["id"] for c in credentials_of(store, LEA)] == ["urn:uuid:1"]
    with store.transaction() as conn:
        assert stored_version(conn) is None  # the evidence is rebuilt at its next use
    store.dispose()


def test_downgrade_to_nothing_then_up_again(db_url: str) -> None:
    store = Store.open(db_url)
    store.init()
    with store.engine.begin() as conn:
        command.downgrade(_config(conn), "base")
    assert current_revision(store.engine) is None
    assert set(inspect(store.engine).get_table_names()) <= {"alembic_version"}
    store.init()
    assert current_revision(store.engine) == head_revision()
    store.check()
    store.dispose()
