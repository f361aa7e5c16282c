"""The first step of an erasure (``services.privacy.erase_learner``): in one transaction, every
row that names the learner loses their personal data; what the territory counts stays.

Kept: the learner row (under a pseudonym, with role, language, territory and dates), their
activities (day, hours, type, project, function, territory, source file and line), evidence
totals and awards: hours and badges still count once in the territory's statistics, and a
catalog change still rebuilds the totals from the activities.
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, select, update

from apprenance.db import access_tables as a
from apprenance.db import holds_sql
from apprenance.db import tables as t
from apprenance.services.ingest.xapi_intake import content_hash
from apprenance.services.privacy import records as pr


def erase_rows(conn: Connection, learner: dict[str, Any], pseudonym: str,
               now: datetime) -> dict[str, int]:
    """Erase in ``conn``; the number of rows of each kind changed."""
    lid, who = int(learner["id"]), str(learner["participant"])
    activities = pr.activity_rows(conn, lid)
    own = {str(x["source_ref"]) for x in activities if x["source_ref"]}
    given = pr.attestations_given(conn, who)
    rejects = pr.rejects_naming(conn, who, learner["name"], own)
    own |= {str(r["statement_id"]) for r in rejects if r["statement_id"]}
    witnessed = {str(x["source_ref"]) for x in given if x["source_ref"]} - own
    counts = {
        "activities_cleared": len(activities),
        "attestations_received_cleared": _clear_received(conn, lid),
        "hold_reasons_cleared": holds_sql.clear_reasons(conn, lid),
        "attestations_given": _deidentify_given(conn, who, pseudonym),
        "rejects_purged": _purge_rejects(conn, [int(r["id"]) for r in rejects]),
        "statements_deleted": _delete_statements(conn, own),
        "statements_deidentified": _deidentify_statements(conn, witnessed, who, pseudonym),
    }
    act = t.activities.c
    conn.execute(update(t.activities).where(act.learner_id == lid)
                 .values(description=None, evidence_url=None, extra=None))
    counts.update(_revoke_access(conn, lid, now))
    conn.execute(update(t.learners).where(t.learners.c.id == lid).values(
        participant=pseudonym, name=None, source_file=None, source_line=None, erased_at=now))
    return counts


def _clear_received(conn: Connection, lid: int) -> int:
    """Comments of the attestations on the learner's activities (they speak of them)."""
    mine = select(t.activities.c.id).where(t.activities.c.learner_id == lid)
    at = t.attestations.c
    return int(conn.execute(update(t.attestations).where(at.activity_id.in_(mine))
                            .values(comment=None)).rowcount)


def _deidentify_given(conn: Connection, who: str, pseudonym: str) -> int:
    """Attestations the learner gave: they count (a witness was there), under the pseudonym."""
    at = t.attestations.c
    return int(conn.execute(update(t.attestations).where(at.witness == who)
                            .values(witness=pseudonym, comment=None)).rowcount)


def _purge_rejects(conn: Connection, ids: list[int]) -> int:
    if not ids:
        return 0
    return int(conn.execute(delete(t.rejects).where(t.rejects.c.id.in_(ids))).rowcount)


def _delete_statements(conn: Connection, ids: set[str]) -> int:
    """The learner's own xAPI statements (their activities keep the statement id)."""
    if not ids:
        return 0
    x = a.xapi_statements.c
    return int(conn.execute(delete(a.xapi_statements).where(x.id.in_(sorted(ids)))).rowcount)


def _deidentify_statements(conn: Connection, ids: set[str], who: str, pseudonym: str) -> int:
    """Statements of other learners the erased one witnessed: the instructor becomes a
    pseudonymous agent (the statement's content hash follows)."""
    changed = 0
    x = a.xapi_statements.c
    for row in pr.statement_rows(conn, ids):
        statement = copy.deepcopy(dict(row["statement"]))
        context = statement.get("context")
        if not isinstance(context, dict) or not pr.agent_is(context.get("instructor"), who):
            continue
        context["instructor"] = pr.pseudonymous_agent(pseudonym)
        conn.execute(update(a.xapi_statements).where(x.id == row["id"]).values(
            statement=statement, content_hash=content_hash(statement)))
        changed += 1
    return changed


def _revoke_access(conn: Connection, lid: int, now: datetime) -> dict[str, int]:
    """Share links, sign-in links, tokens, sessions and OAuth clients of the learner end now."""
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
