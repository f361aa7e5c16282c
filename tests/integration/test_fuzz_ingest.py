"""Fuzzing the ingest service behind the importers: every file, however hostile, ends as
accepted rows or rejections, never another exception (the importers alone:
tests/unit/test_fuzz_importers.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apprenance.bootstrap import App
from apprenance.clock import fixed_clock
from apprenance.config import load_settings
from apprenance.services.ingest.pipeline import LogFile, ingest_files
from apprenance.services.people.territories import load_territory
from apprenance.services.store import init_store
from conftest import FIXED_NOW
from fuzz_support import HEADER, as_csv, csv_rows, fuzz, hostile_lines, only_our_errors


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-ingest")


@pytest.fixture(scope="module")
def app(folder: Path) -> Iterator[App]:
    app = App(load_settings(home=folder / "home", lang="en"), clock=fixed_clock(FIXED_NOW))
    init_store(app.home, lambda: app.store)
    territory = folder / "val.yaml"
    territory.write_text("id: val\nname: Val\nprojects:\n  - id: jardin\n    name: Jardin\n",
                         "utf-8")
    load_territory(app.store, territory, clock=app.clock)
    yield app
    app.close()


@fuzz(25)
@given(st.one_of(
    st.binary(max_size=300),
    csv_rows.map(lambda body: as_csv([HEADER, *body], ",", "\n").encode("utf-8",
                                                                      "surrogateescape")),
    st.lists(hostile_lines, max_size=3).map(
        lambda ls: "\n".join(ls).encode("utf-8", "surrogateescape")),
), st.sampled_from(["log.csv", "log.jsonl", "log.json"]))
def test_ingest_service_never_fails_on_a_hostile_file(app: App, folder: Path, data: bytes,
                                                      name: str) -> None:
    path = folder / name
    path.write_bytes(data)
    result = only_our_errors(lambda: ingest_files(
        app.store, app.catalog(), [LogFile(path, name)], clock=app.clock, lang="en"))
    assert not isinstance(result, BaseException), result
    assert result.accepted + result.duplicates + result.rejected >= 0
