"""Four processes of each job at once on one store (`apprenance ingest` on overlapping logs,
then `evaluate --all`, then `issue --out` into the same folder) leave the store a single
process leaves: the same activities, evidence totals and awards, one credential per award,
each with its own status index, and no error shown to anyone (deadlocks, serialization
failures and lost races are handled inside)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import CliResult
from workers_world import (
    EXAMPLES,
    FreshDatabase,
    assert_same,
    check_issued,
    overlapping_logs,
    snapshot,
    together,
)

WORKERS = 4


def prepare(cli: Callable[..., CliResult], opts: list[str]) -> None:
    for args in (["init"], ["territory", str(EXAMPLES / "territory.yaml")],
                 ["issuer", "init", "--name", "Collectif des Ressourceurs",
                  "--email", "contact@ressourceurs.example.org", "--no-passphrase"]):
        result = cli(*opts, *args)
        assert result.code == 0, result.err


def test_four_workers_of_each_job_leave_the_store_one_process_leaves(
    cli: Callable[..., CliResult], home: Path, db_url: str, tmp_path: Path
) -> None:
    opts = ["--home", str(home), "--db", db_url]
    prepare(cli, opts)
    logs = overlapping_logs(tmp_path, WORKERS, seed=11)
    ingests = together(opts, [["ingest", "--json", *files] for files in logs])
    evaluations = together(opts, [["evaluate", "--all", "--json"]] * WORKERS)
    out = tmp_path / "out"  # what users do: every worker writes where the web server reads
    issues = together(opts, [["issue", "--out", str(out), "--json"]] * WORKERS)

    with FreshDatabase(db_url, tmp_path) as reference:
        ref_opts = ["--home", str(tmp_path / "reference-home"), "--db", reference]
        prepare(cli, ref_opts)
        alone = cli(*ref_opts, "ingest", "--json", *(f for files in logs for f in files))
        assert alone.code == 0, alone.err
        assert cli(*ref_opts, "evaluate", "--all").code == 0
        want = snapshot(reference)

    assert_same(snapshot(db_url), want)
    ingested = alone.json()
    assert isinstance(ingested, dict) and ingested["rejected"] == 0
    assert sum(r["accepted"] for r in ingests) == ingested["accepted"]
    assert all(r["rejected"] == 0 for r in ingests), [r["rejections"] for r in ingests]
    assert sum(r["new_awards"] for r in evaluations) == len(want.awards)
    assert all(not r["problems"] for r in issues), [r["problems"] for r in issues]
    assert sum(r["issued"] for r in issues) == len(want.awards)
    assert check_issued(db_url, out) == len(want.awards)
