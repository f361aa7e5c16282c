"""The SQL of open recognition: badge requests, their exchanges and files, the award an
accepted request makes, and endorsement requests (by the hash of their link's secret)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from apprenance.db import tables as t
from apprenance.db.recognition_tables import (
    badge_requests,
    endorsement_requests,
    request_events,
    request_files,
)

_r, _lc = badge_requests.c, t.learners.c


def _request_query() -> Any:
    return (select(badge_requests, _lc.participant, _lc.name, _lc.lang.label("learner_lang"))
            .join(t.learners, _lc.id == _r.learner_id))


def insert_request(conn: Connection, values: dict[str, Any]) -> int:
    done = conn.execute(insert(badge_requests).values(**values).returning(_r.id))
    return int(done.scalar_one())


def add_event(conn: Connection, request_id: int, *, actor: str, action: str,
              text: str | None, evidence: list[dict[str, Any]], now: datetime) -> None:
    conn.execute(insert(request_events).values(
        request_id=request_id, actor=actor, action=action, text=text, evidence=evidence,
        created_at=now))


def insert_file(conn: Connection, request_id: int, *, name: str, media_type: str,
                sha256: str, data: bytes, now: datetime) -> int:
    done = conn.execute(insert(request_files).values(
        request_id=request_id, name=name, media_type=media_type, sha256=sha256, data=data,
        created_at=now).returning(request_files.c.id))
    return int(done.scalar_one())


def request_by_id(conn: Connection, request_id: int, *, lock: bool = False
                  ) -> dict[str, Any] | None:
    query = _request_query().where(_r.id == request_id)
    if lock:
        query = query.with_for_update(of=badge_requests)
    found = conn.execute(query).mappings().first()
    return None if found is None else dict(found)


def requests_of_learner(conn: Connection, learner_id: int) -> list[dict[str, Any]]:
    query = _request_query().where(_r.learner_id == learner_id).order_by(_r.id.desc())
    return [dict(r) for r in conn.execute(query).mappings()]


def requests_of_territory(conn: Connection, territory: str) -> list[dict[str, Any]]:
    """The territory's requests: those waiting for the coordinator first, then by date."""
    query = (_request_query().where(_r.territory_id == territory, _lc.erased_at.is_(None))
             .order_by(_r.updated_at.desc(), _r.id.desc()))
    rows = [dict(r) for r in conn.execute(query).mappings()]
    return sorted(rows, key=lambda r: r["status"] != "submitted")


def events_of(conn: Connection, request_id: int) -> list[dict[str, Any]]:
    e = request_events.c
    return [dict(r) for r in conn.execute(
        select(request_events).where(e.request_id == request_id).order_by(e.id)).mappings()]


def file_of(conn: Connection, request_id: int, file_id: int) -> dict[str, Any] | None:
    f = request_files.c
    found = conn.execute(select(request_files).where(
        f.request_id == request_id, f.id == file_id)).mappings().first()
    return None if found is None else dict(found)


def set_state(conn: Connection, request_id: int, *, status: str, comment: str | None,
              now: datetime, expect: Sequence[str], award_id: int | None = None,
              evidence: list[dict[str, Any]] | None = None) -> bool:
    """Move a request from one of ``expect`` to ``status``; False when it was not there."""
    values: dict[str, Any] = {"status": status, "review_comment": comment, "updated_at": now}
    if award_id is not None:
        values["award_id"] = award_id
    if evidence is not None:
        values["evidence"] = evidence
    done = conn.execute(update(badge_requests).where(
        _r.id == request_id, _r.status.in_(list(expect))).values(**values))
    return bool(done.rowcount)


def award_of(conn: Connection, learner_id: int, badge: str) -> dict[str, Any] | None:
    a = t.awards.c
    found = conn.execute(select(a.id, a.issued_at).where(
        a.learner_id == learner_id, a.badge_id == badge)).mappings().first()
    return None if found is None else dict(found)


def insert_award(conn: Connection, learner_id: int, badge: str, *, version: str,
                 now: datetime) -> int:
    """The award an accepted request makes (no activity behind it: the request's evidence)."""
    done = conn.execute(insert(t.awards).values(
        learner_id=learner_id, badge_id=badge, awarded_at=now, awarded_on=now.date(),
        catalog_version=version, activity_ids=[]).returning(t.awards.c.id))
    return int(done.scalar_one())


def requests_for_awards(conn: Connection, award_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """award id -> the accepted request behind it (its evidence), for the issuing batch."""
    if not award_ids:
        return {}
    rows = conn.execute(select(badge_requests).where(
        _r.award_id.in_(list(award_ids)))).mappings()
    return {int(r["award_id"]): dict(r) for r in rows}


# --- endorsement requests --------------------------------------------------------------

_e = endorsement_requests.c


def insert_endorsement_request(conn: Connection, values: dict[str, Any]) -> int:
    done = conn.execute(insert(endorsement_requests).values(**values).returning(_e.id))
    return int(done.scalar_one())


def endorsement_by_hash(conn: Connection, token_hash: str, *, lock: bool = False
                        ) -> dict[str, Any] | None:
    query = (select(endorsement_requests, _lc.participant, _lc.name.label("learner_name"),
                    _lc.territory_id)
             .join(t.learners, _lc.id == _e.learner_id).where(_e.token_hash == token_hash))
    if lock:
        query = query.with_for_update(of=endorsement_requests)
    found = conn.execute(query).mappings().first()
    return None if found is None else dict(found)


def endorsements_of_requests(conn: Connection, request_ids: Sequence[int]
                             ) -> list[dict[str, Any]]:
    if not request_ids:
        return []
    return [dict(r) for r in conn.execute(select(endorsement_requests).where(
        _e.request_id.in_(list(request_ids))).order_by(_e.id)).mappings()]


def endorsements_of_credential(conn: Connection, credential_ids: Sequence[str]
                               ) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(select(endorsement_requests).where(
        _e.credential_id.in_(list(credential_ids))).order_by(_e.id)).mappings()]


def set_endorsement(conn: Connection, endorsement_id: int, values: dict[str, Any]) -> None:
    conn.execute(update(endorsement_requests).where(_e.id == endorsement_id).values(**values))


def revoke_credential(conn: Connection, credential_id: str, *, reason: str,
                      now: datetime) -> None:
    c = t.credentials.c
    conn.execute(update(t.credentials).where(c.id == credential_id, c.revoked_at.is_(None))
                 .values(revoked_at=now, revocation_reason=reason))


def insert_endorsement_credential(conn: Connection, *, credential_id: str, learner_id: int,
                                  document: dict[str, Any], now: datetime) -> None:
    conn.execute(insert(t.credentials).values(
        id=credential_id, award_id=None, learner_id=learner_id, format="endorsement",
        document=document, issued_at=now))


def credential_owner(conn: Connection, credential_id: str) -> dict[str, Any] | None:
    """learner id, territory and badge of an issued OB 3.0 credential, or None."""
    c = t.credentials.c
    a = t.awards.c
    found = conn.execute(
        select(c.id, c.learner_id, a.badge_id, _lc.territory_id, _lc.participant)
        .join(t.awards, a.id == c.award_id).join(t.learners, _lc.id == c.learner_id)
        .where(c.id == credential_id, c.format == "ob3")).mappings().first()
    return None if found is None else dict(found)


def credential_of_award(conn: Connection, award: int) -> str | None:
    c = t.credentials.c
    found = conn.execute(select(c.id).where(c.award_id == award, c.format == "ob3")
                         .order_by(c.issued_at.desc())).first()
    return None if found is None else str(found.id)


def endorsements_for_credential(conn: Connection, credential_id: str
                                ) -> list[dict[str, Any]]:
    """The endorsement requests of a credential: asked on it, or on the request that made
    it (by the award the request made)."""
    c = t.credentials.c
    award = conn.execute(select(c.award_id).where(c.id == credential_id)).scalar()
    query = select(endorsement_requests).where(_e.credential_id == credential_id)
    if award is not None:
        asked = select(_r.id).where(_r.award_id == award).scalar_subquery()
        query = select(endorsement_requests).where(
            (_e.credential_id == credential_id) | (_e.request_id.in_(asked)))
    return [dict(r) for r in conn.execute(query.order_by(_e.id)).mappings()]


def badges_awarded(conn: Connection, learner_id: int) -> set[str]:
    a = t.awards.c
    return {str(b) for b in conn.execute(select(a.badge_id).where(a.learner_id == learner_id))
            .scalars()}


def forget_learner(conn: Connection, learner_id: int, now: datetime) -> int:
    """Erasure: the learner's requests keep their badge and states (the award's history), but
    lose their words, evidence and files; their witnesses' links end and lose what they
    wrote. The number of requests cleared."""
    mine = select(_r.id).where(_r.learner_id == learner_id).scalar_subquery()
    conn.execute(request_files.delete().where(request_files.c.request_id.in_(mine)))
    conn.execute(update(request_events).where(request_events.c.request_id.in_(mine))
                 .values(text=None, evidence=[]))
    conn.execute(update(endorsement_requests).where(_e.learner_id == learner_id).values(
        witness="erased", witness_name=None, comment=None, expires_at=now))
    done = conn.execute(update(badge_requests).where(_r.learner_id == learner_id)
                        .values(reason="", evidence=[], review_comment=None))
    return int(done.rowcount)
