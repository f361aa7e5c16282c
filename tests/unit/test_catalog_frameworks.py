"""Reading SKOS frameworks: four RDF syntaxes, sniffing, offline JSON-LD, located syntax errors,
prefixes derived for frameworks nobody declared, and the Turtle the importer writes."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from apprenance.catalog.assemble import assemble
from apprenance.catalog.framework_data import FrameworkData, to_turtle
from apprenance.catalog.frameworks import parse_rdf
from apprenance.errors import InputError, UnknownFormat
from conftest import REPO

DATA = REPO / "tests" / "data" / "catalog"
FORMATS = DATA / "formats"
SOFT = "http://example.net/fw/soft-skills"


def _content(data: FrameworkData) -> tuple[object, object]:
    """What a framework says, without where it says it."""
    schemes = [replace(s, line=None) for s in data.schemes]
    concepts = [replace(c, line=None) for c in data.concepts]
    return schemes, concepts


@pytest.mark.parametrize("name", ["soft.rdf", "soft.nt", "soft.jsonld"])
def test_every_syntax_reads_the_same_framework_as_turtle(name: str) -> None:
    assert _content(parse_rdf(FORMATS / name)) == _content(parse_rdf(FORMATS / "soft.ttl"))


def test_a_framework_is_read_into_schemes_and_concepts() -> None:
    data = parse_rdf(FORMATS / "soft.ttl")
    assert data.fmt == "turtle"
    assert [s.uri for s in data.schemes] == [SOFT]
    assert data.schemes[0].title == {"fr": "Savoir-être", "en": "Soft skills"}
    by_uri = {c.uri: c for c in data.concepts}
    active = by_uri[f"{SOFT}/listen-actively"]
    assert active.labels == {"fr": "Écouter activement", "en": "Active listening"}
    assert active.notation == "listen-actively"
    assert active.schemes == [SOFT]
    assert active.broader == [f"{SOFT}/listen"]
    assert active.matches == {"exactMatch": ["https://example.org/mini/m1.2"]}


def test_narrower_counts_as_broader_seen_from_below() -> None:
    data = parse_rdf(DATA / "frameworks" / "mini.ttl")
    by_uri = {c.uri: c for c in data.concepts}
    assert by_uri["https://example.org/mini/m1.1"].broader == ["https://example.org/mini/m1"]
    assert by_uri["https://example.org/mini/m1"].schemes == ["https://example.org/mini"]


def test_each_concept_knows_the_line_it_starts_on() -> None:
    path = DATA / "frameworks" / "mini.ttl"
    lines = path.read_text(encoding="utf-8").splitlines()
    data = parse_rdf(path)
    for concept in data.concepts:
        local = concept.uri.rsplit("/", 1)[1]
        assert lines[concept.line - 1] == f"mini:{local}", concept.uri
    assert lines[data.schemes[0].line - 1] == "<https://example.org/mini>"


@pytest.mark.parametrize(
    ("source", "fmt"),
    [("soft.rdf", "xml"), ("soft.nt", "nt"), ("soft.jsonld", "json-ld"), ("soft.ttl", "turtle")],
)
def test_the_syntax_is_sniffed_when_the_extension_says_nothing(
    tmp_path: Path, source: str, fmt: str
) -> None:
    target = tmp_path / "framework.data"
    shutil.copy(FORMATS / source, target)
    data = parse_rdf(target)
    assert data.fmt == fmt
    assert len(data.concepts) == 2


def test_a_file_that_is_not_rdf_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("just some notes\n", encoding="utf-8")
    with pytest.raises(UnknownFormat, match=r"notes\.txt"):
        parse_rdf(target)


def test_a_remote_json_ld_context_is_refused_not_fetched() -> None:
    with pytest.raises(InputError) as exc:
        parse_rdf(FORMATS / "remote-context.jsonld")
    assert "https://example.net/remote-context.jsonld" in exc.value.message
    assert "offline" in exc.value.message


def test_a_turtle_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    target = tmp_path / "broken.ttl"
    target.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\n"
        "<http://x/a> a skos:Concept .\n"
        "<http://x/b> skos:prefLabel \n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as exc:
        parse_rdf(target)
    assert exc.value.message.startswith(f"{target}:4: cannot read turtle")


def test_an_rdf_xml_error_names_the_file_and_line(tmp_path: Path) -> None:
    target = tmp_path / "broken.rdf"
    target.write_text(
        '<?xml version="1.0"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        "<rdf:Description>\n"
        "</rdf:RDF>\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as exc:
        parse_rdf(target)
    assert exc.value.message.startswith(f"{target}:4: cannot read xml")


def test_xml_entity_declarations_are_refused(tmp_path: Path) -> None:
    target = tmp_path / "entities.rdf"
    target.write_text(
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE rdf:RDF [<!ENTITY big "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx">]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="entity"):
        parse_rdf(target)


def test_a_framework_nobody_declared_gets_a_prefix_from_its_scheme() -> None:
    parts = assemble([parse_rdf(FORMATS / "soft.ttl")], {})
    assert parts.scheme_keys == {SOFT: "soft-skills"}
    assert parts.prefixes["soft-skills"] == f"{SOFT}/"
    assert sorted(parts.concepts) == ["soft-skills:listen", "soft-skills:listen-actively"]
    assert parts.concepts["soft-skills:listen-actively"].broader == ("soft-skills:listen",)


def test_the_scheme_notation_names_the_prefix_when_there_is_one() -> None:
    data = parse_rdf(FORMATS / "soft.ttl")
    data.schemes[0].notation = "SOFT 1"
    assert assemble([data], {}).scheme_keys == {SOFT: "soft-1"}


def test_a_recorded_prefix_wins_and_declared_prefixes_name_concepts() -> None:
    data = parse_rdf(FORMATS / "soft.ttl")
    data.schemes[0].prefix = "ecoute"
    data.schemes[0].namespace = f"{SOFT}/"
    parts = assemble([data], {"mini": "https://example.org/mini/"})
    assert parts.scheme_keys == {SOFT: "ecoute"}
    assert "ecoute:listen" in parts.concepts
    # the longest namespace comes first, so that concept_by_uri finds the right prefix
    lengths = [len(ns) for ns in parts.prefixes.values()]
    assert lengths == sorted(lengths, reverse=True)


def test_two_schemes_sharing_a_prefix_get_distinct_keys() -> None:
    first = parse_rdf(FORMATS / "soft.ttl")
    second = replace(parse_rdf(FORMATS / "soft.ttl"),
                     schemes=[replace(first.schemes[0], uri="http://example.net/other/soft")])
    for concept in second.concepts:
        concept.schemes = ["http://example.net/other/soft"]
    parts = assemble([first, second], {"soft": f"{SOFT}/"})
    assert parts.scheme_keys[SOFT] == "soft"
    assert parts.scheme_keys["http://example.net/other/soft"] == "soft-soft"
    # a concept described twice is merged; the first file decides its scheme
    assert parts.concepts["soft:listen"].scheme == "soft"
    # merging works on a copy: what was read stays as it was read (it may be cached)
    assert all(c.schemes == [SOFT] for c in first.concepts)


def test_the_turtle_the_importer_writes_reads_back_the_same(tmp_path: Path) -> None:
    data = parse_rdf(FORMATS / "soft.rdf")
    text, lines, declared = to_turtle(data, {"soft": f"{SOFT}/"})
    target = tmp_path / "soft.ttl"
    target.write_text(text, encoding="utf-8")
    again = parse_rdf(target)
    assert _content(again) == _content(data)
    assert {c.uri: c.line for c in again.concepts} == {c.uri: lines[c.uri] for c in data.concepts}
    assert declared["soft"] == f"{SOFT}/"
    assert "soft:listen-actively" in text


def test_literals_with_quotes_and_newlines_survive_the_writer(tmp_path: Path) -> None:
    data = parse_rdf(FORMATS / "soft.ttl")
    data.concepts[0].definitions = {"fr": 'Dire "oui"\net\\ou « non »\t!', "en": "x"}
    text, _, _ = to_turtle(data, {})
    target = tmp_path / "quoted.ttl"
    target.write_text(text, encoding="utf-8")
    assert parse_rdf(target).concepts[0].definitions == data.concepts[0].definitions
