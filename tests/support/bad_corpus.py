"""The bad-input corpus (tests/data/bad, written by its generate.py) and what its tests share:
its expected answers, a template SQLite store with the territories ``val`` and ``autre`` (the
``template`` fixture), a copy of it per test, and ingesting one file for its JSON report."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import CliResult
from ingest_cli import write_territories

BAD = Path(__file__).parents[1] / "data" / "bad"
EXPECTED: dict[str, dict[str, Any]] = json.loads((BAD / "expected.json").read_text("utf-8"))
KEYS = {"accepted", "duplicates", "rejected", "unmapped", "rejections", "notes", "files"}



@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An initialised SQLite store with the territories ``val`` and ``autre``, copied by each
    test (initialising one per file would take most of the run)."""
    from apprenance.bootstrap import App
    from apprenance.clock import fixed_clock
    from apprenance.config import load_settings
    from apprenance.services.people.territories import load_territory
    from apprenance.services.store import init_store
    from conftest import FIXED_NOW

    home = tmp_path_factory.mktemp("template")
    app = App(load_settings(home=home, lang="en"))
    init_store(app.home, lambda: app.store)
    for path in write_territories(home):
        load_territory(app.store, path, clock=fixed_clock(FIXED_NOW))
    app.close()
    return home / "apprenance.sqlite3"


def fresh_home(template: Path, tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(template, home / "apprenance.sqlite3")
    return home


def ingest(cli: Callable[..., CliResult], home: Path, name: str) -> dict[str, Any]:
    result = cli("--home", home, "ingest", "--json", BAD / name)
    assert "Traceback" not in result.out + result.err
    report = result.json()
    assert isinstance(report, dict)
    assert set(report) == KEYS
    whole = report["rejected"] and not report["accepted"] and not report["duplicates"]
    assert result.code == (1 if whole else 0), result.err  # a file rejected whole: exit 1
    return report
