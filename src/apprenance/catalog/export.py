"""Exporting the frameworks: 1EdTech CASE 1.0 JSON (one CFPackage per scheme: its CFDocument,
a CFItem per concept, CFAssociations for the hierarchy and the matches), so that Open Badges
3.0 alignments can point at CFItems; JSON-LD and Turtle for linked-data users."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from apprenance.catalog.framework_data import FrameworkData
from apprenance.domain.catalog import Catalog, Scheme, Text

FORMATS: tuple[str, ...] = ("case", "jsonld", "turtle")
CHILD_OF = "isChildOf"
# SKOS mapping property -> CASE associationType
MATCH_TYPES: dict[str, str] = {
    "exactMatch": "exactMatchOf",
    "closeMatch": "isRelatedTo",
    "broadMatch": "isRelatedTo",
    "narrowMatch": "isRelatedTo",
    "relatedMatch": "isRelatedTo",
    "related": "isRelatedTo",
}
ITEM_TYPES: dict[str, str] = {
    "Domain": "A group of competences (it has narrower concepts).",
    "Competency": "A competence, skill or level (it has no narrower concept).",
}


def case_identifier(uri: str) -> str:
    """The CASE identifier of the node ``uri``: a UUID v5, stable across exports."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, uri))


def _in(value: Text, lang: str) -> tuple[str, str]:
    """The text in ``lang`` (else French, else any) and the language it is in."""
    for candidate in (lang, "fr", *value):
        if value.get(candidate):
            return value[candidate], candidate
    return "", lang


def _link(title: str, uri: str) -> dict[str, str]:
    return {"title": title, "identifier": case_identifier(uri), "uri": uri}


def case_packages(
    catalog: Catalog,
    frameworks: list[FrameworkData],
    *,
    lang: str,
    now: datetime,
    scheme: str | None = None,
) -> dict[str, Any]:
    """One CFPackage (``scheme`` given) or ``{"CFPackages": [...]}`` for every scheme."""
    matches: dict[str, dict[str, list[str]]] = {}
    for data in frameworks:
        for raw in data.concepts:
            mine = matches.setdefault(raw.uri, {})
            for kind, uris in raw.matches.items():
                mine.setdefault(kind, []).extend(u for u in uris if u not in mine.get(kind, []))
    stamp = now.isoformat(timespec="seconds")
    keys = [scheme] if scheme is not None else list(catalog.schemes)
    packages = [_package(catalog, catalog.schemes[k], matches, lang, stamp) for k in keys]
    return packages[0] if scheme is not None else {"CFPackages": packages}


def _package(
    catalog: Catalog,
    scheme: Scheme,
    matches: dict[str, dict[str, list[str]]],
    lang: str,
    stamp: str,
) -> dict[str, Any]:
    title, title_lang = _in(scheme.title, lang)
    doc_link = _link(title, scheme.uri)
    document: dict[str, Any] = {
        "identifier": doc_link["identifier"],
        "uri": scheme.uri,
        "creator": "apprenance",
        "title": title,
        "lastChangeDateTime": stamp,
        "language": title_lang,
        "CFPackageURI": doc_link,
    }
    description, _ = _in(scheme.description, lang)
    for name, value in (("description", description), ("version", scheme.version),
                        ("notes", scheme.source)):
        if value:
            document[name] = value
    if scheme.source.startswith(("http://", "https://")):
        document["officialSourceURL"] = scheme.source
    members = [c for c in catalog.concepts.values() if c.scheme == scheme.prefix]
    children: dict[str, list[str]] = {}
    for concept in members:
        for parent_curie in concept.broader:
            children.setdefault(parent_curie, []).append(concept.curie)
    position = {(p, c): i for p, kids in children.items() for i, c in enumerate(kids, start=1)}
    items: list[dict[str, Any]] = []
    associations: list[dict[str, Any]] = []
    for concept in members:
        statement, statement_lang = _in(concept.label, lang)
        item_type = "Domain" if concept.curie in children else "Competency"
        item: dict[str, Any] = {
            "identifier": case_identifier(concept.uri),
            "uri": concept.uri,
            "fullStatement": statement,
            "humanCodingScheme": concept.notation,
            "CFItemType": item_type,
            "CFItemTypeURI": _link(item_type, f"urn:apprenance:case-item-type:{item_type}"),
            "language": statement_lang,
            "CFDocumentURI": doc_link,
            "lastChangeDateTime": stamp,
        }
        definition, _ = _in(concept.definition, lang)
        if definition:
            item["notes"] = definition
        items.append(item)
        origin = _link(statement, concept.uri)
        parents = [catalog.concepts[p] for p in concept.broader if p in catalog.concepts]
        in_scheme = [p for p in parents if p.scheme == scheme.prefix]
        if not in_scheme:
            associations.append(_association(CHILD_OF, origin, doc_link, doc_link, stamp))
        for parent in parents:
            associations.append(_association(
                CHILD_OF, origin, _link(_in(parent.label, lang)[0], parent.uri), doc_link, stamp,
                sequence=position.get((parent.curie, concept.curie))))
        for kind, uris in matches.get(concept.uri, {}).items():
            for target_uri in uris:
                target = catalog.concept_by_uri(target_uri)
                target_title = _in(target.label, lang)[0] if target else target_uri
                associations.append(_association(
                    MATCH_TYPES[kind], origin, _link(target_title, target_uri), doc_link, stamp))
    return {
        "CFDocument": document,
        "CFItems": items,
        "CFAssociations": associations,
        "CFDefinitions": {
            "CFConcepts": [],
            "CFSubjects": [],
            "CFLicenses": [],
            "CFItemTypes": [
                {
                    "identifier": case_identifier(f"urn:apprenance:case-item-type:{name}"),
                    "uri": f"urn:apprenance:case-item-type:{name}",
                    "title": name,
                    "description": description_,
                    "hierarchyCode": name,
                    "lastChangeDateTime": stamp,
                }
                for name, description_ in ITEM_TYPES.items()
            ],
            "CFAssociationGroupings": [],
        },
    }


def _association(
    kind: str,
    origin: dict[str, str],
    destination: dict[str, str],
    document: dict[str, str],
    stamp: str,
    *,
    sequence: int | None = None,
) -> dict[str, Any]:
    identifier = str(uuid.uuid5(uuid.NAMESPACE_URL,
                                f"{origin['uri']} {kind} {destination['uri']}"))
    out: dict[str, Any] = {
        "identifier": identifier,
        "uri": f"urn:uuid:{identifier}",
        "associationType": kind,
        "originNodeURI": origin,
        "destinationNodeURI": destination,
        "CFDocumentURI": document,
        "lastChangeDateTime": stamp,
    }
    if sequence is not None:
        out["sequenceNumber"] = sequence
    return out
