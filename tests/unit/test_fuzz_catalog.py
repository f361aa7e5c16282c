"""Fuzzing the catalog readers: activity mappings and badges (YAML), SKOS frameworks (Turtle,
JSON-LD, RDF/XML, N-Triples through rdflib), ESCO's CSV export, and ``frameworks validate``.

Properties: the YAML readers never raise (every problem is a located ``Problem``); the framework
parsers give a ``FrameworkData`` or one of our errors; a whole catalog folder of random files
gives a catalog and problems, or a ``CatalogError`` — never another exception.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from apprenance.catalog.badges import BadgeRead, read_badge
from apprenance.catalog.esco_csv import read_esco_csv
from apprenance.catalog.frameworks import parse_rdf
from apprenance.catalog.loader import build_catalog
from apprenance.catalog.mapping import MappingRead, read_mapping
from apprenance.catalog.validate import validate_paths
from fuzz_support import (
    format_text,
    fuzz,
    json_values,
    mutated_bytes,
    mutated_json,
    only_our_errors,
)

DATA = Path(__file__).parents[1] / "data" / "catalog"
MAPPING = yaml.safe_load((DATA / "mappings" / "mini.yaml").read_text("utf-8"))
BADGES = [yaml.safe_load((DATA / "badges" / name).read_text("utf-8"))
          for name in ("b1.yaml", "a-pathway.yaml")]
CONCEPTS = frozenset({"mini:m1", "mini:m1.1", "mini:m1.2", "pilier:faire"})
TURTLE = (DATA / "frameworks" / "mini.ttl").read_bytes()
FORMATS = {name: (DATA / "formats" / name).read_bytes()
           for name in ("soft.jsonld", "soft.nt", "soft.rdf", "soft.ttl")}


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "images").mkdir()
        (Path(tmp) / "images" / "b1.svg").write_bytes(
            (DATA / "badges" / "images" / "b1.svg").read_bytes())
        yield Path(tmp)


def as_yaml(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)


yaml_texts = st.one_of(
    format_text,
    json_values.map(as_yaml),
    st.builds(lambda a, b: f"{a}\n{b}", json_values.map(as_yaml), format_text),
    st.sampled_from([
        "a: &x [1, 2]\nb: *x\nc: *y\n", "a: &x\n  b: *x\n", "- !!python/object:os.system ls\n",
        "%YAML 1.1\n---\na: 1\n---\nb: 2\n", "a: 1\na: 2\n", "? [1, 2]\n: x\n", "{[1]: 2}\n",
        "activities:\n  ? [1]\n  : {}\n", "activities: {x: {pillars: {faire: .inf}}}\n",
        "activities: {x: {pillars: {faire: .nan}}}\n", "id: [b]\nrule: {}\n",
        "rule: {all: [{measure: hours, min: 1e400}]}\nid: x\n", "version: 2025-01-01\n",
    ]),
)


def check_read(read: MappingRead | BadgeRead) -> None:
    for problem in read.problems:
        assert problem.text("en") and problem.text("fr")
        problem.to_dict("fr")


# --- mappings and badges (YAML) --------------------------------------------------------------


@fuzz(120)
@given(yaml_texts)
def test_mapping_random_yaml(folder: Path, text: str) -> None:
    path = folder / "mapping.yaml"
    path.write_bytes(text.encode("utf-8", errors="surrogateescape"))
    check_read(read_mapping(path, concepts=CONCEPTS))


@fuzz(150)
@given(mutated_json(MAPPING))
def test_mapping_mutated(folder: Path, value: Any) -> None:
    path = folder / "mapping.yaml"
    path.write_text(as_yaml(value), "utf-8", errors="surrogateescape")
    check_read(read_mapping(path, concepts=CONCEPTS))


@fuzz(120)
@given(yaml_texts)
def test_badge_random_yaml(folder: Path, text: str) -> None:
    path = folder / "badge.yaml"
    path.write_bytes(text.encode("utf-8", errors="surrogateescape"))
    check_read(read_badge(path, concepts=CONCEPTS, activities={"chantier"}))


@fuzz(200)
@given(st.sampled_from(BADGES).flatmap(mutated_json))
def test_badge_mutated(folder: Path, value: Any) -> None:
    path = folder / "badge.yaml"
    path.write_text(as_yaml(value), "utf-8", errors="surrogateescape")
    check_read(read_badge(path, concepts=CONCEPTS, activities={"chantier"}))


@fuzz(60)
@given(yaml_texts, st.sampled_from(["m.yaml", "prefixes.yaml", "b.yml"]))
def test_validate_random_yaml(folder: Path, text: str, name: str) -> None:
    sub = folder / "validate"
    sub.mkdir(exist_ok=True)
    path = sub / name
    path.write_bytes(text.encode("utf-8", errors="surrogateescape"))
    try:
        count, problems = validate_paths([path], base=None)
    finally:
        path.unlink()
    assert count == 1
    for problem in problems:
        assert problem.text("en")


# --- SKOS (rdflib) ---------------------------------------------------------------------------

rdf_texts = st.one_of(
    format_text,
    json_values.map(json.dumps),
    st.sampled_from(list(FORMATS.values())).flatmap(mutated_bytes).map(
        lambda b: b.decode("utf-8", errors="replace")),
    mutated_bytes(TURTLE).map(lambda b: b.decode("utf-8", errors="replace")),
    st.sampled_from([
        '{"@context": {"@import": "https://evil.example/x"}, "@id": "x"}',
        '{"@context": [{"@version": 1.1}, "http://evil.example/ctx"]}',
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "y">]><r>&x;</r>',
        "@prefix : <http://e.org/> . :a :b :c ; :d ( ( ( ( ) ) ) ) .",
        "@base <file:///etc/passwd> . <a> <b> <c> .",
        '<http://e/a> <http://e/b> "x"^^<http://www.w3.org/2001/XMLSchema#integer> .',
        '@prefix s: <http://www.w3.org/2004/02/skos/core#> . <http://e/a> a s:Concept ; '
        's:prefLabel "x"@fr-FR-x-9999999999999999 ; s:notation "1"^^<http://e/n> .',
    ]),
)


@fuzz(150)
@given(rdf_texts, st.sampled_from([".ttl", ".jsonld", ".rdf", ".nt", ".skos"]))
def test_skos_random_text(folder: Path, text: str, suffix: str) -> None:
    path = folder / f"framework{suffix}"
    path.write_bytes(text.encode("utf-8", errors="surrogateescape"))
    only_our_errors(lambda: parse_rdf(path))


@fuzz(80)
@given(st.binary(max_size=300), st.sampled_from([".ttl", ".jsonld", ".rdf", ".nt"]))
def test_skos_random_bytes(folder: Path, data: bytes, suffix: str) -> None:
    path = folder / f"bytes{suffix}"
    path.write_bytes(data)
    only_our_errors(lambda: parse_rdf(path))


# --- ESCO CSV --------------------------------------------------------------------------------

ESCO_HEADER = "conceptType,conceptUri,preferredLabel,description\n"
esco_cells = st.one_of(st.text(max_size=10), st.sampled_from(
    ["KnowledgeSkillCompetence", "SkillGroup", "http://data.europa.eu/esco/skill/x", '"', ",",
     "\n", "\x00", "é"]))


@fuzz(80)
@given(st.lists(st.lists(esco_cells, max_size=5).map(
    lambda cells: ",".join(cells)), max_size=6), st.binary(max_size=60),
    st.sampled_from(["conceptUri,broaderUri\n", ESCO_HEADER]))
def test_esco_random_csv(folder: Path, lines: list[str], tail: bytes, header: str) -> None:
    sub = folder / "esco"
    sub.mkdir(exist_ok=True)
    skills = sub / "skills_fr.csv"
    skills.write_bytes((ESCO_HEADER + "\n".join(lines)).encode("utf-8", "surrogateescape"))
    other = sub / "broaderRelationsSkillPillar_en.csv"
    other.write_bytes(header.encode() + "\n".join(lines).encode("utf-8", "surrogateescape")
                      + tail)
    only_our_errors(lambda: read_esco_csv([skills, other]))


# --- a whole catalog folder ------------------------------------------------------------------


@fuzz(20)
@given(yaml_texts, yaml_texts, rdf_texts)
def test_catalog_folder_of_random_files(folder: Path, mapping: str, badge: str,
                                        framework: str) -> None:
    root = folder / "catalog"
    for sub in ("frameworks", "mappings", "badges"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    (root / "frameworks" / "fw.ttl").write_bytes(framework.encode("utf-8", "surrogateescape"))
    (root / "mappings" / "m.yaml").write_bytes(mapping.encode("utf-8", "surrogateescape"))
    (root / "badges" / "b.yaml").write_bytes(badge.encode("utf-8", "surrogateescape"))
    only_our_errors(lambda: build_catalog(
        frameworks_dirs=[root / "frameworks"], mappings_dir=root / "mappings",
        badges_dir=root / "badges", cache_dir=None))
