"""What the store and the home folder hold about one learner, found row by row: the reads
shared by the export and the erasure (``services.privacy``; their statements are in
``db.privacy_sql``), the redaction of the documents an erasure keeps, and the search of the
home folder for files that still name the person.

Rows are read as plain JSON values (times in ISO 8601). Secrets never leave: token hashes,
share link tokens and OAuth client secrets are not part of any row returned here.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from apprenance.db import privacy_sql as sql
from apprenance.db.engine import Connection
from apprenance.db.store import Store
from apprenance.errors import FieldError, NotFound
from apprenance.importers.values import learner_key
from apprenance.services.evidence.totals import stored_rows

ERASED_HOME = "urn:apprenance:erased"  # homePage of the pseudonymous xAPI agents
SCAN_LIMIT = 64 * 1024 * 1024  # files larger than this are named, never read
# read by name only: images and PDFs compress or hash what they hold (issued badges carry a
# salted hash, never the address), and there may be tens of thousands of them
NAME_ONLY = frozenset({".png", ".svg", ".pdf", ".jwt", ".gz", ".zip"})
_FILE_NAME = re.compile(r"[^A-Za-z0-9._-]+")  # how certificate file names are made
_DIR_NAME = re.compile(r"[^A-Za-z0-9._+@-]+")  # how learner folders of `issue` are made


def plain(value: Any) -> Any:
    """A stored value as JSON: times in ISO 8601, bytes in hex, containers walked."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def row_dict(row: Mapping[Any, Any], *, leave: Iterable[str] = ()) -> dict[str, Any]:
    skipped = set(leave)
    return {str(k): plain(v) for k, v in row.items() if k not in skipped}


def learner_row(conn: Connection, participant: str) -> dict[str, Any]:
    """The learner ``participant`` (an erased one too, by their pseudonym); ``NotFound``."""
    row = sql.learner_row(conn, learner_key(participant))
    if row is None:
        raise NotFound(f"no learner {participant!r}")
    return row


def full_name(name: str | None) -> str | None:
    """The name as searched in rejected rows: only a full name (two words, five letters or
    more), lower-cased; a lone first name would find other people."""
    value = " ".join((name or "").split()).lower()
    return value if len(value) >= 5 and " " in value else None


def rejects_naming(conn: Connection, participant: str, name: str | None,
                   statement_ids: Iterable[str]) -> list[dict[str, Any]]:
    """Rejected rows whose raw content or reason names the person (address or full name,
    any case), or that come from one of their xAPI statements."""
    return sql.rejects_naming(conn, participant, full_name(name), statement_ids)


def evidence_rows(conn: Connection, learner_id: int) -> list[dict[str, Any]]:
    return [{"dimension": dim, "key": key, "hours": hours, "count": count}
            for dim, key, hours, count in stored_rows(conn, learner_id)]


def award_rows(conn: Connection, learner_id: int) -> list[dict[str, Any]]:
    return [row_dict(x, leave=("learner_id",)) for x in sql.award_rows(conn, learner_id)]


def access_rows(conn: Connection, learner_id: int) -> dict[str, list[dict[str, Any]]]:
    """Share links, sign-in links, tokens and OAuth clients of the learner, without secrets."""
    return {kind: [row_dict(x) for x in rows]
            for kind, rows in sql.access_rows(conn, learner_id).items()}


def _ascii_core(needle: str) -> str:
    """The longest ASCII run of ``needle`` (SQLite lowers ASCII letters only): what the
    database can search for, any case; the whole needle is checked afterwards."""
    runs = re.split(r"[^\x00-\x7f]+", needle)
    best = max(runs, key=len)
    return best if len(best) >= 3 else needle


def mentions_of(conn: Connection, learner_id: int, participant: str,
                name: str | None) -> list[dict[str, Any]]:
    """Other people's free text that names the person (address or full name, any case):
    descriptions and extra fields of other learners' activities, attestation comments on
    them. Reported by an erasure, never changed (the text belongs to someone else)."""
    needles = [n for n in (participant.lower(), full_name(name)) if n]
    cores = [_ascii_core(n) for n in needles]

    def names(value: Any) -> bool:
        text = (value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
        return any(n in text.lower() for n in needles)

    found: list[dict[str, Any]] = []
    for label in ("description", "extra"):
        for row_id, value in sql.others_activity_texts(conn, learner_id, label, cores):
            if names(value):
                found.append({"table": "activities", "id": row_id, "field": label})
    for attestation, activity, value in sql.others_comments(conn, learner_id, cores):
        if names(value):
            found.append({"table": "attestations", "id": attestation, "field": "comment",
                          "activity": activity})
    return found


# --- what an erasure keeps ----------------------------------------------------------------

_KEPT = ("@context", "id", "type", "issuer", "validFrom", "validUntil", "awardedDate",
         "credentialStatus")
_KEPT_OB2 = ("@context", "type", "id", "badge", "issuedOn", "expires", "verification",
             "revoked", "revocationReason")


def redact_credential(document: Mapping[str, Any], fmt: str) -> dict[str, Any]:
    """What stays of a credential once its holder is erased: what it was (badge, issuer,
    dates, status), not whom it named nor the evidence (the proof goes: it no longer fits)."""
    out = {k: document[k] for k in _KEPT if k in document}
    if fmt == "ob3":
        out.update({k: document[k] for k in ("name", "description") if k in document})
    subject = document.get("credentialSubject")
    if isinstance(subject, Mapping):
        out["credentialSubject"] = {k: subject[k] for k in ("type", "achievement")
                                    if k in subject}
    return out


def redact_assertion(assertion: Mapping[str, Any]) -> dict[str, Any]:
    """The hosted OB 2.0 assertion, revoked, without its recipient and evidence."""
    return {k: assertion[k] for k in _KEPT_OB2 if k in assertion}


def pseudonymous_agent(pseudonym: str) -> dict[str, Any]:
    return {"objectType": "Agent", "account": {"homePage": ERASED_HOME, "name": pseudonym}}


def agent_is(value: Any, participant: str) -> bool:
    """Whether an xAPI Agent names ``participant`` (as the importer reads agents)."""
    from apprenance.importers.xapi import agent

    try:
        return agent(value, "agent")[0] == participant
    except FieldError:
        return False


# --- files of the home folder -------------------------------------------------------------


def _needles(participant: str, name: str | None) -> tuple[list[str], list[bytes]]:
    names = {participant, _FILE_NAME.sub("_", participant).strip("._"),
             _DIR_NAME.sub("_", participant).strip("._")}
    content = [participant.encode("utf-8")]
    whole = full_name(name)
    if whole:
        content.append(whole.encode("utf-8"))
    return sorted(n for n in names if n), content


def store_files(store: Store) -> list[Path]:
    """The files of an SQLite store (searched row by row, never as bytes)."""
    database = store.engine.url.database
    if store.dialect != "sqlite" or not database or database == ":memory:":
        return []
    main = Path(database)
    return [main, *(main.with_name(main.name + s) for s in ("-wal", "-shm", "-journal"))]


def files_naming(home: Path, participant: str, name: str | None,
                 skip: Iterable[Path] = ()) -> list[str]:
    """Files under ``home`` (but the keys and ``skip``) whose name or content names the person
    (address or full name, any case): ingested logs, spooled statements, certificates. A
    folder whose name names them is listed once, with a final ``/``."""
    if not home.is_dir():
        return []
    in_names, in_content = _needles(participant, name)
    skipped = {p.resolve() for p in (home / "keys", home / "endorser-keys", *skip)}
    found = []
    for folder, dirs, files in os.walk(home):
        here = Path(folder)
        for sub in sorted(dirs):
            if (here / sub).resolve() in skipped:
                dirs.remove(sub)
            elif any(n in sub.lower() for n in in_names):
                found.append(f"{(here / sub).relative_to(home)}/")
                dirs.remove(sub)
        for file in sorted(files):
            path = here / file
            if path.resolve() not in skipped and _names(path, in_names, in_content):
                found.append(str(path.relative_to(home)))
    return sorted(found)


def _names(path: Path, in_names: list[str], in_content: list[bytes]) -> bool:
    if any(n in path.name.lower() for n in in_names):
        return True
    if path.suffix.lower() in NAME_ONLY:
        return False
    try:
        if path.stat().st_size > SCAN_LIMIT:
            return False
        data = path.read_bytes().lower()
    except OSError:
        return False
    return any(n in data for n in in_content)
