"""The SQL of learners' notes (their own evidence on their timeline) and of the attested
activity a coordinator makes of one."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from apprenance.db import tables as t
from apprenance.db.recognition_tables import learner_notes

_n, _lc = learner_notes.c, t.learners.c
_LISTED = (_n.id, _n.learner_id, _n.territory_id, _n.day, _n.text, _n.file_name,
           _n.media_type, _n.sha256, _n.activity_id, _n.attested_by, _n.created_at)


def insert_note(conn: Connection, values: dict[str, Any]) -> int:
    return int(conn.execute(insert(learner_notes).values(**values).returning(_n.id))
               .scalar_one())


def notes_of(conn: Connection, learner_id: int) -> list[dict[str, Any]]:
    query = select(*_LISTED).where(_n.learner_id == learner_id).order_by(_n.day.desc(),
                                                                         _n.id.desc())
    return [dict(r) for r in conn.execute(query).mappings()]


def territory_notes(conn: Connection, territory: str) -> list[dict[str, Any]]:
    """The territory's notes, those not turned into activities first, newest first."""
    query = (select(*_LISTED, _lc.participant, _lc.name).join(t.learners, _lc.id == _n.learner_id)
             .where(_n.territory_id == territory, _lc.erased_at.is_(None))
             .order_by(_n.activity_id.is_not(None), _n.day.desc(), _n.id.desc()))
    return [dict(r) for r in conn.execute(query).mappings()]


def note(conn: Connection, note_id: int, *, lock: bool = False) -> dict[str, Any] | None:
    query = (select(learner_notes, _lc.participant).join(t.learners, _lc.id == _n.learner_id)
             .where(_n.id == note_id))
    if lock:
        query = query.with_for_update(of=learner_notes)
    found = conn.execute(query).mappings().first()
    return None if found is None else dict(found)


def mark_attested(conn: Connection, note_id: int, activity_id: str, by: str) -> bool:
    done = conn.execute(update(learner_notes).where(_n.id == note_id, _n.activity_id.is_(None))
                        .values(activity_id=activity_id, attested_by=by))
    return bool(done.rowcount)


def insert_activity(conn: Connection, row: dict[str, Any], *, witness: str, role: str,
                    comment: str | None, now: datetime) -> None:
    conn.execute(insert(t.activities).values(**row))
    conn.execute(insert(t.attestations).values(
        activity_id=row["id"], witness=witness, witness_role=role, comment=comment,
        source_file=row["source_file"], created_at=now))


def forget_learner(conn: Connection, learner_id: int) -> int:
    """Erasure: the learner's notes go (their words and files)."""
    return int(conn.execute(learner_notes.delete().where(_n.learner_id == learner_id)).rowcount)
