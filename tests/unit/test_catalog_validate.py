"""Every kind of problem in framework, mapping and badge files, each with where it is: the file
and line (and the field of a YAML entry), or the concept's URI."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from apprenance.catalog.loader import load_catalog
from apprenance.catalog.problems import Problem
from apprenance.catalog.validate import validate_paths
from apprenance.domain.catalog import Catalog
from conftest import REPO, CliResult

DATA = REPO / "tests" / "data" / "catalog"
BROKEN = DATA / "broken"
B = "https://example.org/broken/"


@pytest.fixture(scope="module")
def base() -> Catalog:
    return load_catalog(frameworks_dirs=[DATA / "frameworks"], mappings_dir=DATA / "mappings",
                        badges_dir=DATA / "badges", cache_dir=None)


def _found(problems: list[Problem]) -> set[tuple[str, str, int | None, str]]:
    return {(p.code, Path(p.file).name, p.line, p.key or p.subject) for p in problems}


def test_framework_problems_are_located(base: Catalog) -> None:
    count, problems = validate_paths([BROKEN / "frameworks.ttl"], base=base)
    assert count == 1
    assert _found(problems) == {
        ("no-label", "frameworks.ttl", 9, f"{B}nolabel"),
        ("missing-label-lang", "frameworks.ttl", 14, f"{B}onlyfr"),
        ("no-scheme", "frameworks.ttl", 20, f"{B}outside"),
        ("unknown-scheme", "frameworks.ttl", 25, f"{B}elsewhere"),
        ("broader-cycle", "frameworks.ttl", 31, f"{B}a"),
        ("duplicate-notation", "frameworks.ttl", 58, f"{B}second"),
    }
    by_code = {p.code: p for p in problems}
    assert by_code["missing-label-lang"].severity == "warning"
    assert by_code["missing-label-lang"].params == {"language": "en"}
    assert by_code["no-label"].severity == "error"
    assert by_code["broader-cycle"].params["cycle"] == (
        f"{B}a → {B}b → {B}c → {B}a"
    )
    assert by_code["duplicate-notation"].text() == (
        f"{BROKEN / 'frameworks.ttl'}:58: notation 'same' is already used by <{B}first> "
        "in the same scheme"
    )


def test_mapping_problems_are_located(base: Catalog) -> None:
    _, problems = validate_paths([BROKEN / "mapping.yaml"], base=base)
    assert _found(problems) == {
        ("duplicate-activity", "mapping.yaml", 20, "activities"),
        ("pillar-sum", "mapping.yaml", 8, "activities.bad-sum.pillars"),
        ("weight-range", "mapping.yaml", 12, "activities.bad-weight.competences"),
        ("missing-text", "mapping.yaml", 14, "activities.unknown-things.label"),
        ("unknown-pillar", "mapping.yaml", 16, "activities.unknown-things.pillars"),
        ("unknown-concept", "mapping.yaml", 18, "activities.unknown-things.competences"),
        ("unknown-function", "mapping.yaml", 19, "activities.unknown-things.functions"),
    }
    texts = {p.code: p.text() for p in problems}
    where = str(BROKEN / "mapping.yaml")
    assert texts["pillar-sum"] == (
        f"{where}:8: activities.bad-sum.pillars: pillar weights sum to 0.9, not 1 (within 0.001)"
    )
    assert texts["duplicate-activity"] == (
        f"{where}:20: activities: activity type 'ok-one' is defined twice (first at {where}:3)"
    )
    assert texts["unknown-concept"].endswith("unknown concept: mini:nope")


def test_badge_problems_are_located(base: Catalog) -> None:
    count, problems = validate_paths([BROKEN / "badges"], base=base)
    assert count == 5
    assert _found(problems) == {
        ("unknown-measure", "measures.yaml", 7, "rule.all.0.measure"),
        ("unknown-filter", "measures.yaml", 8, "rule.all.1.piller"),
        ("bad-date", "measures.yaml", 10, "rule.all.2.since"),
        ("distinct-of", "measures.yaml", 12, "rule.all.3.of"),
        ("unknown-role", "measures.yaml", 13, "rule.all.4.role"),
        ("at-least-n", "measures.yaml", 14, "rule.all.5.at_least"),
        ("missing-text", "texts.yaml", 2, "name"),
        ("missing-text", "texts.yaml", 3, "description"),
        ("image-not-found", "texts.yaml", 5, "image"),
        ("unknown-concept", "texts.yaml", 6, "alignments"),
        ("unknown-badge", "texts.yaml", 9, "rule"),
        ("badge-cycle", "cycle-a.yaml", 1, "cycle-a"),
        ("rule-list", "shapes.yaml", 7, "rule.any.0.all"),
        ("at-least-shape", "shapes.yaml", 8, "rule.any.1.at_least"),
        ("rule-shape", "shapes.yaml", 9, "rule.any.2"),
        ("bad-min", "shapes.yaml", 10, "rule.any.3"),
        ("badges-ids", "shapes.yaml", 11, "rule.any.4"),
        ("rule-shape", "shapes.yaml", 12, "rule.any.5"),
    }
    cycle = next(p for p in problems if p.code == "badge-cycle")
    assert cycle.params == {"cycle": "cycle-a → cycle-b → cycle-a"}
    texts = {(Path(p.file).name, p.line): p.message() for p in problems}
    assert texts[("shapes.yaml", 9)] == (
        "a rule is a measure (measure:) or one of all:, any:, at_least: (found: sometimes)")
    assert texts[("measures.yaml", 14)] == "n must be a whole number from 1 to 2, not 3"
    # in the order of the files, and of the lines in each file
    lines = [p.line or 0 for p in problems if p.file.endswith("measures.yaml")]
    assert lines == sorted(lines)


def test_a_badge_may_need_a_badge_of_the_catalog_in_force(base: Catalog, tmp_path: Path) -> None:
    badge = tmp_path / "b3.yaml"
    badge.write_text((DATA / "badges" / "b2.yaml").read_text(encoding="utf-8").replace(
        "id: b2", "id: b3"), encoding="utf-8")
    assert validate_paths([badge], base=base)[1] == []
    assert [p.code for p in validate_paths([badge], base=None)[1]] == [
        "unknown-badge", "unknown-concept"
    ]


def test_a_new_framework_and_a_badge_using_it_are_checked_together(
    base: Catalog, tmp_path: Path
) -> None:
    shutil.copy(DATA / "formats" / "soft.ttl", tmp_path / "soft.ttl")
    badge = tmp_path / "listener.yaml"
    badge.write_text(
        "id: listener\n"
        "name: {fr: Écoute, en: Listening}\n"
        "description: {fr: Écoute., en: Listening.}\n"
        "criteria: {fr: Dix heures., en: Ten hours.}\n"
        'alignments: ["soft-skills:listen"]\n'
        "rule: {measure: hours, competence: \"soft-skills:listen-actively\", min: 10}\n",
        encoding="utf-8",
    )
    assert validate_paths([tmp_path], base=base) == (2, [])
    assert [p.code for p in validate_paths([badge], base=base)[1]] == [
        "unknown-concept", "unknown-concept"
    ]


def test_duplicate_yaml_keys_are_found_anywhere(base: Catalog, tmp_path: Path) -> None:
    badge = tmp_path / "dup.yaml"
    text = (DATA / "badges" / "b1.yaml").read_text(encoding="utf-8")
    badge.write_text(text.replace("image: images/b1.svg\n", "criteria: {fr: x, en: y}\n"),
                     encoding="utf-8")
    problems = validate_paths([badge], base=base)[1]
    assert _found(problems) == {("duplicate-key", "dup.yaml", 5, "criteria")}
    assert problems[0].params["name"] == "criteria"
    assert problems[0].params["first"] == f"{badge}:4"


def test_unreadable_and_unknown_files_are_problems_too(base: Catalog, tmp_path: Path) -> None:
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("id: [unclosed\n", encoding="utf-8")
    other = tmp_path / "other.yaml"
    other.write_text("hello: world\n", encoding="utf-8")
    bad_prefixes = tmp_path / "prefixes.yaml"
    bad_prefixes.write_text('prefixes:\n  x: "https://example.org/x"\n', encoding="utf-8")
    missing = tmp_path / "missing.ttl"
    count, problems = validate_paths([bad_yaml, other, bad_prefixes, missing], base=base)
    assert count == 4
    assert {(p.code, Path(p.file).name) for p in problems} == {
        ("unreadable", "bad.yaml"), ("unknown-kind", "other.yaml"),
        ("invalid-field", "prefixes.yaml"), ("unreadable", "missing.ttl"),
    }
    assert any("must end with / or #" in p.message() for p in problems)


def test_problems_read_in_french(base: Catalog) -> None:
    _, problems = validate_paths([BROKEN / "mapping.yaml"], base=base)
    sums = next(p for p in problems if p.code == "pillar-sum")
    assert sums.message("fr") == "les poids des piliers font 0.9 au lieu de 1 (à 0,001 près)"


def test_the_validate_command_lists_each_problem_and_exits_1(
    cli: Callable[..., CliResult], home: Path
) -> None:
    result = cli("--home", home, "--catalog", DATA, "frameworks", "validate",
                 BROKEN / "mapping.yaml", BROKEN / "frameworks.ttl", "--json")
    assert result.code == 1
    report = result.json()
    assert isinstance(report, dict)
    assert report["files"] == 2
    assert report["errors"] == 12 and report["warnings"] == 1
    assert {p["code"] for p in report["problems"]} >= {"pillar-sum", "broader-cycle"}
    assert all(p["file"] and p["message"] for p in report["problems"])
    human = cli("--home", home, "--catalog", DATA, "frameworks", "validate",
                BROKEN / "mapping.yaml")
    assert human.code == 1
    assert f"error: {BROKEN / 'mapping.yaml'}:8: activities.bad-sum.pillars:" in human.out
    assert "7 problem(s) found" in human.err


def test_valid_files_pass_with_exit_0(cli: Callable[..., CliResult], home: Path) -> None:
    result = cli("--home", home, "--catalog", DATA, "frameworks", "validate",
                 DATA / "frameworks", DATA / "mappings", DATA / "badges", "--json")
    assert result.code == 0, result.out
    assert result.json() == {"files": 7, "errors": 0, "warnings": 0, "problems": []}
    whole = cli("--home", home, "--catalog", DATA, "frameworks", "validate")
    assert whole.code == 0
    assert "no problem" in whole.out
