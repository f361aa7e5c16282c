"""Issue 21: the one bounded YAML reader. Aliases are counted, and what they expand to measured,
while the node tree is built and before any Python value exists; a billion laughs, an alias
inside its own anchor or a tiny file that would store a huge row is refused with our error
(line and column of the alias, French or English), by every reader: territory files (command
line and admin upload, on SQLite and PostgreSQL), mappings and badge files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from apprenance.catalog.badges import read_badge
from apprenance.catalog.problems import read_yaml_doc
from apprenance.contracts.yaml_input import MAX_ALIAS_SIZE, MAX_ALIASES, parse_yaml
from apprenance.db import tables as t
from apprenance.errors import UnsafeYaml
from conftest import CliResult
from web_world import World, build_world

HOSTILE = Path(__file__).parents[1] / "data" / "hostile"
LAUGHS = (HOSTILE / "yaml-territory-laughs.yaml").read_bytes()
BIG_ROW = (HOSTILE / "yaml-territory-big-row.yaml").read_bytes()
RECURSIVE = b"id: x\nname: X\nnotes: &a [*a]\n"
LEGIT = """id: vallon
name: Vallon
defaults: &common
  functions: [alimentation, eau]
  schemes: [chantier]
projects:
  - id: potager
    name: Potager
    <<: *common
  - id: mare
    name: Mare
    functions: &water [eau]
  - id: source
    name: Source
    functions: *water
learners:
  - participant: ana@example.org
    name: Ana
"""


def test_billion_laughs_is_refused_at_the_alias_with_its_line_and_column() -> None:
    text = (HOSTILE / "yaml-billion-laughs.yaml").read_text("utf-8")
    with pytest.raises(UnsafeYaml) as refused:
        parse_yaml(text, "laughs.yaml")
    # line 8 is the first anchor whose expansion passes the cap; column 12 its first alias
    assert refused.value.message.startswith("laughs.yaml:8:12: invalid YAML: once expanded")
    assert refused.value.http_status == 422 and refused.value.code == "unsafe-yaml"


@pytest.mark.parametrize("text", ["&a [*a]", "a: &a {b: *a}", "a: &a [1, [2, *a]]"])
def test_an_alias_inside_its_own_anchor_is_refused(text: str) -> None:
    with pytest.raises(UnsafeYaml, match="its own anchor"):
        parse_yaml(text, "self.yaml")


def test_the_expanded_size_is_bounded_even_with_few_values() -> None:
    big = "x" * 200_000  # 6 copies: 6 values but 1.2 M characters
    text = f"a: &a '{big}'\nb: [*a, *a, *a, *a, *a, *a]\n"
    with pytest.raises(UnsafeYaml, match=f"more than {MAX_ALIAS_SIZE} characters"):
        parse_yaml(text, "big.yaml")
    parse_yaml(f"a: &a '{big}'\nb: [*a, *a, *a, *a]\n", "big.yaml")  # 1 M characters: read


def test_the_number_of_aliases_is_bounded_and_french_is_spoken() -> None:
    many = ", ".join(["*a"] * (MAX_ALIASES + 1))
    with pytest.raises(UnsafeYaml) as refused:
        parse_yaml(f"a: &a 1\nb: [{many}]\n", "alias.yaml", lang="fr")
    assert refused.value.message == (f"alias.yaml:2:{5 + 4 * MAX_ALIASES}: YAML refusé\u00a0: plus "
                                     f"de {MAX_ALIASES} alias (*nom) dans le document")
    data, _ = parse_yaml(f"a: &a 1\nb: [{', '.join(['*a'] * MAX_ALIASES)}]\n", "ok.yaml")
    assert data["b"] == [1] * MAX_ALIASES


def test_deep_nesting_is_refused_by_our_error() -> None:
    with pytest.raises(UnsafeYaml, match="nested too deeply"):
        parse_yaml("a: " + "[" * 150 + "]" * 150, "deep.yaml")
    with pytest.raises(UnsafeYaml, match="nested too deeply"):
        parse_yaml("a:\n" + "".join("  " * i + "- \n" for i in range(1, 150)), "deep.yaml")


def test_legit_aliases_and_merge_keys_are_read() -> None:
    data, node = parse_yaml(LEGIT, "vallon.yaml")
    assert data["projects"][0]["functions"] == ["alimentation", "eau"]
    assert data["projects"][2]["functions"] == ["eau"]
    assert node is not None and node.start_mark.line == 0


def test_catalog_readers_use_the_bounded_reader(tmp_path: Path) -> None:
    mapping = tmp_path / "m.yaml"
    mapping.write_text('version: "1"\nactivities: &x\n  a: [*x]\nday: 2026-01-02\n', "utf-8")
    with pytest.raises(UnsafeYaml, match=r"m\.yaml:3:7: .*its own anchor"):
        read_yaml_doc(mapping)
    mapping.write_text('version: "1"\nday: 2026-01-02\n', "utf-8")
    assert read_yaml_doc(mapping).data["day"] == "2026-01-02"  # dates stay text there
    badge = tmp_path / "b.yaml"
    badge.write_bytes(LAUGHS.replace(b"projects:", b"rule:"))
    read = read_badge(badge, concepts=set())
    assert read.badge is None
    assert any("aliases" in p.text("en") for p in read.problems), read.problems


def _counts(world: World) -> tuple[int, int]:
    with world.app.store.transaction() as conn:
        return (conn.execute(select(func.count()).select_from(t.territories)).scalar_one(),
                conn.execute(select(func.count()).select_from(t.projects)).scalar_one())


@pytest.mark.parametrize(("name", "data", "says"), [
    ("laughs.yaml", LAUGHS, "valeurs"), ("big-row.yaml", BIG_ROW, "caractères"),
    ("self.yaml", RECURSIVE, "sa propre ancre"),
])
def test_hostile_territory_upload_is_422_and_stores_nothing(
        name: str, data: bytes, says: str, tmp_path: Path, db_url: str) -> None:
    world = build_world(tmp_path, db_url=db_url)
    before = _counts(world)
    response = world.client.post("/api/v1/territories", headers=world.headers("admin"),
                                 files={"file": (name, data, "application/yaml")})
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"] == "unsafe-yaml" and says in body["message"], body
    assert "YAML refusé" in body["message"]
    assert _counts(world) == before
    legit = world.client.post("/api/v1/territories", headers=world.headers("admin"),
                              files={"file": ("vallon.yaml", LEGIT.encode(), "application/yaml")})
    assert legit.status_code == 201, legit.text
    assert legit.json()["projects"] == 3


def test_cli_refuses_a_self_referencing_territory_without_a_traceback(
        cli: Callable[..., CliResult], tmp_path: Path) -> None:
    run = cli
    home = tmp_path / "home"
    assert run("--home", home, "init").code == 0
    bad = tmp_path / "self.yaml"
    bad.write_bytes(RECURSIVE)
    result = run("--home", home, "territory", bad)
    assert result.code == 2
    assert "Traceback" not in result.err and "unsafe-yaml" in result.err, result.err
    assert f"{bad}:3:12" in result.err
    good = tmp_path / "vallon.yaml"
    good.write_text(LEGIT, "utf-8")
    assert run("--home", home, "territory", good).code == 0
