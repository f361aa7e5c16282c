"""The bundled catalog: every framework, mapping and badge file loads and validates without a
single problem, and holds what the product promises (pillar levels, competence and community
badges, immersive pathways, at least 25 activity types, French and English throughout)."""

from __future__ import annotations

from pathlib import Path

import pytest

from apprenance.bootstrap import bundled
from apprenance.catalog.loader import build_catalog, framework_files, yaml_files
from apprenance.catalog.validate import validate_paths
from apprenance.domain.catalog import (
    FUNCTIONS,
    PILLARS,
    AllOf,
    AnyOf,
    AtLeast,
    Catalog,
    Measure,
    Rule,
)

FRAMEWORKS = bundled("frameworks")
MAPPINGS = FRAMEWORKS / "mappings"
BADGES = bundled("badges")
FILES = [
    *framework_files([FRAMEWORKS]),
    FRAMEWORKS / "prefixes.yaml",
    *yaml_files(MAPPINGS),
    *yaml_files(BADGES),
]


def _leaves(rule: Rule) -> list[Measure]:
    if isinstance(rule, Measure):
        return [rule]
    assert isinstance(rule, AllOf | AnyOf | AtLeast)
    return [leaf for item in rule.items for leaf in _leaves(item)]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalog, list[str]]:
    catalog, problems = build_catalog(frameworks_dirs=[FRAMEWORKS], mappings_dir=MAPPINGS,
                                      badges_dir=BADGES,
                                      cache_dir=tmp_path_factory.mktemp("cache"))
    return catalog, [f"{p.severity}: {p.text()}" for p in problems]


@pytest.fixture(scope="module")
def catalog(loaded: tuple[Catalog, list[str]]) -> Catalog:
    return loaded[0]


def test_the_bundled_catalog_has_no_problem_at_all(loaded: tuple[Catalog, list[str]]) -> None:
    assert loaded[1] == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_bundled_file_validates_on_its_own(path: Path, catalog: Catalog) -> None:
    count, problems = validate_paths([path], base=catalog)
    assert count == 1
    assert [p.text() for p in problems] == []


def test_the_frameworks_of_the_issue_are_there(catalog: Catalog) -> None:
    assert {"pilier", "fonction", "demiheure", "dispositif", "greencomp", "entrecomp",
            "lifecomp", "digcomp", "facilitation", "esco"} <= set(catalog.schemes)
    assert {c.notation for c in catalog.concepts.values() if c.scheme == "pilier"} == set(PILLARS)
    assert {c.notation for c in catalog.concepts.values()
            if c.scheme == "fonction"} == set(FUNCTIONS)
    for concept in catalog.concepts.values():
        assert concept.label.get("fr") and concept.label.get("en"), concept.curie
        assert concept.scheme, concept.curie
    for scheme in catalog.schemes.values():
        assert scheme.title.get("fr") and scheme.title.get("en"), scheme.prefix
    green = {c.notation for c in catalog.concepts.values() if c.scheme == "greencomp"}
    assert len(green) == 16  # 4 areas, 12 competences


def test_the_mapping_covers_the_activity_types_of_territorial_projects(catalog: Catalog) -> None:
    assert len(catalog.activity_types) >= 25
    assert catalog.mapping_version
    for activity in catalog.activity_types.values():
        assert abs(sum(activity.pillars.values()) - 1) <= 0.001, activity.id
        assert set(activity.pillars) <= set(PILLARS), activity.id
        assert all(c in catalog.concepts for c in activity.competences), activity.id
        assert activity.label.get("fr") and activity.label.get("en"), activity.id


def test_badges_and_pathways_promised_by_the_issue(catalog: Catalog) -> None:
    badges = [b for b in catalog.badges.values() if b.kind == "badge"]
    pathways = [b for b in catalog.badges.values() if b.kind == "pathway"]
    for pillar in PILLARS:
        levels = [b for b in badges if f"pilier:{pillar}" in b.alignments
                  and any(m.filters.pillar == pillar for m in _leaves(b.rule))]
        assert len(levels) >= 3, pillar
    community = [b for b in badges if any(m.kind == "attestations" and m.role in ("habitant", "elu")
                                          for m in _leaves(b.rule))]
    assert {m.role for b in community for m in _leaves(b.rule) if m.kind == "attestations"} >= {
        "habitant", "elu"}
    assert len(pathways) >= 2
    for pathway in pathways:
        assert pathway.achievement_type in ("LearningProgram", "Certificate"), pathway.id
        assert pathway.credits.get("ects", 0) > 0, pathway.id
        assert any(m.kind == "badges" for m in _leaves(pathway.rule)), pathway.id
    competence = [b for b in badges if any(m.filters.competence for m in _leaves(b.rule))
                  or any(not a.startswith("pilier:") for a in b.alignments)]
    assert len(competence) >= 6


def test_every_badge_comes_after_the_badges_it_needs(catalog: Catalog) -> None:
    order = list(catalog.badges)
    for badge in catalog.badges.values():
        for leaf in _leaves(badge.rule):
            for needed in leaf.ids:
                assert order.index(needed) < order.index(badge.id), (needed, badge.id)
    kinds = [b.kind for b in catalog.badges.values()]
    assert kinds == sorted(kinds), "pathways come after badges"
    for badge in catalog.badges.values():
        for text in (badge.name, badge.description, badge.criteria):
            assert text.get("fr") and text.get("en"), badge.id
        assert badge.image is None or Path(badge.image).is_file(), badge.id
