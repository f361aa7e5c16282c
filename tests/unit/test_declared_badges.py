"""Declared badges (catalog kind ``declared``, issue 18): they earn no credits, and their
Achievement says they were declared (OB 3.0 ``achievementType``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from apprenance.catalog.loader import build_catalog, load_catalog
from apprenance.catalog.problems import Problem
from apprenance.catalog.validate import validate_paths
from apprenance.contracts.catalog import BadgeIn
from apprenance.domain.catalog import Catalog
from apprenance.domain.evidence import Totals
from apprenance.domain.rules import LearnerEvidence, compile_rule
from apprenance.errors import CatalogError
from conftest import REPO

TEXT = {"fr": "Engagement bénévole", "en": "Volunteering"}
RULE = {"measure": "count", "min": 1}


def test_a_declared_badge_with_credits_is_refused_naming_ects() -> None:
    with pytest.raises(ValidationError, match="never counted toward ECTS"):
        BadgeIn(id="benevole", kind="declared", name=TEXT, description=TEXT, criteria=TEXT,
                credits={"ects": 2}, rule=RULE)


def test_a_declared_badge_without_credits_is_a_declared_kind() -> None:
    badge = BadgeIn(id="benevole", kind="declared", name=TEXT, description=TEXT,
                    criteria=TEXT, rule=RULE)
    assert badge.badge_kind == "declared"


DATA = REPO / "tests" / "data" / "catalog"
HEAD = ("name: {fr: Engagement, en: Commitment}\n"
        "description: {fr: Un engagement., en: A commitment.}\n"
        "criteria: {fr: Sur déclaration., en: On declaration.}\n")


def _catalog_with(tmp_path: Path, **files: str) -> Path:
    root = tmp_path / "catalog"
    for kind in ("frameworks", "mappings", "badges"):
        shutil.copytree(DATA / kind, root / kind)
    for name, body in files.items():
        (root / "badges" / f"{name}.yaml").write_text(body, encoding="utf-8")
    return root


def _build(root: Path) -> tuple[Catalog, list[Problem]]:
    return build_catalog(frameworks_dirs=[root / "frameworks"], mappings_dir=root / "mappings",
                         badges_dir=root / "badges", cache_dir=None)


def test_a_declared_badge_needs_no_rule_and_evidence_never_meets_it(tmp_path: Path) -> None:
    root = _catalog_with(tmp_path, engagement=f"id: engagement\nkind: declared\n{HEAD}")
    catalog, problems = _build(root)
    assert [p for p in problems if p.is_error] == []
    badge = catalog.badges["engagement"]
    assert badge.kind == "declared"
    assert not compile_rule(badge.rule)(LearnerEvidence(
        totals=Totals(), load_facts=list, held={"b1", "b2"}))


def test_a_badge_without_a_rule_that_is_not_declared_is_refused_naming_line_and_field(
        tmp_path: Path) -> None:
    root = _catalog_with(tmp_path, engagement=f"id: engagement\n{HEAD}")
    with pytest.raises(CatalogError) as exc:
        load_catalog(frameworks_dirs=[root / "frameworks"], mappings_dir=root / "mappings",
                     badges_dir=root / "badges", cache_dir=None)
    assert exc.value.details == [
        f"{root / 'badges' / 'engagement.yaml'}:1: rule: the badge engagement has no rule "
        "(rule:): only a declared badge (kind: declared), issued on the learner's own "
        "declaration, may go without one"]
    [problem] = [p for p in _build(root)[1] if p.is_error]
    assert "seul un badge déclaré (kind: declared)" in problem.text("fr")


def test_the_rule_of_a_declared_badge_is_a_warning_not_an_error(tmp_path: Path) -> None:
    root = _catalog_with(tmp_path, engagement=(
        f"id: engagement\nkind: declared\n{HEAD}rule: {{measure: count, min: 1}}\n"))
    catalog, problems = _build(root)
    [warning] = [p for p in problems if p.subject == "engagement"]
    assert (warning.severity, warning.line, warning.key) == ("warning", 6, "rule")
    assert "never evaluated" in warning.text("en")
    assert "jamais évaluée" in warning.text("fr")
    assert catalog.badges["engagement"].kind == "declared"


PATHWAY = ("id: parcours-engage\nkind: pathway\nachievement_type: LearningProgram\n"
           "name: {fr: Parcours, en: Pathway}\ndescription: {fr: Un parcours., en: A pathway.}\n"
           "criteria: {fr: Deux badges., en: Two badges.}\ncredits: {ects: 5}\n"
           "rule:\n  all:\n    - {measure: badges, ids: [b1], min: 1}\n"
           "    - {measure: badges, ids: [engagement], min: 1}\n")


def test_a_pathway_counting_a_declared_badge_is_refused_so_it_never_reaches_ects(
        tmp_path: Path) -> None:
    root = _catalog_with(tmp_path, engagement=f"id: engagement\nkind: declared\n{HEAD}",
                         parcours=PATHWAY)
    _, problems = _build(root)
    [problem] = [p for p in problems if p.is_error]
    assert (problem.code, problem.file, problem.line, problem.key) == (
        "declared-in-rule", str(root / "badges" / "parcours.yaml"), 11, "rule")
    assert "never toward ECTS" in problem.text("en")
    assert "jamais pour des ECTS" in problem.text("fr")
    with pytest.raises(CatalogError, match=r"parcours\.yaml:11: rule: the badge engagement is "
                                           r"declared"):
        load_catalog(frameworks_dirs=[root / "frameworks"], mappings_dir=root / "mappings",
                     badges_dir=root / "badges", cache_dir=None)


def test_a_pathway_checked_alone_against_a_catalog_sees_its_declared_badges(
        tmp_path: Path) -> None:
    root = _catalog_with(tmp_path, engagement=f"id: engagement\nkind: declared\n{HEAD}")
    base, _ = _build(root)
    alone = tmp_path / "parcours.yaml"
    alone.write_text(PATHWAY, encoding="utf-8")
    _, problems = validate_paths([alone], base=base)
    assert [(p.code, p.line) for p in problems if p.is_error] == [("declared-in-rule", 11)]
