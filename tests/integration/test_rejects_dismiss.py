"""`rejects list` shows each reject's id and raw row; `rejects dismiss ID --reason` closes one
by hand (a file whose header is wrong), and the same content ingested again opens it again."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from apprenance.cli.main import COMMANDS
from conftest import REPO, CliResult
from ingest_cli import HEADER, run, write

Cli = Callable[..., CliResult]


def test_a_header_reject_is_dismissed_with_a_reason_and_reopened_by_the_same_file(
    cli: Cli, store: list[str], tmp_path: Path
) -> None:
    wrong = write(tmp_path / "wrong-header.csv", ["quand;qui;combien", "2025-03-01;ann;2"])
    row = write(tmp_path / "row.csv", [HEADER, "c;2025-02-30;ann;;habitant;val;jardin;;"
                                       "atelier-cuisine;;1;;;"])
    run(cli, store, "ingest", "--json", wrong, row)
    listed = run(cli, store, "rejects", "list", "--json")["rejects"]
    header = next(r for r in listed if r["file"] == str(wrong.resolve()))
    human = cli(*store, "rejects", "list")
    assert f"#{header['id']} " in human.out and "c;2025-02-30;ann" in human.out  # the raw row
    refused = cli(*store, "rejects", "dismiss", str(header["id"]), "--reason", "  ")
    assert refused.code == 2 and "give a reason" in refused.err
    missing = cli(*store, "--lang", "fr", "rejects", "dismiss", "999999", "--reason", "x")
    assert missing.code == 2 and "aucun rejet n° 999999" in missing.err
    done = run(cli, store, "rejects", "dismiss", "--json", str(header["id"]),
               "--reason", "old export of the town hall, replaced")
    assert done["dismissed_reason"] == "old export of the town hall, replaced"
    assert done["resolved_at"] is not None
    still = run(cli, store, "rejects", "list", "--json")["rejects"]
    assert [r["id"] for r in still] == [r["id"] for r in listed if r["id"] != header["id"]]
    every = run(cli, store, "rejects", "list", "--all", "--json")["rejects"]
    assert "dismissed" in cli(*store, "rejects", "list", "--all").out
    assert len(every) == len(listed)
    run(cli, store, "ingest", "--json", wrong)  # the same wrong file again: open again
    again = {r["id"]: r for r in run(cli, store, "rejects", "list", "--json")["rejects"]}
    assert again[header["id"]]["dismissed_reason"] is None


def test_the_rejects_subcommands_are_in_the_readme_tour() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    tour = readme[readme.index("## Tour of the commands"):readme.index("## Documentation")]
    assert "rejects" in COMMANDS
    line = next(x for x in tour.splitlines() if x.startswith("| `apprenance rejects"))
    for sub in ("list", "export", "dismiss"):
        assert sub in re.split(r"(?<!\\)\|", line)[1], sub  # the command cell
