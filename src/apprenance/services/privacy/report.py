"""The learner's rights (GDPR): everything held about them, as one JSON document, and erasure.

``export_learner``: the learner row, their activities with their sources and the attestations
they received, the attestations they gave, the rejected rows naming them, their evidence
totals, awards, credentials (signed documents, VC-JWTs, OB 2.0 assertions), their share links,
sign-in links, tokens and OAuth clients (never a secret), the xAPI statements they sent or are
the witness of, and the files of the home folder that name them.

``erase_learner``: personal data goes, what the territory counts stays.

1. One transaction: the learner's address becomes a pseudonym (``erased-`` and 16 random hex
   digits, kept: their hours and badges still count, once, under it); name and source line
   cleared; the description, evidence URL and extra fields of their activities cleared; the
   comments of the attestations they received cleared; the attestations they gave name the
   pseudonym; rejected rows naming them deleted; their own xAPI statements deleted, those they
   witnessed name the pseudonym; share links, sign-in links, tokens, sessions and OAuth
   clients revoked. Issuing and evaluation skip an erased learner from then on.
2. Every credential still valid is revoked through ``services.revocation`` (status list bit,
   OB 2.0 revocation list); endorsements and CLRs are marked revoked.
3. The stored documents are redacted (``privacy_records.redact_credential``), VC-JWTs dropped.
4. With ``out`` (the ``issue --out`` folder): the status lists are re-signed and written, the
   hosted assertions rewritten, the learner's folder removed.
5. The files the store recorded as written for them (``services.written_files``: certificates,
   exports, CLRs) are deleted when inside ``home``, listed for review outside it or when they
   name other people too; other learners' free text naming them is reported (``mentions``).
6. SQLite: the file is vacuumed and its write-ahead log truncated, so that erased values do
   not linger in free pages.

Running it again on the pseudonym resumes an interrupted erasure (steps 2 to 6).
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from apprenance.clock import Clock
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.db import erasure_sql, holds_sql, mail_sql, privacy_sql
from apprenance.db.store import Store
from apprenance.errors import ApprenanceError, ConfigError
from apprenance.importers.values import learner_key
from apprenance.services.files import write_json
from apprenance.services.issuing.revocation import revoke, write_issuer_status
from apprenance.services.privacy import records as pr
from apprenance.services.privacy.erase import erase_rows
from apprenance.services.privacy.written_files import settle_written, written_for

FORMAT = "apprenance/learner-export"
VERSION = 1
REASON = "withdrawn: the holder's personal data was erased at their request"


def export_learner(store: Store, participant: str, *, clock: Clock,
                   home: Path | None = None) -> dict[str, Any]:
    """Everything held about ``participant``, as one JSON-ready document."""
    with store.transaction() as conn:
        learner = pr.learner_row(conn, participant)
        lid, who = int(learner["id"]), str(learner["participant"])
        activities = privacy_sql.activity_rows(conn, lid)
        received = privacy_sql.attestations_received(conn, lid)
        given = privacy_sql.attestations_given(conn, who)
        own_statements = [str(x["source_ref"]) for x in activities if x["source_ref"]]
        witnessed = [str(x["source_ref"]) for x in given if x["source_ref"]]
        rejects = pr.rejects_naming(conn, who, learner["name"], own_statements)
        evidence = pr.evidence_rows(conn, lid)
        awards = pr.award_rows(conn, lid)
        holds = holds_sql.holds_of(conn, lid)
        credentials = privacy_sql.credential_rows(conn, lid)
        access = pr.access_rows(conn, lid)
        statements = privacy_sql.statement_rows(conn, own_statements + witnessed)
        mail = mail_sql.learner_mail(conn, lid)
    by_activity: dict[str, list[dict[str, Any]]] = {}
    for att in received:
        by_activity.setdefault(str(att["activity_id"]), []).append(
            pr.row_dict(att, leave=("id", "activity_id")))
    return {
        "format": FORMAT, "version": VERSION, "exported_at": clock().isoformat(),
        "learner": pr.row_dict(learner),
        "activities": [
            {**pr.row_dict(x, leave=("learner_id", "source_file", "source_line", "source_ref")),
             "source": {"file": x["source_file"], "line": x["source_line"],
                        "statement": x["source_ref"]},
             "attestations": by_activity.get(str(x["id"]), [])}
            for x in activities],
        "attestations_given": [pr.row_dict(x, leave=("id", "witness", "source_ref"))
                               for x in given],
        "rejects": [pr.row_dict(x, leave=("raw_hash",)) for x in rejects],
        "evidence": evidence,
        "awards": awards,
        "award_holds": holds,  # a coordinator held these back from issuing, and why
        "credentials": [pr.row_dict(x, leave=("learner_id",)) for x in credentials],
        **access,
        "xapi_statements": [pr.row_dict(x, leave=("content_hash",)) for x in statements],
        "mail": mail,  # what was mailed to them (badges received, sign-in links)
        "files": pr.files_naming(home, who, learner["name"], pr.store_files(store))
        if home and not learner["erased_at"] else [],
        "recorded_files": written_for(store, lid),
    }


@dataclass
class ErasureReport:
    learner: str
    erased_at: str
    resumed: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    revoked: list[str] = field(default_factory=list)
    kept: dict[str, Any] = field(default_factory=dict)
    files_written: list[str] = field(default_factory=list)
    folders_removed: list[str] = field(default_factory=list)
    files_to_review: list[str] = field(default_factory=list)
    files_deleted: list[str] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    compacted: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"learner": self.learner, "erased_at": self.erased_at, "resumed": self.resumed,
                **self.counts, "credentials_revoked": self.revoked, "kept": self.kept,
                "files_written": self.files_written, "folders_removed": self.folders_removed,
                "files_to_review": self.files_to_review, "files_deleted": self.files_deleted,
                "mentions": self.mentions, "compacted": self.compacted}


def erase_learner(store: Store, keys: KeyStore, participant: str, *, urls: HostedUrls,
                  clock: Clock, out: Path | None = None, home: Path | None = None,
                  rng: random.Random | None = None) -> ErasureReport:
    """Erase the learner's personal data, revoke their credentials, keep the statistics.

    ``out``: the folder credentials were issued into (status lists and hosted assertions are
    written there, the learner's folder removed). ``home``: searched for files that still name
    the person (listed in the report, never changed: logs hold other people too); the files
    the store recorded as written for them are deleted inside it, listed outside it. Other
    people's free text naming them is reported (``mentions``), not changed."""
    rng = rng or random.SystemRandom()
    now = clock()
    with store.transaction() as conn:
        learner = pr.learner_row(conn, participant)
        issuers = privacy_sql.issuers_of(conn, int(learner["id"]))
    if out is not None:  # the lists are signed at the end: fail before changing anything
        for issuer in issuers:
            keys.current(issuer)
    with store.transaction() as conn:
        learner = pr.learner_row(conn, participant)
        resumed, old_name = learner["erased_at"] is not None, learner["name"]
        mentions = [] if resumed else pr.mentions_of(conn, int(learner["id"]),
                                                     str(learner["participant"]), old_name)
        counts = {} if resumed else erase_rows(
            conn, learner, f"erased-{rng.getrandbits(64):016x}", now)
        learner = privacy_sql.learner_by_id(conn, int(learner["id"]))
    report = ErasureReport(learner=str(learner["participant"]),
                           erased_at=pr.plain(learner["erased_at"]), resumed=resumed,
                           counts=counts, mentions=mentions)
    lid = int(learner["id"])
    try:
        _revoke_all(store, keys, lid, urls=urls, clock=clock, report=report)
        _redact(store, lid)
        if out is not None:
            _write_out(store, keys, lid, urls, out, issuers, report)
    except ApprenanceError as exc:  # the personal data is gone: say how to finish
        raise type(exc)(f"{exc.message} — the personal data is erased; finish with "
                        f"`apprenance learner erase {report.learner}`", details=exc.details
                        ) from None
    settled = settle_written(store, lid, home)  # before the search: deleted, not listed
    report.files_deleted = settled.deleted
    review = set(settled.to_review)
    if home is not None and not resumed:
        review.update(pr.files_naming(
            home, learner_key(participant), old_name,
            skip=[*pr.store_files(store), *([out] if out else [])]))
    report.files_to_review = sorted(review)
    report.kept = _kept(store, lid)
    report.compacted = compact(store)
    return report


def _revoke_all(store: Store, keys: KeyStore, lid: int, *, urls: HostedUrls, clock: Clock,
                report: ErasureReport) -> None:
    """Revoke the learner's credentials still valid (endorsements and CLRs, which have no
    status entry, are marked revoked)."""
    with store.transaction() as conn:
        rows = privacy_sql.live_credentials(conn, lid)
    for cid, issuer in rows:
        if issuer is not None:
            revoke(store, keys, str(cid), reason=REASON, urls=urls, clock=clock)
            report.revoked.append(str(cid))
    with store.transaction() as conn:
        erasure_sql.mark_credentials_revoked(conn, lid, clock(), REASON)


def _redact(store: Store, lid: int) -> None:
    """Redact the stored documents (once: a redacted document has no proof left)."""
    with store.transaction() as conn:
        for cid, fmt, document, assertion in privacy_sql.stored_documents(conn, lid):
            erasure_sql.replace_document(conn, cid, pr.redact_credential(document or {},
                                                                         str(fmt)))
            if assertion is not None:
                erasure_sql.replace_assertion(conn, cid, pr.redact_assertion(assertion))


def _write_out(store: Store, keys: KeyStore, lid: int, urls: HostedUrls, out: Path,
               issuers: list[str], report: ErasureReport) -> None:
    public = out / "public"
    written: list[Path] = []
    for issuer in sorted(issuers):
        written.extend(write_issuer_status(store, keys, urls, issuer, public))
    with store.transaction() as conn:
        for assertion in privacy_sql.hosted_assertions(conn, lid):
            try:
                target = public / urls.path_of(str(assertion["id"]))
            except ValueError:  # hosted under another public URL than this one
                continue
            if target.exists():
                written.append(write_json(target, assertion))
    report.files_written = [str(p) for p in written]
    if out.is_dir():
        for folder in sorted(out.glob(f"{lid}-*")):
            if folder.is_dir():
                try:
                    shutil.rmtree(folder)
                except OSError as exc:
                    raise ConfigError(f"cannot remove {folder}: {exc.strerror or exc}"
                                      ) from None
                report.folders_removed.append(str(folder))


def _kept(store: Store, lid: int) -> dict[str, Any]:
    """What still counts for the territory statistics."""
    with store.transaction() as conn:
        count, hours, awards, live = privacy_sql.kept_counts(conn, lid)
    return {"activities": count, "hours": round(hours, 4), "awards": awards,
            "live_share_links": live}


def compact(store: Store) -> bool:
    """SQLite: rewrite the file without its free pages and truncate the write-ahead log, so
    that erased values cannot be read back from the file. Best effort (another process may
    hold it); PostgreSQL reuses the space by itself (``VACUUM FULL`` to shrink, see
    docs/operations.md)."""
    if store.dialect != "sqlite":
        return False
    return erasure_sql.vacuum_sqlite(store.engine)
