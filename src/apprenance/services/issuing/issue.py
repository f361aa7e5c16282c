"""Issuing: every award not yet issued becomes signed credentials, written and stored.

Per award: an OB 3.0 ``OpenBadgeCredential`` (Data Integrity ``eddsa-rdfc-2022``), the same as
a VC-JWT, the badge image baked with it (PNG and SVG), endorsements from the attestations of
its activities, and the OB 2.0 hosted assertion (and its baked images). Files go to the
``--out`` folder (``services.files``); the signed credential goes to ``credentials`` and the
rest to ``credential_issuance``; the award is marked issued.

Batch: awards are taken in chunks; each chunk is claimed, built, signed, written
(write-then-rename) and recorded in one transaction. A chunk that fails is reported and left
for the next run (its awards stay "not issued"; the files it wrote are simply rewritten then),
and so is a chunk whose process is killed: its transaction never commits.

Several issuers may run at once on one store and one ``--out`` folder. On PostgreSQL they share
the work: a chunk claims its awards with ``SELECT ... FOR UPDATE SKIP LOCKED`` (each award is
issued by one of them, the others take the next ones); on SQLite, whose writers take turns
anyway, issuing runs take turns (``Store.turn``): the second finds the awards issued.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from apprenance.clock import Clock
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.db import credentials_sql, holds_sql
from apprenance.db import issuing_sql as sql
from apprenance.db import learner_records_sql as records
from apprenance.db.engine import Connection
from apprenance.db.store import Store, retrying
from apprenance.domain.catalog import Catalog, text
from apprenance.errors import ApprenanceError, Conflict, NotFound
from apprenance.services.files import check_out_dir, flush_to_disk, public_root, relative
from apprenance.services.issuing.batch import Batch, Built, PendingAward
from apprenance.services.issuing.revocation import write_issuer_status
from apprenance.services.mail.queue import queue_badge_issued
from apprenance.services.people.directory import learner_id

CHUNK = 50  # awards per transaction: what concurrent issuers claim at a time


@dataclass
class IssuedCredential:
    credential_id: str
    learner: str
    badge: str
    issuer: str
    status_list: str | None
    status_index: int | None
    files: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"credential": self.credential_id, "learner": self.learner, "badge": self.badge,
                "issuer": self.issuer, "status_list": self.status_list,
                "status_index": self.status_index, "files": self.files}


@dataclass
class IssueReport:
    issued: list[IssuedCredential] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    out: str | None = None
    public_files: list[str] = field(default_factory=list)
    without_ob2: list[str] = field(default_factory=list)  # issuers without email: no OB 2.0
    held: int = 0  # awards in scope a coordinator holds back: not issued

    def to_dict(self) -> dict[str, Any]:
        return {"issued": len(self.issued), "held": self.held, "out": self.out,
                "credentials": [c.to_dict() for c in self.issued],
                "public_files": self.public_files, "problems": self.problems,
                "without_ob2": self.without_ob2}


@dataclass(frozen=True)
class _Wanted:
    """Which awards not issued yet a run issues."""

    learner: int | None
    badge: str | None
    award: int | None

    def find(self, conn: Connection, limit: int, passed: set[int] | None = None,
             *, claim: bool = False) -> list[records.AwardToIssue]:
        return records.awards_to_issue(conn, learner=self.learner, badge=self.badge,
                                       award=self.award, limit=limit,
                                       passed=sorted(passed or ()), claim=claim)


def _claim(conn: Connection, wanted: _Wanted, passed: set[int],
           size: int) -> list[PendingAward]:
    """Up to ``size`` awards to issue, locked until ``conn`` ends; on PostgreSQL those another
    issuer holds are skipped. ``passed``: awards that failed in this run, left for the next."""
    rows = wanted.find(conn, size, passed, claim=True)
    return [PendingAward(r.id, r.learner_id, r.badge_id, r.awarded_at, r.activity_ids,
                         r.participant, r.name, r.lang or "fr", r.territory_id, r.awarded_on)
            for r in rows]


def issue(
    store: Store,
    catalog: Catalog,
    keys: KeyStore,
    *,
    urls: HostedUrls,
    clock: Clock,
    out: Path | None = None,
    participant: str | None = None,
    badge: str | None = None,
    award_id: int | None = None,
    rng: random.Random | None = None,
    chunk: int = CHUNK,
) -> IssueReport:
    """Issue every award not yet issued (of one learner, one badge, or one award), but those
    a coordinator holds back (counted in ``held``)."""
    if badge is not None and badge not in catalog.badges:
        raise NotFound(f"no badge {badge!r} in the catalog")
    if out is not None:
        check_out_dir(out)
    rng = rng or random.SystemRandom()
    report = IssueReport(out=str(out) if out else None)
    with store.transaction() as conn:
        wanted = _Wanted(None if participant is None else learner_id(conn, participant),
                         badge, award_id)
        if wanted.find(conn, 1) and not sql.any_issuer(conn):
            raise NotFound("no issuer yet: create one with `apprenance issuer init`")
        report.held = holds_sql.held_count(conn, learner=wanted.learner, badge=badge,
                                           award=award_id)
    batch = Batch(store=store, catalog=catalog, keys=keys, urls=urls, out=out, rng=rng,
                  now=clock())
    passed: set[int] = set()
    with store.turn("issue"):
        while _issue_chunk(store, batch, wanted, passed, chunk, report):
            pass
    report.without_ob2 = sorted(batch.without_ob2)
    if out is not None:
        public = public_root(out)
        written = batch.written_public
        for issuer in sorted(batch.issuers_used):
            written.extend(write_issuer_status(store, keys, urls, issuer, public))
        report.public_files = sorted(set(relative(written, out)))
    return report


def _issue_chunk(store: Store, batch: Batch, wanted: _Wanted, passed: set[int], size: int,
                 report: IssueReport) -> bool:
    """Claim, build, write and record one chunk of awards; False when none is left."""
    part: list[PendingAward] = []

    def attempt() -> list[Built]:
        nonlocal part
        problems: list[dict[str, Any]] = []
        with store.transaction() as conn:
            part = _claim(conn, wanted, passed, size)
            built = batch.build(conn, part, problems) if part else []
            if built and batch.out is not None:
                flush_to_disk()  # what the store will say was issued is on disk
            _record(conn, built, batch)
        report.problems.extend(problems)
        passed.update(p.award_id for p in part if p.badge not in batch.catalog.badges)
        return built

    try:
        built = retrying(attempt)  # a deadlock or a serialization failure: the chunk again
    except ApprenanceError as exc:
        report.problems.extend({"learner": p.participant, "badge": p.badge,
                                "error": exc.code, "message": exc.message} for p in part)
        passed.update(p.award_id for p in part)
        return bool(part)
    out = batch.out
    report.issued.extend(
        IssuedCredential(b.credential_id, b.award.participant, b.award.badge, b.issuer,
                         b.status_url, b.status_index, relative(b.files, out) if out else [])
        for b in built)
    return bool(part)


def _record(conn: Connection, built: list[Built], batch: Batch) -> None:
    """Record a chunk: its credentials, what was issued with them, its awards issued."""
    if not built:
        return
    now = batch.now
    sql.insert_credentials(conn, [
        {"id": b.credential_id, "award_id": b.award.award_id,
         "learner_id": b.award.learner_id, "format": "ob3", "document": b.signed,
         "issued_at": now} for b in built])
    endorsements = [
        {"id": e["id"], "award_id": None, "learner_id": b.award.learner_id,
         "format": "endorsement", "document": e, "issued_at": now}
        for b in built for e in b.endorsements]
    if endorsements:
        sql.insert_credentials(conn, endorsements)
    sql.insert_issuance(conn, [
        {"credential_id": b.credential_id, "issuer_id": b.issuer, "badge_id": b.award.badge,
         "lang": b.award.lang, "status_list_id": b.status_list_id,
         "status_index": b.status_index, "jwt": b.jwt,
         "ob2_id": b.ob2["id"] if b.ob2 else None,
         "ob2_assertion": b.ob2} for b in built])
    for b in built:
        if not sql.mark_award_issued(conn, b.award.award_id, now):  # never two for one award
            raise Conflict(f"award {b.award.award_id} was issued meanwhile")
    _queue_mail(conn, built, batch)


def _queue_mail(conn: Connection, built: list[Built], batch: Batch) -> None:
    """Tell each learner, in the transaction that records their credential: the mail is
    queued exactly when the credential exists, once (its dedupe key is the credential's id),
    and a chunk rolled back leaves no mail behind (services/mail/queue.py)."""
    for b in built:
        badge = batch.catalog.badges[b.award.badge]
        queue_badge_issued(
            conn, credential_id=b.credential_id, learner_id=b.award.learner_id,
            participant=b.award.participant, name=b.award.name, lang=b.award.lang,
            badge_name=text(badge.name, b.award.lang),
            issuer_name=batch.signer_for(b.issuer).profile.name, territory=b.award.territory,
            image=batch.images(badge)[0], public_url=batch.urls.base, now=batch.now)


def issue_award(store: Store, catalog: Catalog, keys: KeyStore, award: int, *,
                urls: HostedUrls, clock: Clock, out: Path | None = None,
                rng: random.Random | None = None) -> IssuedCredential:
    """Issue one award (single-item path: raises instead of reporting)."""
    with store.transaction() as conn:
        exists, issued_at = records.award_issued_at(conn, award)
    if not exists:
        raise NotFound(f"no award {award}")
    if issued_at is not None:
        raise Conflict(f"award {award} was already issued")
    with store.transaction() as conn:
        state = holds_sql.award_state(conn, award)
    if state is not None and state[2] is not None:
        raise Conflict(f"award {award} is held back ({state[2]}): release it first")
    report = issue(store, catalog, keys, urls=urls, clock=clock, out=out, award_id=award,
                   rng=rng)
    if not report.issued:
        problem = report.problems[0] if report.problems else {"message": "not issued"}
        raise Conflict(f"award {award} could not be issued: {problem['message']}")
    return report.issued[0]


def credentials_of(store: Store, participant: str) -> list[dict[str, Any]]:
    """A learner's issued credentials (OB 3.0, CLR, endorsements), newest first."""
    with store.transaction() as conn:
        rows = credentials_sql.learner_credentials(conn, learner_id(conn, participant))
    return [{"id": r["id"], "format": r["format"], "badge": r["badge_id"],
             "issuer": r["issuer_id"], "issued_at": r["issued_at"].isoformat(),
             "revoked": r["revoked_at"] is not None,
             "revoked_at": r["revoked_at"].isoformat() if r["revoked_at"] else None,
             "revocation_reason": r["revocation_reason"], "award_id": r["award_id"]}
            for r in rows]


def get_credential(store: Store, credential_id: str) -> dict[str, Any]:
    """One issued credential: the signed document, its VC-JWT and OB 2.0 assertion."""
    with store.transaction() as conn:
        row = credentials_sql.credential_with_issuance(
            conn, [credential_id, f"urn:uuid:{credential_id}"])
    if row is None:
        raise NotFound(f"no credential {credential_id!r}")
    return {"id": row["id"], "format": row["format"], "document": row["document"],
            "jwt": row["jwt"], "ob2_assertion": row["ob2_assertion"],
            "issuer": row["issuer_id"], "badge": row["badge_id"],
            "issued_at": row["issued_at"].isoformat(), "revoked": row["revoked_at"] is not None,
            "revocation_reason": row["revocation_reason"]}


def new_uuid(rng: random.Random) -> str:
    """A version 4 UUID drawn from ``rng`` (seeded in tests)."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))
