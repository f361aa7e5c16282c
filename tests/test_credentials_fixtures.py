"""THE TEST: `apprenance verify` gives expected.json's verdict on all 91 credentials of
vc-test-fixtures (signed by others), read from ../shared, URLs answered by resolve.json."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from conftest import SHARED, CliResult

FIXTURES = SHARED / "interop" / "vc-test-fixtures"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (FIXTURES / "expected.json").read_text(encoding="utf-8"))["credentials"]
AS_OF = "2026-11-25T00:00:00Z"  # the date of expected.json


def test_the_corpus_is_complete() -> None:
    assert len(EXPECTED) == 91
    on_disk = {str(p.relative_to(FIXTURES)) for p in
               (FIXTURES / "verifiableCredentials").rglob("*.json")}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_verify_gives_the_expected_verdict(
    name: str, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = EXPECTED[name]
    monkeypatch.setenv("APPRENANCE_FAKE_NOW", AS_OF)
    result = cli("verify", FIXTURES / name, "--resolve", FIXTURES / "resolve.json", "--json")
    report = result.json()["results"][0]  # type: ignore[index]
    if expected["parse"] == "error":
        assert result.code == 2 and report["parse"] == "error"
        assert "empty" in report["checks"][0]["message"]
        return
    for field in ("signature", "window", "status"):
        if expected.get(field) is not None:
            assert report[field] == expected[field], (field, report["checks"])
    assert report["verified"] is expected["verified"]
    assert result.code == (0 if expected["verified"] else 1)
    assert report["ob3_structure_problems"] == expected.get("ob3_structure_problems", [])
