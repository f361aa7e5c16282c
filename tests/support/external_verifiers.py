"""The external verifiers the tests run: the Digital Credentials Consortium's and Digital
Bazaar's JavaScript verifiers (node, tests/interop) and 1EdTech's Open Badges 2.0 validator
(badgecheck, in its own virtual environment). ``make interop-deps`` installs them."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO

INTEROP = REPO / "tests" / "interop"
BADGECHECK = INTEROP / "badgecheck-venv" / "bin" / "python"


def judge(tmp_path: Path, credentials: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Verdicts of both JS verifiers for each named credential (one node run)."""
    if not (INTEROP / "node_modules" / ".installed").exists() or shutil.which("node") is None:
        pytest.fail("the JS verifiers are not installed: run `make interop-deps`", pytrace=False)
    files = []
    for name, credential in credentials.items():
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(credential, ensure_ascii=False), encoding="utf-8")
        files.append(str(path))
    done = subprocess.run(["node", str(INTEROP / "verify.mjs"), *files], capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return {Path(r["file"]).stem: r for r in json.loads(done.stdout)}


def badgecheck(recipient: str, inputs: list[str]) -> list[dict[str, Any]]:
    """1EdTech's validator's report on each input (URL or file) for ``recipient``."""
    if not BADGECHECK.exists():
        pytest.fail("badgecheck is not installed: run `make interop-deps`", pytrace=False)
    done = subprocess.run([str(BADGECHECK), str(INTEROP / "badgecheck_run.py"), recipient,
                           *inputs], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    result: list[dict[str, Any]] = json.loads(done.stdout)
    return result
