"""Learners' own evidence on their timeline: a reflective note, a photo or a document (files
checked like every upload), dated by the learner. A coordinator of their territory may turn
one into an attested activity (a type of the catalog, hours, a project): an activity of the
learner, attested by the coordinator, added to the evidence and evaluated at once."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, time
from typing import Any

from apprenance.clock import Clock
from apprenance.db import coordination_sql
from apprenance.db import journal_sql as sql
from apprenance.db.mail_sql import learner_contact
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog
from apprenance.errors import Conflict, InputError, NotFound
from apprenance.services.evaluation.evaluate import evaluate
from apprenance.services.evidence.totals import add_to_evidence
from apprenance.services.people.directory import learner_id
from apprenance.services.recognition.uploads import Upload, check_upload

MAX_TEXT = 2000
MAX_HOURS = 24.0
ATTESTER_ROLE = "coordinateur"


def _day(value: str, today: date) -> date:
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise InputError("field day: a date (YYYY-MM-DD)",
                         details={"field": "day", "problem": "date"}) from None
    if day > today:
        raise InputError("field day: not in the future",
                         details={"field": "day", "problem": "future"})
    return day


def add_note(store: Store, participant: str, *, day: str, text: str, upload: Upload | None,
             clock: Clock) -> int:
    """A note on the learner's timeline (words required; a file optional)."""
    said = (text or "").strip()
    if not said or len(said) > MAX_TEXT:
        raise InputError(f"field text: 1 to {MAX_TEXT} characters",
                         details={"field": "text", "problem": "required" if not said
                                  else "too-long"})
    now = clock()
    when = _day(day, now.date())
    values: dict[str, Any] = {"day": when, "text": said, "created_at": now}
    if upload is not None:
        values.update(file_name=upload.name[:200], media_type=check_upload(upload),
                      sha256=hashlib.sha256(upload.data).hexdigest(), data=upload.data)
    with store.transaction() as conn:
        lid = learner_id(conn, participant)
        contact = learner_contact(conn, lid)
        return sql.insert_note(conn, {**values, "learner_id": lid,
                                      "territory_id": (contact or {}).get("territory_id")})


def notes_of(store: Store, participant: str) -> list[dict[str, Any]]:
    with store.transaction() as conn:
        return sql.notes_of(conn, learner_id(conn, participant))


def territory_notes(store: Store, territory: str) -> list[dict[str, Any]]:
    with store.transaction() as conn:
        return sql.territory_notes(conn, territory)


def note_file(store: Store, note_id: int, *, participant: str | None,
              territory: str | None) -> dict[str, Any]:
    """A note's file, for its learner or their territory's staff."""
    with store.transaction() as conn:
        found = sql.note(conn, note_id)
        if found is not None and participant is not None:
            mine = found["learner_id"] == learner_id(conn, participant)
        else:
            mine = found is not None and found["territory_id"] == territory
    if found is None or not mine or found["data"] is None:
        raise NotFound(f"no file for note {note_id}")
    return {"name": found["file_name"], "media_type": found["media_type"],
            "data": found["data"]}


def attest(store: Store, catalog: Catalog, territory: str, note_id: int, *,
           activity_type: str, hours: float, project: str | None, by: str,
           clock: Clock) -> str:
    """Turn a note into an activity attested by the coordinator (``by``); the learner is
    evaluated at once. The activity's id."""
    if activity_type not in catalog.activity_types:
        raise InputError(f"field type: no activity type {activity_type!r}",
                         details={"field": "type", "problem": "unknown"})
    if not 0 < hours <= MAX_HOURS:
        raise InputError(f"field hours: more than 0, at most {MAX_HOURS:g}",
                         details={"field": "hours", "problem": "range"})
    now = clock()
    with store.transaction() as conn:
        found = sql.note(conn, note_id, lock=True)
        if found is None or found["territory_id"] != territory:
            raise NotFound(f"no note {note_id} in territory {territory!r}")
        if found["activity_id"] is not None:
            raise Conflict(f"note {note_id} is already an activity")
        ident = f"note-{note_id}"
        row = {
            "id": ident, "learner_id": found["learner_id"],
            "occurred_at": datetime.combine(found["day"], time(12), UTC),
            "occurred_on": found["day"], "territory_id": territory,
            "project_id": project or None, "function": None, "activity_type": activity_type,
            "assigned_type": None, "suggested_type": None, "duration_hours": hours,
            "description": found["text"][:MAX_TEXT], "evidence_url": None, "extra": None,
            "content_hash": hashlib.sha256(f"note:{note_id}".encode()).hexdigest(),
            "voided": False, "source_file": f"note:{note_id}", "source_line": None,
            "source_ref": None, "ingested_at": now}
        sql.insert_activity(conn, row, witness=by, role=ATTESTER_ROLE, comment=None, now=now)
        sql.mark_attested(conn, note_id, ident, by)
        add_to_evidence(conn, catalog, [{**row, "witness": by, "witness_role": ATTESTER_ROLE}])
        coordination_sql.evidence_changed(conn, found["learner_id"], now)
        participant = str(found["participant"])
    evaluate(store, catalog, clock=clock, participants=[participant])
    return ident
