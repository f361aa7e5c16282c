"""Shared by the parallel-workers and crash-safety tests: the example territory split into
overlapping logs, `apprenance` run as real processes, a comparable snapshot of a store, and
the checks of an issuing run (store and --out folder)."""

from __future__ import annotations

import csv
import json
import math
import os
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from apprenance.credentials.images.unbake import unbake
from apprenance.credentials.trust.jwt import decode_jwt
from apprenance.domain import evidence_codec as codec
from conftest import PG_ADMIN_URL, REPO

EXAMPLES = REPO / "examples"
APPRENANCE = str(Path(sys.executable).parent / "apprenance")
# what an error shown to a user must never be: a driver's words or a traceback
LEAKS = ("deadlock", "serializ", "could not obtain", "database is locked", "Traceback",
         "internal error", "psycopg", "sqlalchemy", "sqlite3")


def env() -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if not k.startswith("APPRENANCE_")}
    out["APPRENANCE_LANG"] = "en"
    out["APPRENANCE_ALLOW_LOCAL_URL"] = "1"  # the workers sign for the default loopback URL
    return out


def start(opts: Sequence[str], *args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen([APPRENANCE, *opts, *(str(a) for a in args)], env=env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen[str], timeout: float = 120) -> dict[str, Any]:
    """Wait for a ``--json`` run: it exits 0, says nothing alarming, prints one document."""
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, f"exit {proc.returncode}: {err}\n{out[-3000:]}"  # its problems
    assert not any(word.lower() in err.lower() for word in LEAKS), err
    document = json.loads(out)
    assert isinstance(document, dict)
    return document


def together(opts: Sequence[str], runs: Sequence[Sequence[str | Path]]) -> list[dict[str, Any]]:
    """Start every run at once, then wait for all of them."""
    procs = [start(opts, *args) for args in runs]
    try:
        return [finish(proc) for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


# --- data ----------------------------------------------------------------------------------

def example_rows() -> tuple[list[str], list[dict[str, str]]]:
    with open(EXAMPLES / "activites.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def write_csv(path: Path, header: list[str], rows: Sequence[dict[str, str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def overlapping_logs(folder: Path, parts: int, seed: int) -> list[list[Path]]:
    """``parts`` lists of logs covering the example territory, each row of the CSV in all
    but one part (shuffled differently in each), the xAPI statements in every part (first in
    half of them): the same rows race in several processes."""
    header, rows = example_rows()
    rng = random.Random(seed)
    out: list[list[Path]] = []
    xapi = EXAMPLES / "activites-xapi.json"
    for k in range(parts):
        mine = [row for i, row in enumerate(rows) if i % parts != k]
        rng.shuffle(mine)
        part = write_csv(folder / f"part-{k}.csv", header, mine)
        out.append([part, xapi] if k % 2 else [xapi, part])
    return out


def big_log(path: Path, copies: int) -> Path:
    """The example CSV ``copies`` times, each copy with its own ids and participants."""
    header, rows = example_rows()
    copied = [
        {**row, "id": f"{row['id']}-c{c}", "participant": f"c{c}.{row['participant']}"}
        for c in range(copies) for row in rows
    ]
    return write_csv(path, header, copied)


# --- databases -----------------------------------------------------------------------------

@dataclass
class FreshDatabase:
    """Another empty database on the same server as ``like`` (or an SQLite file)."""

    like: str
    folder: Path
    name: str = "reference"

    def __enter__(self) -> str:
        if self.like.startswith("sqlite"):
            return f"sqlite:///{self.folder / f'{self.name}.sqlite3'}"
        self._db = f"{make_url(self.like).database}_{self.name}"
        self._run(f'DROP DATABASE IF EXISTS "{self._db}"', f'CREATE DATABASE "{self._db}"')
        return self.like.rsplit("/", 1)[0] + f"/{self._db}"

    def __exit__(self, *_exc: object) -> None:
        if not self.like.startswith("sqlite"):
            self._run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                      f"'{self._db}' AND pid <> pg_backend_pid()",
                      f'DROP DATABASE IF EXISTS "{self._db}"')

    def _run(self, *statements: str) -> None:
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for statement in statements:
                conn.execute(text(statement))
        admin.dispose()


# --- what a store holds --------------------------------------------------------------------

ACTIVITY_COLUMNS = ("occurred_at", "occurred_on", "territory_id", "project_id", "function",
                    "activity_type", "assigned_type", "suggested_type", "duration_hours",
                    "description", "evidence_url", "extra", "content_hash", "voided",
                    "source_ref")


@dataclass
class Snapshot:
    activities: dict[str, tuple[Any, ...]]
    attestations: Counter[tuple[str, str, str | None]]
    learners: dict[str, tuple[Any, ...]]
    totals: dict[tuple[str, str, str], tuple[float, int]]
    awards: set[tuple[str, str]]


def _rows(url: str, query: str) -> list[Any]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(text(query)))
    finally:
        engine.dispose()


def snapshot(url: str) -> Snapshot:
    """What must not depend on how many processes did the work (nor on ids or times)."""
    cols = ", ".join(f"a.{c}" for c in ACTIVITY_COLUMNS)
    activities = {
        r[0]: (r[1], *(_plain(v) for v in r[2:]))
        for r in _rows(url, f"SELECT a.id, l.participant, {cols} FROM activities a "
                            "JOIN learners l ON l.id = a.learner_id")
    }
    attestations = Counter(
        (r[0], r[1], r[2]) for r in _rows(
            url, "SELECT activity_id, witness, witness_role FROM attestations"))
    learners = {
        r[0]: tuple(_plain(v) for v in r[1:]) for r in _rows(
            url, "SELECT participant, name, role, territory_id, first_activity, last_activity, "
                 "erased_at FROM learners")
    }
    totals = {
        (participant, dim, key): (float(hours), int(count))
        for participant, value in _rows(
            url, "SELECT l.participant, e.totals "
                 "FROM learner_evidence e JOIN learners l ON l.id = e.learner_id")
        for dim, key, hours, count in codec.decode(value).rows()
    }
    awards = {(r[0], r[1]) for r in _rows(
        url, "SELECT l.participant, w.badge_id FROM awards w JOIN learners l "
             "ON l.id = w.learner_id")}
    return Snapshot(activities, attestations, learners, totals, awards)


def _plain(value: Any) -> Any:
    """A value as both databases give it back (SQLite: text, booleans as 0/1, JSON text)."""
    if value is None or isinstance(value, int | float | str):
        if isinstance(value, str) and value[:1] in "{[":
            try:
                return json.dumps(json.loads(value), sort_keys=True)
            except ValueError:
                return value
        return value
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return str(value)[:19].replace("T", " ")


def assert_same(got: Snapshot, want: Snapshot) -> None:
    assert want.activities, "the reference run stored nothing"
    assert set(got.activities) == set(want.activities), (
        f"missing {sorted(set(want.activities) - set(got.activities))[:5]}, "
        f"extra {sorted(set(got.activities) - set(want.activities))[:5]}")
    changed = [k for k in want.activities if got.activities[k] != want.activities[k]]
    assert not changed, [(got.activities[k], want.activities[k]) for k in changed[:3]]
    assert got.attestations == want.attestations
    assert got.learners == want.learners
    assert set(got.totals) == set(want.totals), (
        sorted(set(got.totals) ^ set(want.totals))[:5])
    off = [(k, got.totals[k], want.totals[k]) for k in want.totals
           if got.totals[k][1] != want.totals[k][1]
           or not math.isclose(got.totals[k][0], want.totals[k][0], rel_tol=0, abs_tol=1e-9)]
    assert not off, off[:5]
    assert got.awards == want.awards, (
        f"missing {sorted(want.awards - got.awards)[:5]}, "
        f"extra {sorted(got.awards - want.awards)[:5]}")


# --- what an issuing run left --------------------------------------------------------------

def check_issued(url: str, out: Path, *, crashed: bool = False, complete: bool = True) -> int:
    """Every award issued exactly once, each with its own status index and its files; every
    file in ``out`` whole. ``crashed``: hidden temporary files of a killed run may remain.
    ``complete=False``: between runs, what the store says was issued so far (some awards wait,
    and a killed run may have left the files of awards it did not record).
    Returns the number of credentials."""
    awards = {r[0]: (r[1], r[2], r[3], r[4]) for r in _rows(
        url, "SELECT w.id, w.issued_at, w.badge_id, l.id, l.participant FROM awards w "
             "JOIN learners l ON l.id = w.learner_id")}
    assert awards
    if complete:
        assert all(issued is not None for issued, *_ in awards.values()), (
            "an award was left without its credential")
    creds = _rows(url, "SELECT c.id, c.award_id, i.status_list_id, i.status_index, i.ob2_id, "
                       "i.issuer_id FROM credentials c LEFT JOIN credential_issuance i "
                       "ON i.credential_id = c.id WHERE c.format = 'ob3'")
    per_award = Counter(award_id for _, award_id, *_ in creds)
    issued = {award for award, (issued_at, *_) in awards.items() if issued_at is not None}
    assert set(per_award) == issued, "a credential without its award marked issued, or the reverse"
    twice = [a for a, n in per_award.items() if n != 1]
    assert not twice, f"awards with several credentials: {twice}"
    slots = [(list_id, index) for _, _, list_id, index, _, _ in creds]
    assert all(list_id is not None and index is not None for list_id, index in slots)
    assert len(set(slots)) == len(slots), "a status index was handed out twice"
    for path in _files(out):
        if path.name.startswith("."):
            assert crashed and path.name.endswith(".tmp"), f"stray file {path}"
            continue
        assert not path.name.endswith(".tmp"), path
        if path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))  # whole
    files: dict[str, set[str]] = {}
    for cid, award_id, _, _, ob2_id, _ in creds:
        _, badge, learner, _ = awards[award_id]
        folder = _folder(out, learner)
        expected = {f"{badge}{suffix}" for suffix in
                    (".ob3.json", ".ob3.jwt", ".png", ".svg", ".ob2.json", ".ob2.png",
                     ".ob2.svg")}
        files.setdefault(folder.name, set()).update(expected)
        assert json.loads((folder / f"{badge}.ob3.json").read_text("utf-8"))["id"] == cid
        token = (folder / f"{badge}.ob3.jwt").read_text("utf-8")
        assert decode_jwt(token).payload["jti"] == cid
        for image in (".png", ".svg"):
            baked = unbake((folder / f"{badge}{image}").read_bytes())
            assert baked is not None and json.loads(baked.text)["id"] == cid, (folder, image)
        assert json.loads((folder / f"{badge}.ob2.json").read_text("utf-8"))["id"] == ob2_id
        hosted = out / "public" / ob2_id.split("://", 1)[1].partition("/")[2]
        assert json.loads(hosted.read_text("utf-8"))["id"] == ob2_id
    for folder in out.iterdir() if complete else ():
        if folder.name == "public" or not folder.is_dir():
            continue
        shown = {p.name for p in folder.iterdir() if not p.name.startswith(".")}
        assert shown <= files.get(folder.name, set()), (
            f"files without a credential in {folder}: {shown - files.get(folder.name, set())}")
    for list_id, issuer in {(r[2], r[5]) for r in creds}:
        status = out / "public" / "issuers" / issuer / "status" / f"{list_id}.json"
        assert status.is_file(), f"status list {status} missing"
    return len(creds)


def _folder(out: Path, learner_id: int) -> Path:
    found = [p for p in out.glob(f"{learner_id}-*") if p.is_dir()]
    assert len(found) == 1, (learner_id, found)
    return found[0]


def _files(folder: Path) -> Iterator[Path]:
    for root, _dirs, names in os.walk(folder):
        for name in names:
            yield Path(root) / name
