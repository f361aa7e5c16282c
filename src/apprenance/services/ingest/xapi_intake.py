"""The xAPI intake: statements an LRS or LMS forwards (``/xapi/statements``) are checked as an
LRS checks them and kept once under their id (the same id with other content is a conflict);
they are ingested as activities as an xAPI file is (same validation, same rejects and unmapped
queue, same idempotency), in the transaction that records them (``statement_store``). Here:
the checks, the content hash, the spooled file, the statements a crash of an older version
left without their activity, and reading statements."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from apprenance.db import xapi_sql as sql
from apprenance.db.store import Store
from apprenance.errors import Conflict, InputError, NotFound
from apprenance.importers.xapi_rules import VOIDED, require_valid
from apprenance.services.files import write_text

# what statement comparison ignores (xAPI 1.0.3, part two, 2.3.1)
IGNORED = ("id", "authority", "stored", "timestamp", "version")
REQUIRED = ("actor", "verb", "object")
MAX_STATEMENTS = 1000


def statement_id(value: Any) -> str:
    """A statement id in canonical form (lower-case UUID); ``InputError`` otherwise."""
    if not isinstance(value, str):
        raise InputError("statementId must be a UUID string")
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise InputError(f"statementId {value[:60]!r} is not a UUID") from None


def content_hash(statement: dict[str, Any]) -> str:
    kept = {k: v for k, v in statement.items() if k not in IGNORED}
    text = json.dumps(kept, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check(statements: Sequence[Any], *, put_id: str | None = None,
          lang: str = "en") -> list[dict[str, Any]]:
    """Statements as an LRS accepts them: objects with actor, verb (with an IRI id) and object,
    a UUID id (given, or assigned); ``InputError`` (400) for anything else."""
    if not statements:
        raise InputError("no statement")
    if len(statements) > MAX_STATEMENTS:
        raise InputError(f"at most {MAX_STATEMENTS} statements per request")
    out: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for i, stmt in enumerate(statements):
        if not isinstance(stmt, dict):
            raise InputError(f"statement {i}: not a JSON object")
        require_valid(stmt, i, lang)  # what the xAPI specification refuses (docs/xapi.md)
        missing = [k for k in REQUIRED if not isinstance(stmt.get(k), dict)]
        if missing:
            raise InputError(f"statement {i}: missing or invalid {', '.join(missing)}")
        verb_id = stmt["verb"].get("id")
        if not isinstance(verb_id, str) or ":" not in verb_id:
            raise InputError(f"statement {i}: verb.id must be an IRI")
        stmt = dict(stmt)
        if put_id is not None:
            if "id" in stmt and statement_id(stmt["id"]) != put_id:
                raise InputError("the statement's id differs from statementId")
            stmt["id"] = put_id
        elif "id" in stmt:
            stmt["id"] = statement_id(stmt["id"])
        else:
            stmt["id"] = str(uuid.uuid4())
        try:
            digest = content_hash(stmt)
        except UnicodeEncodeError:
            raise InputError(f"statement {i}: a string that is not valid Unicode "
                             "(a lone surrogate such as \\ud800)") from None
        if seen.get(stmt["id"], digest) != digest:
            raise InputError(f"statement id {stmt['id']} given twice with different content")
        seen[stmt["id"]] = digest
        out.append(stmt)
    return out


def fresh_statements(store: Store, statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The statements not recorded yet (nothing is written). A recorded id with other content
    is a ``Conflict`` (409)."""
    ids = [s["id"] for s in statements]
    with store.transaction() as conn:
        known = sql.known_hashes(conn, ids)
    fresh: dict[str, dict[str, Any]] = {}
    for stmt in statements:
        if stmt["id"] in known:
            if known[stmt["id"]] != content_hash(stmt):
                raise Conflict(f"statement {stmt['id']} exists with other content")
            continue
        fresh[stmt["id"]] = stmt
    return list(fresh.values())


def spool_text(statements: list[dict[str, Any]]) -> str:
    return json.dumps(statements, ensure_ascii=False, indent=1)


def spool(home: Path, statements: list[dict[str, Any]]) -> Path:
    """The statements as an xAPI file under the home folder, named by their content (the same
    statements always give the same file: rejects stay idempotent); written under a unique
    temporary name first, so that identical requests at once never trip on each other."""
    text = spool_text(statements)
    name = hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]
    path = home / "uploads" / "xapi" / f"statements-{name}.json"
    if not path.exists():
        write_text(path, text)
    return path


def unprocessed(store: Store) -> list[dict[str, Any]]:
    """Recorded statements with neither an activity nor a reject (a voiding statement: whose
    target is not voided either): left by a crash of a version that recorded statements
    before ingesting them (stored in one transaction since, they cannot be left so any more).
    Oldest first."""
    with store.transaction() as conn:
        candidates = sql.without_activity(conn)
        if not candidates:
            return []
        rejected = sql.rejected_statement_ids(conn)
        ids = [x for x in candidates if x not in rejected]
        found: list[dict[str, Any]] = [dict(x) for x in sql.statements_of(conn, ids)]
        targets = sorted({x for x in map(_void_target, found) if x})
        voided = sql.voided_among(conn, targets)
    return [x for x in found if _void_target(x) is None or _void_target(x) not in voided]


def _void_target(stmt: dict[str, Any]) -> str | None:
    verb, obj = stmt.get("verb"), stmt.get("object")
    if isinstance(verb, dict) and verb.get("id") == VOIDED and isinstance(obj, dict):
        target = obj.get("id")
        return str(target) if target is not None else ""
    return None


def get_statement(store: Store, sid: str, *, territories: Collection[str] | None = None,
                  learner_id: int | None = None) -> dict[str, Any]:
    """A statement by id; another territory's answers ``NotFound`` as an unknown id does.
    Only the statements of the caller's territories (their activity's territory), or of the
    learner themself, are seen; an admin (``territories`` None, no learner) sees every one."""
    with store.transaction() as conn:
        row = sql.visible_statement(conn, statement_id(sid), territories=territories,
                                    learner_id=learner_id)
    if row is None:
        raise NotFound(f"no statement {sid}")
    statement, stored_at = row
    return {**dict(statement), "stored": stored_at.isoformat()}


def recent_statements(store: Store, *, limit: int, territories: Collection[str] | None = None,
                      learner_id: int | None = None) -> list[dict[str, Any]]:
    with store.transaction() as conn:
        rows = sql.visible_recent(conn, limit=limit, territories=territories,
                                  learner_id=learner_id)
    return [{**dict(statement), "stored": stored_at.isoformat()} for statement, stored_at in rows]
