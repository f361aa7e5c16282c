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
# The corpus's status lists are all signed by this did:key, not by the credentials' issuers;
# apprenance trusts such a list only when told to (docs/verification.md, status).
STATUS_ISSUER = "did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q"
# The Open Badges 3.0 structure checks apply to badges, not to endorsements (expected.json
# lists the departures a strict OB 3.0 validator reports on them).
NOT_BADGES = ("EndorsementCredential",)


def _expected_problems(name: str, expected: dict[str, Any]) -> list[str]:
    try:
        data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    except ValueError:
        data = {}
    types = data.get("type", []) if isinstance(data, dict) else []
    if any(t in types for t in NOT_BADGES):
        return []
    return list(expected.get("ob3_structure_problems", []))


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
    result = cli("verify", FIXTURES / name, "--resolve", FIXTURES / "resolve.json",
                 "--status-issuer", STATUS_ISSUER, "--json")
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
    assert report["ob3_structure_problems"] == _expected_problems(name, expected)


def test_a_status_list_from_another_issuer_is_not_trusted_by_default(
    cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The corpus's lists are signed by a key that is not the credentials' issuer's: without
    --status-issuer, a status the issuer did not sign proves nothing."""
    monkeypatch.setenv("APPRENANCE_FAKE_NOW", AS_OF)
    name = "verifiableCredentials/v1/ed25519/didWeb/legacy-validStatus-noExpiry.json"
    assert EXPECTED[name]["status"] == "ok"
    result = cli("verify", FIXTURES / name, "--resolve", FIXTURES / "resolve.json", "--json")
    report = result.json()["results"][0]  # type: ignore[index]
    assert result.code == 1 and report["status"] == "error"
    assert f"issued by {STATUS_ISSUER}, not by the credential's issuer" in str(report["checks"])
