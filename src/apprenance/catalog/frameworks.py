"""SKOS frameworks in Turtle, RDF/XML, N-Triples or JSON-LD -> ``FrameworkData`` (and back to
Turtle or JSON-LD for export). The only module that imports rdflib; it never goes online."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DC, DCTERMS, OWL, SKOS

from apprenance.catalog.framework_data import (
    MATCH_KINDS,
    RDF_FORMATS,
    FrameworkData,
    RawConcept,
    RawScheme,
    Texts,
    file_sha256,
    primary_lang,
)
from apprenance.errors import InputError, UnknownFormat, UnreadableInput, foreign_parser

VANN = Namespace("http://purl.org/vocab/vann/")
SCHEMA = Namespace("https://schema.org/")

_LINE_SEARCH_LIMIT = 2_000_000  # bytes: past this, only Turtle/N-Triples files get line numbers


def sniff_format(path: Path, head: bytes) -> str | None:
    """The rdflib format of ``path``, by its extension or else by its first bytes."""
    by_ext = RDF_FORMATS.get(path.suffix.lower())
    if by_ext is not None:
        return by_ext
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith((b"<?xml", b"<rdf:RDF", b"<RDF")):
        return "xml"
    if start.startswith((b"{", b"[")):
        return "json-ld"
    if re.match(rb"(@prefix|@base|PREFIX|BASE)\b", start, re.IGNORECASE):
        return "turtle"
    if re.match(rb"(<[^>\s]+>|_:\S+)\s+<[^>\s]+>\s+\S", start):
        return "nt"
    return None


def parse_rdf(path: Path, fmt: str | None = None) -> FrameworkData:
    """Read one SKOS file. Raises ``InputError`` naming the file (and line) when it is broken."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableInput(f"{path}: no such file") from None
    except OSError as exc:
        raise UnreadableInput(f"{path}: {exc.strerror}") from None
    fmt = fmt or sniff_format(path, raw[:512])
    if fmt is None:
        raise UnknownFormat(f"{path}: not a SKOS file we can read (Turtle, RDF/XML, N-Triples, "
                            "JSON-LD) nor an ESCO CSV export")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableInput(f"{path}: not UTF-8 text (byte {exc.start})") from None
    if fmt == "json-ld":
        _refuse_remote_contexts(path, text)
    if fmt == "xml":
        _refuse_xml_entities(path, text)
    graph = Graph(bind_namespaces="none")

    def refuse(exc: Exception) -> InputError:  # rdflib raises many kinds: each is our error
        return InputError(f"{_where(path, text, exc)}: cannot read {fmt}: {_reason(exc)}")

    with foreign_parser(refuse), warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's JSON-LD parser warns
        graph.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    data = extract(graph, file=str(path), sha256=file_sha256(path), fmt=fmt)
    _add_lines(data, text, fmt)
    return data


def _where(path: Path, text: str, exc: Exception) -> str:
    line = None
    if hasattr(exc, "getLineNumber"):
        line = exc.getLineNumber()
    elif isinstance(exc, json.JSONDecodeError):
        line = exc.lineno
    elif hasattr(exc, "_i") and hasattr(exc, "_str"):  # rdflib's Turtle BadSyntax
        line = text.count("\n", 0, int(exc._i)) + 1
    return f"{path}:{line}" if line else str(path)


def _reason(exc: Exception) -> str:
    if hasattr(exc, "_why"):
        return str(exc._why)
    if hasattr(exc, "getMessage"):
        return str(exc.getMessage())
    if isinstance(exc, json.JSONDecodeError):
        return exc.msg
    return str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__


def _refuse_remote_contexts(path: Path, text: str) -> None:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from None
    except ValueError:  # an integer longer than Python converts (4300 digits)
        raise InputError(f"{path}: invalid JSON: a number with too many digits") from None
    except RecursionError:
        raise InputError(f"{path}: invalid JSON: nested too deeply") from None
    try:
        remote = _remote_contexts(doc)
    except RecursionError:
        raise InputError(f"{path}: invalid JSON: nested too deeply") from None
    if remote:
        raise InputError(
            f"{path}: JSON-LD context {remote[0]} is remote; apprenance reads JSON-LD offline "
            "and never fetches a context: put the context inline (\"@context\": {{...}})"
        )


def _remote_contexts(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("@context", "@import"):
                items = value if isinstance(value, list) else [value]
                found += [v for v in items if isinstance(v, str)]
            found += _remote_contexts(value)
    elif isinstance(node, list):
        for item in node:
            found += _remote_contexts(item)
    return found


def _refuse_xml_entities(path: Path, text: str) -> None:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        fromstring(text.encode("utf-8"))
    except DefusedXmlException:
        raise InputError(f"{path}: XML entity declarations are refused") from None
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        where = f"{path}:{line}" if line else str(path)
        raise InputError(f"{where}: cannot read xml: {exc}") from None


# --- graph -> plain data --------------------------------------------------------------------

_TITLE = (DCTERMS.title, DC.title, SKOS.prefLabel, RDFS.label)
_DESCRIPTION = (DCTERMS.description, DC.description, SKOS.definition, RDFS.comment)
_VERSION = (OWL.versionInfo, DCTERMS.hasVersion, SCHEMA.version)


def _texts(graph: Graph, subject: Any, preds: Iterable[URIRef]) -> Texts:
    for pred in preds:
        out: Texts = {}
        for obj in sorted(graph.objects(subject, pred), key=str):
            if isinstance(obj, Literal):
                out.setdefault(primary_lang(obj.language), str(obj))
        if out:
            return out
    return {}


def _first(graph: Graph, subject: Any, preds: Iterable[URIRef]) -> str:
    for pred in preds:
        values = sorted(str(o) for o in graph.objects(subject, pred))
        if values:
            return values[0]
    return ""


def extract(graph: Graph, *, file: str, sha256: str, fmt: str) -> FrameworkData:
    """The schemes and concepts a parsed graph describes."""
    scheme_nodes = set(graph.subjects(RDF.type, SKOS.ConceptScheme))
    scheme_nodes |= set(graph.subjects(SKOS.hasTopConcept, None))
    schemes = [
        RawScheme(
            uri=str(node),
            title=_texts(graph, node, _TITLE),
            description=_texts(graph, node, _DESCRIPTION),
            source=_first(graph, node, (DCTERMS.source, DC.source)),
            version=_first(graph, node, _VERSION),
            notation=_first(graph, node, (SKOS.notation,)),
            prefix=_first(graph, node, (VANN.preferredNamespacePrefix,)),
            namespace=_first(graph, node, (VANN.preferredNamespaceUri,)),
        )
        for node in sorted(scheme_nodes, key=str)
    ]
    concept_nodes = set(graph.subjects(RDF.type, SKOS.Concept))
    for pred in (SKOS.inScheme, SKOS.topConceptOf, SKOS.prefLabel, SKOS.broader, SKOS.notation):
        concept_nodes |= set(graph.subjects(pred, None))
    concept_nodes -= scheme_nodes
    tops: dict[str, list[str]] = {}
    for scheme, top in graph.subject_objects(SKOS.hasTopConcept):
        tops.setdefault(str(top), []).append(str(scheme))
    narrower_of: dict[str, list[str]] = {}
    for parent, child in graph.subject_objects(SKOS.narrower):
        narrower_of.setdefault(str(child), []).append(str(parent))
    concepts = []
    for node in sorted(concept_nodes, key=str):
        uri = str(node)
        in_schemes = {str(o) for o in graph.objects(node, SKOS.inScheme)}
        in_schemes |= {str(o) for o in graph.objects(node, SKOS.topConceptOf)}
        in_schemes |= set(tops.get(uri, ()))
        broader = {str(o) for o in graph.objects(node, SKOS.broader)}
        broader |= set(narrower_of.get(uri, ()))
        matches = {
            kind: sorted(str(o) for o in graph.objects(node, SKOS[kind]))
            for kind in MATCH_KINDS
        }
        concepts.append(
            RawConcept(
                uri=uri if not isinstance(node, BNode) else f"_:{node}",
                labels=_texts(graph, node, (SKOS.prefLabel,)),
                definitions=_texts(graph, node, (SKOS.definition,)),
                notation=_first(graph, node, (SKOS.notation,)),
                schemes=sorted(in_schemes),
                broader=sorted(broader),
                matches={k: v for k, v in matches.items() if v},
            )
        )
    bindings = {str(p): str(ns) for p, ns in graph.namespaces() if str(p)}
    return FrameworkData(file, sha256, fmt, schemes, concepts, bindings)


def _add_lines(data: FrameworkData, text: str, fmt: str) -> None:
    """Where each scheme and concept starts in the file, when it can be found cheaply."""
    items: list[RawScheme | RawConcept] = [*data.schemes, *data.concepts]
    if fmt in ("turtle", "nt"):
        starts: dict[str, int] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            if line[:1] not in ("", " ", "\t", "#", "@") and not line.startswith("PREFIX"):
                starts.setdefault(line.split(None, 1)[0], number)
        for item in items:
            for name in _names(item.uri, data.bindings):
                if name in starts:
                    item.line = starts[name]
                    break
    elif len(text) <= _LINE_SEARCH_LIMIT:
        for item in items:
            for name in _names(item.uri, data.bindings):
                at = text.find(f'"{name}"')
                if at >= 0:
                    item.line = text.count("\n", 0, at) + 1
                    break


def _names(uri: str, bindings: dict[str, str]) -> list[str]:
    names = [f"<{uri}>", uri]
    names += [f"{p}:{uri[len(ns):]}" for p, ns in bindings.items() if uri.startswith(ns)]
    return names


# --- plain data -> graph (export) -----------------------------------------------------------


def to_graph(frameworks: Iterable[FrameworkData], prefixes: dict[str, str]) -> Graph:
    graph = Graph(bind_namespaces="none")
    for name, vocabulary in (("skos", SKOS), ("dcterms", DCTERMS), ("owl", OWL)):
        graph.bind(name, vocabulary)
    for prefix, ns in prefixes.items():
        graph.bind(prefix, Namespace(ns))
    for data in frameworks:
        for scheme in data.schemes:
            node = URIRef(scheme.uri)
            graph.add((node, RDF.type, SKOS.ConceptScheme))
            _add_texts(graph, node, DCTERMS.title, scheme.title)
            _add_texts(graph, node, DCTERMS.description, scheme.description)
            for pred, value in ((DCTERMS.source, scheme.source), (OWL.versionInfo, scheme.version),
                                (SKOS.notation, scheme.notation)):
                if value:
                    graph.add((node, pred, Literal(value)))
        for concept in data.concepts:
            node = URIRef(concept.uri)
            graph.add((node, RDF.type, SKOS.Concept))
            for scheme_uri in concept.schemes:
                graph.add((node, SKOS.inScheme, URIRef(scheme_uri)))
            if concept.notation:
                graph.add((node, SKOS.notation, Literal(concept.notation)))
            _add_texts(graph, node, SKOS.prefLabel, concept.labels)
            _add_texts(graph, node, SKOS.definition, concept.definitions)
            for parent in concept.broader:
                graph.add((node, SKOS.broader, URIRef(parent)))
            for kind, uris in concept.matches.items():
                for uri in uris:
                    graph.add((node, SKOS[kind], URIRef(uri)))
    return graph


def _add_texts(graph: Graph, node: URIRef, pred: URIRef, values: Texts) -> None:
    for lang, value in values.items():
        graph.add((node, pred, Literal(value, lang=lang or None)))


def serialize(frameworks: Iterable[FrameworkData], prefixes: dict[str, str], fmt: str) -> str:
    """The frameworks as ``turtle`` or ``json-ld`` (with an inline context: no fetch)."""
    graph = to_graph(frameworks, prefixes)
    if fmt == "json-ld":
        context = {p: str(ns) for p, ns in graph.namespaces()}
        return str(graph.serialize(format="json-ld", context=context, auto_compact=True))
    return str(graph.serialize(format=fmt))
