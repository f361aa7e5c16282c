"""Micro-credential elements (EU Council Recommendation 2022, Annex I) in badge files: read,
refused with file, line and field when wrong, a warning for each one a credit-bearing badge
lacks; and what the OB 3.0 achievement makes of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from apprenance.catalog.badges import read_badge
from apprenance.catalog.loader import load_catalog
from apprenance.catalog.problems import Problem
from apprenance.credentials.formats import ob3
from apprenance.credentials.micro_credential_facts import element_lines
from apprenance.credentials.verify.inputs import HostedUrls, IssuerProfile
from apprenance.domain.catalog import Catalog
from apprenance.domain.micro_credential import made_of, missing_elements, stacks_into
from conftest import REPO

DATA = REPO / "tests" / "data" / "catalog"
CONCEPTS = {"pilier:faire", "mini:m1", "esco:60c78287-22eb-4103-9c8c-28deaa460da0"}
HEAD = """id: parcours
kind: pathway
name: {fr: Parcours, en: Pathway}
description: {fr: Un parcours., en: A pathway.}
criteria: {fr: Un an., en: A year.}
credits: {ects: 5}
"""
RULE = "rule: {measure: span_days, min: 365}\n"
BLOCK = """micro_credential:
  learning_outcomes:
    - text: {fr: Mener un projet., en: Run a project.}
      alignments: [pilier:faire, esco:60c78287-22eb-4103-9c8c-28deaa460da0]
  eqf_level: 4
  assessment: {fr: Sur preuves., en: Evidence-based.}
  participation: blended
  quality_assurance: {fr: Revue., en: Reviewed.}
  prerequisites: {fr: Aucun., en: None.}
  volume_hours: 130
"""


def _read(tmp_path: Path, body: str) -> tuple[object, list[Problem]]:
    path = tmp_path / "parcours.yaml"
    path.write_text(HEAD + body + RULE, encoding="utf-8")
    read = read_badge(path, concepts=CONCEPTS)
    return read.badge, read.problems


def _found(problems: list[Problem]) -> set[tuple[str, int | None, str, str]]:
    return {(p.code, p.line, p.key, p.severity) for p in problems}


def test_a_complete_block_is_read_without_a_problem(tmp_path: Path) -> None:
    badge, problems = _read(tmp_path, BLOCK)
    assert problems == []
    mc = badge.micro_credential  # type: ignore[attr-defined]
    assert mc.eqf == 4 and mc.participation == "blended" and mc.volume_hours == 130
    assert mc.learning_outcomes[0].text == {"fr": "Mener un projet.", "en": "Run a project."}
    assert mc.learning_outcomes[0].alignments[1].startswith("esco:")


@pytest.mark.parametrize(("change", "line", "key"), [
    (("eqf_level: 4", "eqf_level: 9"), 11, "micro_credential.eqf_level"),
    (("participation: blended", "participation: remote"), 13, "micro_credential.participation"),
    (("volume_hours: 130", "volume_hours: -3"), 16, "micro_credential.volume_hours"),
    (("  prerequisites:", "  prerequisite:"), 15, "micro_credential.prerequisite"),
])
def test_wrong_values_are_refused_with_their_line_and_field(
    tmp_path: Path, change: tuple[str, str], line: int, key: str
) -> None:
    badge, problems = _read(tmp_path, BLOCK.replace(*change))
    assert badge is None
    assert ("invalid-field", line, key, "error") in _found(problems)


def test_texts_and_concepts_of_the_outcomes_are_checked(tmp_path: Path) -> None:
    body = BLOCK.replace("{fr: Mener un projet., en: Run a project.}", "{fr: Mener un projet.}")
    body = body.replace("pilier:faire,", "pilier:nowhere,")
    body = body.replace("assessment: {fr: Sur preuves., en: Evidence-based.}",
                        "assessment: {en: Evidence-based.}")
    badge, problems = _read(tmp_path, body)
    assert badge is None
    assert _found(problems) == {
        ("missing-text", 9, "micro_credential.learning_outcomes.0.text", "error"),
        ("unknown-concept", 10, "micro_credential.learning_outcomes.0.alignments", "error"),
        ("missing-text", 12, "micro_credential.assessment", "error"),
    }
    by_code = {p.code: p for p in problems}
    assert by_code["unknown-concept"].params == {"ref": "pilier:nowhere"}
    outcome = next(p for p in problems if p.key.endswith("0.text"))
    assert outcome.text("fr").endswith(
        ":9: micro_credential.learning_outcomes.0.text: "
        "texte manquant dans la langue «\u00a0en\u00a0»")


def test_a_credit_bearing_badge_lacking_elements_gets_one_warning_each(tmp_path: Path) -> None:
    badge, problems = _read(tmp_path, "")
    assert badge is not None  # warnings do not stop the catalog
    assert _found(problems) == {("micro-credential-missing", 6, f"micro_credential.{name}",
                                 "warning")
                                for name in ("learning_outcomes", "eqf_level", "assessment",
                                             "participation", "quality_assurance")}
    partial = BLOCK.replace("  eqf_level: 4\n", "").replace(
        "  participation: blended\n", "")
    _, problems = _read(tmp_path, partial)
    assert {p.key for p in problems} == {"micro_credential.eqf_level",
                                        "micro_credential.participation"}
    assert problems[0].line == 7  # the block's line
    assert "Annex I" in problems[0].text("en") and "annexe I" in problems[0].text("fr")
    _, problems = _read(tmp_path, partial.replace("  assessment:",
                                                  "  eqf_level: not-applicable\n"
                                                  "  participation: on-site\n  assessment:"))
    assert problems == []


def test_a_badge_without_credits_needs_no_element(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(HEAD.replace("credits: {ects: 5}\n", "") + RULE, encoding="utf-8")
    read = read_badge(path, concepts=CONCEPTS)
    assert read.problems == [] and read.badge is not None
    assert missing_elements(read.badge) == []


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(frameworks_dirs=[DATA / "frameworks"], mappings_dir=DATA / "mappings",
                        badges_dir=DATA / "badges", cache_dir=None)


def test_stacking_is_derived_from_the_pathways_rules(catalog: Catalog) -> None:
    assert [p.id for p in stacks_into("b2", catalog)] == ["a-pathway"]
    assert stacks_into("b1", catalog) == ()
    assert [b.id for b in made_of(catalog.badges["a-pathway"], catalog)] == ["b2"]
    lines = dict(element_lines(catalog.badges["b2"], catalog, "en"))
    assert lines["Stacks into"] == "Pathway"


def test_the_ob3_achievement_carries_the_elements(catalog: Catalog) -> None:
    urls = HostedUrls("https://badges.example.org")
    pathway = catalog.badges["a-pathway"]
    for lang, words in (("fr", ("Type d'évaluation", "Sur preuves.", "hybride")),
                        ("en", ("Type of assessment", "Evidence-based.", "blended"))):
        achievement = ob3.achievement(pathway, catalog, urls, lang)
        narrative = achievement["criteria"]["narrative"]
        assert all(w in narrative for w in words), narrative
        outcome = next(a for a in achievement["alignment"]
                       if a["targetType"] == "ext:LearningOutcome")
        assert outcome["targetName"] in ("Mener un projet.", "Run a project.")
        assert outcome["targetUrl"].endswith(f"/achievements/a-pathway.{lang}.json#outcome-1")
        assert achievement["creditsAvailable"] == 5.0
        assert achievement["tag"] == ["micro-credential"]
        assert not any(a["targetType"] == "ext:EQFLevel" for a in achievement["alignment"])
    assert "alignment" not in ob3.achievement(catalog.badges["b1"], catalog, urls, "fr") or all(
        a["targetType"] != "ext:LearningOutcome"
        for a in ob3.achievement(catalog.badges["b1"], catalog, urls, "fr")["alignment"])
    profile = IssuerProfile(slug="c", did="did:key:z6Mk", name="Collectif").ob3()
    assert profile["address"] == {"type": ["Address"], "addressCountryCode": "FR",
                                  "addressCountry": "France"}
