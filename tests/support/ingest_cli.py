"""What the ``apprenance ingest`` tests share: a store with the territories ``val`` and
``autre`` (the ``store`` fixture, SQLite or PostgreSQL), the canonical CSV header, writing a
log file, running a command for its JSON report, and reading rows back."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine

from conftest import CliResult

Cli = Callable[..., CliResult]
HEADER = ("id;date;participant;nom;role;territoire;projet;fonction;activite;description;duree;"
          "temoin;preuve;humeur")
TERRITORIES = """\
id: {id}
name: {name}
projects:
{projects}
"""


def write_territories(folder: Path) -> list[Path]:
    out = []
    for tid, projects in (("val", ("jardin", "bois")), ("autre", ("ailleurs",))):
        path = folder / f"{tid}.yaml"
        path.write_text(TERRITORIES.format(
            id=tid, name=tid.title(),
            projects="".join(f"  - id: {p}\n    name: {p}\n" for p in projects)), "utf-8")
        out.append(path)
    return out


@pytest.fixture
def store(cli: Cli, home: Path, db_url: str, tmp_path: Path) -> list[str]:
    """Global options for a store (SQLite or PostgreSQL) with the territories val and autre."""
    opts = ["--home", str(home), "--db", db_url]
    assert cli(*opts, "init").code == 0
    for path in write_territories(tmp_path):
        assert cli(*opts, "territory", path).code == 0
    return opts


def run(cli: Cli, opts: list[str], *args: str | Path) -> dict[str, Any]:
    result = cli(*opts, *args)
    assert result.code in (0, 1), result.err
    document = result.json()
    assert isinstance(document, dict)
    return document


def rows_of(db_url: str, query: Any) -> list[Any]:
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(query).mappings())
    finally:
        engine.dispose()


def write(path: Path, lines: list[str], bom: bool = False) -> Path:
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + ("\n".join(lines) + "\n").encode())
    return path
