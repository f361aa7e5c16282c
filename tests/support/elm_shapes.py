"""The official check of a Europass (ELM 3) export: the EC's SHACL shapes of the EDC generic
application profile (``data/elm``), run by pySHACL on the credential's RDF (JSON-LD expanded
with the shipped contexts, offline)."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

from pyld import jsonld
from pyshacl import validate
from rdflib import Graph

from apprenance.credentials.jsonld.contexts import document_loader

ELM_DATA = Path(__file__).resolve().parents[2] / "src" / "apprenance" / "data" / "elm"


def shapes_graph() -> Graph:
    shapes = Graph()
    shapes.parse(ELM_DATA / "EDC-generic-no-cv.ttl", format="turtle")
    shapes.parse(ELM_DATA / "EDC-generic-full.ttl", format="turtle")
    return shapes


def credential_graph(document: dict[str, Any]) -> Graph:
    nquads = jsonld.to_rdf(json.loads(json.dumps(document)),
                           {"format": "application/n-quads", "documentLoader": document_loader})
    graph = Graph()
    with warnings.catch_warnings():  # rdflib's N-Quads parser warns about its own API
        warnings.simplefilter("ignore", DeprecationWarning)
        graph.parse(data=nquads, format="nquads")
    return graph


def shacl_check(document: dict[str, Any], shapes: Graph | None = None) -> tuple[bool, str]:
    """(conforms, pySHACL's report text)."""
    conforms, _, report = validate(credential_graph(document), shacl_graph=shapes or
                                   shapes_graph(), inference="none", advanced=True,
                                   allow_warnings=True)
    return bool(conforms), str(report)
