"""What one framework file holds, as plain data: its schemes and concepts, before prefixes are
resolved. It is what the parsers produce, what the cache stores (JSON) and what the importer
writes back as Turtle."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# SKOS mapping properties kept on a concept, in this order (CASE: exactMatch -> exactMatchOf).
MATCH_KINDS: tuple[str, ...] = (
    "exactMatch",
    "closeMatch",
    "broadMatch",
    "narrowMatch",
    "relatedMatch",
    "related",
)

# file extension -> rdflib format name
RDF_FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".ntriples": "nt",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".jsonld": "json-ld",
    ".json": "json-ld",
}

Texts = dict[str, str]  # language ("" when untagged) -> text


@dataclass
class RawScheme:
    uri: str
    title: Texts = field(default_factory=dict)
    description: Texts = field(default_factory=dict)
    source: str = ""
    version: str = ""
    notation: str = ""
    prefix: str = ""  # vann:preferredNamespacePrefix, when the file records one
    namespace: str = ""  # vann:preferredNamespaceUri
    line: int | None = None


@dataclass
class RawConcept:
    uri: str
    labels: Texts = field(default_factory=dict)  # skos:prefLabel
    definitions: Texts = field(default_factory=dict)
    notation: str = ""
    schemes: list[str] = field(default_factory=list)  # inScheme, topConceptOf, hasTopConcept
    broader: list[str] = field(default_factory=list)  # broader, and narrower seen upside down
    matches: dict[str, list[str]] = field(default_factory=dict)  # MATCH_KINDS -> uris
    line: int | None = None
    file: str = ""  # when not the framework's file (ESCO: one of its CSV files)


@dataclass
class FrameworkData:
    """The schemes and concepts read from one file (``sha256`` of its bytes)."""

    file: str
    sha256: str
    fmt: str
    schemes: list[RawScheme] = field(default_factory=list)
    concepts: list[RawConcept] = field(default_factory=list)
    bindings: dict[str, str] = field(default_factory=dict)  # prefixes the file declares
    stats: dict[str, int] = field(default_factory=dict)  # e.g. {"skills": 13485} for ESCO

    def to_json(self) -> dict[str, Any]:
        """Plain dicts and lists (shared with ``self``: serialise them, do not change them)."""
        doc = dict(vars(self))
        doc["schemes"] = [dict(vars(s)) for s in self.schemes]
        doc["concepts"] = [dict(vars(c)) for c in self.concepts]
        return doc

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> FrameworkData:
        return cls(
            file=doc["file"],
            sha256=doc["sha256"],
            fmt=doc["fmt"],
            schemes=[RawScheme(**s) for s in doc["schemes"]],
            concepts=[RawConcept(**c) for c in doc["concepts"]],
            bindings=dict(doc.get("bindings", {})),
            stats=dict(doc.get("stats", {})),
        )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def primary_lang(tag: str | None) -> str:
    """``en-US`` -> ``en``; no tag -> ``""``."""
    return (tag or "").split("-")[0].lower()


# --- writing Turtle -------------------------------------------------------------------------

_SAFE_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?$")
_SAFE_PREFIX = re.compile(r"^[A-Za-z](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_STANDARD = {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "vann": "http://purl.org/vocab/vann/",
}


def _literal(value: str, lang: str = "") -> str:
    escaped = value.translate(_ESCAPES)
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def _texts(values: Texts) -> str:
    return " , ".join(_literal(v, lang) for lang, v in sorted(values.items()))


class _Namer:
    """Writes a URI as ``prefix:local`` when it can, else as ``<uri>``."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        usable = {p: ns for p, ns in prefixes.items() if _SAFE_PREFIX.match(p)}
        self.by_length = sorted(usable.items(), key=lambda item: -len(item[1]))
        self.used: set[str] = set()

    def __call__(self, uri: str) -> str:
        for prefix, ns in self.by_length:
            if uri.startswith(ns) and _SAFE_LOCAL.match(uri[len(ns) :]):
                self.used.add(prefix)
                return f"{prefix}:{uri[len(ns):]}"
        return f"<{uri}>"


def to_turtle(
    data: FrameworkData, prefixes: dict[str, str]
) -> tuple[str, dict[str, int], dict[str, str]]:
    """``data`` as Turtle, the line where each scheme and concept starts, and the prefixes
    the text declares."""
    name = _Namer({**prefixes, **_STANDARD})
    body: list[str] = []
    lines: dict[str, int] = {}
    for scheme in data.schemes:
        lines[scheme.uri] = len(body) + 1
        props = [("a", "skos:ConceptScheme")]
        if scheme.title:
            props.append(("dcterms:title", _texts(scheme.title)))
        if scheme.description:
            props.append(("dcterms:description", _texts(scheme.description)))
        if scheme.source:
            props.append(("dcterms:source", _literal(scheme.source)))
        if scheme.version:
            props.append(("owl:versionInfo", _literal(scheme.version)))
        if scheme.notation:
            props.append(("skos:notation", _literal(scheme.notation)))
        if scheme.prefix:
            props.append(("vann:preferredNamespacePrefix", _literal(scheme.prefix)))
        if scheme.namespace:
            props.append(("vann:preferredNamespaceUri", _literal(scheme.namespace)))
        body.extend(_block(name(scheme.uri), props))
    for concept in data.concepts:
        lines[concept.uri] = len(body) + 1
        props = [("a", "skos:Concept")]
        if concept.schemes:
            props.append(("skos:inScheme", " , ".join(name(u) for u in concept.schemes)))
        if concept.notation:
            props.append(("skos:notation", _literal(concept.notation)))
        if concept.labels:
            props.append(("skos:prefLabel", _texts(concept.labels)))
        if concept.definitions:
            props.append(("skos:definition", _texts(concept.definitions)))
        if concept.broader:
            props.append(("skos:broader", " , ".join(name(u) for u in concept.broader)))
        for kind in MATCH_KINDS:
            if concept.matches.get(kind):
                props.append((f"skos:{kind}", " , ".join(name(u) for u in concept.matches[kind])))
        body.extend(_block(name(concept.uri), props))
    declared = {**_STANDARD, **{p: prefixes[p] for p in sorted(name.used) if p in prefixes}}
    head = [f"@prefix {p}: <{ns}> ." for p, ns in declared.items()]
    head.append("")
    offset = len(head)
    text = "\n".join(head + body) + "\n"
    return text, {uri: line + offset for uri, line in lines.items()}, declared


def _block(subject: str, props: list[tuple[str, str]]) -> list[str]:
    out = [subject]
    for i, (pred, obj) in enumerate(props):
        end = " ." if i == len(props) - 1 else " ;"
        out.append(f"    {pred} {obj}{end}")
    out.append("")
    return out
