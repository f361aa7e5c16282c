"""`apprenance ingest` and `apprenance issue` killed with SIGKILL at random points (seeded),
then run again to the end, leave the store a clean run leaves: no activity lost or counted
twice, every award issued exactly once with its own status index, and only whole files in the
--out folder (five kills of each job on each database: twenty in all)."""

from __future__ import annotations

import json
import random
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from conftest import CliResult
from workers_world import (
    EXAMPLES,
    FreshDatabase,
    assert_same,
    big_log,
    check_issued,
    example_rows,
    finish,
    snapshot,
    start,
    write_csv,
)

pytestmark = pytest.mark.serial  # kills workers at random moments: a group started first

KILLS = 5
# learners with few awards (17 in all): issuing them all takes seconds, not a minute
FEW_AWARDS = {"bernard.caron@montfleury-sur-serre.example.org",
              "jean-marc.vasseur@saint-aubin-les-pres.example.org",
              "nathalie.perrin@cc-val-de-serre.example.org",
              "julien.morel@cc-val-de-serre.example.org", "thomas.girard@example.org"}


def ready(cli: Callable[..., CliResult], opts: list[str], *args: str | Path) -> None:
    for command in (["init"], ["territory", str(EXAMPLES / "territory.yaml")], list(args)):
        if command:
            result = cli(*opts, *command)
            assert result.code == 0, result.err


def timed(opts: list[str], args: list[str]) -> float:
    """How long a clean run takes here (start-up included)."""
    begin = time.monotonic()
    finish(start(opts, *args))
    return time.monotonic() - begin


@dataclass
class Progress:
    """What a run has committed: ``query`` counts it, ``total`` is a clean run's count;
    ``holds`` checks what must be true whenever a run stops, killed or not."""

    query: str
    total: int
    holds: Callable[[], object] = lambda: None


def kill_at_random(opts: list[str], args: list[str], rng: random.Random, url: str,
                   clean: float, progress: Progress) -> list[str]:
    """Run ``apprenance ARGS`` KILLS times, each killed with SIGKILL: after a random part of
    the time a clean run takes (``clean`` seconds: from start-up to the last writes), or as
    soon as it has committed up to a random count (just after a commit), or everything (just
    after its last commit). Returns where the killed runs were."""
    killed = []
    engine = create_engine(url, poolclass=NullPool)  # no session left open between polls
    try:
        for attempt in range(KILLS):
            proc = start(opts, *args)
            if attempt % 2:
                target = rng.randint(1, progress.total - 1) if attempt < 3 else progress.total
                with engine.connect() as conn:
                    while proc.poll() is None and (
                            conn.execute(text(progress.query)).scalar() or 0) < target:
                        conn.rollback()
                        time.sleep(0.01)
                where = f"committed {target}"
            else:
                delay = rng.uniform(0.1, 0.95) * clean
                time.sleep(delay)
                where = f"after {delay:.2f} s"
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                killed.append(where)
            proc.communicate(timeout=60)
            _wait_for_sessions_to_end(url)
            progress.holds()
    finally:
        engine.dispose()
    return killed


def _wait_for_sessions_to_end(url: str) -> None:
    """On PostgreSQL, until the killed process's sessions are gone (their transactions rolled
    back: the awards they claimed are free again)."""
    if not url.startswith("postgresql"):
        return
    engine = create_engine(url)
    try:
        for _ in range(400):  # 20 s at most: a killed client's session ends within moments
            with engine.connect() as conn:
                others = conn.execute(text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = :db "
                    "AND pid <> pg_backend_pid()"), {"db": make_url(url).database}).scalar()
            if not others:
                return
            time.sleep(0.05)
    finally:
        engine.dispose()


def awarded(cli: Callable[..., CliResult], opts: list[str], log: Path) -> None:
    """A store whose awards wait to be issued, and an issuer."""
    ready(cli, opts, "ingest", str(log))
    for args in (["evaluate"], ["issuer", "init", "--name", "Collectif des Ressourceurs",
                                "--email", "contact@ressourceurs.example.org",
                                "--no-passphrase"]):
        assert cli(*opts, *args).code == 0


@pytest.mark.postgres
def test_killed_ingests_lose_nothing_and_count_nothing_twice(
    cli: Callable[..., CliResult], home: Path, db_url: str, tmp_path: Path
) -> None:
    opts = ["--home", str(home), "--db", db_url]
    ready(cli, opts)
    log = big_log(tmp_path / "big.csv", copies=70)  # 46,900 rows: three transactions
    args = ["ingest", "--json", str(log), str(EXAMPLES / "activites-xapi.json")]
    with FreshDatabase(db_url, tmp_path) as reference:
        ref_opts = ["--home", str(tmp_path / "reference-home"), "--db", reference]
        ready(cli, ref_opts)
        clean = timed(ref_opts, args)
        want = snapshot(reference)

    killed = kill_at_random(opts, args, random.Random(20260915), db_url, clean,
                            Progress("SELECT count(*) FROM activities", len(want.activities)))
    again = finish(start(opts, *args))
    assert again["rejected"] == 0, again["rejections"][:3]
    assert_same(snapshot(db_url), want)
    assert killed, "no run was killed: the kills must land mid-run"


@pytest.mark.postgres
def test_killed_issuers_leave_each_award_issued_once_with_whole_files(
    cli: Callable[..., CliResult], home: Path, db_url: str, tmp_path: Path
) -> None:
    opts = ["--home", str(home), "--db", db_url]
    header, rows = example_rows()
    log = write_csv(tmp_path / "few.csv", header, [r for r in rows
                                                   if r["participant"] in FEW_AWARDS])
    issuing = ["issue", "--out", str(tmp_path / "reference-out"), "--chunk", "4", "--json"]
    with FreshDatabase(db_url, tmp_path) as reference:
        ref_opts = ["--home", str(tmp_path / "reference-home"), "--db", reference]
        awarded(cli, ref_opts, log)
        clean = timed(ref_opts, issuing)
        issued = check_issued(reference, tmp_path / "reference-out")

    awarded(cli, opts, log)
    before = snapshot(db_url)
    out = tmp_path / "out"
    args = ["issue", "--out", str(out), "--chunk", "4", "--json"]
    # after each kill: what the store says was issued is on disk, whole, verifiable
    killed = kill_at_random(
        opts, args, random.Random(20260916), db_url, clean,
        Progress("SELECT count(*) FROM awards WHERE issued_at IS NOT NULL", issued,
                 partial(check_issued, db_url, out, crashed=True, complete=False)))
    finish(start(opts, *args))

    after = snapshot(db_url)
    assert_same(after, before)  # issuing changes no activity, total or award
    assert check_issued(db_url, out, crashed=True) == issued == len(before.awards)
    _endorsements_are_those_of_the_credentials(db_url)
    assert killed, "no run was killed: the kills must land mid-run"


def _endorsements_are_those_of_the_credentials(url: str) -> None:
    """No endorsement stored without the credential that carries it, none missing."""
    engine = create_engine(url)
    with engine.connect() as conn:
        stored = set(conn.execute(text(
            "SELECT id FROM credentials WHERE format = 'endorsement'")).scalars())
        carried = set()
        for document in conn.execute(text(
                "SELECT document FROM credentials WHERE format = 'ob3'")).scalars():
            value = json.loads(document) if isinstance(document, str) else document
            carried.update(e["id"] for e in value.get("endorsement", []))
    engine.dispose()
    assert stored == carried and stored
