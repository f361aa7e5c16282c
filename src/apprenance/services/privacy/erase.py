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

from apprenance.db import erasure_sql as sql
from apprenance.db import (
    holds_sql,
    journal_sql,
    mail_sql,
    privacy_sql,
    recognition_sql,
    wallet_sql,
)
from apprenance.db.engine import Connection
from apprenance.services.ingest.xapi_intake import content_hash
from apprenance.services.privacy import records as pr


def erase_rows(conn: Connection, learner: dict[str, Any], pseudonym: str,
               now: datetime) -> dict[str, int]:
    """Erase in ``conn``; the number of rows of each kind changed."""
    lid, who = int(learner["id"]), str(learner["participant"])
    activities = privacy_sql.activity_rows(conn, lid)
    own = {str(x["source_ref"]) for x in activities if x["source_ref"]}
    given = privacy_sql.attestations_given(conn, who)
    rejects = pr.rejects_naming(conn, who, learner["name"], own)
    own |= {str(r["statement_id"]) for r in rejects if r["statement_id"]}
    witnessed = {str(x["source_ref"]) for x in given if x["source_ref"]} - own
    counts = {
        "activities_cleared": len(activities),
        # comments of the attestations on the learner's activities (they speak of them)
        "attestations_received_cleared": sql.clear_received(conn, lid),
        # attestations the learner gave: they count (a witness was there), under the pseudonym
        "attestations_given": sql.deidentify_given(conn, who, pseudonym),
        "hold_reasons_cleared": holds_sql.clear_reasons(conn, lid),
        # the mail sent or waiting for them: their address, name and badges
        "mail_deleted": mail_sql.forget_learner(conn, lid),
        # wallet offers and deliveries (they name the holder's DID)
        "wallet_offers_deleted": wallet_sql.forget_learner_offers(conn, lid),
        # badge requests (issue 18): their words, evidence, files and witnesses' words
        "badge_requests_cleared": recognition_sql.forget_learner(conn, lid, now),
        "learner_notes_deleted": journal_sql.forget_learner(conn, lid),
        "rejects_purged": sql.purge_rejects(conn, [int(r["id"]) for r in rejects]),
        # the learner's own xAPI statements (their activities keep the statement id)
        "statements_deleted": sql.delete_statements(conn, own),
        "statements_deidentified": _deidentify_statements(conn, witnessed, who, pseudonym),
    }
    sql.clear_activities(conn, lid)
    # share links, sign-in links, tokens, sessions and OAuth clients of the learner end now
    counts.update(sql.revoke_access(conn, lid, now))
    sql.pseudonymise_learner(conn, lid, pseudonym, now)
    return counts


def _deidentify_statements(conn: Connection, ids: set[str], who: str, pseudonym: str) -> int:
    """Statements of other learners the erased one witnessed: the instructor becomes a
    pseudonymous agent (the statement's content hash follows)."""
    changed = 0
    for row in privacy_sql.statement_rows(conn, ids):
        statement = copy.deepcopy(dict(row["statement"]))
        context = statement.get("context")
        if not isinstance(context, dict) or not pr.agent_is(context.get("instructor"), who):
            continue
        context["instructor"] = pr.pseudonymous_agent(pseudonym)
        sql.replace_statement(conn, row["id"], statement, content_hash(statement))
        changed += 1
    return changed
