"""The xAPI intake: statements an LRS or LMS forwards (``/xapi/statements``) are checked as an
LRS checks them, kept once under their id (the same id with other content is a conflict), then
ingested as activities through the same path as an xAPI file (``services.ingest``): same
validation, same rejects and unmapped queue, same idempotency."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select

from apprenance.clock import Clock
from apprenance.db.access_tables import xapi_statements
from apprenance.db.store import Store
from apprenance.errors import Conflict, InputError, NotFound
from apprenance.importers.xapi_rules import require_valid

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


def store_statements(store: Store, statements: list[dict[str, Any]], *, version: str,
                     clock: Clock) -> list[dict[str, Any]]:
    """Keep the statements not stored yet; returns them. A stored id with other content is a
    ``Conflict`` (409) and nothing is kept."""
    ids = [s["id"] for s in statements]
    with store.transaction() as conn:
        known = dict(conn.execute(select(xapi_statements.c.id, xapi_statements.c.content_hash)
                                  .where(xapi_statements.c.id.in_(ids))).tuples().all())
        fresh: dict[str, dict[str, Any]] = {}
        for stmt in statements:
            digest = content_hash(stmt)
            if stmt["id"] in known:
                if known[stmt["id"]] != digest:
                    raise Conflict(f"statement {stmt['id']} exists with other content")
                continue
            fresh[stmt["id"]] = stmt
        if fresh:
            now = clock()
            conn.execute(xapi_statements.insert(), [
                {"id": sid, "content_hash": content_hash(s), "statement": s,
                 "version": version, "stored_at": now} for sid, s in fresh.items()])
    return list(fresh.values())


def spool(home: Path, statements: list[dict[str, Any]]) -> Path:
    """The statements as an xAPI file under the home folder, named by their content (the same
    statements always give the same file: rejects stay idempotent)."""
    text = json.dumps(statements, ensure_ascii=False, indent=1)
    name = hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]
    folder = home / "uploads" / "xapi"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"statements-{name}.json"
    if not path.exists():
        tmp = path.with_suffix(".part")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    return path


def get_statement(store: Store, sid: str) -> dict[str, Any]:
    with store.transaction() as conn:
        row = conn.execute(select(xapi_statements.c.statement, xapi_statements.c.stored_at)
                           .where(xapi_statements.c.id == statement_id(sid))).one_or_none()
    if row is None:
        raise NotFound(f"no statement {sid}")
    return {**dict(row.statement), "stored": row.stored_at.isoformat()}


def recent_statements(store: Store, *, limit: int) -> list[dict[str, Any]]:
    c = xapi_statements.c
    with store.transaction() as conn:
        rows = conn.execute(select(c.statement, c.stored_at)
                            .order_by(c.stored_at.desc(), c.id).limit(limit)).all()
    return [{**dict(r.statement), "stored": r.stored_at.isoformat()} for r in rows]
