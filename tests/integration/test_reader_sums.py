"""A large file read apart into SQLite has its evidence summed by the reading process, by
segment (``services/ingest/segments``): the totals stored must be those of reading in the
ingest's own process (the writer summing what it stores) and those a rebuild computes from
the stored rows, whatever the writer did not store: duplicates in the file and in the store,
conflicting ids, days over 24 hours, rows outside a coordinator's territory."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

import pytest

import apprenance.services.ingest.pipeline as pipeline
import apprenance.services.ingest.read_apart as read_apart
from apprenance.bootstrap import App
from apprenance.clock import fixed_clock
from apprenance.config import load_settings
from apprenance.domain.evidence import Totals
from apprenance.services.evidence.totals import load_totals, rebuild_evidence
from apprenance.services.ingest.pipeline import LogFile, ingest_files
from apprenance.services.ingest.segments import ReaderSums
from apprenance.services.ingest.tally import Tally
from bad_corpus import fresh_home
from conftest import FIXED_NOW

HEAD = "id,date,participant,territoire,projet,fonction,activite,duree,temoin\n"
TYPES = ["atelier-cuisine", "chantier-participatif", "reunion-publique", "type-inconnu",
         "jardinage-collectif", "repair-cafe"]
FUNCTIONS = ["alimentation", "habitat", "", "soigner", "epanouir"]
DURATIONS = ["1.5", "2", "\"0,75\"", "3.25", "PT1H20M"]
ROWS = 24_000  # five batches of the reading process (5,000 rows or problems each)


def _line(i: int, duration: str | None = None, over: bool = True, day: str = "") -> str:
    participant = i % 9
    territory, project = ("autre", "ailleurs") if participant == 8 else (
        "val", ("jardin", "bois")[i % 2])
    day = day or f"2025-{1 + (i // 40) // 28 % 12:02d}-{1 + (i // 40) % 28:02d}"
    if duration is None:
        duration = "23" if over and i % 997 == 0 else DURATIONS[i % 5]  # over the day's cap
    return (f"r{i},{day},p{participant}@example.org,{territory},{project},"
            f"{FUNCTIONS[i % 5]},{TYPES[i % 6]},{duration},{'w@example.org' if i % 7 else ''}\n")


def _log(path: Path, rows: range, anomalies: bool = True, over: bool | None = None) -> Path:
    """``anomalies``: rows twice, ids twice and days over 24 hours (``over``: only those)."""
    lines = []
    for i in rows:
        lines.append(_line(i, over=anomalies if over is None else over))
        if not anomalies:
            continue
        if i % 101 == 0:
            lines.append(_line(i))  # the same row again: a duplicate in the file
        if i % 211 == 0:
            # the same id, other content: refused (its day would be its learner's last)
            lines.append(_line(i, "4", day="2026-06-30"))
    path.write_text(HEAD + "".join(lines), encoding="utf-8")
    return path


def _ingest(home: Path, path: Path, territories: Collection[str] | None = None) -> Tally:
    app = App(load_settings(home=home, lang="en"))
    try:
        return ingest_files(app.store, app.catalog(), [LogFile(path, path.name)],
                            clock=fixed_clock(FIXED_NOW), lang="en", territories=territories)
    finally:
        app.close()


def _totals(home: Path, rebuild: bool = False) -> dict[int, Totals]:
    app = App(load_settings(home=home, lang="en"))
    try:
        with app.store.transaction() as conn:
            if rebuild:
                rebuild_evidence(conn, app.catalog())
            ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM learners ORDER BY id")]
            return load_totals(conn, ids)
    finally:
        app.close()


def _same(got: dict[int, Totals], want: dict[int, Totals]) -> None:
    assert set(got) == set(want)
    for learner, totals in want.items():
        mine = got[learner]
        assert (mine.first, mine.last) == (totals.first, totals.last), learner
        assert dict(mine.counts) == dict(totals.counts), learner
        assert set(mine.hours) == set(totals.hours), learner
        for key, hours in totals.hours.items():
            assert math.isclose(mine.hours[key], hours, rel_tol=0, abs_tol=1e-9), (learner, key)


@pytest.fixture
def modes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The accounting of each segment the reading process summed, as its sums came."""
    seen: list[str] = []
    close = ReaderSums.close

    def noting(self: ReaderSums, *args: Any) -> None:
        seen.append(self.mode)
        close(self, *args)

    monkeypatch.setattr(ReaderSums, "close", noting)
    yield seen


def _apart(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file read apart, in segments of two batches."""
    monkeypatch.setattr(read_apart, "READ_APART_BYTES", 0)
    monkeypatch.setattr(pipeline, "SQLITE_COMMIT_ROWS", 8_000)


def _stored(home: Path) -> list[list[tuple[Any, ...]]]:
    """Every stored activity, attestation and learner, column by column."""
    app = App(load_settings(home=home, lang="en"))
    try:
        with app.store.transaction() as conn:
            return [[tuple(row) for row in conn.exec_driver_sql(query)] for query in (
                "SELECT * FROM activities ORDER BY id",
                "SELECT * FROM attestations ORDER BY activity_id, witness",
                "SELECT participant, name, role, source_file, source_line FROM learners "
                "ORDER BY participant")]
    finally:
        app.close()


# what the file holds besides new rows (anomalies: rows twice, ids twice, days over 24 hours),
# and what was stored before it (the same file: ingested again; its first batch: the rest
# of that segment summed by the writer)
SCENARIOS = {"fresh": (False, None), "prefix stored": (True, range(0, 16_000)),
             "middle stored": (True, range(6_000, 9_000)), "coordinator": (True, None),
             "over the day": (False, None), "ingested again": (False, range(ROWS)),
             "first batch stored": (False, range(0, 5_000))}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_sums_of_the_reading_process_are_those_of_the_writer(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, modes: list[str],
    scenario: str,
) -> None:
    anomalies, before = SCENARIOS[scenario]
    full = _log(tmp_path / "full.csv", range(ROWS), anomalies=anomalies,
                over=True if scenario == "over the day" else None)
    # batches of about 4,930 rows, segments of two batches: the first one and a half segments
    # stored before, or a part of the first, or the whole file
    territories = {"val"} if scenario == "coordinator" else None
    tallies = {}
    earlier = None if before is None else _log(tmp_path / "before.csv", before, anomalies)
    for where in ("here", "apart"):
        (tmp_path / where).mkdir()
        home = fresh_home(template, tmp_path / where)
        if earlier is not None:
            _ingest(home, earlier)
        if where == "apart":
            _apart(monkeypatch)
            modes.clear()
        tallies[where] = _ingest(home, full, territories)
    assert tallies["apart"].to_dict() == tallies["here"].to_dict()
    assert (tallies["apart"].accepted > 0) == (scenario != "ingested again")
    assert (tallies["apart"].rejected > 0) == (scenario not in (
        "fresh", "first batch stored", "ingested again"))
    here, apart = _totals(tmp_path / "here" / "home"), _totals(tmp_path / "apart" / "home")
    assert here and any(t.counts for t in here.values())
    _same(apart, here)
    _same(_totals(tmp_path / "apart" / "home", rebuild=True), here)
    expected = {"fresh": {"clean"}, "prefix stored": {"empty", "own"},
                "middle stored": {"subtract"}, "coordinator": {"subtract"},
                "over the day": {"subtract"}, "ingested again": {"empty"},
                "first batch stored": {"own"}}[scenario]
    assert len(modes) == 3 and expected <= set(modes), modes
    if scenario == "ingested again":
        assert set(modes) == {"empty"}
    # the same rows stored, whether written from dictionaries or from columns
    assert _stored(tmp_path / "apart" / "home") == _stored(tmp_path / "here" / "home")


def test_a_slow_segment_ends_at_its_time_limit(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, modes: list[str],
) -> None:
    """On a slow machine a segment (one transaction, holding SQLite's write lock) ends at
    ``SQLITE_COMMIT_SECONDS`` rather than at its rows: here at once, so each batch is a
    segment of its own, and the totals are still those of reading here."""
    full = _log(tmp_path / "full.csv", range(ROWS), anomalies=True)
    tallies = {}
    for where in ("here", "apart"):
        (tmp_path / where).mkdir()
        home = fresh_home(template, tmp_path / where)
        if where == "apart":
            monkeypatch.setattr(read_apart, "READ_APART_BYTES", 0)
            monkeypatch.setattr(pipeline, "SQLITE_COMMIT_ROWS", 10**9)
            monkeypatch.setattr(pipeline, "SQLITE_COMMIT_SECONDS", 0.0)
            modes.clear()
        tallies[where] = _ingest(home, full)
    assert tallies["apart"].to_dict() == tallies["here"].to_dict()
    assert len(modes) == 5, modes  # five batches: five segments, five transactions
    _same(_totals(tmp_path / "apart" / "home"), _totals(tmp_path / "here" / "home"))
    assert _stored(tmp_path / "apart" / "home") == _stored(tmp_path / "here" / "home")
