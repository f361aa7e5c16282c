"""Fuzzing the activity-log importers (CSV, JSON Lines, xAPI); the ingest service behind them:
tests/integration/test_fuzz_ingest.py.

Properties: a file is either refused as a whole (``FieldError`` before the first batch, which
the ingest service turns into one rejection) or read into batches of records and problems —
never another exception; and the good rows around a bad one are kept, whatever the bad one is.
"""

from __future__ import annotations

import codecs
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from apprenance.contracts.records import Batch
from apprenance.domain.catalog import ActivityType
from apprenance.errors import FieldError
from apprenance.importers import read_log
from apprenance.importers.canonical import Lookups
from fuzz_support import (
    HEADER,
    as_csv,
    csv_rows,
    format_text,
    fuzz,
    good_object,
    good_row,
    hostile_lines,
    json_values,
    mutated_json,
    statement,
)

KINDS = {
    "atelier-cuisine": ActivityType(
        id="atelier-cuisine", label={"fr": "Atelier cuisine", "en": "Cooking workshop"},
        pillars={"faire": 1.0}, competences={}, functions=("alimentation",)),
}
LOOKUPS = Lookups.build(KINDS, frozenset({"val"}), {"jardin": "val"})


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


def read_all(folder: Path, name: str, data: bytes, fmt: str) -> Batch | FieldError:
    """Every batch of the file merged into one; the ``FieldError`` of a refused file."""
    path = folder / name
    path.write_bytes(data)
    batches = read_log(path, fmt, name, str(path), LOOKUPS)
    merged = Batch()
    try:
        first = next(batches)
    except FieldError as refused:
        return refused
    for batch in [first, *batches]:  # a FieldError after the first batch fails the test
        merged.records += batch.records
        merged.problems += batch.problems
        merged.voids += batch.voids
    for problem in merged.problems:
        assert problem.reason("en") and problem.reason("fr")
    return merged


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    return text.encode(encoding, errors="surrogateescape")


# --- CSV -----------------------------------------------------------------------------------


@fuzz(120)
@given(st.binary(max_size=600))
def test_csv_random_bytes(folder: Path, data: bytes) -> None:
    read_all(folder, "random.csv", data, "csv")


@fuzz(100)
@given(st.binary(max_size=200), st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE]))
def test_csv_random_bytes_after_a_valid_header(folder: Path, tail: bytes, bom: bytes) -> None:
    read_all(folder, "tail.csv", bom + ",".join(HEADER).encode() + b"\n" + tail, "csv")


@fuzz(100)
@given(format_text)
def test_csv_random_text(folder: Path, text: str) -> None:
    read_all(folder, "text.csv", text.encode("utf-8", errors="surrogateescape"), "csv")


@fuzz(100)
@given(csv_rows, st.sampled_from([",", ";", "\t"]), st.sampled_from(["\n", "\r\n", "\r"]),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]), st.booleans())
def test_csv_random_rows(folder: Path, body: list[list[str]], separator: str, newline: str,
                         encoding: str, with_header: bool) -> None:
    text = as_csv(([HEADER] if with_header else []) + body, separator, newline)
    read_all(folder, "rows.csv", encode(text, encoding), "csv")


bad_cells = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["", "2025-02-30", "2025-13-01", "0", "-1", "25", "P1M", "nobody", "=cmd",
                     "has space", "javascript:alert(1)", "x" * 5000, "\x00", "\x07", "\udcff",
                     "PT1H" * 30, "9" * 5000, "inconnu", "habitat"]))


@st.composite
def bad_rows(draw: st.DrawFn) -> list[str]:
    """A row with the right width and at least one value the checks refuse."""
    row = good_row(999)
    row[0] = "bad-row"
    column = draw(st.sampled_from([1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12]))
    row[column] = draw(bad_cells)
    return row


@fuzz(80)
@given(st.integers(min_value=0, max_value=12), st.integers(min_value=0, max_value=12),
       st.one_of(bad_rows(), st.lists(st.text(max_size=6), min_size=1, max_size=20)),
       st.sampled_from([",", ";", "\t"]), st.sampled_from(["\n", "\r\n"]),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_csv_good_rows_around_a_bad_one_are_kept(
    folder: Path, before: int, after: int, bad: list[str], separator: str, newline: str,
    encoding: str,
) -> None:
    good = [good_row(i) for i in range(before + after)]
    text = as_csv([HEADER, *good[:before], bad, *good[before:]], separator, newline)
    if encoding == "utf-16" and any("\udc80" <= c <= "\udcff" for c in text):
        encoding = "utf-8"  # a lone surrogate cannot be written as UTF-16
    merged = read_all(folder, "mixed.csv", encode(text, encoding), "csv")
    early_bytes = any("\udc80" <= c <= "\udcff" for cell in bad for c in cell)
    if early_bytes and isinstance(merged, FieldError):  # not UTF-8 early on: file refused
        assert merged.key == "file.not_utf8"
        return
    assert isinstance(merged, Batch), merged
    ids = [r["id"] for r in merged.records if r["id"] != "bad-row"]
    assert ids == [row[0] for row in good]
    if len(merged.records) == len(good) and any(cell.strip() for cell in bad):
        assert merged.problems, "the refused row is reported"


# --- JSON Lines ----------------------------------------------------------------------------


@fuzz(100)
@given(st.binary(max_size=400))
def test_jsonl_random_bytes(folder: Path, data: bytes) -> None:
    read_all(folder, "random.jsonl", data, "jsonl")


@fuzz(100)
@given(st.integers(min_value=0, max_value=10), st.integers(min_value=0, max_value=10),
       st.lists(hostile_lines.filter(lambda s: "\n" not in s and "\r" not in s
                                     and "\x0b" not in s and "\x0c" not in s
                                     and "\x1c" not in s and "\x1d" not in s
                                     and "\x1e" not in s and "\x85" not in s
                                     and "\u2028" not in s and "\u2029" not in s),
                min_size=1, max_size=3))
def test_jsonl_good_lines_around_bad_ones_are_kept(
    folder: Path, before: int, after: int, bad: list[str]
) -> None:
    good = [json.dumps(good_object(i), ensure_ascii=False) for i in range(before + after)]
    lines = [*good[:before], *bad, *good[before:]]
    text = "\n".join(lines) + "\n"
    merged = read_all(folder, "mixed.jsonl", text.encode("utf-8", errors="surrogateescape"),
                      "jsonl")
    if isinstance(merged, FieldError):  # the file as a whole (a NUL-heavy line: "binary")
        assert merged.field == "(fichier)"
        return
    ids = {r["id"] for r in merged.records}
    assert {f"ok-{i}" for i in range(before + after)} <= ids


# --- xAPI ----------------------------------------------------------------------------------


def test_the_valid_statement_is_valid(folder: Path) -> None:
    merged = read_all(folder, "one.json", json.dumps([statement(1)]).encode(), "xapi")
    assert isinstance(merged, Batch) and len(merged.records) == 1, merged


@fuzz(120)
@given(st.one_of(st.lists(json_values, max_size=4).map(lambda v: json.dumps(v)),
                 json_values.map(lambda v: json.dumps({"statements": [v], "more": ""})),
                 st.lists(json_values, max_size=4).map(
                     lambda vs: "\n".join(json.dumps({"verb": v}) for v in vs)),
                 format_text))
def test_xapi_random_json(folder: Path, text: str) -> None:
    read_all(folder, "random.json", text.encode("utf-8", errors="surrogateescape"), "xapi")


@fuzz(100)
@given(st.binary(max_size=300))
def test_xapi_random_bytes(folder: Path, data: bytes) -> None:
    read_all(folder, "random.json", data, "xapi")


@fuzz(150)
@given(st.integers(min_value=0, max_value=6), st.integers(min_value=0, max_value=6),
       mutated_json(statement(999)), st.sampled_from(["array", "lines", "result"]))
def test_xapi_good_statements_around_a_mutated_one_are_kept(
    folder: Path, before: int, after: int, bad: Any, layout: str
) -> None:
    good = [statement(i) for i in range(before + after)]
    items = [*good[:before], bad, *good[before:]]
    # a lone surrogate cannot be written as UTF-8: it stays a JSON escape (\ud800)
    ascii_only = "\ud800" in json.dumps(bad, ensure_ascii=False)
    if layout == "array":
        text = json.dumps(items, ensure_ascii=ascii_only)
    elif layout == "lines":
        assume(isinstance(bad, dict))
        text = "\n".join(json.dumps(s, ensure_ascii=ascii_only) for s in items)
    else:
        text = json.dumps({"statements": items, "more": ""}, ensure_ascii=ascii_only)
    merged = read_all(folder, "mixed.json", text.encode("utf-8", errors="surrogateescape"),
                      "xapi")
    assert isinstance(merged, Batch), merged
    ids = {r["id"] for r in merged.records}
    assert {s["id"] for s in good} <= ids
