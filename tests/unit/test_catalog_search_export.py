"""Finding concepts (case- and accent-insensitive, French and English), showing one with its
neighbours, and exporting the frameworks as CASE 1.0, JSON-LD and Turtle."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from apprenance.bootstrap import App
from apprenance.catalog.export import case_identifier
from apprenance.catalog.loader import load_catalog
from apprenance.clock import fixed_clock
from apprenance.config import load_settings
from apprenance.domain.catalog import Catalog, Concept
from apprenance.errors import NotFound
from apprenance.services.catalog import (
    export_catalog,
    list_schemes,
    search_concepts,
    show_concept,
)
from conftest import FIXED_NOW, REPO

DATA = REPO / "tests" / "data" / "catalog"
MINI = "https://example.org/mini"
ESCO_SKILL = "http://data.europa.eu/esco/skill/0037c821-2898-4919-b96e-7ed1cd89554c"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(frameworks_dirs=[DATA / "frameworks"], mappings_dir=DATA / "mappings",
                        badges_dir=DATA / "badges", cache_dir=None)


@pytest.fixture
def app(tmp_path: Path) -> App:
    return App(load_settings(home=tmp_path / "home", catalog=DATA), clock=fixed_clock(FIXED_NOW))


def _curies(found: list[Concept]) -> list[str]:
    return [c.curie for c in found]


def test_search_ignores_accents_and_case(catalog: Catalog) -> None:
    assert _curies(search_concepts(catalog, "energie")) == ["mini:m1", "mini:m1.1"]
    assert _curies(search_concepts(catalog, "ÉNERGIE")) == ["mini:m1", "mini:m1.1"]
    assert _curies(search_concepts(catalog, "economiser")) == ["mini:m1.1"]


def test_search_reads_english_notations_and_definitions(catalog: Catalog) -> None:
    assert _curies(search_concepts(catalog, "saving ENERGY")) == ["mini:m1.1"]
    assert _curies(search_concepts(catalog, "m1.2")) == ["mini:m1.2"]
    # a word found only in a definition ranks after the labels
    assert _curies(search_concepts(catalog, "electricite")) == ["mini:m1.2"]
    assert _curies(search_concepts(catalog, "batiment")) == ["mini:m1.1"]
    # every word must match; an exact label comes first
    assert _curies(search_concepts(catalog, "apprendre faire")) == ["pilier:faire"]
    assert _curies(search_concepts(catalog, "Réparer des objets")) == ["mini:m1.2"]
    assert search_concepts(catalog, "nothing like this") == []
    assert search_concepts(catalog, "   ") == []


def test_search_limit(catalog: Catalog) -> None:
    assert len(search_concepts(catalog, "apprendre", limit=2)) == 2


def test_show_a_concept_with_its_neighbours_and_users(catalog: Catalog) -> None:
    view = show_concept(catalog, "mini:m1")
    assert view.scheme is not None and view.scheme.prefix == "mini"
    assert _curies(view.narrower) == ["mini:m1.1", "mini:m1.2"]
    m11 = show_concept(catalog, f"{MINI}/m1.1")  # by URI
    assert _curies(m11.broader) == ["mini:m1"]
    assert m11.activities == ["chantier"]
    assert m11.badges == ["b1"]
    assert m11.related == [ESCO_SKILL]  # not in this catalog: shown as its URI
    assert show_concept(catalog, "mini:m1.2").related == ["mini:m1.1"]
    with pytest.raises(NotFound):
        show_concept(catalog, "mini:nope")


def test_list_schemes_counts_concepts(catalog: Catalog) -> None:
    assert [(s.prefix, n) for s, n in list_schemes(catalog)] == [("mini", 3), ("pilier", 4)]


def test_case_export_is_a_cfpackage_per_scheme(app: App) -> None:
    document = json.loads(export_catalog(app.catalog_sources(), "case", lang="en", clock=app.clock))
    packages = {p["CFDocument"]["uri"]: p for p in document["CFPackages"]}
    assert set(packages) == {MINI, "https://w3id.org/apprenance/pilier"}
    mini = packages[MINI]
    doc = mini["CFDocument"]
    assert doc["identifier"] == str(uuid.uuid5(uuid.NAMESPACE_URL, MINI))
    assert doc["title"] == "Mini framework" and doc["language"] == "en"
    assert doc["lastChangeDateTime"] == FIXED_NOW.isoformat(timespec="seconds")
    assert doc["CFPackageURI"]["identifier"] == doc["identifier"]
    items = {i["uri"]: i for i in mini["CFItems"]}
    assert set(items) == {f"{MINI}/m1", f"{MINI}/m1.1", f"{MINI}/m1.2"}
    m11 = items[f"{MINI}/m1.1"]
    assert m11 == {
        "identifier": case_identifier(f"{MINI}/m1.1"),
        "uri": f"{MINI}/m1.1",
        "fullStatement": "Saving energy",
        "humanCodingScheme": "m1.1",
        "CFItemType": "Competency",
        "CFItemTypeURI": m11["CFItemTypeURI"],
        "language": "en",
        "CFDocumentURI": {"title": "Mini framework", "identifier": doc["identifier"],
                          "uri": MINI},
        "lastChangeDateTime": doc["lastChangeDateTime"],
        "notes": "Reducing the energy use of a building.",
    }
    assert items[f"{MINI}/m1"]["CFItemType"] == "Domain"
    assert {t["title"] for t in mini["CFDefinitions"]["CFItemTypes"]} == {"Domain", "Competency"}
    links = {(a["originNodeURI"]["uri"], a["associationType"], a["destinationNodeURI"]["uri"])
             for a in mini["CFAssociations"]}
    assert links == {
        (f"{MINI}/m1", "isChildOf", MINI),  # a top concept is a child of the document
        (f"{MINI}/m1.1", "isChildOf", f"{MINI}/m1"),  # from skos:narrower
        (f"{MINI}/m1.2", "isChildOf", f"{MINI}/m1"),  # from skos:broader
        (f"{MINI}/m1.1", "exactMatchOf", ESCO_SKILL),
        (f"{MINI}/m1.2", "isRelatedTo", f"{MINI}/m1.1"),  # skos:closeMatch
    }
    child = next(a for a in mini["CFAssociations"]
                 if a["originNodeURI"]["uri"] == f"{MINI}/m1.2" and a["associationType"] ==
                 "isChildOf")
    assert child["sequenceNumber"] == 2
    assert child["destinationNodeURI"] == {"title": "Energy and climate",
                                           "identifier": case_identifier(f"{MINI}/m1"),
                                           "uri": f"{MINI}/m1"}
    identifiers = [a["identifier"] for a in mini["CFAssociations"]] + list(
        i["identifier"] for i in mini["CFItems"])
    assert len(identifiers) == len(set(identifiers))


def test_case_export_of_one_scheme_in_french_is_one_package(app: App) -> None:
    package = json.loads(export_catalog(app.catalog_sources(), "case", lang="fr",
                                        clock=app.clock, scheme="mini"))
    assert package["CFDocument"]["title"] == "Mini référentiel"
    assert {i["fullStatement"] for i in package["CFItems"]} == {
        "Énergie et climat", "Économiser l'énergie", "Réparer des objets"}
    assert all(i["language"] == "fr" for i in package["CFItems"])
    with pytest.raises(NotFound):
        export_catalog(app.catalog_sources(), "case", lang="fr", clock=app.clock, scheme="nope")
    again = export_catalog(app.catalog_sources(), "case", lang="fr", clock=app.clock, scheme="mini")
    assert json.loads(again) == package  # identifiers are stable


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's JSON-LD parser, reading
@pytest.mark.parametrize(("fmt", "rdf_format"), [("turtle", "turtle"), ("jsonld", "json-ld")])
def test_linked_data_exports_read_back(app: App, fmt: str, rdf_format: str) -> None:
    text = export_catalog(app.catalog_sources(), fmt, lang="en", clock=app.clock)
    if fmt == "jsonld":
        assert isinstance(json.loads(text)["@context"], dict)  # inline: nothing to fetch
    graph = Graph()
    graph.parse(data=text, format=rdf_format)
    m11 = URIRef(f"{MINI}/m1.1")
    assert (m11, RDF.type, SKOS.Concept) in graph
    assert (m11, SKOS.prefLabel, Literal("Économiser l'énergie", lang="fr")) in graph
    assert (m11, SKOS.broader, URIRef(f"{MINI}/m1")) in graph
    assert (m11, SKOS.exactMatch, URIRef(ESCO_SKILL)) in graph
    assert len(set(graph.subjects(RDF.type, SKOS.Concept))) == 7


def test_export_of_one_scheme_keeps_only_its_concepts(app: App) -> None:
    graph = Graph().parse(data=export_catalog(app.catalog_sources(), "turtle", lang="en",
                                              clock=app.clock, scheme="pilier"), format="turtle")
    assert len(set(graph.subjects(RDF.type, SKOS.Concept))) == 4
    assert len(set(graph.subjects(RDF.type, SKOS.ConceptScheme))) == 1

