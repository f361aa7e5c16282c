"""The project's metadata as a build backend reads it: PEP 639 licence, no deprecated form."""

from __future__ import annotations

import tomllib

from packaging.licenses import canonicalize_license_expression
from packaging.requirements import Requirement
from packaging.version import Version

from conftest import REPO


def _pyproject() -> dict[str, object]:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_license_is_an_spdx_expression_not_a_table() -> None:
    """``license = { text = ... }`` makes setuptools >= 77 print a deprecation warning on
    every ``pip install``: the licence is an SPDX expression string (PEP 639)."""
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    license_ = project["license"]
    assert isinstance(license_, str)
    assert canonicalize_license_expression(license_) == "AGPL-3.0-or-later"
    # PEP 639: no licence classifier beside a licence expression
    assert not [c for c in project.get("classifiers", []) if c.startswith("License ::")]


def test_build_backend_understands_license_expressions() -> None:
    """PEP 639 needs setuptools 77 or later: an older backend refuses the string form."""
    build = _pyproject()["build-system"]
    assert isinstance(build, dict)
    setuptools = [Requirement(r) for r in build["requires"] if r.startswith("setuptools")]
    assert len(setuptools) == 1
    assert not setuptools[0].specifier.contains(Version("76.9"))
    assert setuptools[0].specifier.contains(Version("77.0"))
