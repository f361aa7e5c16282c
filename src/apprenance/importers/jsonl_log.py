"""Reading the canonical activity log as JSON Lines: one JSON object per line, with the keys of
the CSV columns (French or English); other keys are kept in ``extra``.

A line that is not valid JSON is rejected alone: the lines around it are read as usual.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from apprenance.contracts.records import LINE_FIELD, Batch, Problem
from apprenance.errors import FieldError, JsonSyntaxError
from apprenance.importers.canonical import (
    COLUMNS,
    MAX_EXTRA_COLUMNS,
    Lookups,
    RowChecker,
    column_of,
)
from apprenance.importers.encoding import open_text
from apprenance.importers.json_stream import TOO_MANY_DIGITS
from apprenance.importers.values import MAX_LENGTH


def object_row(obj: Mapping[str, Any]) -> tuple[list[str], dict[str, Any] | None]:
    """The values of a JSON object in ``COLUMNS`` order (plus the trailing empty cell), and its
    other keys; ``FieldError`` for a value of the wrong JSON type."""
    row = [""] * (len(COLUMNS) + 1)
    seen: set[str] = set()
    extra: dict[str, Any] = {}
    for key, value in obj.items():
        column = column_of(key) if isinstance(key, str) else None
        if column is None:
            if value is None or value == "":
                continue
            if len(extra) >= MAX_EXTRA_COLUMNS:
                raise FieldError(LINE_FIELD, "header.extras", limit=MAX_EXTRA_COLUMNS)
            if len(key) > 100 or len(json.dumps(value, ensure_ascii=False)) > MAX_LENGTH["(extra)"]:
                raise FieldError(key[:100], "too_long", limit=MAX_LENGTH["(extra)"])
            extra[key] = value
            continue
        if column in seen:
            raise FieldError(column, "json.duplicate_key", name=key)
        seen.add(column)
        row[COLUMNS.index(column)] = _text(column, value)
    return row, extra or None


def _text(column: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if number and column in ("duree", "id"):
        return repr(value)
    raise FieldError(column, "json.type", kind=type(value).__name__)


def read_jsonl(
    path: Path, label: str, source: str, lookups: Lookups, batch_size: int = 5000
) -> Iterator[Batch]:
    """Batches of records and problems for the JSON Lines file ``path``."""
    src = open_text(path)
    checker = RowChecker(lookups, source)
    batch = Batch()
    with src:
        try:
            for line, value, raw in iter_lines(src.text):
                _one(checker, batch, label, line, value, raw)
                if len(batch) >= batch_size:
                    batch.position = src.position
                    yield batch
                    batch = Batch()
        except UnicodeDecodeError:
            batch.problems.append(Problem(label, None, "(fichier)", "file.decode", {},
                                          f"<{label}: undecodable>"))
        batch.position = src.position
        yield batch


def _one(checker: RowChecker, batch: Batch, label: str, line: int, value: Any, raw: str) -> None:
    if isinstance(value, JsonSyntaxError):
        batch.problems.append(Problem(label, line, LINE_FIELD, "json.invalid",
                                      {"error": value.message, "column": value.column},
                                      raw))
        return
    if not isinstance(value, dict):
        batch.problems.append(Problem(label, line, LINE_FIELD, "json.not_object",
                                      {"kind": type(value).__name__}, raw))
        return
    try:
        row, extra = object_row(value)
        batch.records.append(checker.check(row, line, extra=extra))
    except FieldError as error:
        batch.problems.append(Problem.of(error, label, line, raw,
                                         territory=_territory_named(value)))


def _territory_named(obj: Mapping[str, Any]) -> str | None:
    """The territory a rejected object names, if any (whose reject it is)."""
    for key, value in obj.items():
        if isinstance(key, str) and isinstance(value, str) and column_of(key) == "territoire":
            return value.strip()[:100] or None
    return None


def iter_lines(text: Iterable[str]) -> Iterator[tuple[int, Any, str]]:
    """(line, value or ``JsonSyntaxError``, raw line) for each non-blank line (JSON Lines)."""
    for number, raw in enumerate(text, 1):
        stripped = raw.strip()
        if not stripped:
            continue
        try:
            value = json.loads(stripped)
        except json.JSONDecodeError as exc:
            value = JsonSyntaxError(exc.msg, number, exc.colno, stripped[:200])
        except RecursionError:
            value = JsonSyntaxError("nested too deeply", number, 1, stripped[:200])
        except ValueError:  # an integer longer than Python converts (4300 digits)
            value = JsonSyntaxError(TOO_MANY_DIGITS, number, 1, stripped[:200])
        yield number, value, stripped
