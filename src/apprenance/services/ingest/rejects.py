"""The quarantine of rejected inputs: storing them (idempotently), marking them resolved when a
corrected file is ingested, dismissing them by hand with a reason, listing and exporting them.

Each reject keeps its raw content; ``raw_hash`` (source file + raw content) is unique, so that
ingesting the same file again stores nothing twice. Exports neutralise spreadsheet formulas.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from apprenance.contracts.records import Problem
from apprenance.db import rejects_sql as sql
from apprenance.db.engine import Connection
from apprenance.db.store import Store
from apprenance.errors import InputError, NotFound
from apprenance.i18n import t as msg

RAW_LIMIT = 200_000  # characters of raw content kept per reject
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXPORT_COLUMNS = ("id", "source_file", "line", "statement_id", "field", "reason", "raw",
                  "created_at", "resolved_at")


def raw_hash(source: str, raw: str) -> str:
    return hashlib.sha256(f"{source}\n{raw}".encode("utf-8", "surrogatepass")).hexdigest()


def clean_raw(raw: str) -> str:
    """Raw content as it can be stored: bytes that were not UTF-8 shown as ``\\xNN``, NUL
    shown as ``\\x00``, at most ``RAW_LIMIT`` characters."""
    text = raw.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    text = text.replace("\x00", "\\x00")
    if len(text) > RAW_LIMIT:
        text = text[:RAW_LIMIT] + f"... [{len(text) - RAW_LIMIT} more characters]"
    return text


def quarantine(
    conn: Connection, problems: Sequence[tuple[Problem, str]], now: datetime, lang: str,
    territory: str | None = None,
) -> list[str]:
    """Store ``(problem, source file)`` pairs, as rejects of ``territory`` (the one the file
    was received for; None: unscoped, each of the territory its row names, if any); the same
    raw input again refreshes its row and makes it unresolved. Returns the raw hashes."""
    if not problems:
        return []
    rows: dict[str, dict[str, Any]] = {}
    for problem, source in problems:
        raw = clean_raw(problem.raw)
        digest = raw_hash(source, raw)
        rows[digest] = {
            "source_file": source, "line": problem.line, "statement_id": problem.statement_id,
            "field": problem.field[:100], "reason": problem.reason(lang), "raw": raw,
            "raw_hash": digest, "created_at": now, "resolved_at": None,
            "territory": territory or problem.territory, "reason_key": problem.key[:100],
            "reason_values": json.dumps(problem.values, ensure_ascii=False, default=str),
            "label": problem.file[:300],
        }
    # in key order: two ingests rejecting the same rows never wait for each other in a circle
    sql.upsert_rejects(conn, [rows[digest] for digest in sorted(rows)])
    return list(rows)


def resolve_file(conn: Connection, source: str, still_rejected: set[str], now: datetime) -> int:
    """Mark resolved the open rejects of ``source`` that the last ingest no longer gave."""
    open_ones = sql.open_rejects_of(conn, source)
    done = [rid for rid, digest in open_ones if digest not in still_rejected]
    sql.mark_resolved(conn, done, now)
    return len(done)


def resolve_statements(conn: Connection, statement_ids: Iterable[str], now: datetime) -> None:
    """Mark resolved the open rejects of xAPI statements that are now stored."""
    sql.resolve_statements(conn, statement_ids, now)


@dataclass(frozen=True)
class RejectRow:
    id: int
    source_file: str
    line: int | None
    statement_id: str | None
    field: str | None
    reason: str
    raw: str
    created_at: datetime
    resolved_at: datetime | None
    dismissed_reason: str | None = None
    territory: str | None = None
    reason_key: str | None = None
    reason_values: str | None = None  # JSON
    label: str | None = None  # the file's name as sent (``source_file``: where it is kept)

    def reason_in(self, lang: str) -> str:
        """The reason worded in ``lang`` (as stored when its message is not known)."""
        if not self.reason_key:
            return self.reason
        try:
            values = json.loads(self.reason_values or "{}")
        except ValueError:
            values = {}
        worded = msg(f"ingest.{self.reason_key}", lang, **(values if isinstance(values, dict)
                                                           else {}))
        return self.reason if worded == f"ingest.{self.reason_key}" else worded

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "file": self.source_file, "line": self.line,
            "statement_id": self.statement_id, "field": self.field, "reason": self.reason,
            "raw": self.raw, "created_at": self.created_at.isoformat(),
            "resolved_at": self.resolved_at.isoformat() if self.resolved_at else None,
            "dismissed_reason": self.dismissed_reason, "territory": self.territory,
            "label": self.label,
        }


def list_rejects(
    store: Store, *, include_resolved: bool = False, file: str | None = None,
    limit: int | None = None, ids: Sequence[int] | None = None,
    territory: str | None = None,
) -> Iterator[RejectRow]:
    """The rejects, oldest file and line first; open ones only unless ``include_resolved``;
    only those of ``territory`` when given."""
    with store.transaction() as conn:
        rows = sql.select_rejects(conn, include_resolved=include_resolved, file=file,
                                  limit=limit, ids=ids, territory=territory)
    for row in rows:
        yield RejectRow(
            id=row["id"], source_file=row["source_file"], line=row["line"],
            statement_id=row["statement_id"], field=row["field"], reason=row["reason"],
            raw=row["raw"], created_at=row["created_at"], resolved_at=row["resolved_at"],
            dismissed_reason=row["dismissed_reason"], territory=row["territory"],
            reason_key=row["reason_key"], reason_values=row["reason_values"],
            label=row["label"],
        )


REASON_LIMIT = 1000  # characters of a dismissal's reason


def dismiss_reject(
    store: Store, reject_id: int, reason: str, now: datetime, lang: str
) -> RejectRow:
    """Close the reject ``reject_id`` by hand (a wrong header, a row not worth correcting),
    keeping ``reason``; ``NotFound`` if there is none, ``InvalidInput`` for an empty reason.
    Ingesting the same rejected content again opens it again."""
    reason = reason.strip()
    if not reason:
        raise InputError(msg("rejects.reason_needed", lang))
    if len(reason) > REASON_LIMIT:
        raise InputError(msg("rejects.reason_long", lang, limit=REASON_LIMIT))
    with store.transaction() as conn:
        if not sql.dismiss(conn, reject_id, reason, now):
            raise NotFound(msg("rejects.not_found", lang, id=reject_id))
    return next(row for row in list_rejects(store, include_resolved=True, ids=[reject_id]))


def neutralise(value: str) -> str:
    """A cell a spreadsheet will show as text: a leading ``=``, ``+``, ``-``, ``@``, tab or
    carriage return gets a ``'`` before it (OWASP's advice against CSV injection)."""
    return "'" + value if value.startswith(FORMULA_START) else value


def export_rejects(rows: Iterable[RejectRow], fmt: str) -> str:
    """The rejects as CSV (formulas neutralised) or JSON Lines."""
    if fmt == "jsonl":
        return "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for r in rows:
        d = r.to_dict()
        writer.writerow([neutralise("" if d[k] is None else str(d[k])) for k in
                         ("id", "file", "line", "statement_id", "field", "reason", "raw",
                          "created_at", "resolved_at")])
    return out.getvalue()
