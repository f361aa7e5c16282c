"""The worked example of docs/catalog.md is true: its mapping and badge validate against the
bundled catalog, and the two slips it shows give exactly the messages it prints."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO, CliResult

DOC = REPO / "docs" / "catalog.md"


def _example(start: str) -> str:
    """The first ```yaml block of the doc that begins with ``start``."""
    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    return next(block for block in blocks if block.startswith(start))


def _expected_output(first_line: str) -> list[str]:
    """The indented console lines of the doc from ``first_line`` to the blank line."""
    text = DOC.read_text(encoding="utf-8")
    block = text[text.index(first_line):].split("\n\n", 1)[0]
    return [line.strip() for line in block.splitlines()]


def test_the_worked_example_validates_and_its_slips_are_reported_as_shown(
    cli: Callable[..., CliResult], home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mappings").mkdir()
    (tmp_path / "badges").mkdir()
    mapping = Path("mappings/compost.yaml")
    badge = Path("badges/maitre-composteur.yaml")
    mapping.write_text(_example('version: "2026.1-compost"'), encoding="utf-8")
    badge.write_text(_example("id: maitre-composteur"), encoding="utf-8")

    ok = cli("--home", home, "--lang", "en", "frameworks", "validate", mapping, badge)
    assert (ok.code, ok.out.strip()) == (0, "2 file(s) checked: no problem.")

    mapping.write_text(mapping.read_text(encoding="utf-8").replace(
        "vivre-ensemble: 0.4}", "vivre-ensemble: 0.3}"), encoding="utf-8")
    badge.write_text(badge.read_text(encoding="utf-8").replace(
        "{measure: hours, competence:", "{measure: hours, competance:"), encoding="utf-8")
    slips = cli("--home", home, "--lang", "en", "frameworks", "validate", mapping, badge)
    assert slips.code == 1
    assert slips.out.splitlines() == _expected_output("error: mappings/compost.yaml:8:")
