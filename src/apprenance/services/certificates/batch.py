"""Writing certificates: one learner's PDF, or a batch (a territory, a pathway, everyone)
spread over worker processes.

A batch stamps every certificate with the same time (the clock is read once). Workers are
forked (the renderer and its fonts are loaded already; the store's pooled connections are
closed first, so that none is shared): each opens its own connection to the store, reads and
renders the learners it is given, and writes their files; the parent only hands out
identifiers and collects the outcomes, in order, for the report.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from apprenance.clock import Clock, fixed_clock
from apprenance.credentials.formats.registry import FORMATS
from apprenance.credentials.pdf.certificate import render_certificate
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog
from apprenance.domain.certificate import CertificateData
from apprenance.errors import Conflict, InputError, NotFound
from apprenance.services.certificates.gather import CertificateOptions, gather_certificate

PDF_SUFFIX = FORMATS["pdf"].suffix
PARALLEL_FROM = 40  # fewer learners: one process (starting the workers costs ~0.3 s)
CHUNK = 4


def file_names(participants: list[str]) -> dict[str, str]:
    """A distinct, safe file name for each learner's certificate
    (``lea.marchand_example.org.pdf``); a name two learners would share gets a short hash."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for participant in participants:
        stem = re.sub(r"[^A-Za-z0-9._-]+", "_", participant).strip("._") or "learner"
        name = f"{stem[:80]}{PDF_SUFFIX}"
        if name.lower() in taken:
            digest = hashlib.sha256(participant.encode()).hexdigest()[:8]
            name = f"{stem[:80]}-{digest}{PDF_SUFFIX}"
        taken.add(name.lower())
        names[participant] = name
    return names


@dataclass
class BatchReport:
    """What a batch wrote, whom it skipped and why, and how fast it went."""

    folder: str
    written: list[dict[str, str]] = field(default_factory=list)  # learner, file
    skipped: list[dict[str, str]] = field(default_factory=list)  # learner, reason
    seconds: float = 0.0
    workers: int = 1

    @property
    def per_second(self) -> float:
        return len(self.written) / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"folder": self.folder, "written": self.written, "skipped": self.skipped,
                "seconds": round(self.seconds, 3), "per_second": round(self.per_second, 1),
                "workers": self.workers}


def write_atomically(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` whole or not at all (a temporary file, then a rename)."""
    tmp = path.with_name(f".{path.name}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(content)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None


def write_certificate(
    store: Store, catalog: Catalog, participant: str, out: Path, *,
    pathway: str | None = None, options: CertificateOptions | None = None, clock: Clock,
) -> CertificateData:
    """Gather, render and write one learner's certificate to ``out``."""
    data = gather_certificate(store, catalog, participant, pathway=pathway, options=options,
                              clock=clock)
    write_atomically(out, render_certificate(data, created=clock()))
    return data


Outcome = tuple[str, str, str]  # ("written", learner, file) or ("skipped", learner, reason)


def _one(store: Store, catalog: Catalog, participant: str, path: Path, pathway: str | None,
         options: CertificateOptions | None, clock: Clock) -> Outcome:
    try:
        write_certificate(store, catalog, participant, path, pathway=pathway, options=options,
                          clock=clock)
    except (Conflict, NotFound) as exc:
        return "skipped", participant, exc.message
    return "written", participant, str(path)


def write_batch(
    store: Store, catalog: Catalog, participants: list[str], folder: Path, *,
    pathway: str | None = None, options: CertificateOptions | None = None, clock: Clock,
    progress: Callable[[str], None] | None = None, workers: int | None = None,
) -> BatchReport:
    """One certificate per learner in ``folder``; a learner whose certificate cannot be made
    (pathway not completed) is skipped and reported, the others are written. ``workers``:
    processes to use (default: one per core for batches of at least PARALLEL_FROM)."""
    if workers is None:
        workers = (os.cpu_count() or 1) if len(participants) >= PARALLEL_FROM else 1
    workers = max(1, min(workers, len(participants) or 1))
    report = BatchReport(folder=str(folder), workers=workers)
    names = file_names(participants)
    jobs = [(p, folder / names[p]) for p in participants]
    fixed = fixed_clock(clock())
    started = time.perf_counter()
    if workers == 1:
        outcomes: Any = (_one(store, catalog, p, path, pathway, options, fixed)
                         for p, path in jobs)
        _collect(report, outcomes, progress)
    else:
        store.engine.dispose()  # no open connection may be shared with the workers
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_start_worker,
            initargs=(_url(store), catalog, pathway, options, fixed()),
        ) as pool:
            _collect(report, pool.map(_work, jobs, chunksize=CHUNK), progress)
    report.seconds = time.perf_counter() - started
    return report


def _collect(report: BatchReport, outcomes: Any,
             progress: Callable[[str], None] | None) -> None:
    for kind, participant, detail in outcomes:
        if kind == "written":
            report.written.append({"learner": participant, "file": detail})
        else:
            report.skipped.append({"learner": participant, "reason": detail})
        if progress is not None:
            progress(participant)


def _url(store: Store) -> str:
    return str(store.engine.url.render_as_string(hide_password=False))


_WORKER: dict[str, Any] = {}


def _start_worker(url: str, catalog: Catalog, pathway: str | None,
                  options: CertificateOptions | None, now: datetime) -> None:
    _WORKER.update(store=Store.open(url), catalog=catalog, pathway=pathway, options=options,
                   clock=fixed_clock(now))


def _work(job: tuple[str, Path]) -> Outcome:
    w = _WORKER
    return _one(w["store"], w["catalog"], job[0], job[1], w["pathway"], w["options"],
                w["clock"])
