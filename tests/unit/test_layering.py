"""The house's rules, read from the imports (AST): domain imports the standard library only;
only catalog/ imports rdflib; only db/ imports sqlalchemy or alembic; nothing imports a layer
above its own (services never import bootstrap, cli or web). ``DEBT`` lists, by name, what
does not hold yet: a new violation fails, and so does a listed one that was paid off."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "apprenance"
LEAVES = {"errors", "clock", "i18n"}  # importable from anywhere, import nothing of ours
LAYER = {"domain": 0, "config": 1, "public_url": 1, "contracts": 1, "catalog": 2,
         "importers": 2, "credentials": 2, "db": 2, "services": 3, "bootstrap": 4, "cli": 5,
         "web": 5, "__main__": 6, "__init__": 6}
ONLY = {"rdflib": {"catalog"}, "sqlalchemy": {"db"}, "alembic": {"db"}}
DEBT: set[tuple[str, str, str]] = set()  # what does not hold yet (issue 13: nothing left)


def area(path: Path, root: Path) -> str:
    rel = path.relative_to(root)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def imports(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module)
            if node.module == "apprenance":
                names |= {f"apprenance.{a.name}" for a in node.names}
    return names


def forbidden(mine: str, name: str) -> str | None:
    """What ``mine`` (an area of the package) may not import in ``name``, if anything."""
    parts = name.split(".")
    if parts[0] == "apprenance" and len(parts) > 1:
        target = parts[1]
        if target in LEAVES:
            return None
        upward = LAYER.get(target, 0) > LAYER.get(mine, 0)
        return target if mine in LEAVES or upward else None
    if parts[0] in ONLY and mine not in ONLY[parts[0]]:
        return parts[0]
    third_party = parts[0] not in sys.stdlib_module_names and parts[0] != "__future__"
    return parts[0] if mine == "domain" and third_party else None


def violations(root: Path) -> set[tuple[str, str, str]]:
    found: set[tuple[str, str, str]] = set()
    for path in root.rglob("*.py"):
        rel = path.relative_to(root)
        if rel.parts[0] == "data":
            continue
        mine = area(path, root)
        for name in imports(path.read_text(encoding="utf-8")):
            target = forbidden(mine, name)
            if target is not None:
                found.add((mine, target, rel.as_posix()))
    return found


def test_the_layers_hold() -> None:
    found = violations(SRC)
    assert found - DEBT == set(), "new violations of the layering"
    assert DEBT - found == set(), "paid off: remove from DEBT"


def test_a_violation_is_seen(tmp_path: Path) -> None:
    (tmp_path / "domain").mkdir()
    (tmp_path / "domain" / "rules.py").write_text(
        "import yaml\nfrom apprenance.services import evaluate\n", encoding="utf-8")
    (tmp_path / "services").mkdir()
    (tmp_path / "services" / "x.py").write_text(
        "from apprenance.web import app\nimport rdflib\nimport sqlalchemy as sa\n",
        encoding="utf-8")
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "store.py").write_text("import sqlalchemy\n", encoding="utf-8")
    assert violations(tmp_path) == {
        ("domain", "yaml", "domain/rules.py"), ("domain", "services", "domain/rules.py"),
        ("services", "web", "services/x.py"), ("services", "rdflib", "services/x.py"),
        ("services", "sqlalchemy", "services/x.py")}


def private_imports(root: Path) -> set[tuple[str, str]]:
    """``from x import _name``: a module reaching into another's private helpers."""
    found: set[tuple[str, str]] = set()
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                found |= {(path.relative_to(root).as_posix(), a.name) for a in node.names
                          if a.name.startswith("_") and not a.name.startswith("__")}
    return found


def test_no_module_imports_the_private_helpers_of_another() -> None:
    """What two modules share is public where it lives (one mail layout, not a copy)."""
    assert private_imports(SRC) == set()


def test_a_private_import_is_seen(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("from apprenance.b import _hidden, shown\n",
                                   encoding="utf-8")
    assert private_imports(tmp_path) == {("a.py", "_hidden")}


def test_no_test_module_imports_another() -> None:
    """Shared test helpers live in conftest or a support module, never in a test module."""
    tests = Path(__file__).resolve().parents[1]
    modules = [tests / "conftest.py", *(path for kind in (*KINDS, "support")
                                        for path in (tests / kind).glob("*.py"))]
    found = {(path.name, name) for path in modules
             for name in imports(path.read_text(encoding="utf-8"))
             if name.split(".")[0].startswith("test_")}
    assert found == set()


KINDS = ("unit", "integration", "e2e")


def test_every_test_module_says_what_it_needs_by_its_folder() -> None:
    """unit (no database, network or subprocess), integration, e2e; helpers in support."""
    tests = Path(__file__).resolve().parents[1]
    assert sorted(path.name for path in tests.glob("*.py")) == ["conftest.py"]
    assert [path.name for path in (tests / "support").glob("test_*.py")] == []
    assert all(any((tests / kind).glob("test_*.py")) for kind in KINDS)
    names = [path.name for kind in KINDS for path in (tests / kind).glob("test_*.py")]
    assert sorted({n for n in names if names.count(n) > 1}) == [], "one name per test module"


def test_a_unit_test_cannot_open_a_database_or_a_subprocess() -> None:
    """The guard of tests/unit (conftest ``_unit_stays_unit``) refuses, with the test named."""
    import sqlite3
    import subprocess

    from conftest import OutsideUnit
    with pytest.raises(OutsideUnit, match="tests/integration or tests/e2e"):
        sqlite3.connect(":memory:")
    with pytest.raises(OutsideUnit):
        subprocess.run(["true"], check=False)
