"""Every certificate of a territory as one ZIP, made in the background of the server process.

``CertificateJobs`` keeps the jobs of one process in memory, keyed by a random id: ``start``
picks the learners of the territory who hold at least one award, writes their PDFs with
``write_batch`` (one process: the web server is threaded, it does not fork) into a temporary
folder, packs them into ``{folder}/certificats-{territory}.zip`` (one file per territory: the
last batch replaces the one before, so no older copy of anyone's certificate lingers) and
records that file for each learner in it (``written_files``, shared: several people), as the
command line records the certificates it writes. One batch per territory runs at a time.
Progress is counted per learner, in memory and in ``{folder}/.jobs/{id}.json`` (what another
worker process of the server reads when the browser's next request lands there; no learner is
named in it). A job whose process stopped is seen as interrupted once its file is STALE old.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from apprenance.clock import Clock
from apprenance.db.learner_records_sql import awarded_participants, territory_exists
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog
from apprenance.errors import ApprenanceError, NotFound
from apprenance.services.certificates.batch import write_batch
from apprenance.services.certificates.gather import CertificateOptions
from apprenance.services.privacy.written_files import record_written

log = logging.getLogger("apprenance.certificates")
KEPT_JOBS = 50  # per process: the oldest finished ones are forgotten
JOBS = ".jobs"
STALE = 15 * 60  # seconds without progress: the process that ran the job is gone
FORGOTTEN = 7 * 86400  # seconds after which a job's file is removed
JOB_ID = re.compile(r"^[A-Za-z0-9_-]{8,40}$")


@dataclass
class CertificateJob:
    """One batch: its territory and language, how far it got, and its ZIP once done."""

    id: str
    territory: str
    lang: str
    total: int
    started_at: datetime
    done: int = 0
    state: str = "running"  # running, done, failed
    written: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)
    zip_path: Path | None = None
    error: str | None = None
    failure: str | None = None  # interrupted, disk, internal: said in the page's language
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def advance(self) -> None:
        with self._lock:
            self.done += 1

    def to_dict(self) -> dict[str, Any]:
        with self._lock:
            return {"id": self.id, "territory": self.territory, "lang": self.lang,
                    "state": self.state, "total": self.total, "done": self.done,
                    "written": self.written, "skipped": list(self.skipped),
                    "error": self.error, "failure": self.failure,
                    "started_at": self.started_at.isoformat()}


def learners_with_awards(store: Store, territory: str) -> list[str]:
    """The learners of ``territory`` (not erased) who hold at least one award: a certificate
    states what was recognised, so nobody gets an empty one."""
    with store.transaction() as conn:
        if not territory_exists(conn, territory):
            raise NotFound(f"no territory {territory!r}")
        return awarded_participants(conn, territory)


def zip_name(territory: str) -> str:
    """The territory's ZIP in the folder (the last batch's)."""
    return f"certificats-{territory}.zip"


class CertificateJobs:
    """The certificate jobs of one server process (thread-safe)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._jobs: dict[str, CertificateJob] = {}
        self._lock = threading.Lock()
        self._disk = threading.Lock()  # one writer of the job files at a time

    def start(self, store: Store, catalog: Catalog, territory: str, *,
              options: CertificateOptions, clock: Clock) -> CertificateJob:
        """Count the learners, then write their certificates in a background thread; while
        a batch of the territory runs, that one is returned (a second click starts nothing)."""
        participants = learners_with_awards(store, territory)
        job = CertificateJob(id=secrets.token_urlsafe(12), territory=territory,
                             lang=options.lang or options.default_lang,
                             total=len(participants), started_at=clock())
        with self._lock:
            running = [j for j in self._jobs.values()
                       if j.territory == territory and j.state == "running"]
            if running:
                return running[0]
            self._jobs[job.id] = job
            self._forget_old()
        self._save(job)
        worker = threading.Thread(target=self._run, name=f"certificates-{job.id}",
                                  args=(job, store, catalog, participants, options, clock),
                                  daemon=True)
        worker.start()
        return job

    def get(self, job_id: str, territory: str) -> CertificateJob:
        """The job ``job_id`` of ``territory`` (NotFound for another territory's too)."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            job = self._load(job_id)  # started by another worker process, maybe
        if job is None or job.territory != territory:
            raise NotFound(f"no certificate batch {job_id!r} for territory {territory!r}")
        return job

    def latest(self, territory: str) -> CertificateJob | None:
        """The job of ``territory`` started last, if any."""
        with self._lock:
            return next((j for j in reversed(self._jobs.values())
                         if j.territory == territory), None)

    def _forget_old(self) -> None:
        """Forget the oldest finished jobs beyond KEPT_JOBS (the dict keeps starting order)."""
        finished = [j for j in self._jobs.values() if j.state != "running"]
        while len(self._jobs) > KEPT_JOBS and finished:
            del self._jobs[finished.pop(0).id]

    def _file(self, job_id: str) -> Path:
        return self.folder / JOBS / f"{job_id}.json"

    def _save(self, job: CertificateJob, **final: Any) -> None:
        """The job's state on disk, for the other worker processes (best effort); ``final``:
        the values it ends with, written before this process shows them (so that a page
        served by another process never says "running" after this one said "done")."""
        state = {**job.to_dict(), "skipped": len(job.skipped), **final}  # counts, not people
        path = self._file(job.id)
        part = path.with_name(f".{path.name}.part")
        try:
            with self._disk:
                path.parent.mkdir(parents=True, exist_ok=True)
                part.write_text(json.dumps(state), encoding="utf-8")
                part.replace(path)
        except OSError as exc:
            log.warning("cannot record certificate batch %s: %s", job.id, exc.strerror)

    def _load(self, job_id: str) -> CertificateJob | None:
        """A job another process recorded, if its file is there and readable."""
        if not JOB_ID.match(job_id):
            return None
        path = self._file(job_id)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            age = time.time() - path.stat().st_mtime
            job = CertificateJob(
                id=str(data["id"]), territory=str(data["territory"]), lang=str(data["lang"]),
                total=int(data["total"]), started_at=datetime.fromisoformat(data["started_at"]),
                done=int(data["done"]), state=str(data["state"]), written=int(data["written"]),
                error=data["error"] if isinstance(data["error"], str) else None,
                failure=data.get("failure") if isinstance(data.get("failure"), str) else None)
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if job.state == "done":
            job.zip_path = self.folder / zip_name(job.territory)
        elif job.state == "running" and age > STALE:
            job.state, job.failure = "failed", "interrupted"
            job.error = "interrupted: the server stopped during the batch"
        return job

    def _prune(self) -> None:
        """Remove the job files nobody has looked at for FORGOTTEN seconds."""
        now = time.time()
        for path in (self.folder / JOBS).glob("*.json"):
            try:
                if now - path.stat().st_mtime > FORGOTTEN:
                    path.unlink()
            except OSError:
                continue

    def _advance(self, job: CertificateJob) -> None:
        job.advance()
        self._save(job)

    def _run(self, job: CertificateJob, store: Store, catalog: Catalog,
             participants: list[str], options: CertificateOptions, clock: Clock) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            target = self.folder / zip_name(job.territory)
            with tempfile.TemporaryDirectory(dir=self.folder, prefix=".batch-") as tmp:
                report = write_batch(store, catalog, participants, Path(tmp), options=options,
                                     clock=clock, workers=1, progress=lambda _: self._advance(job))
                part = target.with_name(f".{target.name}.part")
                with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                    for item in report.written:
                        pdf = Path(item["file"])
                        archive.write(pdf, arcname=pdf.name)
                part.replace(target)
            record_written(store, [w["learner"] for w in report.written], target,
                           "certificates", clock=clock, shared=True)
            self._save(job, written=len(report.written), skipped=len(report.skipped),
                       state="done")
            with job._lock:
                job.written, job.skipped = len(report.written), list(report.skipped)
                job.zip_path, job.state = target, "done"
            self._prune()
        except ApprenanceError as exc:
            self._fail(job, exc.message)
        except OSError as exc:  # the home folder is full or not writable
            self._fail(job, f"cannot write the certificates ({exc.strerror or 'disk error'})",
                       "disk")
        except Exception as exc:  # a thread has no caller: say it on the page, log the rest
            log.error("certificate batch %s failed: %s", job.id, exc.__class__.__name__,
                      exc_info=exc)
            self._fail(job, "internal error", "internal")

    def _fail(self, job: CertificateJob, message: str, failure: str | None = None) -> None:
        self._save(job, state="failed", error=message, failure=failure)
        with job._lock:
            job.state, job.error, job.failure = "failed", message, failure
