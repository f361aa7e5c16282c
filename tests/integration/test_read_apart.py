"""A large file is read and checked in a process of its own (``services/ingest/read_apart``):
what the ingest stores and reports must be what reading in the ingest's own process gives,
for every file of the bad-input corpus (rejections, their lines and fields, whole-file
problems), and the reading process must not outlive the ingest."""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import apprenance.services.ingest.pipeline as pipeline
import apprenance.services.ingest.read_apart as read_apart
from apprenance.importers.canonical import Lookups
from bad_corpus import BAD, EXPECTED, fresh_home, ingest
from conftest import CliResult

# every format and kind of trouble, not all 100 files: each one starts a process
SAMPLE = sorted(EXPECTED)[::4] + [n for n in sorted(EXPECTED) if n.endswith(".jsonl")][:2]


@pytest.mark.parametrize("name", SAMPLE)
def test_reading_apart_reports_what_reading_here_does(
    cli: Callable[..., CliResult], template: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, name: str,
) -> None:
    (tmp_path / "here").mkdir()
    (tmp_path / "apart").mkdir()
    here = ingest(cli, fresh_home(template, tmp_path / "here"), name)
    started: list[str] = []
    real = read_apart.read_apart

    def counted(*args: Any) -> Any:
        started.append(str(args[0]))
        return real(*args)

    monkeypatch.setattr(read_apart, "READ_APART_BYTES", 0)
    monkeypatch.setattr(pipeline, "read_apart", counted)
    apart = ingest(cli, fresh_home(template, tmp_path / "apart"), name)
    assert started == [str(BAD / name)]
    assert json.dumps(apart, sort_keys=True) == json.dumps(here, sort_keys=True)
    assert apart["accepted"] == EXPECTED[name]["accepted"]


def test_the_reader_ends_when_the_ingest_stops_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("id,date,participant,territoire,projet,activite,duree\n" + "".join(
        f"r{i},2025-01-02,p{i % 9}@example.org,val,jardin,atelier-cuisine,{i % 3 or 'x'}\n"
        for i in range(30_000)), encoding="utf-8")
    lookups = Lookups.build({}, frozenset({"val"}), {"jardin": "val"})
    batches = read_apart.read_apart(path, "csv", "big.csv", str(path), lookups)
    sealed = next(batches)  # opened by the thread that stores it
    first = sealed.open()
    assert len(sealed) == len(first) == 5000 and sealed.position == first.position > 0
    # a duration "x" every third row: refused, by its line
    assert [(p.line, p.field) for p in first.problems[:2]] == [(2, "duree"), (5, "duree")]
    assert first.records[0]["source_line"] == 3
    assert multiprocessing.active_children()
    batches.close()  # the writer failed: the ingest abandons the file
    assert not multiprocessing.active_children()


def test_a_header_problem_comes_back_as_the_same_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("nom,prenom\nx,y\n", encoding="utf-8")
    lookups = Lookups.build({}, frozenset(), {})
    batches = read_apart.read_apart(path, "csv", "bad.csv", str(path), lookups)
    from apprenance.errors import FieldError

    with pytest.raises(FieldError) as raised:
        next(batches)
    assert raised.value.key == "header.missing" and raised.value.values["columns"]
    assert not multiprocessing.active_children()


def _killed(*_args: object) -> None:
    """A reading process killed before it sends anything (as by the out-of-memory killer)."""
    os._exit(9)


@pytest.mark.parametrize(("lang", "said"), [
    ("fr", "le processus qui lisait le fichier s'est arrêté sans dire pourquoi"),
    ("en", "the process reading the file stopped without saying why")])
def test_a_reading_process_killed_is_told_in_the_users_language(
    cli: Callable[..., CliResult], template: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, lang: str, said: str,
) -> None:
    home = fresh_home(template, tmp_path)
    monkeypatch.setattr(read_apart, "READ_APART_BYTES", 0)
    monkeypatch.setattr(read_apart, "_read", _killed)  # the target of the reading process
    result = cli("--home", home, "--lang", lang, "ingest", BAD / "day-over-24h.csv")
    assert result.code != 0
    assert said in result.err.replace("\u00a0", " ").replace("\u202f", " ")
    assert "Traceback" not in result.out + result.err
    other = "the process" if lang == "fr" else "le processus"
    assert other not in result.err
    assert not multiprocessing.active_children()
    # nothing was stored: the same file, read here, is all new
    monkeypatch.undo()
    again = ingest(cli, home, "day-over-24h.csv")
    assert again["accepted"] == EXPECTED["day-over-24h.csv"]["accepted"]
    assert again["duplicates"] == 0
