"""The sender's territories during an ingest (a coordinator's upload or JSON records): rows
outside them, rows for a learner who belongs to another territory and voids of another
territory's activities become rejects (with their line and field); the other rows are kept.
An admin's ingest and the command line have no such limit (``scope`` None is never passed
here)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from apprenance.contracts.records import ActivityRecord, Problem, Void
from apprenance.db import ingest_sql as sql
from apprenance.db.engine import Connection

Raw = Callable[[ActivityRecord], str]  # what is kept of a rejected row


def in_territories(
    conn: Connection, scope: frozenset[str] | None, label: str, voids: list[Void],
    records: list[ActivityRecord], problems: list[Problem], raw: Raw,
) -> tuple[list[Void], list[ActivityRecord]]:
    """The voids and rows of the sender's territories; the others added to ``problems``."""
    scope = scope or frozenset()
    kept: list[ActivityRecord] = []
    for rec in records:
        if rec["territory_id"] in scope:
            kept.append(rec)
        else:
            problems.append(_problem(label, rec, "territoire", "scope.territory", raw,
                                     territory=rec["territory_id"] or "-"))
    if not voids:
        return voids, kept
    places = sql.activity_territories(conn, [v.target for v in voids])
    allowed: list[Void] = []
    for void in voids:
        where = places.get(void.target)
        if where is None or all(x in scope for x in where if x is not None):
            allowed.append(void)
        else:
            problems.append(Problem(void.file, void.line, "object.id", "scope.void",
                                    {"target": void.target}, void.raw, void.statement_id))
    return allowed, kept


def learners_in_territories(
    conn: Connection, scope: frozenset[str] | None, label: str,
    records: list[ActivityRecord], problems: list[Problem], raw: Raw,
) -> list[ActivityRecord]:
    """The rows whose learner belongs to no territory or to one of the sender's; the others
    added to ``problems``."""
    scope = scope or frozenset()
    homes = sql.learner_territories(conn, sorted({r["learner_id"] for r in records}))
    kept: list[ActivityRecord] = []
    for rec in records:
        home = homes.get(rec["learner_id"])
        if home is None or home in scope:
            kept.append(rec)
        else:
            problems.append(_problem(label, rec, "participant", "scope.learner", raw,
                                     participant=rec["participant"], territory=home))
    return kept


def _problem(label: str, rec: ActivityRecord, field: str, key: str, raw: Raw,
             **values: Any) -> Problem:
    return Problem(label, rec["source_line"], field, key, values, raw(rec), rec["source_ref"])
