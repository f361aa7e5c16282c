"""The statements that erase a learner's personal data (``services.privacy``): the rows that
name them are cleared, de-identified, deleted or revoked; their credentials marked revoked and
their stored documents replaced by redacted ones; the records of the files written for them
forgotten; an SQLite file vacuumed so that erased values do not linger in free pages.

Functions take the connection and plain values and return how many rows they changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, select, text, update
from sqlalchemy.exc import OperationalError

from apprenance.db import access_tables as a
from apprenance.db import tables as t
from apprenance.db.issuing_tables import credential_issuance


def clear_received(conn: Connection, learner_id: int) -> int:
    """Clear the comments of the attestations on the learner's activities."""
    mine = select(t.activities.c.id).where(t.activities.c.learner_id == learner_id)
    at = t.attestations.c
    return int(conn.execute(update(t.attestations).where(at.activity_id.in_(mine))
                            .values(comment=None)).rowcount)


def deidentify_given(conn: Connection, who: str, pseudonym: str) -> int:
    """The attestations ``who`` gave name ``pseudonym`` instead, without their comment."""
    at = t.attestations.c
    return int(conn.execute(update(t.attestations).where(at.witness == who)
                            .values(witness=pseudonym, comment=None)).rowcount)


def purge_rejects(conn: Connection, ids: list[int]) -> int:
    if not ids:
        return 0
    return int(conn.execute(delete(t.rejects).where(t.rejects.c.id.in_(ids))).rowcount)


def delete_statements(conn: Connection, ids: Iterable[str]) -> int:
    wanted = sorted(ids)
    if not wanted:
        return 0
    x = a.xapi_statements.c
    return int(conn.execute(delete(a.xapi_statements).where(x.id.in_(wanted))).rowcount)


def replace_statement(conn: Connection, statement_id: str, statement: dict[str, Any],
                      content_hash: str) -> None:
    x = a.xapi_statements.c
    conn.execute(update(a.xapi_statements).where(x.id == statement_id).values(
        statement=statement, content_hash=content_hash))


def clear_activities(conn: Connection, learner_id: int) -> None:
    """Clear the description, evidence URL and extra fields of the learner's activities."""
    act = t.activities.c
    conn.execute(update(t.activities).where(act.learner_id == learner_id)
                 .values(description=None, evidence_url=None, extra=None))


def pseudonymise_learner(conn: Connection, learner_id: int, pseudonym: str,
                         now: datetime) -> None:
    conn.execute(update(t.learners).where(t.learners.c.id == learner_id).values(
        participant=pseudonym, name=None, source_file=None, source_line=None, erased_at=now))


def revoke_access(conn: Connection, learner_id: int, now: datetime) -> dict[str, int]:
    """Share links, sign-in links, tokens, sessions and OAuth clients of the learner end now."""
    lid = learner_id
    s, i, k, o = a.share_links.c, a.sign_in_links.c, a.api_tokens.c, a.oauth_clients.c
    return {
        "share_links_revoked": int(conn.execute(
            update(a.share_links).where(s.learner_id == lid, s.revoked_at.is_(None))
            .values(revoked_at=now)).rowcount),
        "sign_in_links_revoked": int(conn.execute(
            update(a.sign_in_links).where(i.learner_id == lid, i.used_at.is_(None),
                                          i.expires_at > now)
            .values(expires_at=now)).rowcount),
        "tokens_revoked": int(conn.execute(
            update(a.api_tokens).where(k.learner_id == lid, k.revoked_at.is_(None))
            .values(revoked_at=now)).rowcount),
        "oauth_clients_revoked": int(conn.execute(
            update(a.oauth_clients).where(o.learner_id == lid, o.revoked_at.is_(None))
            .values(revoked_at=now)).rowcount),
    }


def mark_credentials_revoked(conn: Connection, learner_id: int, now: datetime,
                             reason: str) -> None:
    """The learner's credentials not revoked yet are, now, for ``reason``."""
    c = t.credentials.c
    conn.execute(update(t.credentials).where(c.learner_id == learner_id, c.revoked_at.is_(None))
                 .values(revoked_at=now, revocation_reason=reason))


def replace_document(conn: Connection, credential_id: str, document: dict[str, Any]) -> None:
    conn.execute(update(t.credentials).where(t.credentials.c.id == credential_id).values(
        document=document))


def replace_assertion(conn: Connection, credential_id: str, assertion: dict[str, Any]) -> None:
    """The credential's OB 2.0 assertion becomes ``assertion``; its VC-JWT goes."""
    ci = credential_issuance.c
    conn.execute(update(credential_issuance).where(ci.credential_id == credential_id).values(
        jwt=None, ob2_assertion=assertion))


def forget_written(conn: Connection, learner_id: int) -> None:
    conn.execute(delete(t.written_files).where(t.written_files.c.learner_id == learner_id))


def vacuum_sqlite(engine: Engine) -> bool:
    """Rewrite the SQLite file without its free pages and truncate the write-ahead log; True
    when the log could be truncated whole. Best effort: False when another process holds it."""
    try:
        with engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            conn.execute(text("VACUUM"))
            busy = conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)")).first()
    except OperationalError:
        return False
    return busy is not None and int(busy[0]) == 0
