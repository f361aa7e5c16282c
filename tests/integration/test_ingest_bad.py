"""The bad-input corpus (tests/data/bad, written by its generate.py): every file goes through
the real command line into a real SQLite store, and must give the rejections listed in
expected.json — no traceback, the good rows around the broken one kept, and the same answer
when ingested a second time, without a second copy of anything."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bad_corpus import BAD, EXPECTED, fresh_home, ingest
from conftest import CliResult


def test_the_corpus_is_large_enough() -> None:
    assert len(EXPECTED) >= 60
    assert all((BAD / name).is_file() for name in EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_gives_its_rejection(
    name: str, cli: Callable[..., CliResult], template: Path, tmp_path: Path
) -> None:
    expected = EXPECTED[name]
    home = fresh_home(template, tmp_path)
    report = ingest(cli, home, name)
    assert report["accepted"] == expected["accepted"], report["rejections"]
    assert report["rejected"] == expected["rejected"], report["rejections"]
    for item in report["rejections"]:
        assert {"file", "line", "field", "reason"} <= set(item)
        assert item["file"] == str(BAD / name)
        assert item["reason"] and item["reason"] != item["field"]
    for want in expected["rejections"]:
        assert any(_matches(got, want) for got in report["rejections"]), (
            want, report["rejections"])
    with sqlite3.connect(home / "apprenance.sqlite3") as db:
        stored = db.execute("SELECT count(*) FROM activities").fetchone()[0]
        quarantined = db.execute("SELECT count(*), min(length(raw)) FROM rejects").fetchone()
        descriptions = dict(db.execute("SELECT id, description FROM activities"))
    assert stored == expected["accepted"]
    assert quarantined[0] >= min(1, expected["rejected"])
    assert quarantined[0] == 0 or quarantined[1] > 0
    for activity_id, text in expected.get("stored", {}).items():
        assert descriptions[activity_id] == text  # stored as written: text, not a formula

    again = ingest(cli, home, name)
    assert again["accepted"] == 0
    assert again["duplicates"] == expected["accepted"]
    assert again["rejected"] == expected["rejected"], again["rejections"]
    with sqlite3.connect(home / "apprenance.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM activities").fetchone()[0] == stored
        assert db.execute("SELECT count(*) FROM rejects").fetchone()[0] == quarantined[0]


def _matches(got: dict[str, Any], want: dict[str, Any]) -> bool:
    if got["field"] != want["field"] or want["reason"] not in got["reason"]:
        return False
    if "line" in want and got["line"] != want["line"]:
        return False
    return "statement_id" not in want or got.get("statement_id") == want["statement_id"]
